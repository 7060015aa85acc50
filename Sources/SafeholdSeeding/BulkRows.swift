import Foundation
import SQLKit
import SQLiteKit
import SafeholdCore
import SafeholdStore

/// Rows for one table, kept as one flat list of values (row after row) so that a batch of thousands of rows
/// costs one allocation per table rather than one per row. Values are held as `SQLiteData` (text, integer or
/// null), which SQLite takes as they are and PostgreSQL through their `Encodable` form.
struct BulkRows: Sendable {
    let table: String
    let columns: [String]
    private(set) var values: [SQLiteData] = []

    init(_ table: String, _ columns: [String]) {
        self.table = table
        self.columns = columns
    }

    var count: Int { values.count / columns.count }

    /// Appends one row; its values must follow `columns`.
    mutating func append(_ row: any BulkValue...) {
        precondition(row.count == columns.count, "a row for \(table) has \(row.count) values, not \(columns.count)")
        for value in row { values.append(value.bulkValue) }
    }

    /// Replaces one value already appended (a number only known at write time, such as a person's local id).
    mutating func set(row: Int, column: Int, _ value: some BulkValue) {
        values[row * columns.count + column] = value.bulkValue
    }

    /// Writes the rows as multi-row INSERTs, each under both databases' limits on bound values. On SQLite the
    /// statements go straight to the store's SQLite session with their values as they are (on
    /// PostgreSQL, they go through SQLKit), so no value is converted on the way.
    func insert(on db: any SQLDatabase) async throws {
        guard !values.isEmpty else { return }
        let perChunk = max(1, 30_000 / columns.count)
        let session = db as? SQLiteSession
        for start in stride(from: 0, to: count, by: perChunk) {
            let end = min(start + perChunk, count)
            let slice = values[(start * columns.count)..<(end * columns.count)]
            if let session {
                try await session.run(raw: sqliteStatement(rows: end - start), Array(slice))
            } else {
                try await db.execute(sql: BulkInsert(rows: self, values: slice, rowCount: end - start)) { _ in }
            }
        }
    }

    /// `INSERT INTO table (columns) VALUES (?, ...), ...` for `rows` rows.
    private func sqliteStatement(rows: Int) -> String {
        let row = "(" + String(repeating: "?, ", count: columns.count - 1) + "?)"
        var sql = "INSERT INTO \(table) (\(columns.joined(separator: ", "))) VALUES "
        sql.reserveCapacity(sql.utf8.count + rows * (row.utf8.count + 2))
        for i in 0..<rows {
            if i > 0 { sql += ", " }
            sql += row
        }
        return sql
    }
}

/// A value a bulk row holds: text, an integer, or null.
protocol BulkValue {
    var bulkValue: SQLiteData { get }
}

extension String: BulkValue {
    var bulkValue: SQLiteData { .text(self) }
}

extension Int: BulkValue {
    var bulkValue: SQLiteData { .integer(self) }
}

extension Optional: BulkValue where Wrapped: BulkValue {
    var bulkValue: SQLiteData { self?.bulkValue ?? .null }
}

/// One multi-row INSERT through SQLKit (PostgreSQL), written straight into the serializer: the statement text is
/// built once for all of its rows and the values are handed over as they are.
private struct BulkInsert: SQLExpression {
    let rows: BulkRows
    let values: ArraySlice<SQLiteData>
    let rowCount: Int

    func serialize(to serializer: inout SQLSerializer) {
        var sql = "INSERT INTO \(rows.table) (\(rows.columns.joined(separator: ", "))) VALUES "
        var n = serializer.binds.count
        for i in 0..<rowCount {
            sql += i > 0 ? ", (" : "("
            for c in 0..<rows.columns.count {
                n += 1
                sql += c > 0 ? ", $\(n)" : "$\(n)"
            }
            sql += ")"
        }
        serializer.write(sql)
        serializer.binds.append(contentsOf: values.map { $0 as any Encodable & Sendable })
    }
}

/// Time-ordered ids (UUID version 7) for a bulk load, made without a system call each: the millisecond of the
/// load, then a counter, then bits from a generator seeded once from the system. Rows loaded together sort
/// together and after everything written before, as the store's own ids do. Under another generator (tests
/// inject counting ids) the store's own is used, so ids stay as predictable as the test made them.
public struct BulkIds: Sendable {
    private let fallback: (any IdGenerator)?
    private var ms: UInt64
    private var counter: UInt64 = 0
    private var random: SeededRandom

    /// Ids from `ids` unless it is the store's time-ordered generator, which this replaces with the same order.
    public init(replacing ids: any IdGenerator, now: Date) {
        fallback = ids is TimeOrderedIdGenerator ? nil : ids
        ms = UInt64(max(0, now.timeIntervalSince1970 * 1000))
        var system = SystemRandomNumberGenerator()
        random = SeededRandom(seed: system.next())
    }

    /// Time-ordered ids starting at `now`, whatever the store uses (synthetic data made before it is loaded).
    public init(now: Date) {
        self.init(replacing: TimeOrderedIdGenerator(), now: now)
    }

    public mutating func next() -> UUID {
        if let fallback { return fallback.next() }
        counter += 1
        if counter >= 1 << 42 {
            counter = 0
            ms += 1
        }
        let high = (counter >> 30) & 0xFFF, low = counter & 0x3FFF_FFFF
        let r = random.next()
        let a = (ms << 16) | 0x7000 | high
        let b = (0b10 << 62) | (low << 32) | (r & 0xFFFF_FFFF)
        return UUID(
            uuid: (
                UInt8(a >> 56), UInt8((a >> 48) & 0xFF), UInt8((a >> 40) & 0xFF), UInt8((a >> 32) & 0xFF),
                UInt8((a >> 24) & 0xFF), UInt8((a >> 16) & 0xFF), UInt8((a >> 8) & 0xFF), UInt8(a & 0xFF),
                UInt8(b >> 56), UInt8((b >> 48) & 0xFF), UInt8((b >> 40) & 0xFF), UInt8((b >> 32) & 0xFF),
                UInt8((b >> 24) & 0xFF), UInt8((b >> 16) & 0xFF), UInt8((b >> 8) & 0xFF), UInt8(b & 0xFF)
            ))
    }
}
