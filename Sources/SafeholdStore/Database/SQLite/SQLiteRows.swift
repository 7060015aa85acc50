import SQLKit
import SQLiteKit
import VaporCSQLite

/// The column names of one prepared statement, looked up by name once per statement rather than once per row.
final class SQLiteColumns: Sendable {
    let names: [String]
    private let offsets: [String: Int]

    static let empty = SQLiteColumns(names: [])

    private init(names: [String]) {
        self.names = names
        // The first of two columns with one name wins, as SQLite's own row lookup does.
        var offsets: [String: Int] = [:]
        for (offset, name) in names.enumerated() where offsets[name] == nil { offsets[name] = offset }
        self.offsets = offsets
    }

    convenience init(_ statement: OpaquePointer) throws {
        let count = sqlite_nio_sqlite3_column_count(statement)
        var names: [String] = []
        names.reserveCapacity(Int(count))
        for column in 0..<count {
            guard let name = sqlite_nio_sqlite3_column_name(statement, column) else {
                throw SQLiteFailure(code: SQLITE_NOMEM, message: "no memory for a column name")
            }
            names.append(String(cString: name))
        }
        self.init(names: names)
    }

    func offset(of name: String) -> Int? { offsets[name] }
}

/// What one statement returned: its columns, and the values of its rows one after another.
struct SQLiteRows: Sendable {
    let columns: SQLiteColumns
    let values: [SQLiteData]

    var count: Int { columns.names.isEmpty ? 0 : values.count / columns.names.count }

    /// Row `index` as SQLKit reads it.
    func row(_ index: Int, decoder: SQLiteDataDecoder) -> SQLiteResultRow {
        let width = columns.names.count
        return SQLiteResultRow(
            columns: columns, values: values[(index * width)..<((index + 1) * width)], decoder: decoder)
    }
}

/// One row, read by column name: values decode as SQLiteKit's decoder decodes them (`SQLiteValues`), so dates, ids
/// and flags read back exactly as they were written through SQLiteKit's encoder.
struct SQLiteResultRow: SQLRow {
    let columns: SQLiteColumns
    let values: ArraySlice<SQLiteData>
    let decoder: SQLiteDataDecoder

    var allColumns: [String] { columns.names }

    func contains(column: String) -> Bool { columns.offset(of: column) != nil }

    func decodeNil(column: String) throws -> Bool {
        guard let offset = columns.offset(of: column) else { return true }
        return values[values.startIndex + offset] == .null
    }

    func decode<D: Decodable>(column: String, as type: D.Type) throws -> D {
        guard let offset = columns.offset(of: column) else {
            throw DecodingError.keyNotFound(
                SQLiteColumnKey(stringValue: column),
                .init(codingPath: [], debugDescription: "the row has no column '\(column)'"))
        }
        let value = values[values.startIndex + offset]
        return try SQLiteValues.decode(D.self, from: value) ?? decoder.decode(D.self, from: value)
    }
}

private struct SQLiteColumnKey: CodingKey {
    let stringValue: String
    var intValue: Int? { nil }
    init(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
}
