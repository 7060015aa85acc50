import Foundation
import SafeholdCore

/// What a form shows when it first opens or comes back refused: the values as typed (or as stored),
/// the ticked boxes, and each problem with its field's label. Every form page carries one as `form`;
/// the `errors` partial prints its problems and the `option` partial its choices.
struct FormState {
    let values: [String: String]
    let flags: [String: Bool]
    let errors: [ErrorLine]
    let hasErrors: Bool

    /// A submitted form (or none yet) and its problems; `defaults` fill fields the form does not have; `labels`
    /// name this form's fields where they differ from the common labels.
    init(
        _ form: FormData?, errors: [FieldError] = [], defaults: [String: String] = [:], labels: [String: String] = [:]
    ) {
        var values = form?.values.compactMapValues(\.first) ?? [:]
        for (key, value) in defaults where values[key] == nil { values[key] = value }
        var flags: [String: Bool] = [:]
        if let form { for key in form.values.keys { flags[key] = form.flag(key) } }
        self.init(values: values, flags: flags, errors: errors, labels: labels)
    }

    /// Stored values (an edit form's first view) or values already worked out.
    init(
        values: [String: String], flags: [String: Bool] = [:], errors: [FieldError] = [],
        labels: [String: String] = [:]
    ) {
        self.values = values
        self.flags = flags
        let label = { (field: String) in labels[field] ?? fieldLabels[field] ?? field }
        self.errors = errors.map { ErrorLine(field: $0.field, label: label($0.field), message: $0.message) }
        hasErrors = !errors.isEmpty
    }

    /// The choices of a code set, the one the form holds for `field` selected.
    func options<T: RawRepresentable & CaseIterable>(
        _ field: String, _ type: T.Type,
        label: (T) -> String
    ) -> [Option] where T.RawValue == String {
        Option.list(T.allCases.map { ($0.rawValue, label($0)) }, selected: values[field].map { [$0] } ?? [])
    }
}

/// A form that was sent and refused: which of a page's forms it was, what it held and what was wrong.
struct RefusedForm {
    let name: String
    let form: FormData
    let errors: [FieldError]
}

/// One of several forms on a page with the state it shows; the template opens it as a section, so the `errors`
/// partial and `form.values.x` inside it read this form's: `{{#orderForm}}{{> errors}}...{{/orderForm}}`.
struct FormSlot {
    let form: FormState

    /// The slot of the form named `name`: the refused form's values and problems when it is this one, else
    /// `defaults`.
    init(_ name: String, refused: RefusedForm?, defaults: [String: String] = [:], labels: [String: String] = [:]) {
        form =
            refused?.name == name
            ? FormState(refused?.form, errors: refused?.errors ?? [], labels: labels)
            : FormState(values: defaults, labels: labels)
    }

    /// The form's value of `field` ("" when it has none).
    func value(_ field: String) -> String { form.values[field] ?? "" }
}

/// One choice in a select or a set of check boxes; the `option` partial prints a select's.
struct Option {
    let value: String
    let label: String
    let selected: Bool

    /// Choices from (value, label) pairs, those in `selected` marked.
    static func list(_ choices: [(String, String)], selected: Set<String>) -> [Option] {
        choices.map { Option(value: $0.0, label: $0.1, selected: selected.contains($0.0)) }
    }
}

/// A problem with one field, with the label the form shows for it.
struct ErrorLine { let field: String; let label: String; let message: String }
