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

    /// A submitted form (or none yet) and its problems; `defaults` fill fields the form does not have.
    init(_ form: FormData?, errors: [FieldError] = [], defaults: [String: String] = [:]) {
        var values = form?.values.compactMapValues(\.first) ?? [:]
        for (key, value) in defaults where values[key] == nil { values[key] = value }
        var flags: [String: Bool] = [:]
        if let form { for key in form.values.keys { flags[key] = form.flag(key) } }
        self.init(values: values, flags: flags, errors: errors)
    }

    /// Stored values (an edit form's first view) or values already worked out.
    init(values: [String: String], flags: [String: Bool] = [:], errors: [FieldError] = []) {
        self.values = values
        self.flags = flags
        self.errors = errors.map {
            ErrorLine(field: $0.field, label: fieldLabels[$0.field] ?? $0.field, message: $0.message)
        }
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
