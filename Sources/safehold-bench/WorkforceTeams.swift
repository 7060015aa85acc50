import Foundation
import SafeholdCore
import SafeholdStore

/// Splits the benchmark's authority into teams the size real ones are: `workersPerTeam` social
/// workers and a team manager each, every worker given whole families until they hold about
/// `childrenPerWorker` children. With `childrenPerWorker` 0 everything stays with the first worker.
struct WorkforceTeams {
    struct Team {
        let team: SafeholdCore.Team
        let manager: User?
        var workers: [User]
    }

    let store: Store
    let agency: UUID
    let childrenPerWorker: Int
    let workersPerTeam: Int
    private(set) var teams: [Team]
    private var held = 0

    init(
        store: Store, agency: UUID, first: (SafeholdCore.Team, User?, User), childrenPerWorker: Int, workersPerTeam: Int
    ) {
        self.store = store
        self.agency = agency
        self.childrenPerWorker = childrenPerWorker
        self.workersPerTeam = max(1, workersPerTeam)
        teams = [Team(team: first.0, manager: first.1, workers: [first.2])]
    }

    /// The team and worker to hold a family with `children` children, opening the next worker (and
    /// team, with its manager) once the current one is full.
    mutating func holder(forChildren children: Int) async throws -> (UUID, UUID) {
        if childrenPerWorker > 0 && held >= childrenPerWorker {
            try await nextWorker()
        }
        held += children
        let current = teams[teams.count - 1]
        return (current.team.id, current.workers[current.workers.count - 1].id)
    }

    private mutating func nextWorker() async throws {
        held = 0
        let system = AuditContext(system: "benchmark")
        if teams[teams.count - 1].workers.count >= workersPerTeam {
            let number = teams.count + 1
            let team = try await store.createTeam("Benchmark Team \(number)", agencyId: agency, context: system)
            let manager = try await user("bench.tm\(number)", "Bench Manager \(number)", .teamManager, team.id)
            teams.append(Team(team: team, manager: manager, workers: []))
        }
        let team = teams[teams.count - 1]
        let number = team.workers.count + 1
        let worker = try await user(
            "bench.t\(teams.count).w\(number)", "Bench Worker \(teams.count)-\(number)", .socialWorker, team.team.id)
        teams[teams.count - 1].workers.append(worker)
    }

    private func user(_ username: String, _ name: String, _ role: Role, _ team: UUID) async throws -> User {
        try await store.createUser(
            User(
                id: store.ids.next(), username: username, displayName: name, role: role, agencyId: agency,
                teamId: team),
            passwordHash: "unused", mustChangePassword: false, context: AuditContext(system: "benchmark"))
    }
}
