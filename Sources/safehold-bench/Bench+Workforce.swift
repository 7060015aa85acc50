import Foundation
import HTTPTypes
import SafeholdCore
import SafeholdStore
import SafeholdWeb

extension Bench {
    /// The team caseload page and the workforce dashboard as the first team's manager sees them.
    func measureWorkforce(
        _ services: AppServices, _ seeded: Seeder.Result
    ) async throws -> [(String, LoadGenerator.Result)] {
        guard let team = seeded.teams.first, let manager = team.manager else { return [] }
        let managerLoad = try await signedIn(manager, services.store, concurrency: concurrency)
        let count = max(50, requests / 10)
        _ = try await managerLoad.run(Array(repeating: "/workforce/caseloads", count: 20))
        let caseloads = try await managerLoad.run(Array(repeating: "/workforce/caseloads", count: count))
        let dashboard = try await managerLoad.run(Array(repeating: "/workforce", count: count))
        say("Team caseload page: \(team.workers.count) workers")
        return [("GET /workforce/caseloads", caseloads), ("GET /workforce (one team)", dashboard)]
    }

    /// The dashboard of every team in the authority, read by one analyst one request at a time: a page of
    /// seconds, not a page under load, measured last (at a million children each request takes over a minute).
    func measureEveryTeamDashboard(
        _ services: AppServices, _ seeded: Seeder.Result
    ) async throws -> [(String, LoadGenerator.Result)] {
        guard let manager = seeded.teams.first?.manager else { return [] }
        let store = services.store
        let analyst = try await store.createUser(
            User(
                id: store.ids.next(), username: uniqueUsername("bench.analyst"),
                displayName: "Bench Analyst",
                role: .performanceAnalyst, agencyId: manager.agencyId, teamId: nil),
            passwordHash: "unused", mustChangePassword: false, context: AuditContext(system: "benchmark"))
        let analystLoad = try await signedIn(analyst, store, concurrency: 1)
        _ = try await analystLoad.run(Array(repeating: "/workforce", count: 2))
        let everyTeam = try await analystLoad.run(Array(repeating: "/workforce", count: 10))
        say("Every-team dashboard: \(seeded.teams.count) teams")
        return [("GET /workforce (every team)", everyTeam)]
    }

    /// A user (or agency) name no earlier run on the same data took (`--reuse` measures one authority many times).
    func uniqueUsername(_ stem: String) -> String {
        "\(stem).\(UUID().text.prefix(8).lowercased())"
    }

    /// A load generator whose requests carry a new session of `user`'s.
    func signedIn(_ user: User, _ store: Store, concurrency: Int) async throws -> LoadGenerator {
        let session = try await store.createSession(
            userId: user.id, secondFactorDone: true, ipAddress: nil,
            context: AuditContext(actor: user.actor, ipAddress: nil))
        return LoadGenerator(port: port, headers: [.cookie: "safehold_session=\(session)"], concurrency: concurrency)
    }
}
