import Foundation
import SQLKit
import SafeholdCore
import SafeholdStore
import Testing

/// Referrals from a child's plan to services: made by a worker who may edit the child, tracked to an
/// outcome through the one table of steps, with a history; an overdue answer in the due lists.
@Suite("Referrals to services in the store")
struct ServiceReferralStoreTests {
    @Test(
        "A referral goes sent, accepted, started, ended, each step kept with who and when", arguments: TestBackend.all)
    func lifeOfAReferral(_ backend: TestBackend) async throws {
        try await withServices(backend) { s in
            let sent = try await s.refer()
            #expect(sent.status == .sent && sent.version == 1 && sent.type.code == "housing")
            // Housing answers within 10 working days, counted on the working calendar.
            #expect(
                sent.responseDue(s.store.ruleset.calendar)
                    == s.store.ruleset.calendar.adding(workingDays: 10, to: Synthetic.today))
            let today = Synthetic.today.description
            let accepted = try await s.store.updateServiceReferral(
                sent.id, status: "accepted", on: today, reason: nil, outcome: nil, expectedVersion: 1,
                context: s.ctx(s.w.bob))
            let started = try await s.store.updateServiceReferral(
                sent.id, status: "started", on: today, reason: nil, outcome: nil, expectedVersion: accepted.version,
                context: s.ctx(s.w.alice))
            let ended = try await s.store.updateServiceReferral(
                sent.id, status: "ended", on: today, reason: nil, outcome: "Family rehoused; worker visits weekly.",
                expectedVersion: started.version, context: s.ctx(s.w.alice))
            #expect(ended.status == .ended && ended.version == 4)
            #expect(ended.outcome == "Family rehoused; worker visits weekly.")
            #expect(ended.history.map(\.status) == [.sent, .accepted, .started, .ended])
            #expect(ended.history.map(\.byName) == ["Alice Example", "Bob Example", "Alice Example", "Alice Example"])
            // Shown with the child's record, and audited against the child.
            let record = try await s.store.openPerson(s.child, context: s.ctx(s.w.alice))
            #expect(record.services?.referrals.map(\.id) == [sent.id])
            let entries = try await s.store.audit.entries(forPerson: s.child).filter {
                $0.event.entityType == "service_referral" && $0.event.action != .read
            }
            #expect(entries.map(\.event.action).filter { $0 == .create }.count == 1)
            #expect(entries.map(\.event.action).filter { $0 == .update }.count == 3)
        }
    }

    @Test(
        "A step the table does not allow, or a stale version, is a 409 in plain words and writes nothing",
        arguments: TestBackend.all)
    func refusedSteps(_ backend: TestBackend) async throws {
        try await withServices(backend) { s in
            let sent = try await s.refer()
            let today = Synthetic.today.description
            let declined = try await s.store.updateServiceReferral(
                sent.id, status: "declined", on: today, reason: "Outside our area.", outcome: nil, expectedVersion: 1,
                context: s.ctx(s.w.alice))
            #expect(declined.declineReason == "Outside our area.")
            let before = try await s.footprint()
            let cannotStart = await expectRefusal(.conflict) {
                try await s.store.updateServiceReferral(
                    sent.id, status: "started", on: today, reason: nil, outcome: nil, expectedVersion: 2,
                    context: s.ctx(s.w.alice))
            }
            #expect(cannotStart?.message == "This referral was declined; it cannot start.")
            let stale = await expectRefusal(.conflict) {
                try await s.store.updateServiceReferral(
                    sent.id, status: "accepted", on: today, reason: nil, outcome: nil, expectedVersion: 1,
                    context: s.ctx(s.w.alice))
            }
            #expect(stale?.message.contains("Someone else updated this referral") == true)
            // Sent cannot jump to ended; the next referral shows it.
            let other = try await s.refer("camhs")
            let jump = await expectRefusal(.conflict) {
                try await s.store.updateServiceReferral(
                    other.id, status: "ended", on: today, reason: nil, outcome: "Done", expectedVersion: 1,
                    context: s.ctx(s.w.alice))
            }
            #expect(jump?.message == "This referral has not been answered by the service yet; it cannot end.")
            var after = try await s.footprint()
            after["service_referrals"]! -= 1
            after["service_referral_events"]! -= 1
            #expect(after == before)
        }
    }

    @Test("Missing or odd fields are refused naming each one, and nothing is written", arguments: TestBackend.all)
    func badInput(_ backend: TestBackend) async throws {
        try await withServices(backend) { s in
            let before = try await s.footprint()
            let error = await expectRefusal(.invalid) {
                try await s.store.referToService(
                    episode: s.episode, serviceType: "astrology", provider: "Evil\u{202E}Corp",
                    request: String(repeating: "x", count: 4001), sentOn: "2999-01-01", context: s.ctx(s.w.alice))
            }
            guard case .invalid(let fields) = error else { return }
            #expect(Set(fields.map(\.field)) == ["serviceType", "provider", "request", "sentOn"])
            let sent = try await s.refer()
            let declineWithoutReason = await expectRefusal(.invalid) {
                try await s.store.updateServiceReferral(
                    sent.id, status: "declined", on: Synthetic.today.description, reason: "  ", outcome: nil,
                    expectedVersion: 1, context: s.ctx(s.w.alice))
            }
            #expect(declineWithoutReason == .invalid([FieldError("reason", "is required")]))
            let beforeSent = await expectRefusal(.invalid) {
                try await s.store.updateServiceReferral(
                    sent.id, status: "accepted", on: "2000-01-01", reason: nil, outcome: nil, expectedVersion: 1,
                    context: s.ctx(s.w.alice))
            }
            #expect(beforeSent == .invalid([FieldError("on", "is before the referral was sent")]))
            var after = try await s.footprint()
            after["service_referrals"]! -= 1
            after["service_referral_events"]! -= 1
            #expect(after == before)
        }
    }

    @Test("With no open plan on the episode a referral is a conflict", arguments: TestBackend.all)
    func noOpenPlan(_ backend: TestBackend) async throws {
        try await withWorld(backend) { w in
            let (_, _, episode) = try await PipelineFixture.episode(w, name: "Planless")
            let refused = await expectRefusal(.conflict) {
                try await w.store.referToService(
                    episode: episode, serviceType: "housing", provider: "P", request: "R",
                    sentOn: Synthetic.today.description, context: w.ctx(w.alice))
            }
            #expect(refused?.message == "Referrals to services are made from an open plan, and this episode has none.")
            #expect(try await w.env.count("service_referrals") == 0)
        }
    }

    @Test(
        "Another team's worker, a partner with a read grant, another agency's partner and unscheduled care are refused",
        arguments: TestBackend.all)
    func strangersRefused(_ backend: TestBackend) async throws {
        try await withServices(backend) { s in
            let sent = try await s.refer()
            let before = try await s.footprint()
            let seq = try await s.lastSeq()
            for user in [s.w.carol, s.healthVisitor, s.clinician] {
                let refused = await expectRefusal(.notFound) {
                    try await s.store.updateServiceReferral(
                        sent.id, status: "accepted", on: Synthetic.today.description, reason: nil, outcome: nil,
                        expectedVersion: 1, context: s.ctx(user))
                }
                #expect(refused?.message == AccessPolicy.noVisibleRecord)
                _ = await expectRefusal(.notFound) {
                    try await s.store.referToService(
                        episode: s.episode, serviceType: "housing", provider: "P", request: "R",
                        sentOn: Synthetic.today.description, context: s.ctx(user))
                }
                _ = await expectRefusal(.notFound) {
                    try await s.store.serviceReferrals(of: s.child, context: s.ctx(user))
                }
                #expect(try await s.denials(by: user, after: seq) == 3)
            }
            // The school may read the child's record through its grant, but not change it: a 403 that explains.
            _ = try await s.store.serviceReferrals(of: s.child, context: s.ctx(s.school))
            _ = await expectRefusal(.forbidden) {
                try await s.store.updateServiceReferral(
                    sent.id, status: "accepted", on: Synthetic.today.description, reason: nil, outcome: nil,
                    expectedVersion: 1, context: s.ctx(s.school))
            }
            // An id that does not exist gets the same answer as one that is not yours.
            let made = await expectRefusal(.notFound) {
                try await s.store.updateServiceReferral(
                    UUID(), status: "accepted", on: Synthetic.today.description, reason: nil, outcome: nil,
                    expectedVersion: 1, context: s.ctx(s.w.alice))
            }
            #expect(made?.message == AccessPolicy.noVisibleRecord)
            #expect(try await s.footprint() == before)
        }
    }

    @Test(
        "An answer still awaited after its due date is overdue in the due lists of the child's holders only",
        arguments: TestBackend.all)
    func overdueInDueLists(_ backend: TestBackend) async throws {
        try await withServices(backend) { s in
            let sent = try await s.refer("domestic_abuse")
            let answered = try await s.refer("housing")
            _ = try await s.store.updateServiceReferral(
                answered.id, status: "waiting", on: Synthetic.today.description, reason: nil, outcome: nil,
                expectedVersion: 1, context: s.ctx(s.w.alice))
            // Three weeks on, the domestic abuse service (5 working days) has not answered.
            s.w.env.clock.advance(by: 21 * 86_400)
            for (user, scope) in [(s.w.alice, DueListScope.mine), (s.w.bob, .team), (s.w.manager, .service)] {
                let lines = try await s.store.dueList(scope, context: s.ctx(user)).filter {
                    $0.serviceReferralId != nil
                }
                #expect(lines.map(\.serviceReferralId) == [sent.id], "\(scope)")
                #expect(lines.first?.item.status == .overdue)
                #expect(lines.first?.item.what.contains("Domestic abuse service") == true)
                #expect(lines.first?.episodeId == s.episode)
            }
            let carols = try await s.store.dueList(.service, context: s.ctx(s.w.carol))
            #expect(carols.allSatisfy { $0.serviceReferralId == nil })
            // The episode's own steps are still there alongside it.
            #expect(
                try await s.store.dueList(.mine, context: s.ctx(s.w.alice)).contains { $0.serviceReferralId == nil })
        }
    }
}
