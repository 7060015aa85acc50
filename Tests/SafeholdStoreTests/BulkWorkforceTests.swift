import Foundation
import SafeholdCore
import SafeholdStore
import Testing

/// Teams created in bulk for a benchmark or a demo are checked and audited as one at a time would be.
@Suite("Creating teams in bulk")
struct BulkWorkforceTests {
    static func teams(_ w: World, prefix: String, count: Int) -> [(team: Team, users: [User])] {
        (1...count).map { n in
            let team = Team(id: UUID(), agencyId: w.council.id, name: "\(prefix) Team \(n)")
            let users = [
                User(
                    id: UUID(), username: "\(prefix).tm\(n)", displayName: "Manager \(n)", role: .teamManager,
                    agencyId: w.council.id, teamId: team.id),
                User(
                    id: UUID(), username: "\(prefix).t\(n).w1", displayName: "Worker \(n)", role: .socialWorker,
                    agencyId: w.council.id, teamId: team.id),
            ]
            return (team, users)
        }
    }

    @Test(
        "Teams and their users are created together, each audited, and the chain verifies", arguments: TestBackend.all)
    func createsAuditedTeams(_ backend: TestBackend) async throws {
        try await withWorld(backend) { w in
            let teamsBefore = try await w.env.count("teams"), auditBefore = try await w.env.count("audit_log")
            try await w.store.bulkCreateTeams(
                Self.teams(w, prefix: "bulk", count: 3), passwordHash: "unused", context: w.env.system)
            #expect(try await w.env.count("teams") == teamsBefore + 3)
            #expect(try await w.env.count("audit_log") == auditBefore + 3 + 6)
            let account = try #require(try await w.store.account(username: "bulk.t2.w1"))
            #expect(account.user.displayName == "Worker 2")
            #expect(try await w.store.audit.verify() == .intact(entries: try await w.env.count("audit_log")))
        }
    }

    @Test(
        "A taken username or a partner in another agency's team refuses the whole batch; a person may not bulk-create",
        arguments: TestBackend.all)
    func refusalsWriteNothing(_ backend: TestBackend) async throws {
        try await withWorld(backend) { w in
            let before = try await w.env.count("teams"), usersBefore = try await w.env.count("users")
            var taken = Self.teams(w, prefix: "bulk", count: 2)
            taken[1].users[1] = User(
                id: UUID(), username: w.alice.username, displayName: "Copy", role: .socialWorker,
                agencyId: w.council.id, teamId: taken[1].team.id)
            await expectRefusal(.conflict) {
                try await w.store.bulkCreateTeams(taken, passwordHash: "unused", context: w.env.system)
            }
            var partner = Self.teams(w, prefix: "bulk", count: 1)
            partner[0].users[1] = User(
                id: UUID(), username: "bulk.partner", displayName: "Partner", role: .partner,
                agencyId: w.police.id, teamId: partner[0].team.id)
            let error = await expectRefusal(.invalid) {
                try await w.store.bulkCreateTeams(partner, passwordHash: "unused", context: w.env.system)
            }
            #expect(error?.fields == ["teamId"])
            await expectRefusal(.forbidden) {
                try await w.store.bulkCreateTeams(
                    Self.teams(w, prefix: "bulk", count: 1), passwordHash: "unused", context: w.ctx(w.admin))
            }
            #expect(try await w.env.count("teams") == before)
            #expect(try await w.env.count("users") == usersBefore)
        }
    }
}
