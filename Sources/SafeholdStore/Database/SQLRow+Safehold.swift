import Foundation
import SQLKit
import SafeholdCore

extension SQLRow {
    func string(_ column: String) throws -> String { try decode(column: column, as: String.self) }
    func optionalString(_ column: String) throws -> String? { try decode(column: column, as: String?.self) }
    func int(_ column: String) throws -> Int { try decode(column: column, as: Int.self) }
    func optionalInt(_ column: String) throws -> Int? { try decode(column: column, as: Int?.self) }
    /// Flags are stored as 0/1 integers on both databases.
    func flag(_ column: String) throws -> Bool { try decode(column: column, as: Int.self) != 0 }

    func uuid(_ column: String) throws -> UUID {
        let text = try string(column)
        guard let id = UUID.canonical(text) else { throw StoreError.corrupt("\(column) holds '\(text)', not an id") }
        return id
    }

    func optionalUUID(_ column: String) throws -> UUID? {
        guard let text = try optionalString(column) else { return nil }
        guard let id = UUID.canonical(text) else { throw StoreError.corrupt("\(column) holds '\(text)', not an id") }
        return id
    }

    /// A stored code (an enum's raw value): an unknown code is corruption, never a default.
    func code<T: RawRepresentable>(_ column: String, as type: T.Type = T.self) throws -> T where T.RawValue == String {
        let text = try string(column)
        guard let value = T(rawValue: text) else {
            throw StoreError.corrupt("\(column) holds '\(text)', not a \(T.self)")
        }
        return value
    }

    /// A stored JSON document: one that no longer decodes is corruption, never a default or a bare decoding error.
    func json<T: Decodable>(
        _ column: String, as type: T.Type = T.self, decoder: JSONDecoder = JSONDecoder()
    ) throws -> T {
        do {
            return try decoder.decode(T.self, from: Data(try string(column).utf8))
        } catch let error as DecodingError {
            throw StoreError.corrupt("\(column) holds JSON that is not a \(T.self): \(error)")
        }
    }

    /// A stored JSON document read by a type's own reading of its stored text (`EpisodeStep.stored`,
    /// `PersonDetails.stored`), which falls back to `decoder`: one that no longer decodes is corruption.
    func stored<T>(
        _ column: String, _ read: (String, JSONDecoder) throws -> T, decoder: JSONDecoder = JSONDecoder()
    ) throws -> T {
        do {
            return try read(try string(column), decoder)
        } catch let error as DecodingError {
            throw StoreError.corrupt("\(column) holds JSON that is not a \(T.self): \(error)")
        }
    }

    /// A stored episode step (`EpisodeStep.stored`).
    func step(_ column: String = "payload", decoder: JSONDecoder = JSONDecoder()) throws -> EpisodeStep {
        try stored(column, EpisodeStep.stored, decoder: decoder)
    }

    /// A stored code that may be NULL; anything else unknown is corruption.
    func optionalCode<T: RawRepresentable>(_ column: String, as type: T.Type = T.self) throws -> T?
    where T.RawValue == String {
        guard try optionalString(column) != nil else { return nil }
        return try code(column, as: T.self)
    }

    /// A calendar date stored as YYYY-MM-DD.
    func date(_ column: String) throws -> LocalDate {
        let text = try string(column)
        guard let date = LocalDate(iso: text) else { throw StoreError.corrupt("\(column) holds '\(text)', not a date") }
        return date
    }

    func optionalDate(_ column: String) throws -> LocalDate? {
        guard try optionalString(column) != nil else { return nil }
        return try date(column)
    }

    func timestamp(_ column: String) throws -> Date {
        let text = try string(column)
        guard let date = Timestamp.date(text) else { throw StoreError.corrupt("\(column) holds '\(text)', not a time") }
        return date
    }

    func optionalTimestamp(_ column: String) throws -> Date? {
        guard try optionalString(column) != nil else { return nil }
        return try timestamp(column)
    }
}

/// Faults in the database itself, as opposed to refusals of the domain.
public enum StoreError: Error, CustomStringConvertible {
    case corrupt(String)
    case migration(String)

    public var description: String {
        switch self {
        case .corrupt(let m): "stored data is not readable: \(m)"
        case .migration(let m): "migration failed: \(m)"
        }
    }
}

extension UUID {
    /// How ids are stored: upper-case text on both databases.
    package var db: String { text }
}

extension Bool {
    package var db: Int { self ? 1 : 0 }
}
