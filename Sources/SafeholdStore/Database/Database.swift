@preconcurrency import AsyncKit
import Foundation
import Logging
import NIOCore
import NIOPosix
import PostgresKit
import SQLKit
import SQLiteKit
import SafeholdCore

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
        case sqlite(EventLoopGroupConnectionPool<SQLiteSource>)
        case postgres(EventLoopGroupConnectionPool<PostgresConnectionSource>)
    }

    public let dialect: SQLDialect
    private let pool: Pool
    private let threadPool: NIOThreadPool?
    /// SQLite has one writer: writes queue here rather than spin on the file lock.
    private let writeGate = AsyncGate()
    let logger: Logger

    /// Opens a pool; for SQLite, creates the file (and its folder) when missing. On PostgreSQL,
    /// `applicationName` names the pool's connections in `pg_stat_activity` (the reads pool is told apart so).
    public init(
        _ location: DatabaseLocation, logger: Logger = Logger(label: "safehold.db"),
        eventLoopGroup: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton, applicationName: String? = nil
    ) throws {
        self.logger = logger
        switch location {
        case .sqlite(let path):
            let url = URL(fileURLWithPath: path)
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            let threads = NIOThreadPool(numberOfThreads: 8)
            threads.start()
            threadPool = threads
            dialect = .sqlite
            pool = .sqlite(
                EventLoopGroupConnectionPool(
                    source: SQLiteSource(path: url.path, threadPool: threads),
                    maxConnectionsPerEventLoop: 4, logger: logger, on: eventLoopGroup))
        case .postgres(let url, let schema, let poolSize):
            var config = try SQLPostgresConfiguration(url: url)
            if let schema { config.searchPath = [schema] }
            if let applicationName {
                config.coreConfiguration.options.additionalStartupParameters = [("application_name", applicationName)]
            }
            threadPool = nil
            dialect = .postgres
            pool = .postgres(
                EventLoopGroupConnectionPool(
                    source: PostgresConnectionSource(sqlConfiguration: config),
                    maxConnectionsPerEventLoop: max(1, poolSize), logger: logger, on: eventLoopGroup))
        }
    }

    /// Runs `body` on one pooled connection, outside any transaction (reads).
    public func withConnection<T: Sendable>(_ body: (any SQLDatabase) async throws -> T) async throws -> T {
        switch pool {
        case .sqlite(let pool):
            let connection = try await pool.requestConnection().get()
            defer { pool.releaseConnection(connection) }
            return try await body(connection.sql())
        case .postgres(let pool):
            let connection = try await pool.requestConnection().get()
            defer { pool.releaseConnection(connection) }
            return try await body(connection.sql())
        }
    }

    /// Runs `body` in one transaction: all of it commits, or none of it does.
    public func transaction<T: Sendable>(_ body: (any SQLDatabase) async throws -> T) async throws -> T {
        if dialect == .sqlite {
            return try await writeGate.withLock { try await self.runTransaction(begin: "BEGIN IMMEDIATE", body) }
        }
        return try await runTransaction(begin: "BEGIN", body)
    }

    private func runTransaction<T: Sendable>(
        begin: String, _ body: (any SQLDatabase) async throws -> T
    ) async throws -> T {
        try await withConnection { db in
            try await db.raw(SQLQueryString(begin)).run()
            do {
                let result = try await body(db)
                try await db.raw("COMMIT").run()
                return result
            } catch {
                try? await db.raw("ROLLBACK").run()
                throw WriteConflict.map(error)
            }
        }
    }

    /// Closes every connection.
    public func shutdown() async {
        switch pool {
        case .sqlite(let pool): try? await pool.shutdownAsync()
        case .postgres(let pool): try? await pool.shutdownAsync()
        }
        try? await threadPool?.shutdownGracefully()
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
