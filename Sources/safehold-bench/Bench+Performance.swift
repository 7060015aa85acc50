import Foundation
import HTTPTypes
import SafeholdCore
import SafeholdStore
import SafeholdWeb

extension Bench {
    /// The performance (timeliness) dashboard over the twelve months to today: the first team's manager's
    /// (their team), and the whole service's as a performance analyst reads it, one request at a time.
    func measurePerformance(
        _ services: AppServices, _ seeded: Seeder.Result
    ) async throws -> [(String, LoadGenerator.Result)] {
        guard let team = seeded.teams.first, let manager = team.manager else { return [] }
        let store = services.store
        let analyst = try await store.createUser(
            User(
                id: store.ids.next(),
                username: uniqueUsername("bench.performance"),
                displayName: "Bench Performance",
                role: .performanceAnalyst, agencyId: manager.agencyId, teamId: nil),
            passwordHash: "unused", mustChangePassword: false, context: AuditContext(system: "benchmark"))
        let managerLoad = try await signedIn(manager, store, concurrency: concurrency)
        let analystLoad = try await signedIn(analyst, store, concurrency: 1)
        _ = try await managerLoad.run(Array(repeating: "/performance", count: 5))
        let teamPage = try await managerLoad.run(Array(repeating: "/performance", count: max(20, requests / 50)))
        _ = try await analystLoad.run(Array(repeating: "/performance", count: 1))
        let servicePage = try await analystLoad.run(Array(repeating: "/performance", count: 10))
        return [("GET /performance (one team)", teamPage), ("GET /performance (the service)", servicePage)]
    }
}
