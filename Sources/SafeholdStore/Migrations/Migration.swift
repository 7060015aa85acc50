import Foundation
import SQLKit
import SQLiteKit
import SafeholdCore

/// One forward-only schema change, numbered; its statements may differ by dialect.
struct Migration: Sendable {
    let version: Int
    let name: String
    let statements: @Sendable (SQLDialect) -> [String]
}

/// Applies the migrations not yet recorded in `schema_migrations`, in order, each in its own
/// transaction. On PostgreSQL an advisory lock stops two instances migrating at once; on SQLite the
/// write lock does.
public struct Migrator: Sendable {
    static let all: [Migration] = [
        Migration001Foundation.migration, Migration002Pipeline.migration, Migration003AuditSeal.migration,
        Migration004Accounts.migration, Migration005Police.migration, Migration006ChildsVoice.migration,
        Migration007Lookups.migration, Migration008Contributions.migration,
        Migration009InformationSharing.migration, Migration010ServicesEscalations.migration,
        Migration011PartnerRequests.migration, Migration012DueNotices.migration,
        Migration013RiskProfiles.migration, Migration014Allegations.migration, Migration015RiskLinks.migration,
        Migration016Training.migration, Migration017Allocations.migration, Migration018Supervision.migration,
        Migration019Documents.migration,
        Migration020Court.migration,
        Migration021Statements.migration,
        Migration022RequestIds.migration,
        Migration023EmailClaims.migration,
        Migration024AuditReceipts.migration,
        Migration025DueByPerson.migration,
        Migration026AuditAppendOnce.migration,
        Migration027NameSounds.migration,
        Migration028UsersByTeam.migration,
        Migration029PersonPostcodes.migration,
        Migration030RedundantIndexes.migration,
        Migration031ReceiptPeople.migration,
        Migration032PlanSteps.migration,
        Migration033LookupIndexes.migration,
    ]
    /// Every migration version this build knows, in order.
    public static var knownVersions: [Int] { all.map(\.version) }
    static let advisoryLockKey = 7_465_812_001

    let database: Database

    public init(database: Database) { self.database = database }

    /// Applies what is pending (up to `lastVersion`, when given: tests of an upgrade); returns the
    /// versions applied.
    /// How long a migrator on SQLite waits for another process's migrations to finish.
    static let sqliteLockWait: Duration = .seconds(600)

    /// Whether SQLite refused because another connection holds the write lock.
    static func isLockedByAnother(_ error: SQLiteFailure) -> Bool { error.isBusy }

    @discardableResult
    public func migrate(clock: any WallClock = SystemClock(), upTo lastVersion: Int = .max) async throws -> [Int] {
        switch database.dialect {
        case .sqlite:
            // Another process migrating holds the write lock for as long as its migrations take, which on a large
            // file (or a busy machine) is longer than SQLite's 10 s busy wait: wait for it rather than fail, then
            // apply whatever it left pending (usually nothing).
            let deadline = ContinuousClock.now + Self.sqliteLockWait
            while true {
                do {
                    return try await database.transaction { db in
                        try await applyPending(db, clock: clock, upTo: lastVersion)
                    }
                } catch let error as SQLiteFailure {
                    guard Self.isLockedByAnother(error), ContinuousClock.now < deadline else { throw error }
                    try await Task.sleep(for: .milliseconds(100))
                }
            }
        case .postgres:
            return try await database.withConnection { db in
                try await db.raw("SELECT pg_advisory_lock(\(literal: Self.advisoryLockKey))").run()
                do {
                    try await db.raw("BEGIN").run()
                    let applied = try await applyPending(db, clock: clock, upTo: lastVersion)
                    try await db.raw("COMMIT").run()
                    try await db.raw("SELECT pg_advisory_unlock(\(literal: Self.advisoryLockKey))").run()
                    return applied
                } catch {
                    try? await db.raw("ROLLBACK").run()
                    try? await db.raw("SELECT pg_advisory_unlock(\(literal: Self.advisoryLockKey))").run()
                    throw error
                }
            }
        }
    }

    /// Versions known to this build but not yet applied.
    public func pendingVersions() async throws -> [Int] {
        let done = Set(try await appliedVersions())
        return Self.all.map(\.version).filter { !done.contains($0) }
    }

    /// Versions already applied.
    public func appliedVersions() async throws -> [Int] {
        try await database.withConnection { db in try await Self.applied(db) }
    }

    private func applyPending(
        _ db: any SQLDatabase, clock: any WallClock,
        upTo lastVersion: Int
    ) async throws -> [Int] {
        try await db.raw(
            """
            CREATE TABLE IF NOT EXISTS schema_migrations (
                version BIGINT PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)
            """
        ).run()
        let done = Set(try await Self.applied(db))
        var applied: [Int] = []
        for migration in Self.all where !done.contains(migration.version) && migration.version <= lastVersion {
            for statement in migration.statements(database.dialect) {
                do {
                    try await db.raw(SQLQueryString(statement)).run()
                } catch {
                    throw StoreError.migration("\(migration.version) \(migration.name): \(String(reflecting: error))")
                }
            }
            try await db.raw(
                """
                INSERT INTO schema_migrations (version, name, applied_at)
                VALUES (\(bind: migration.version), \(bind: migration.name), \(bind: Timestamp.string(clock.now())))
                """
            ).run()
            applied.append(migration.version)
        }
        // Indexes a bulk load dropped and did not live to build again (`DeferredIndexes`).
        if lastVersion >= 1 { try await DeferredIndexes.build(on: db) }
        return applied
    }

    private static func applied(_ db: any SQLDatabase) async throws -> [Int] {
        let exists: Bool
        switch db.dialect.name {
        case "sqlite":
            exists = try await !db.raw(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'"
            ).all().isEmpty
        default:
            exists = try await !db.raw(
                """
                SELECT 1 FROM information_schema.tables \
                WHERE table_schema = current_schema() AND table_name = 'schema_migrations'
                """
            ).all().isEmpty
        }
        guard exists else { return [] }
        return try await db.raw("SELECT version FROM schema_migrations ORDER BY version").all().map {
            try $0.int("version")
        }
    }
}
