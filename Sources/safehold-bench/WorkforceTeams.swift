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
    /// About how many children the authority will have, so teams are created in batches of the right size.
    var expectedChildren = 0
    private(set) var teams: [Team]
    private var held = 0, total = 0
    /// Teams created (with their manager and workers) and not yet holding anyone.
    private var ready: [(team: SafeholdCore.Team, manager: User, workers: [User])] = []
    /// The current team's workers created and not yet holding anyone.
    private var pending: [User] = []

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
        total += children
        let current = teams[teams.count - 1]
        return (current.team.id, current.workers[current.workers.count - 1].id)
    }

    private mutating func nextWorker() async throws {
        held = 0
        if teams[teams.count - 1].workers.count >= workersPerTeam {
            if ready.isEmpty { try await createTeams() }
            let next = ready.removeFirst()
            teams.append(Team(team: next.team, manager: next.manager, workers: []))
            pending = next.workers
        }
        let worker: User
        if pending.isEmpty {
            let team = teams[teams.count - 1]
            let number = team.workers.count + 1
            worker = try await user(
                "bench.t\(teams.count).w\(number)", "Bench Worker \(teams.count)-\(number)", .socialWorker,
                team.team.id)
        } else {
            worker = pending.removeFirst()
        }
        teams[teams.count - 1].workers.append(worker)
    }

    /// Creates, before any family is generated, the teams the expected children need (so the loading never waits
    /// for them), 50 to a transaction.
    mutating func createExpectedTeams() async throws {
        guard childrenPerWorker > 0 else { return }
        let perTeam = childrenPerWorker * workersPerTeam
        var needed = (expectedChildren + perTeam - 1) / perTeam - teams.count
        while needed > 0 {
            let count = min(50, needed)
            try await createTeams(count)
            needed -= count
        }
    }

    /// Creates the next teams, each with its manager and workers, in one transaction: up to 50, no more than the
    /// children still expected need.
    private mutating func createTeams() async throws {
        let perTeam = max(1, childrenPerWorker * workersPerTeam)
        try await createTeams(min(50, max(1, (expectedChildren - total + perTeam - 1) / perTeam)))
    }

    private mutating func createTeams(_ count: Int) async throws {
        var batch: [(team: SafeholdCore.Team, users: [User])] = []
        for i in 0..<count {
            let number = teams.count + ready.count + i + 1
            let team = SafeholdCore.Team(id: store.ids.next(), agencyId: agency, name: "Benchmark Team \(number)")
            let manager = User(
                id: store.ids.next(), username: "bench.tm\(number)", displayName: "Bench Manager \(number)",
                role: .teamManager, agencyId: agency, teamId: team.id)
            let workers = (1...workersPerTeam).map { w in
                User(
                    id: store.ids.next(), username: "bench.t\(number).w\(w)",
                    displayName: "Bench Worker \(number)-\(w)",
                    role: .socialWorker, agencyId: agency, teamId: team.id)
            }
            batch.append((team, [manager] + workers))
        }
        try await store.bulkCreateTeams(batch, passwordHash: "unused", context: AuditContext(system: "benchmark"))
        ready += batch.map { ($0.team, $0.users[0], Array($0.users.dropFirst())) }
    }

    private func user(_ username: String, _ name: String, _ role: Role, _ team: UUID) async throws -> User {
        try await store.createUser(
            User(
                id: store.ids.next(), username: username, displayName: name, role: role, agencyId: agency,
                teamId: team),
            passwordHash: "unused", mustChangePassword: false, context: AuditContext(system: "benchmark"))
    }
}
