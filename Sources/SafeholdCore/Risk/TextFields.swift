import Foundation

/// A form's or a JSON body's values as text, read into Core values in one place so that the pages and
/// the API refuse the same input with the same field errors (links to children and disclosure-scheme
/// applications). Unreadable or missing values are collected; each draft's own `validated` checks the rest.
public struct TextFields: Sendable {
    public var values: [String: String]

    public init(_ values: [String: String?]) {
        self.values = values.compactMapValues { $0 }
    }

    /// The value as given (untrimmed), or nil.
    public subscript(_ field: String) -> String? { values[field] }

    /// The trimmed value, nil when blank.
    public func given(_ field: String) -> String? {
        let text = values[field]?.trimmingCharacters(in: .whitespaces) ?? ""
        return text.isEmpty ? nil : text
    }

    /// An id: required or optional, and a well-formed id when given.
    public func uuid(_ field: String, required: Bool = true, into v: inout Validation) -> UUID? {
        guard let text = given(field) else {
            if required { v.add(field, "is required") }
            return nil
        }
        guard let id = UUID(uuidString: text) else {
            v.add(field, "is not an id of a record")
            return nil
        }
        return id
    }

    /// A code from `T`'s list; required unless `required` is false.
    public func choice<T: RawRepresentable & CaseIterable>(
        _ field: String, _ type: T.Type, required: Bool = true, into v: inout Validation
    ) -> T? where T.RawValue == String {
        guard let text = given(field) else {
            if required { v.add(field, "is required") }
            return nil
        }
        guard let value = T(rawValue: text) else {
            v.add(field, "must be one of \(T.allCases.map(\.rawValue).joined(separator: ", "))")
            return nil
        }
        return value
    }

    /// A date (`YYYY-MM-DD`), `fallback` when blank (nil fallback: required).
    public func date(_ field: String, fallback: LocalDate? = nil, into v: inout Validation) -> LocalDate? {
        if given(field) == nil, let fallback { return fallback }
        return v.isoDate(field, given(field))
    }

    /// A record version sent back by a form or a caller.
    public func version(into v: inout Validation) -> Int? {
        guard let version = Int(given("version") ?? ""), version >= 1 else {
            v.add("version", "is not a version of this record: reload the page")
            return nil
        }
        return version
    }
}
