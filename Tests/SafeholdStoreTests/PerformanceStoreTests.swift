import Foundation
import SafeholdCore
import SafeholdSeeding
import SafeholdStore
import Testing

/// The performance dashboard's figures against a small authority counted by hand (`PerformanceFixture`),
/// for the service, each team and each worker, and who may see which.
@Suite("Performance dashboard")
struct PerformanceStoreTests {
    typealias Count = PerformanceFigures.Count

    @Test("The service's figures for the period match the hand count", arguments: TestBackend.all)
    func serviceFigures(_ backend: TestBackend) async throws {
        try await withWorld(backend) { w in
            _ = try await PerformanceFixture.load(w)
            let analyst = try await w.env.createUser(
                "pa.pat", "Pat Analyst", role: .performanceAnalyst, agency: w.council, team: nil)
            let f = try await w.store.performanceFigures(period: PerformanceFixture.period, context: w.ctx(analyst))
            let expected: [PerformanceMeasure: Count] = [
                .contactDecisions: Count(met: 4, total: 5), .reReferrals: Count(met: 1, total: 5),
                .assessments: Count(met: 3, total: 4), .initialConferences: Count(met: 2, total: 3),
                .reviews: Count(met: 2, total: 3), .visits: Count(met: 2, total: 4),
                .seenAlone: Count(met: 2, total: 4),
                .longPlans: Count(met: 1, total: 1), .repeatPlans: Count(met: 1, total: 3),
                .neglect: Count(met: 1, total: 3), .physical: Count(met: 1, total: 3), .sexual: Count(met: 0, total: 3),
                .emotional: Count(met: 1, total: 3), .multiple: Count(met: 0, total: 3),
            ]
            for measure in PerformanceMeasure.allCases {
                #expect(f.count(measure, .service) == expected[measure], "\(measure)")
            }
            let april = try #require(f.period.month("2026-04")), may = try #require(f.period.month("2026-05"))
            #expect(f.count(.contactDecisions, .service, month: april) == Count(met: 1, total: 1))
            #expect(f.count(.contactDecisions, .service, month: may) == Count(met: 1, total: 2))
            // On 30 April: Gus's plan (never visited), Cal's and Fay's (started within the interval, not seen alone).
            #expect(f.count(.visits, .service, month: april) == Count(met: 2, total: 3))
            #expect(f.count(.seenAlone, .service, month: april) == Count(met: 0, total: 3))
            #expect(f.subgroups.map { $0.1.name } == ["Assessment Team A", "Assessment Team B"])
            let audit = try await w.env.recentAudit(5)
            #expect(audit.contains { $0.event.entityType == "performance" && $0.event.action == .read })
            #expect(!audit.contains { $0.event.entityType == "performance" && $0.event.personId != nil })
        }
    }

    @Test("Each team's and each worker's figures match the hand count", arguments: TestBackend.all)
    func teamAndWorkerFigures(_ backend: TestBackend) async throws {
        try await withWorld(backend) { w in
            _ = try await PerformanceFixture.load(w)
            let f = try await w.store.performanceFigures(period: PerformanceFixture.period, context: w.ctx(w.admin))
            let a = PerformanceFigures.Group.team(w.teamA.id), b = PerformanceFigures.Group.team(w.teamB.id)
            #expect(f.count(.contactDecisions, a) == Count(met: 2, total: 3))
            #expect(f.count(.reReferrals, a) == Count(met: 0, total: 3))
            #expect(f.count(.assessments, a) == Count(met: 2, total: 3))
            #expect(f.count(.initialConferences, a) == Count(met: 2, total: 2))
            #expect(f.count(.reviews, a) == Count(met: 2, total: 3))
            #expect(f.count(.visits, a) == Count(met: 1, total: 3))
            #expect(f.count(.repeatPlans, a) == Count(met: 1, total: 2))
            #expect(f.count(.contactDecisions, b) == Count(met: 2, total: 2))
            #expect(f.count(.reReferrals, b) == Count(met: 1, total: 2))
            #expect(f.count(.initialConferences, b) == Count(met: 0, total: 1))
            #expect(f.count(.reviews, b) == Count(met: 0, total: 0))
            #expect(f.count(.seenAlone, b) == Count(met: 1, total: 1))
            let alice = PerformanceFigures.Group.worker(w.alice.id), bob = PerformanceFigures.Group.worker(w.bob.id)
            #expect(f.count(.contactDecisions, alice) == Count(met: 1, total: 2))
            #expect(f.count(.assessments, alice) == Count(met: 1, total: 2))
            #expect(f.count(.longPlans, alice) == Count(met: 1, total: 1))
            #expect(f.count(.visits, alice) == Count(met: 0, total: 1))
            #expect(f.count(.initialConferences, bob) == Count(met: 2, total: 2))
            #expect(f.count(.reviews, bob) == Count(met: 1, total: 2))

            let mine = try await w.store.performanceFigures(period: PerformanceFixture.period, context: w.ctx(w.alice))
            #expect(mine.group == .worker(w.alice.id) && mine.workers.map(\.id) == [w.alice.id])
            #expect(mine.count(.contactDecisions, .service) == Count(met: 1, total: 2), "a worker's own events only")
            let team = try await w.store.performanceFigures(
                period: PerformanceFixture.period, context: w.ctx(w.manager))
            #expect(team.group == a && team.count(.assessments, .service) == Count(met: 2, total: 3))
            #expect(Set(team.subgroups.map { $0.1.id }) == [w.alice.id, w.bob.id, w.manager.id])
            let bobs = try await w.store.performanceFigures(
                period: PerformanceFixture.period, worker: w.bob.id, context: w.ctx(w.manager))
            #expect(bobs.count(.initialConferences, .service) == Count(met: 2, total: 2))
        }
    }

    @Test(
        "Another team, another worker, and roles without a dashboard are refused and the refusal audited",
        arguments: TestBackend.all)
    func refusals(_ backend: TestBackend) async throws {
        try await withWorld(backend) { w in
            _ = try await PerformanceFixture.load(w)
            let p = PerformanceFixture.period
            await expectRefusal(.forbidden) {
                try await w.store.performanceFigures(period: p, team: w.teamB.id, context: w.ctx(w.manager))
            }
            await expectRefusal(.forbidden) {
                try await w.store.performanceFigures(period: p, worker: w.carol.id, context: w.ctx(w.manager))
            }
            await expectRefusal(.forbidden) {
                try await w.store.performanceFigures(period: p, worker: w.bob.id, context: w.ctx(w.alice))
            }
            await expectRefusal(.forbidden) {
                try await w.store.performanceFigures(period: p, team: w.teamA.id, context: w.ctx(w.alice))
            }
            await expectRefusal(.forbidden) {
                try await w.store.performanceFigures(period: p, worker: UUID(), context: w.ctx(w.manager))
            }
            let health = try await w.env.createAgency("Northfield Health", kind: .health)
            let nurse = try await w.env.createUser("hv.hana", "Hana Visitor", role: .partner, agency: health, team: nil)
            for user in [nurse, w.officer, w.dpo] {
                await expectRefusal(.forbidden) {
                    try await w.store.performanceFigures(period: p, context: w.ctx(user))
                }
            }
            await expectRefusal(.notFound) {
                try await w.store.performanceFigures(period: p, team: UUID(), context: w.ctx(w.admin))
            }
            await expectRefusal(.forbidden) {
                try await w.store.performanceFigures(
                    period: p, team: w.teamB.id, worker: w.alice.id, context: w.ctx(w.admin))
            }
            let denied = try await w.env.recentAudit(20).filter {
                $0.event.entityType == "performance" && $0.event.action == .denied
            }
            #expect(denied.count == 9)
        }
    }

    @Test(
        "The children behind a figure are named only where the reader may open the record; the analyst gets a count",
        arguments: TestBackend.all)
    func childrenBehindAFigure(_ backend: TestBackend) async throws {
        try await withWorld(backend) { w in
            let c = try await PerformanceFixture.load(w)
            let p = PerformanceFixture.period
            let analyst = try await w.env.createUser(
                "pa.pat", "Pat Analyst", role: .performanceAnalyst, agency: w.council, team: nil)
            let counted = try await w.store.performanceChildren(
                .contactDecisions, outcome: false, month: nil, period: p, team: nil, worker: nil,
                context: w.ctx(analyst))
            #expect(counted.lines.isEmpty && counted.hidden == 1, "the analyst sees figures, not names")
            let named = try await w.store.performanceChildren(
                .contactDecisions, outcome: false, month: nil, period: p, team: nil, worker: nil,
                context: w.ctx(w.alice))
            #expect(named.lines.map(\.child.id) == [c.ben] && named.hidden == 0)
            let audit = try await w.env.recentAudit(10)
            let listed = audit.filter { $0.event.detail?.hasPrefix("children behind") == true }
            #expect(try await w.env.peopleRead(in: listed).contains(c.ben))
            let bobs = try await w.store.performanceChildren(
                .initialConferences, outcome: true, month: "2026-04", period: p, team: nil, worker: w.bob.id,
                context: w.ctx(w.manager))
            #expect(Set(bobs.lines.map(\.child.id)) == [c.cal, c.fay])
            await expectRefusal(.invalid) {
                try await w.store.performanceChildren(
                    .reviews, outcome: nil, month: "2027-01", period: p, team: nil, worker: nil, context: w.ctx(w.alice)
                )
            }
            await expectRefusal(.forbidden) {
                try await w.store.performanceChildren(
                    .reviews, outcome: nil, month: nil, period: p, team: w.teamB.id, worker: nil,
                    context: w.ctx(w.manager))
            }
        }
    }
}
