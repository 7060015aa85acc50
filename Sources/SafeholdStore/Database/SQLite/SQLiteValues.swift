import SQLKit
import SQLiteKit

/// Text, whole numbers and optionals of them, nearly every value the store binds or reads, converted to and from
/// SQLite's values directly. SQLiteKit converts them to the same values, but first asks whether the type conforms
/// to `SQLiteDataConvertible` (a protocol conformance lookup for every value), and wraps an optional in a coder
/// object of its own: an audit entry alone binds fourteen values, seven of them optional, and a caseload reads
/// hundreds of rows. Any other type goes to SQLiteKit's coders as before.
enum SQLiteValues {
    /// `value` as SQLiteKit's encoder gives it.
    static func encode(_ value: any Encodable, with encoder: SQLiteDataEncoder) throws -> SQLiteData {
        switch value {
        case let text as String: .text(text)
        case let number as Int: .integer(number)
        // A nil of any optional type casts to `String?` as nil; SQLiteKit writes every nil as NULL.
        case let text as String?: text.map { .text($0) } ?? .null
        case let number as Int?: number.map { .integer($0) } ?? .null
        default: try encoder.encode(value)
        }
    }

    /// `data` as `type`, as SQLiteKit's decoder reads it, for text, whole numbers and their optionals; nil for any
    /// other type (the caller hands it to the decoder).
    static func decode<T>(_ type: T.Type, from data: SQLiteData) throws -> T? {
        // Each `unsafeBitCast` is to the very type just compared with `T`. The types are compared by identity with
        // ones found once: naming `String?` here would look its metadata up for every column read.
        let id = ObjectIdentifier(type)
        if id == Self.string { return unsafeBitCast(try text(data, as: type), to: T.self) }
        if id == Self.int { return unsafeBitCast(try integer(data, as: type), to: T.self) }
        if id == Self.optionalString {
            return unsafeBitCast(data == .null ? String?.none : try text(data, as: type), to: T.self)
        }
        if id == Self.optionalInt {
            return unsafeBitCast(data == .null ? Int?.none : try integer(data, as: type), to: T.self)
        }
        return nil
    }

    private static let string = ObjectIdentifier(String.self), int = ObjectIdentifier(Int.self)
    private static let optionalString = ObjectIdentifier(String?.self), optionalInt = ObjectIdentifier(Int?.self)

    /// Text as `String(sqliteData:)` reads it: numbers as their digits, never a blob or NULL.
    private static func text<T>(_ data: SQLiteData, as type: T.Type) throws -> String {
        guard let text = data.string else { throw mismatch(type, data) }
        return text
    }

    /// A whole number as `Int(sqliteData:)` reads it: an integer only, never text.
    private static func integer<T>(_ data: SQLiteData, as type: T.Type) throws -> Int {
        guard case .integer(let number) = data else { throw mismatch(type, data) }
        return number
    }

    private static func mismatch<T>(_ type: T.Type, _ data: SQLiteData) -> DecodingError {
        .typeMismatch(
            T.self, .init(codingPath: [], debugDescription: "Could not convert SQLite data to \(T.self): \(data)."))
    }
}
