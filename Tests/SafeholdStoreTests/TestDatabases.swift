import Foundation
import SQLKit
import SafeholdCore
import SafeholdStore
import Testing

/// The databases every store test runs on: SQLite always, PostgreSQL too when
/// `SAFEHOLD_TEST_POSTGRES_URL` names a server (CI always sets it).
enum TestBackend: String, Sendable, CaseIterable, CustomTestStringConvertible {
    case sqlite, postgres

    static let postgresURL: String? = {
        let value = ProcessInfo.processInfo.environment["SAFEHOLD_TEST_POSTGRES_URL"]?
            .trimmingCharacters(in: .whitespacesAndNewlines)
        return value?.isEmpty == false ? value : nil
    }()

    /// What `@Test(arguments:)` runs over.
    static var all: [TestBackend] { postgresURL == nil ? [.sqlite] : [.sqlite, .postgres] }

    var testDescription: String { rawValue }
}

/// The instant every store test stands at: Tuesday 24 November 2026, 09:00 UTC.
let testNow = Date(timeIntervalSince1970: 1_795_510_800)

/// The audit key every test store seals with (32 fixed bytes; never used outside tests).
let testAuditKey = AuditKey(bytes: Array(repeating: UInt8(7), count: 32))!

/// The key test stores seal documents with, and their size limit (small, so an oversize file is cheap).
let testDocumentKey = DocumentKey(bytes: Array(repeating: UInt8(9), count: 32))!
let testDocumentMaxBytes = 64 * 1_024

/// Caps how many test databases are open at once, so a parallel run stays inside PostgreSQL's
/// connection limit and the machine's threads.
actor OpenDatabaseLimit {
    private let limit: Int
    private var open = 0
    private var waiting: [CheckedContinuation<Void, Never>] = []

    init(_ limit: Int) { self.limit = limit }

    func acquire() async {
        if open < limit { open += 1; return }
        await withCheckedContinuation { waiting.append($0) }
    }

    func release() {
        if waiting.isEmpty { open -= 1 } else { waiting.removeFirst().resume() }
    }

    static let sqlite = OpenDatabaseLimit(8)
    static let postgres = OpenDatabaseLimit(4)
}

/// One test's fresh database and store, with helpers to populate it.
struct TestEnv: Sendable {
    let backend: TestBackend
    /// Where this test's database lives, for a test that opens a second pool onto it.
    let location: DatabaseLocation
    let store: Store
    let clock: FixedClock
    /// Where this test store keeps documents' encrypted content.
    let documentsFolder: URL
    /// How the set-up steps (agencies, teams, users) appear in the audit log.
    let system = AuditContext(system: "store test set-up", ipAddress: "127.0.0.1")

    var database: Database { store.database }

    func createAgency(_ name: String, kind: Agency.Kind = .localAuthority) async throws -> Agency {
        try await store.createAgency(name, kind: kind, context: system)
    }

    func createTeam(_ name: String, in agency: Agency) async throws -> Team {
        try await store.createTeam(name, agencyId: agency.id, context: system)
    }

    func createUser(
        _ username: String, _ displayName: String, role: Role, agency: Agency, team: Team?,
        active: Bool = true
    ) async throws -> User {
        let user = User(
            id: store.ids.next(), username: username, displayName: displayName, role: role,
            agencyId: agency.id, teamId: team?.id, active: active)
        return try await store.createUser(
            user, passwordHash: "$2b$12$synthetic.test.hash.not.a.real.one",
            mustChangePassword: false, context: system)
    }

    /// The audit context of a signed-in user.
    func context(_ user: User) -> AuditContext {
        AuditContext(actor: user.actor, ipAddress: "127.0.0.1")
    }

    /// Rows in one table, counted by the database itself.
    func count(_ table: String) async throws -> Int {
        try await database.withConnection { db in
            try await db.raw("SELECT COUNT(*) AS n FROM \(unsafeRaw: table)").first()!.decode(column: "n", as: Int.self)
        }
    }

    /// Counts of the tables a person write touches, to show a refused write left nothing behind.
    func footprint() async throws -> [String: Int] {
        var counts: [String: Int] = [:]
        for table in [
            "persons", "person_versions", "person_names", "person_postcodes", "relationships", "allocations",
            "access_grants", "audit_log",
        ] {
            counts[table] = try await count(table)
        }
        return counts
    }

    /// Runs raw SQL outside any transaction (tampering, probing the guards).
    func execute(_ sql: String) async throws {
        try await database.withConnection { db in try await db.raw(SQLQueryString(sql)).run() }
    }

    /// The newest audit entries, newest first.
    func recentAudit(_ limit: Int = 20) async throws -> [AuditEntry] {
        try await store.audit.recent(limit: limit)
    }

    /// The people `entries` record reading: each entry's own person, and every person its receipt carries (a list
    /// or a bulk read is audited as one entry naming a receipt).
    func peopleRead(in entries: [AuditEntry]) async throws -> [UUID] {
        var people: [UUID] = []
        for entry in entries {
            if let person = entry.event.personId { people.append(person) }
            if entry.event.receipt != nil { people += try await store.audit.receiptPeople(ofEntry: entry.seq) ?? [] }
        }
        return people
    }
}

/// Runs `body` against a brand-new database on `backend`, migrated unless asked otherwise, and
/// removes the database afterwards whether or not the test passed.
func withFreshStore<T: Sendable>(
    _ backend: TestBackend, migrate: Bool = true, metrics: StoreMetrics = StoreMetrics(),
    _ body: (TestEnv) async throws -> T
) async throws -> T {
    switch backend {
    case .sqlite:
        await OpenDatabaseLimit.sqlite.acquire()
        let path = FileManager.default.temporaryDirectory
            .appendingPathComponent("safehold-store-test-\(UUID().uuidString).sqlite").path
        defer {
            for suffix in ["", "-wal", "-shm", "-journal"] {
                try? FileManager.default.removeItem(atPath: path + suffix)
            }
        }
        let result: Result<T, any Error>
        do {
            let location = DatabaseLocation.sqlite(path: path)
            let database = try Database(location, metrics: metrics)
            result = await run(backend, location: location, database: database, migrate: migrate, body)
            await database.shutdown()
        } catch {
            result = .failure(error)
        }
        await OpenDatabaseLimit.sqlite.release()
        return try result.get()

    case .postgres:
        guard let url = TestBackend.postgresURL else {
            Issue.record("the PostgreSQL backend needs SAFEHOLD_TEST_POSTGRES_URL")
            throw CancellationError()
        }
        await OpenDatabaseLimit.postgres.acquire()
        let schema: String = "t_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(24)
        let result: Result<T, any Error>
        do {
            let admin = try Database(.postgres(url: url, poolSize: 1))
            do {
                try await admin.createSchema(schema)
                let location = DatabaseLocation.postgres(url: url, schema: schema, poolSize: 2)
                let database = try Database(location, metrics: metrics)
                result = await run(backend, location: location, database: database, migrate: migrate, body)
                await database.shutdown()
            } catch {
                result = .failure(error)
            }
            try? await admin.dropSchema(schema)
            await admin.shutdown()
        } catch {
            result = .failure(error)
        }
        await OpenDatabaseLimit.postgres.release()
        return try result.get()
    }
}

private func run<T: Sendable>(
    _ backend: TestBackend, location: DatabaseLocation, database: Database, migrate: Bool,
    _ body: (TestEnv) async throws -> T
) async -> Result<T, any Error> {
    do {
        let clock = FixedClock(testNow)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("safehold-docs-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let blobs = try FileDocumentBlobStore(folder: folder, key: testDocumentKey)
        let store = Store(
            database: database, auditKey: testAuditKey, clock: clock, ids: SequentialIdGenerator(),
            documentBlobs: blobs, documentMaxBytes: testDocumentMaxBytes)
        if migrate { try await store.migrate() }
        return .success(
            try await body(
                TestEnv(backend: backend, location: location, store: store, clock: clock, documentsFolder: folder)))
    } catch {
        // PostgresNIO's errors describe themselves as "PSQLError" alone, to keep data out of logs; a test that fails
        // on one says which (the server's message and state, or the connection's fault) so a flaky run can be read.
        if String(describing: type(of: error)) == "PSQLError" {
            Issue.record("the database answered: \(String(reflecting: error))")
        }
        return .failure(error)
    }
}

// MARK: - A small authority

/// Northfield: two children's social care teams, a police officer, and the roles that do not work
/// with records. Every name is synthetic.
struct World: Sendable {
    let env: TestEnv
    let council: Agency
    let police: Agency
    let teamA: Team
    let teamB: Team
    /// Social workers in team A.
    let alice: User
    let bob: User
    /// Team A's manager.
    let manager: User
    /// A social worker in team B.
    let carol: User
    /// A police officer with no team.
    let officer: User
    let admin: User
    let dpo: User

    var store: Store { env.store }

    static func make(_ env: TestEnv) async throws -> World {
        let council = try await env.createAgency("Northfield Children's Services")
        let police = try await env.createAgency("Northfield Police", kind: .police)
        let teamA = try await env.createTeam("Assessment Team A", in: council)
        let teamB = try await env.createTeam("Assessment Team B", in: council)
        return World(
            env: env, council: council, police: police, teamA: teamA, teamB: teamB,
            alice: try await env.createUser(
                "alice", "Alice Example", role: .socialWorker, agency: council, team: teamA),
            bob: try await env.createUser("bob", "Bob Example", role: .socialWorker, agency: council, team: teamA),
            manager: try await env.createUser("mina", "Mina Manager", role: .teamManager, agency: council, team: teamA),
            carol: try await env.createUser(
                "carol", "Carol Example", role: .socialWorker, agency: council, team: teamB),
            officer: try await env.createUser("pc.dana", "Dana Officer", role: .police, agency: police, team: nil),
            admin: try await env.createUser("admin", "Ada Admin", role: .administrator, agency: council, team: nil),
            dpo: try await env.createUser(
                "dpo", "Dee Protection", role: .dataProtectionOfficer, agency: council, team: nil))
    }

    func ctx(_ user: User) -> AuditContext { env.context(user) }
}

/// Runs `body` in a fresh database holding a `World`.
func withWorld<T: Sendable>(_ backend: TestBackend, _ body: (World) async throws -> T) async throws -> T {
    try await withFreshStore(backend) { env in try await body(try await World.make(env)) }
}

// MARK: - Synthetic people

enum Synthetic {
    static let today = Ruleset.england2025.date(of: testNow)

    static func date(_ iso: String) -> LocalDate {
        guard let date = LocalDate(iso: iso) else { fatalError("fixture date '\(iso)' does not parse") }
        return date
    }

    /// A valid NHS number (ten digits) derived from `seed`; distinct seeds give distinct numbers.
    static func nhsNumber(_ seed: Int) -> String {
        var n = seed * 10
        while true {
            if let nhs = NHSNumber.withCheckDigit(nine: String(format: "%09d", 900_000_000 + n)) { return nhs.digits }
            n += 1
        }
    }

    /// A valid UPN derived from `seed`.
    static func upn(_ seed: Int) -> String {
        UniquePupilNumber.withCheckLetter(body: String(format: "8012%08d", seed))!.value
    }

    static func child(
        _ given: String?, _ family: String, born: String = "2016-04-12", sex: Sex = .unknown,
        nhs: String? = nil, upn: String? = nil, aliases: [Alias] = []
    ) -> PersonDetails {
        PersonDetails(
            kind: .child, givenName: given, familyName: family, aliases: aliases,
            dateOfBirth: date(born), sex: sex, nhsNumber: nhs, upn: upn)
    }

    static func adult(
        _ given: String, _ family: String, born: String = "1988-09-30", sex: Sex = .unknown,
        nhs: String? = nil
    ) -> PersonDetails {
        PersonDetails(
            kind: .adult, givenName: given, familyName: family, dateOfBirth: date(born), sex: sex,
            nhsNumber: nhs)
    }
}

// MARK: - Expecting refusals

/// The kind of a `SafeholdError`, without its message.
enum Refusal: Equatable, Sendable {
    case invalid, notFound, forbidden, conflict, unauthenticated, tooManyRequests, unavailable
}

extension SafeholdError {
    var refusal: Refusal {
        switch self {
        case .invalid: .invalid
        case .notFound: .notFound
        case .forbidden: .forbidden
        case .conflict: .conflict
        case .unauthenticated: .unauthenticated
        case .tooManyRequests: .tooManyRequests
        case .unavailable: .unavailable
        }
    }

    var fields: [String] {
        if case .invalid(let errors) = self { return errors.map(\.field) }
        return []
    }
}

/// Expects `body` to throw a `SafeholdError` of kind `expected`; returns the error for closer checks.
@discardableResult
func expectRefusal<T>(
    _ expected: Refusal, sourceLocation: SourceLocation = #_sourceLocation,
    _ body: () async throws -> T
) async -> SafeholdError? {
    do {
        _ = try await body()
        Issue.record("expected SafeholdError.\(expected), but the call succeeded", sourceLocation: sourceLocation)
        return nil
    } catch let error as SafeholdError {
        #expect(error.refusal == expected, "expected .\(expected), got \(error)", sourceLocation: sourceLocation)
        return error
    } catch {
        Issue.record(
            "expected SafeholdError.\(expected), got \(String(reflecting: error))", sourceLocation: sourceLocation)
        return nil
    }
}

/// Whether `body` throws anything at all (used to probe the database's own refusals).
func throwsSomething<T>(_ body: () async throws -> T) async -> Bool {
    do { _ = try await body(); return false } catch { return true }
}

extension TestEnv {
    /// SQLite's query plan for `query`, a line a step (`EXPLAIN QUERY PLAN`), for tests that pin which indexes a
    /// statement reads.
    func queryPlan(_ query: SQLQueryString) async throws -> [String] {
        try await database.withConnection { db in
            try await db.raw("EXPLAIN QUERY PLAN \(query)").all().map {
                try $0.decode(column: "detail", as: String.self)
            }
        }
    }
}
