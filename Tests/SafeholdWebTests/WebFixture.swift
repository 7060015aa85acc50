import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import SQLKit
import SafeholdCore
import SafeholdStore
import SafeholdWeb
import Testing

/// A small synthetic authority behind a built application: two case teams, a worker in each, a
/// data protection officer (with a second factor), an administrator, and one child with her mother.
struct WebFixture {
    static let password = "correct-horse-battery"
    static let dpoSecret = "WebTestDPOSecret0001"

    let services: AppServices
    let clock: FixedClock
    let north: User, south: User, dpo: User, admin: User, analyst: User, police: User, frontDoor: User, manager: User
    let child: Person, mother: Person
    let directory: URL

    var store: Store { services.store }

    static func make(_ configure: (inout AppConfiguration) -> Void = { _ in }) async throws -> WebFixture {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "safehold-web-\(UUID().uuidString)")
        var config = AppConfiguration()
        config.dataDirectory = directory.path
        config.bcryptCost = 4
        configure(&config)
        let clock = FixedClock(Timestamp.date("2026-11-24T09:00:00.000Z")!)
        let services = try await AppServices.make(config, clock: clock)
        let store = services.store
        let system = AuditContext(system: "test")
        let council = try await store.createAgency(
            "Testshire Children's Services", kind: .localAuthority, context: system)
        let police = try await store.createAgency("Testshire Police", kind: .police, context: system)
        let northTeam = try await store.createTeam("North", agencyId: council.id, context: system)
        let southTeam = try await store.createTeam("South", agencyId: council.id, context: system)
        let governance = try await store.createTeam("Governance", agencyId: council.id, context: system)
        let cait = try await store.createTeam("CAIT", agencyId: police.id, context: system)
        let door = try await store.createTeam("Front Door", agencyId: council.id, context: system)
        let hash = try await services.passwords.hash(password)
        func user(_ name: String, _ role: Role, _ team: Team, totp: String? = nil) async throws -> User {
            let u = User(
                id: store.ids.next(), username: name, displayName: name.capitalized, role: role,
                agencyId: team.agencyId, teamId: team.id)
            return try await store.createUser(
                u, passwordHash: hash, mustChangePassword: false,
                totpSecret: try totp.map(services.secrets.seal), context: system)
        }
        let north = try await user("north", .socialWorker, northTeam)
        let south = try await user("south", .socialWorker, southTeam)
        let dpo = try await user("dpo", .dataProtectionOfficer, governance, totp: dpoSecret)
        let admin = try await user("admin", .administrator, governance)
        let analyst = try await user("analyst", .performanceAnalyst, governance)
        let officer = try await user("officer", .police, cait)
        let frontDoor = try await user("door", .frontDoor, door)
        let manager = try await user("manager", .teamManager, northTeam)
        let actor = AuditContext(actor: north.actor, ipAddress: "127.0.0.1")
        let child = try await store.createPerson(
            PersonDetails(
                kind: .child, givenName: "Ada", familyName: "Testwick", dateOfBirth: LocalDate(iso: "2016-05-04"),
                sex: .female, ethnicity: "WBRI", disabilities: ["NONE"], nhsNumber: "9434765919"), context: actor)
        let mother = try await store.createPerson(
            PersonDetails(
                kind: .adult, givenName: "Mary", familyName: "Testwick", dateOfBirth: LocalDate(iso: "1990-01-02"),
                sex: .female),
            context: actor,
            link: NewLink(personId: child.id, kind: .mother, parentalResponsibility: true, livesTogether: true))
        return WebFixture(
            services: services, clock: clock, north: north, south: south, dpo: dpo, admin: admin, analyst: analyst,
            police: officer, frontDoor: frontDoor, manager: manager, child: child, mother: mother, directory: directory)
    }

    /// Runs `body` against the application's router, then closes the database and removes its files.
    static func withApp(
        _ testing: TestingSetup = .router, configure: (inout AppConfiguration) -> Void = { _ in },
        _ body: @Sendable (WebFixture, any TestClientProtocol) async throws -> Void
    ) async throws {
        let fixture = try await make(configure)
        let app = buildApplication(fixture.services)
        do {
            try await app.test(testing) { client in try await body(fixture, client) }
        } catch {
            await fixture.store.database.shutdown()
            try? FileManager.default.removeItem(at: fixture.directory)
            throw error
        }
        await fixture.store.database.shutdown()
        try? FileManager.default.removeItem(at: fixture.directory)
    }

    /// A signed-in browser session for `user`, made directly in the store (the sign-in flow has tests of its own).
    func session(_ user: User) async throws -> BrowserSession {
        let token = try await store.createSession(
            userId: user.id, secondFactorDone: true, ipAddress: nil,
            context: AuditContext(actor: user.actor, ipAddress: nil))
        let csrf = try #require(try await store.session(token: token)).csrfToken
        return BrowserSession(cookie: "safehold_session=\(token)", csrf: csrf)
    }

    /// An API token for `user`.
    func apiToken(_ user: User) async throws -> String {
        try await store.createAPIToken(
            userId: user.id, name: "test", context: AuditContext(actor: user.actor, ipAddress: nil))
    }

    /// Row counts of every table sign-in and account changes write, to prove a refusal wrote nothing.
    func footprint() async throws -> [String: Int] {
        var counts: [String: Int] = [:]
        for table in ["users", "sessions", "api_tokens", "sign_in_limits", "account_requests", "audit_log"] {
            counts[table] = try await count(table)
        }
        counts["sign_in_attempts"] = try await store.database.withConnection { db in
            try await db.raw("SELECT CAST(COALESCE(SUM(attempts), 0) AS BIGINT) AS n FROM sign_in_limits").first()!
                .decode(column: "n", as: Int.self)
        }
        return counts
    }

    func count(_ table: String) async throws -> Int {
        try await store.database.withConnection { db in
            try await db.raw("SELECT COUNT(*) AS n FROM \(unsafeRaw: table)").first()!.decode(column: "n", as: Int.self)
        }
    }
}

/// A browser's cookie and the CSRF token its forms carry.
struct BrowserSession: Sendable {
    let cookie: String
    let csrf: String

    var headers: HTTPFields { [.cookie: cookie] }

    func formHeaders() -> HTTPFields {
        [.cookie: cookie, .contentType: "application/x-www-form-urlencoded"]
    }

    /// Encodes fields as a form body, adding the CSRF token.
    func form(_ fields: [(String, String)], csrf include: Bool = true) -> ByteBuffer {
        Form.encode(include ? fields + [("_csrf", csrf)] : fields)
    }
}

enum Form {
    static func encode(_ fields: [(String, String)]) -> ByteBuffer {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        let body = fields.map { "\($0.0)=\($0.1.addingPercentEncoding(withAllowedCharacters: allowed)!)" }.joined(
            separator: "&")
        return ByteBuffer(string: body)
    }
}

extension TestResponse {
    var text: String { String(buffer: body) }

    func json() throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(body.readableBytesView)) as? [String: Any])
    }
}

func bearer(_ token: String) -> HTTPFields { [.authorization: "Bearer \(token)", .contentType: "application/json"] }
func jsonBody(_ text: String) -> ByteBuffer { ByteBuffer(string: text) }
