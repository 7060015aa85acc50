import Foundation
import Logging
import SQLKit
import SafeholdCore

/// The one store: every read and write of Safehold's data, on SQLite or PostgreSQL. Every method
/// that touches a record goes through `act` (one record: facts, policy, audit, transaction) or
/// `list` (scoped by the policy's SQL, one audit entry naming every person shown).
public final class Store: Sendable {
    public let database: Database
    /// Where the heavy whole-authority reads go (census, dashboards, search's candidates): a streaming
    /// replica when one is configured, else `database` itself. Policy decisions and audit entries never go
    /// here (see `Store+ReadCopy`).
    public let readDatabase: Database
    /// Sends the heavy reads to the primary for a while after the reporting copy failed.
    let readCopyBreaker = ReadCopyBreaker()
    public let clock: any WallClock
    public let ids: any IdGenerator
    public let policy: AccessPolicy
    public let audit: AuditLog
    /// Sessions and API tokens found lately, so a burst of requests asks the database once (see
    /// `CredentialCache` for how long, and what forgets them).
    public let credentials: CredentialCache
    /// The jurisdiction's rules; its zone decides which date "today" is (the UK date in England).
    public let ruleset: Ruleset
    /// Where documents' content is kept (encrypted, outside the rows); nil on a store that keeps none.
    public let documentBlobs: (any DocumentBlobStore)?
    /// The largest document accepted, in bytes (`SAFEHOLD_DOCUMENT_MAX_BYTES`).
    public let documentMaxBytes: Int

    /// `auditKey` seals the audit chain: load it with `AuditKeySource` (there is no default, so no
    /// installation runs with a key nobody keeps). `readDatabase` is the reporting copy (a replica of
    /// `database`) for the heavy reads; without it they read `database`.
    public init(
        database: Database, readDatabase: Database? = nil, auditKey: AuditKey, clock: any WallClock = SystemClock(),
        ids: any IdGenerator = TimeOrderedIdGenerator(), ruleset: Ruleset = .england2025,
        documentBlobs: (any DocumentBlobStore)? = nil, documentMaxBytes: Int = DocumentDraft.defaultMaxBytes,
        credentials: CredentialCache = CredentialCache()
    ) {
        self.credentials = credentials
        self.documentBlobs = documentBlobs
        self.documentMaxBytes = documentMaxBytes
        self.database = database
        self.readDatabase = readDatabase ?? database
        self.clock = clock
        self.ruleset = ruleset
        self.ids = ids
        self.policy = AccessPolicy()
        self.audit = AuditLog(database: database, key: auditKey, clock: clock)
    }

    /// Applies pending migrations.
    @discardableResult
    public func migrate() async throws -> [Int] {
        try await Migrator(database: database).migrate(clock: clock)
    }

    /// Today's date in the ruleset's zone (Europe/London): after midnight BST it is already tomorrow.
    public var today: LocalDate { ruleset.date(of: clock.now()) }
    package var nowText: String { Timestamp.string(clock.now()) }

    /// A setting stored in the database (for example whether the demo was loaded).
    public func setting(_ key: String) async throws -> String? {
        try await database.withConnection { db in
            try await db.raw("SELECT value FROM settings WHERE key = \(bind: key)").first()?.string("value")
        }
    }

    /// Stores a setting, replacing any earlier value.
    public func setSetting(_ key: String, _ value: String, on db: any SQLDatabase) async throws {
        try await db.raw("DELETE FROM settings WHERE key = \(bind: key)").run()
        try await db.raw("INSERT INTO settings (key, value) VALUES (\(bind: key), \(bind: value))").run()
    }
}
