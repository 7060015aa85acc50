import CoreMetrics
import Logging
import NIOCore
import PostgresKit
import SQLKit

/// The store's statements on one pooled PostgreSQL connection, through SQLKit's `SQLDatabase`: as PostgresKit
/// runs them, except that a statement run often runs as a named prepared statement (`PostgresStatementNames`),
/// so the server parses it once per connection and can keep its plan.
///
/// Only `SELECT`, `INSERT`, `UPDATE`, `DELETE` and `WITH` statements are named, and only when every value bound is
/// one PostgresNIO encodes itself (text, numbers, flags, nulls); anything else runs exactly as PostgresKit runs it.
struct PostgresSession: SQLDatabase {
    let connection: PostgresConnection
    let names: PostgresStatementNames
    /// Counts every statement (each a round trip).
    let statements: Counter
    /// PostgresKit's own `SQLDatabase` on the same connection, for what is not named.
    private let plain: any SQLDatabase

    init(connection: PostgresConnection, names: PostgresStatementNames, statements: Counter) {
        self.connection = connection
        self.names = names
        self.statements = statements
        self.plain = connection.sql(queryLogLevel: nil)
    }

    var logger: Logger { connection.logger }
    var eventLoop: any EventLoop { connection.eventLoop }
    var version: (any SQLDatabaseReportedVersion)? { nil }
    var dialect: any SQLKit.SQLDialect { PostgresDialect() }
    var queryLogLevel: Logger.Level? { nil }

    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> Void) async throws {
        statements.increment()
        let (sql, binds) = serialize(query)
        guard Self.mayName(sql), let (bindings, types) = try Self.bindings(binds) else {
            return try await plain.execute(sql: query, onRow)
        }
        let key = types.map { String($0.rawValue) }.joined(separator: ",") + ";" + sql
        guard let name = names.name(for: key) else {
            return try await plain.execute(sql: query, onRow)
        }
        let statement = NamedStatement(bindings: bindings)
        do {
            try await NamedStatement.$current.withValue(.init(name: name, sql: sql, types: types)) {
                for try await row in try await connection.execute(statement, logger: logger) {
                    onRow(PostgresResultRow(row))
                }
            }
        } catch {
            // A connection that broke takes its statements with it (a failover, say): the name stays good on the
            // others and on new connections. A refusal by the server may have left this name unusable here.
            if !DatabaseUnavailable.isConnectionFailure(error) { names.retire(key) }
            throw error
        }
    }

    func execute(
        sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> Void
    ) -> EventLoopFuture<Void> {
        eventLoop.makeFutureWithTask { try await self.execute(sql: query, onRow) }
    }

    /// Statements worth naming: those PostgreSQL plans (transaction control, locks and DDL are not planned).
    static func mayName(_ sql: String) -> Bool {
        var utf8 = sql.utf8.drop { $0 == 0x20 || $0 == 0x0A || $0 == 0x09 || $0 == 0x28 }
        var word: [UInt8] = []
        while let byte = utf8.first, byte >= 0x41, word.count < 6 {
            word.append(byte & 0xDF)
            utf8 = utf8.dropFirst()
        }
        switch String(decoding: word, as: UTF8.self) {
        case "SELECT", "INSERT", "UPDATE", "DELETE", "WITH": return true
        default: return false
        }
    }

    /// The values in PostgresNIO's binary form with their types, or nil when one of them is not a type PostgresNIO
    /// encodes itself (PostgresKit then turns it into JSON or an array: left to PostgresKit).
    static func bindings(_ binds: [any Encodable & Sendable]) throws -> (PostgresBindings, [PostgresDataType])? {
        var bindings = PostgresBindings(capacity: binds.count)
        var types: [PostgresDataType] = []
        types.reserveCapacity(binds.count)
        for bind in binds {
            if (bind as Any?).flatMap(Self.unwrapped) == nil {
                bindings.appendNull()
                types.append(.null)
            } else if let value = bind as? any PostgresThrowingDynamicTypeEncodable {
                try bindings.append(value, context: .default)
                types.append(value.psqlType)
            } else {
                return nil
            }
        }
        return (bindings, types)
    }

    /// `value` with any levels of `Optional` taken off, or nil when it holds none.
    private static func unwrapped(_ value: Any) -> Any? {
        guard let optional = value as? any OptionalValue else { return value }
        return optional.wrappedValue.flatMap(unwrapped)
    }
}

private protocol OptionalValue {
    var wrappedValue: Any? { get }
}

extension Optional: OptionalValue {
    fileprivate var wrappedValue: Any? { self.map { $0 as Any } }
}

/// A prepared statement whose name, text and parameter types are the running task's (`current`).
///
/// PostgresNIO takes these as static properties of a type, written for statements known when the program is
/// built. Its `execute` reads them once, synchronously, as it is called, and once more if the statement fails;
/// `PostgresSession` sets `current` around the whole call, in the same task, so every read sees this statement.
private struct NamedStatement: PostgresPreparedStatement {
    struct Text: Sendable {
        var name: String
        var sql: String
        var types: [PostgresDataType]
    }

    @TaskLocal static var current = Text(name: "", sql: "", types: [])

    typealias Row = PostgresRow

    static var name: String { current.name }
    static var sql: String { current.sql }
    static var bindingDataTypes: [PostgresDataType] { current.types }

    let bindings: PostgresBindings

    func makeBindings() throws -> PostgresBindings { bindings }
    func decodeRow(_ row: PostgresRow) throws -> PostgresRow { row }
}
