import Foundation
import HTTPTypes
import SafeholdCore
import SafeholdStore
import SafeholdWeb

extension Bench {
    /// Unscheduled care's look-up by NHS number and date of birth over the API, from an emergency
    /// department nurse's token: half the questions match a child, half a number nobody has.
    func measureLookups(
        _ services: AppServices, _ seeded: Seeder.Result, requests: Int
    ) async throws
        -> LoadGenerator.Result
    {
        let store = services.store
        let system = AuditContext(system: "benchmark")
        // Named afresh each run: a --reuse run measures data an earlier run already added these to.
        let hospital = try await store.createAgency(
            uniqueUsername("Benchmark General Hospital"), kind: .health, context: system)
        let ed = try await store.createTeam("Benchmark Emergency Department", agencyId: hospital.id, context: system)
        let nurse = try await store.createUser(
            User(
                id: store.ids.next(), username: uniqueUsername("bench.nurse"), displayName: "Bench Nurse",
                role: .unscheduledCare,
                agencyId: hospital.id, teamId: ed.id),
            passwordHash: "unused", mustChangePassword: false, context: system)
        let token = try await store.createAPIToken(
            userId: nurse.id, name: "bench", context: AuditContext(actor: nurse.actor, ipAddress: nil))
        let load = LoadGenerator(
            port: port, headers: [.authorization: "Bearer \(token)", .contentType: "application/json"],
            concurrency: concurrency)
        var random = SeededRandom(seed: 7)
        let calls = (0..<requests).map { i -> LoadGenerator.Call in
            let known = seeded.lookups[Int(random.next() % UInt64(max(1, seeded.lookups.count)))]
            let nhs = i % 2 == 0 ? known.nhs : "9876543210"
            return LoadGenerator.Call(
                path: "/api/v1/lookups",
                body: #"{"nhsNumber":"\#(nhs)","dateOfBirth":"\#(known.born)","setting":"Benchmark ED"}"#)
        }
        _ = try await load.run(calls: Array(calls.prefix(100)))
        return try await load.run(calls: calls)
    }
}

extension Bench {
    /// The child's page for children with a linked person who poses a risk, next to the same number of
    /// children without one (from the other end of the list). A page counts only when it shows the warning
    /// (`id="risk-warning"`) for a linked child and does not for the others.
    func measureLinkedChildren(
        _ linked: [UUID], _ children: [UUID], load: LoadGenerator
    ) async throws -> [(String, LoadGenerator.Result)] {
        let linkedSet = Set(linked)
        let unlinked = Array(children.reversed().filter { !linkedSet.contains($0) }.prefix(linked.count))
        var random = SeededRandom(seed: 5)
        func pick(_ ids: [UUID]) -> [String] {
            (0..<requests).map { _ in "/people/\(ids[Int(random.next() % UInt64(ids.count))].text)" }
        }
        let withLink = pick(linked)
        let without = pick(unlinked)
        let warning = #"id="risk-warning""#
        _ = try await load.run(Array(withLink.prefix(100)))
        return [
            ("GET /people/{id} risk link", try await load.run(withLink, check: (warning, true))),
            ("GET /people/{id} no link", try await load.run(without, check: (warning, false))),
        ]
    }
}

extension Bench {
    /// The due-notice passes, before the server starts (which runs one at start and then hourly): the first finds
    /// every item the histories left due soon or overdue and tells each; the next finds them all again and tells
    /// none, which is what every hourly pass costs from then on. Measuring the pages while the first pass ran
    /// would measure the backlog, not the pages.
    func measureDueNotices(_ store: Store) async throws {
        let context = AuditContext(system: "due notices")
        var started = Date()
        let first = try await store.notifyDueItems(context: context)
        let firstSeconds = Date().timeIntervalSince(started)
        started = Date()
        let next = try await store.notifyDueItems(context: context)
        say(
            String(
                format: "Due notices: the first pass told %d items in %.1f s; the next (hourly) pass told %d in %.1f s",
                first, firstSeconds, next, Date().timeIntervalSince(started)))
    }
}
