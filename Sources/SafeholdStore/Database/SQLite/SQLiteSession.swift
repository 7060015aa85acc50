import CoreMetrics
import Dispatch
import Logging
import NIOCore
import NIOPosix
import SQLKit
import SQLiteKit
import VaporCSQLite

/// The store's statements on one pooled SQLite connection, through SQLKit's `SQLDatabase`.
///
/// Where a statement runs: a read starts on the calling task's own thread, which saves the two thread hops a
/// statement would otherwise cost (a one-row read takes microseconds; the hops cost more than it). A read still
/// running after `inlineBudget` is stopped and run again on the database's threads, so a long read (the census,
/// a whole-authority report) never holds up the threads that serve requests. An insert also runs in place (the
/// audit entry every read writes). Everything else, and above all `BEGIN IMMEDIATE` (which may wait for another
/// process's lock) and `COMMIT` (which waits for the disk), runs on the database's threads.
public struct SQLiteSession: SQLDatabase {
    /// How long a read may run on the caller's thread before it moves to the database's threads.
    static let inlineBudgetNanoseconds: UInt64 = 2_000_000

    let connection: SQLiteConnectionItem
    /// Inside `Database.reading`: a statement that would write (or end the transaction) is refused.
    let readOnly: Bool
    public let logger: Logger
    /// Counts the reads moved to the database's threads, and every statement.
    private let readsMoved: Counter
    private let statements: Counter
    private let encoder = SQLiteDataEncoder()
    private let decoder = SQLiteDataDecoder()

    init(connection: SQLiteConnectionItem, readOnly: Bool = false, logger: Logger, metrics: StoreMetrics) {
        self.connection = connection
        self.readOnly = readOnly
        self.logger = logger
        self.readsMoved = metrics.readsMoved
        self.statements = metrics.statements
    }

    public var eventLoop: any EventLoop { connection.eventLoop }
    public var dialect: any SQLKit.SQLDialect { SQLiteDialect() }
    public var queryLogLevel: Logger.Level? { nil }

    public func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> Void) async throws {
        let (sql, rawBinds) = serialize(query)
        let binds = try rawBinds.map { try SQLiteValues.encode($0, with: encoder) }
        let rows = try await run(sql, binds)
        for index in 0..<rows.count { onRow(rows.row(index, decoder: decoder)) }
    }

    public func execute(
        sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> Void
    ) -> EventLoopFuture<Void> {
        eventLoop.makeFutureWithTask { try await self.execute(sql: query, onRow) }
    }

    /// Runs `sql` with values already in SQLite's form (a bulk load's rows), returning nothing.
    public func run(raw sql: String, _ binds: [SQLiteData]) async throws {
        _ = try await run(sql, binds)
    }

    /// Runs `body` in one read transaction on this connection (`Database.reading`). `BEGIN` (deferred) takes no
    /// lock and the `COMMIT` of a read writes nothing, so both run in place.
    func snapshot<T>(_ body: () async throws -> T) async throws -> T {
        let handle = connection.handle
        _ = try handle.run("BEGIN", [], deadline: 0)
        do {
            let result = try await body()
            _ = try handle.run("COMMIT", [], deadline: 0)
            return result
        } catch {
            if handle.inTransaction { _ = try? handle.run("ROLLBACK", [], deadline: 0) }
            throw error
        }
    }

    private func run(_ sql: String, _ binds: [SQLiteData]) async throws -> SQLiteRows {
        statements.increment()
        Self.log?.append(sql)
        let handle = connection.handle
        if readOnly, try Self.isTransactionControl(sql) || !handle.isReadOnly(sql) {
            throw SQLiteFailure(
                code: SQLITE_READONLY, message: "a statement that writes was run inside a read: \(sql.prefix(60))")
        }
        switch try Self.placement(of: sql, on: handle) {
        case .inPlace(let deadline):
            do {
                return try handle.run(sql, binds, deadline: deadline)
            } catch let failure as SQLiteFailure where failure.isInterrupt && deadline != 0 {
                readsMoved.increment()
                return try await connection.threads.runIfActive { try handle.run(sql, binds, deadline: 0) }
            }
        case .onThreads:
            return try await connection.threads.runIfActive { try handle.run(sql, binds, deadline: 0) }
        }
    }

    private enum Placement {
        /// On the caller's thread; a read stops at `deadline` (0: an insert, which never stops).
        case inPlace(deadline: UInt64)
        case onThreads
    }

    private static func placement(of sql: String, on handle: SQLiteHandle) throws -> Placement {
        // Transaction control reads as "read-only" to SQLite, but BEGIN IMMEDIATE waits for the write lock and
        // COMMIT for the disk.
        if isTransactionControl(sql) || startsWithAny(sql, ["PRAGMA", "VACUUM", "ANALYZE"]) { return .onThreads }
        if try handle.isReadOnly(sql) {
            return .inPlace(deadline: DispatchTime.now().uptimeNanoseconds + inlineBudgetNanoseconds)
        }
        return startsWithAny(sql, ["INSERT"]) ? .inPlace(deadline: 0) : .onThreads
    }

    private static func isTransactionControl(_ sql: String) -> Bool {
        startsWithAny(sql, ["BEGIN", "COMMIT", "END", "ROLLBACK", "SAVEPOINT", "RELEASE"])
    }

    private static func startsWithAny(_ sql: String, _ words: [String]) -> Bool {
        let head = sql.utf8.drop { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\n") }.prefix(9)
        return words.contains { word in
            head.count >= word.utf8.count
                && zip(head, word.utf8).allSatisfy { $0 & 0xDF == $1 }
        }
    }
}
