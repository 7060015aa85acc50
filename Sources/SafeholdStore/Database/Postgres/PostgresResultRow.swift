import PostgresKit
import SQLKit

/// A row of a named statement (`PostgresSession`) for SQLKit. Text, whole numbers and flags, and optionals of them
/// (nearly every column the store reads), are decoded by their cells directly; any other type goes to PostgresKit's
/// row, which decodes it as before. PostgresKit reaches the same cell decoder for these types, but first builds a
/// coding path from the column's name and index for every column of every row: a tenth of an audited read's time
/// on PostgreSQL.
struct PostgresResultRow: SQLRow {
    let row: PostgresRow
    let cells: PostgresRandomAccessRow

    init(_ row: PostgresRow) {
        self.row = row
        self.cells = row.makeRandomAccess()
    }

    /// A column the statement did not return.
    struct MissingColumn: Error, CustomStringConvertible {
        let column: String
        var description: String { "the row has no column '\(column)'" }
    }

    var allColumns: [String] { cells.map(\.columnName) }

    func contains(column: String) -> Bool { cells.contains(column) }

    func decodeNil(column: String) throws -> Bool { !cells.contains(column) || cells[column].bytes == nil }

    func decode<T: Decodable>(column: String, as type: T.Type) throws -> T {
        guard cells.contains(column) else { throw MissingColumn(column: column) }
        let cell = cells[column]
        // A user-defined type read as text is PostgresKit's to reinterpret (its workaround for Fluent's enums).
        switch type {
        case is String.Type where !cell.dataType.isUserDefined: return try cell.decode(String.self) as! T
        case is String?.Type where !cell.dataType.isUserDefined: return try cell.decode(String?.self) as! T
        case is Int.Type: return try cell.decode(Int.self) as! T
        case is Int?.Type: return try cell.decode(Int?.self) as! T
        case is Bool.Type: return try cell.decode(Bool.self) as! T
        case is Bool?.Type: return try cell.decode(Bool?.self) as! T
        default: return try row.sql(decodingContext: .default).decode(column: column, as: type)
        }
    }
}
