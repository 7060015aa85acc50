@preconcurrency import AsyncKit
import CoreMetrics
import Foundation
import Logging
import NIOCore
import NIOPosix
import PostgresKit
import SQLKit
import SQLiteKit
import SafeholdCore
import Synchronization

/// Where the data lives: an embedded SQLite file, or a PostgreSQL server.
public enum DatabaseLocation: Sendable, Equatable {
    case sqlite(path: String)
    /// A `postgres://` URL; `schema` confines every connection to one schema (tests use a fresh one each).
    case postgres(url: String, schema: String? = nil, poolSize: Int = 4)
}

/// The SQL dialect, for the few statements that differ between the two databases.
public enum SQLDialect: Sendable {
    case sqlite, postgres
}

/// A pool of connections to one database, with transactions that hold one connection from begin to commit.
public final class Database: Sendable {
    /// The pools lock internally; AsyncKit predates Sendable annotations.
    private enum Pool: @unchecked Sendable {
        case sqlite(SQLitePool)
        case postgres(EventLoopGroupConnectionPool<PostgresConnectionSource>)
    }

    public let dialect: SQLDialect
    private let pool: Pool
    private let threadPool: NIOThreadPool?
    private let eventLoopGroup: any EventLoopGroup
    /// SQLite has one writer: writes queue here rather than spin on the file lock.
    private let writeGate = AsyncGate()
    /// `exclusively` on SQLite.
    private let exclusiveGate = AsyncGate()
    /// Connections handed out and not yet given back, so `shutdown` can wait for them before it stops the
    /// threads that close them.
    private let inUse = Mutex(0)
    let logger: Logger
    /// The statements run as named prepared statements on PostgreSQL (`PostgresSession`).
    private let statementNames = PostgresStatementNames()
    /// The pool's use and the audit log's appends, measured (`StoreMetrics`).
    public let metrics: StoreMetrics

    /// Opens a pool; for SQLite, creates the file (and its folder) when missing. `metrics` reports the pool's
    /// use and the audit appends to a metrics back end (none by default). On PostgreSQL, `applicationName` names
    /// the pool's connections in `pg_stat_activity` (the reads pool is told apart so).
    public init(
        _ location: DatabaseLocation, logger: Logger = Logger(label: "safehold.db"),
        eventLoopGroup: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton,
        metrics: StoreMetrics = StoreMetrics(), applicationName: String? = nil
    ) throws {
        self.logger = logger
        self.metrics = metrics
        self.eventLoopGroup = eventLoopGroup
        // The pool says so each time it cannot open a connection: once per 5 s is enough to read.
        let poolLogger = Logger(label: logger.label) { _ in ThrottledLogHandler(wrapping: logger.handler) }
        let loops = Array(eventLoopGroup.makeIterator()).count
        switch location {
        case .sqlite(let path):
            let url = URL(fileURLWithPath: path)
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            // SQLite's statements run on these threads: one per core and one more, so that a commit waiting on the
            // disk does not hold up reads. More only switch between each other: 8 threads on 2 cores served an
            // audited read 15-19% slower than 3 (wrk, 2 threads x 32 connections, two runs each).
            let threads = NIOThreadPool(numberOfThreads: System.coreCount + 1)
            threads.start()
            threadPool = threads
            dialect = .sqlite
            pool = .sqlite(
                SQLitePool(
                    source: SQLiteSource(path: url.path, threadPool: threads), maxConnections: 4 * loops,
                    eventLoopGroup: eventLoopGroup, logger: poolLogger))
            metrics.connectionsMax.set(Double(4 * loops))
        case .postgres(let url, let schema, let poolSize):
            var config = try SQLPostgresConfiguration(url: url)
            if let schema { config.searchPath = [schema] }
            // PostgreSQL compiles a statement it estimates dear (`jit_above_cost`) to machine code before running it.
            // The store's statements are short reads whose estimates count every correlated access check: a team's
            // due steps spent 37 ms compiling to run in 3 (100,000 children), at every execution.
            var startup = [("jit", "off")]
            if let applicationName { startup.append(("application_name", applicationName)) }
            config.coreConfiguration.options.additionalStartupParameters = startup
            threadPool = nil
            dialect = .postgres
            pool = .postgres(
                EventLoopGroupConnectionPool(
                    source: PostgresConnectionSource(sqlConfiguration: config),
                    maxConnectionsPerEventLoop: max(1, poolSize), logger: poolLogger, on: eventLoopGroup))
            metrics.connectionsMax.set(Double(max(1, poolSize) * loops))
        }
    }

    /// Runs `body` on one pooled connection, outside any transaction (reads). A connection that breaks under
    /// it is a 503 (`DatabaseUnavailable`), not a 500.
    public func withConnection<T: Sendable>(_ body: (any SQLDatabase) async throws -> T) async throws -> T {
        try await connected(reading: false, body)
    }

    /// Runs `body` as one read on one pooled connection. On SQLite its statements share one read transaction: they
    /// see one snapshot of the data, which is started and ended once rather than around every statement (and after
    /// any other connection's write, starting one empties the connection's page cache), and a statement that would
    /// write is refused. On PostgreSQL it is `withConnection`.
    public func reading<T: Sendable>(_ body: (any SQLDatabase) async throws -> T) async throws -> T {
        try await connected(reading: true, body)
    }

    private func connected<T: Sendable>(
        reading: Bool, _ body: (any SQLDatabase) async throws -> T
    ) async throws -> T {
        do {
            switch pool {
            case .sqlite(let pool):
                let connection = try await measuredAcquire { try await pool.acquire() }
                defer { release { pool.release(connection) } }
                let session = SQLiteSession(
                    connection: connection, readOnly: reading, logger: logger, metrics: metrics)
                guard reading else { return try await body(session) }
                return try await session.snapshot { try await body(session) }
            case .postgres(let pool):
                let connection = try await measuredAcquire { try await pool.requestConnection().get() }
                defer { release { pool.releaseConnection(connection) } }
                return try await body(
                    PostgresSession(connection: connection, names: statementNames, statements: metrics.statements))
            }
        } catch {
            throw DatabaseUnavailable.mapUsing(error)
        }
    }

    /// Waits for a pooled connection, counted as waiting until it comes and in use from then on. A database
    /// that gives none (it refuses, or every connection stays busy for the pool's 10 s) is a 503 that says
    /// nothing was changed, which is true: no statement has run (`DatabaseUnavailable`).
    private func measuredAcquire<C>(_ request: () async throws -> C) async throws -> C {
        let start = StoreMetrics.now()
        metrics.connectionsWaiting.increment()
        defer {
            metrics.connectionsWaiting.decrement()
            StoreMetrics.record(metrics.acquire, since: start)
        }
        let connection: C
        do {
            connection = try await request()
        } catch {
            throw DatabaseUnavailable.mapAcquiring(error)
        }
        metrics.connectionsInUse.increment()
        inUse.withLock { $0 += 1 }
        return connection
    }

    private func release(_ give: () -> Void) {
        give()
        metrics.connectionsInUse.decrement()
        inUse.withLock { $0 -= 1 }
    }

    /// Answers when the database does: one `SELECT 1` on a pooled connection (the readiness probe).
    public func ping() async throws {
        try await withConnection { db in _ = try await db.raw("SELECT 1 AS one").first() }
    }

    /// Runs `body` in one transaction: all of it commits, or none of it does.
    public func transaction<T: Sendable>(_ body: (any SQLDatabase) async throws -> T) async throws -> T {
        if dialect == .sqlite {
            let start = StoreMetrics.now()
            return try await writeGate.withLock {
                StoreMetrics.record(self.metrics.writeLockWait, since: start)
                return try await self.runTransaction(begin: "BEGIN IMMEDIATE", body)
            }
        }
        return try await runTransaction(begin: "BEGIN", body)
    }

    /// Runs `body` in one transaction sized for a bulk load. On SQLite the connection holds the whole transaction's
    /// changes in its page cache (512 MiB rather than 32) instead of spilling them to the log part-way, and keeps each
    /// statement's journal (the pages a multi-row insert changed, kept so a refused row undoes only its statement) in
    /// memory rather than a temporary file; the settings are put back on the connection after the commit. (Leaving
    /// the log to grow to 1 GiB between checkpoints as well made loading histories 14% slower: every page read then
    /// searches a much larger log index.) On PostgreSQL it is `transaction`.
    public func bulkTransaction<T: Sendable>(_ body: (any SQLDatabase) async throws -> T) async throws -> T {
        guard dialect == .sqlite else { return try await transaction(body) }
        let start = StoreMetrics.now()
        return try await writeGate.withLock {
            StoreMetrics.record(self.metrics.writeLockWait, since: start)
            return try await self.runTransaction(
                begin: "BEGIN IMMEDIATE", settings: ["PRAGMA cache_size = -524288", "PRAGMA temp_store = MEMORY"],
                restoring: [SQLiteSource.cacheSize, "PRAGMA temp_store = DEFAULT"], body)
        }
    }

    private func runTransaction<T: Sendable>(
        begin: String, settings: [String] = [], restoring: [String] = [], _ body: (any SQLDatabase) async throws -> T
    ) async throws -> T {
        try await withConnection { db in
            for setting in settings { try await db.raw(SQLQueryString(setting)).run() }
            do {
                try await db.raw(SQLQueryString(begin)).run()
                let result: T
                do {
                    result = try await body(db)
                    try await db.raw("COMMIT").run()
                } catch {
                    // On a connection the server has ended there is nothing to roll back (the server did), and
                    // PostgresNIO never answers a statement sent after that: the request would wait for ever.
                    if !DatabaseUnavailable.isConnectionFailure(error) { try? await db.raw("ROLLBACK").run() }
                    throw WriteConflict.map(error)
                }
                for setting in restoring { try await db.raw(SQLQueryString(setting)).run() }
                return result
            } catch {
                for setting in restoring { try? await db.raw(SQLQueryString(setting)).run() }
                throw error
            }
        }
    }

    /// Runs `body` while holding the lock `key`: on PostgreSQL a session advisory lock, so one holder at a
    /// time across every pool and server process on the database (the lock is held on one pooled
    /// connection while `body` uses others); on SQLite one holder at a time in this pool.
    public func exclusively<T: Sendable>(lock key: Int, _ body: () async throws -> T) async throws -> T {
        guard dialect == .postgres else { return try await exclusiveGate.withLock(body) }
        return try await withConnection { db in
            try await db.raw("SELECT pg_advisory_lock(\(literal: key))").run()
            do {
                let result = try await body()
                try await db.raw("SELECT pg_advisory_unlock(\(literal: key))").run()
                return result
            } catch {
                try? await db.raw("SELECT pg_advisory_unlock(\(literal: key))").run()
                throw error
            }
        }
    }

    /// Closes every connection. Connections still in use (a background write finishing) are closed as they come
    /// back; on SQLite their closing runs on this database's threads, so those stop only after it (waiting at
    /// most 10 s): a connection given back after them would be left open.
    public func shutdown() async {
        switch pool {
        case .sqlite(let pool): await pool.shutdown()
        case .postgres(let pool): try? await pool.shutdownAsync()
        }
        guard let threadPool else { return }
        let deadline = ContinuousClock.now + .seconds(10)
        var waited = false
        while inUse.withLock({ $0 }) > 0 && ContinuousClock.now < deadline {
            waited = true
            try? await Task.sleep(for: .milliseconds(10))
        }
        if waited { logger.debug("waited for connections still in use before closing the database") }
        // A connection given back is closed one event-loop hop later, and the closing runs on these threads:
        // let the hops run, then the closing they queued (work still queued when the threads stop is dropped,
        // and a connection dropped open leaks its file).
        for loop in eventLoopGroup.makeIterator() { try? await loop.submit {}.get() }
        try? await threadPool.runIfActive {}
        try? await Task.sleep(for: .milliseconds(20))
        try? await threadPool.shutdownGracefully()
    }
}

extension Database {
    /// Creates a PostgreSQL schema (for a benchmark or test that wants a database of its own).
    public func createSchema(_ name: String) async throws {
        try Self.checkSchemaName(name)
        try await withConnection { db in try await db.raw("CREATE SCHEMA \(ident: name)").run() }
    }

    /// Drops a PostgreSQL schema and everything in it.
    public func dropSchema(_ name: String) async throws {
        try Self.checkSchemaName(name)
        try await withConnection { db in try await db.raw("DROP SCHEMA \(ident: name) CASCADE").run() }
    }

    private static func checkSchemaName(_ name: String) throws {
        guard !name.isEmpty, name.count < 60,
            name.allSatisfy({ $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "_") })
        else {
            throw StoreError.migration("'\(name)' is not a schema name this tool creates")
        }
    }
}
