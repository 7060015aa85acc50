import Foundation
import HTTPTypes
import SafeholdCore
import SafeholdStore
import SafeholdWeb

extension Bench {
    /// The team caseload page and the workforce dashboard as the first team's manager sees them, and the
    /// dashboard of every team as a performance analyst sees it.
    func measureWorkforce(
        _ services: AppServices, _ seeded: Seeder.Result
    ) async throws -> [(String, LoadGenerator.Result)] {
        guard let team = seeded.teams.first, let manager = team.manager else { return [] }
        let store = services.store
        let system = AuditContext(system: "benchmark")
        let analyst = try await store.createUser(
            User(
                id: store.ids.next(), username: "bench.analyst", displayName: "Bench Analyst",
                role: .performanceAnalyst, agencyId: manager.agencyId, teamId: nil),
            passwordHash: "unused", mustChangePassword: false, context: system)
        func load(_ user: User, concurrency: Int) async throws -> LoadGenerator {
            let session = try await store.createSession(
                userId: user.id, secondFactorDone: true, ipAddress: nil,
                context: AuditContext(actor: user.actor, ipAddress: nil))
            return LoadGenerator(
                port: port, headers: [.cookie: "safehold_session=\(session)"], concurrency: concurrency)
        }
        let managerLoad = try await load(manager, concurrency: concurrency)
        // One analyst reading every team, one request at a time: a page of seconds, not a page under load.
        let analystLoad = try await load(analyst, concurrency: 1)
        let count = max(50, requests / 10)
        _ = try await managerLoad.run(Array(repeating: "/workforce/caseloads", count: 20))
        let caseloads = try await managerLoad.run(Array(repeating: "/workforce/caseloads", count: count))
        let dashboard = try await managerLoad.run(Array(repeating: "/workforce", count: count))
        _ = try await analystLoad.run(Array(repeating: "/workforce", count: 2))
        let everyTeam = try await analystLoad.run(Array(repeating: "/workforce", count: 10))
        say(
            "Team caseload page: \(team.workers.count) workers; every-team dashboard: \(seeded.teams.count) teams")
        return [
            ("GET /workforce/caseloads", caseloads), ("GET /workforce (one team)", dashboard),
            ("GET /workforce (every team)", everyTeam),
        ]
    }
}
