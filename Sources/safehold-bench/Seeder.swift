import Foundation
import SafeholdCore
import SafeholdSeeding
import SafeholdStore
import SafeholdWeb

/// Fills a store with synthetic families until it holds the requested number of people, all
/// allocated to one team and worker, or (with `childrenPerWorker`) split into teams of
/// `workersPerTeam` social workers and a manager, each worker holding about that many children, and
/// returns who can read them.
struct Seeder {
    struct Result {
        let people: Int
        let children: [UUID]
        /// The children the first team holds (every child without `childrenPerWorker`).
        let firstTeamChildren: [UUID]
        let names: [String]
        /// NHS number and date of birth of children, for the plan look-up.
        let lookups: [(nhs: String, born: String)]
        let worker: User
        /// With `childrenPerWorker`: the teams, each with its manager and workers (the first holds `worker`).
        let teams: [WorkforceTeams.Team]
        let seconds: Double
    }

    let store: Store
    let people: Int
    /// Stop once this many children are generated (families are whole, so a few more may come).
    var children = Int.max
    var childrenPerWorker = 0
    var workersPerTeam = 8
    /// People written in one transaction (whole families, so a few more may come).
    var batch = 10_000

    func run() async throws -> Result {
        let system = AuditContext(system: "benchmark")
        let agency = try await store.createAgency(
            "Benchmark Borough Children's Services", kind: .localAuthority, context: system)
        let team = try await store.createTeam("Benchmark Team", agencyId: agency.id, context: system)
        let worker = try await store.createUser(
            User(
                id: store.ids.next(), username: "bench.worker", displayName: "Bench Worker", role: .socialWorker,
                agencyId: agency.id, teamId: team.id),
            passwordHash: "unused", mustChangePassword: false, context: system)
        let manager =
            childrenPerWorker > 0
            ? try await store.createUser(
                User(
                    id: store.ids.next(), username: "bench.tm1", displayName: "Bench Manager 1", role: .teamManager,
                    agencyId: agency.id, teamId: team.id),
                passwordHash: "unused", mustChangePassword: false, context: system) : nil
        var workforce = WorkforceTeams(
            store: store, agency: agency.id, first: (team, manager, worker), childrenPerWorker: childrenPerWorker,
            workersPerTeam: workersPerTeam)
        workforce.expectedChildren = self.children < Int.max ? self.children : people / 2
        let started = Date(), teamsStarted = Date()
        try await workforce.createExpectedTeams()
        let teamsSeconds = Date().timeIntervalSince(teamsStarted)
        var generator = SyntheticFamilies(seed: 7, today: store.today)
        var loaded = 0, children: [UUID] = [], firstTeamChildren: [UUID] = [], names: [String] = [],
            lookups: [(nhs: String, born: String)] = []
        // The database writes one batch while the next is generated and prepared (on two cores a third stage, preparing
        // on a thread of its own, was measured slower: 178.8 s against 141.9-160.2 s at a million children).
        var writing: Task<Void, any Error>?
        let clock = ContinuousClock()
        var inWorkforce = Duration.zero, inPrepare = Duration.zero, inWaiting = Duration.zero
        // The search indexes are built once, after the last batch (`Store.loadingPeopleInBulk`).
        var loadedAt = clock.now
        try await store.loadingPeopleInBulk {
            while loaded < people && children.count < self.children {
                var batch: [BulkPerson] = [], links: [BulkLink] = [], childIndexes: [Int] = []
                while batch.count < self.batch && loaded + batch.count < people
                    && children.count + childIndexes.count < self.children
                {
                    let family = generator.next()
                    let offset = batch.count
                    let mark = clock.now
                    let (holdingTeam, holder) = try await workforce.holder(forChildren: family.childCount)
                    inWorkforce += clock.now - mark
                    for (i, details) in family.people.enumerated() {
                        if i < family.childCount && details.kind == .child {
                            childIndexes.append(offset + i)
                            if names.count < 5000 { names.append("\(details.givenName ?? "") \(details.familyName)") }
                            if lookups.count < 5000, let nhs = details.nhsNumber, let born = details.dateOfBirth {
                                lookups.append((nhs, born.description))
                            }
                        }
                        batch.append(
                            BulkPerson(
                                details: details, team: holdingTeam, worker: i < family.childCount ? holder : nil))
                    }
                    links += family.links.map {
                        BulkLink(
                            from: $0.from + offset, to: $0.to + offset, kind: $0.kind,
                            parentalResponsibility: $0.parentalResponsibility, livesTogether: $0.livesTogether)
                    }
                }
                var mark = clock.now
                let prepared = try store.preparePeople(batch, links: links, context: system)
                let ids = prepared.ids
                inPrepare += clock.now - mark
                mark = clock.now
                try await writing?.value
                inWaiting += clock.now - mark
                writing = Task { [store] in try await store.bulkLoad(prepared) }
                children += childIndexes.map { ids[$0] }
                firstTeamChildren += childIndexes.filter { batch[$0].team == team.id }.map { ids[$0] }
                loaded += batch.count
                if loaded % 100_000 < batch.count { say("  \(loaded) people...") }
            }
            try await writing?.value
            loadedAt = clock.now
        }
        say(
            String(format: "  people: %.1f s creating teams first, ", teamsSeconds)
                + "\(inWorkforce) opening teams, \(inPrepare) preparing, \(inWaiting) waiting for writes, "
                + "\(clock.now - loadedAt) building the search indexes")
        return Result(
            people: loaded, children: children, firstTeamChildren: firstTeamChildren, names: names, lookups: lookups,
            worker: worker,
            teams: workforce.teams, seconds: Date().timeIntervalSince(started))
    }
}
