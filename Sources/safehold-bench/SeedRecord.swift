import ArgumentParser
import Foundation
import SafeholdCore
import SafeholdStore

/// What a `--keep` run seeded, written beside its data (`bench-seed.json`) so that a later run with
/// `--reuse DIR` measures the same authority again without seeding it: a million children take about
/// twenty minutes to seed and a page change is measured in two.
struct SeedRecord: Codable {
    struct TeamRecord: Codable {
        let team: SafeholdCore.Team
        let manager: UUID?
        let workers: [UUID]
    }

    static let fileName = "bench-seed.json"

    let people: Int
    let children: [UUID]
    let firstTeamChildren: [UUID]
    let names: [String]
    let lookups: [[String]]
    let worker: UUID
    let teams: [TeamRecord]
    let seconds: Double
    let history: Bool
    let childrenPerWorker: Int
    /// Whether the first due-notice pass has been made (it writes millions of notices at scale).
    var noticesTold: Bool

    init(_ seeded: Seeder.Result, history: Bool, childrenPerWorker: Int, noticesTold: Bool) {
        people = seeded.people
        children = seeded.children
        firstTeamChildren = seeded.firstTeamChildren
        names = seeded.names
        lookups = seeded.lookups.map { [$0.nhs, $0.born] }
        worker = seeded.worker.id
        teams = seeded.teams.map { TeamRecord(team: $0.team, manager: $0.manager?.id, workers: $0.workers.map(\.id)) }
        seconds = seeded.seconds
        self.history = history
        self.childrenPerWorker = childrenPerWorker
        self.noticesTold = noticesTold
    }

    static func load(from directory: URL) throws -> SeedRecord {
        let file = directory.appendingPathComponent(fileName)
        guard let data = try? Data(contentsOf: file) else {
            throw ValidationError("\(file.path) is missing: --reuse takes the data directory of a --keep run")
        }
        return try JSONDecoder().decode(SeedRecord.self, from: data)
    }

    func save(in directory: URL) throws {
        try JSONEncoder().encode(self).write(to: directory.appendingPathComponent(Self.fileName), options: .atomic)
    }

    /// The seeding's result again, its users read back from the store.
    func result(_ store: Store) async throws -> Seeder.Result {
        let users = Dictionary(try await store.users().map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        func user(_ id: UUID) throws -> User {
            guard let found = users[id] else { throw ValidationError("the kept data has no user \(id)") }
            return found
        }
        return Seeder.Result(
            people: people, children: children, firstTeamChildren: firstTeamChildren, names: names,
            lookups: lookups.map { ($0[0], $0[1]) }, worker: try user(worker),
            teams: try teams.map {
                WorkforceTeams.Team(team: $0.team, manager: try $0.manager.map(user), workers: try $0.workers.map(user))
            },
            seconds: seconds)
    }
}
