import Foundation
import SQLKit
import SafeholdCore
import SafeholdStore
import Testing

/// Allegations against people who work with children: the LADO records the referral, the initial
/// consideration, the strategy meeting, actions, employment and the outcome, and raises a contact for the
/// child; every step out of order or stale is refused and writes nothing.
@Suite("Allegations in the store")
struct AllegationStoreTests {
    @Test(
        "The LADO takes a case from referral to outcome and raises a contact for the child", arguments: TestBackend.all)
    func wholeCase(_ backend: TestBackend) async throws {
        try await withAllegations(backend) { a in
            let made = try await a.record()
            #expect(made.children.map(\.id) == [a.child] && made.subjectName == "Tom Teachwell")
            #expect(made.details.criteria == [.harmedChild, .unsuitable])
            // The initial consideration is due a working day after receipt (the ruleset's data).
            #expect(made.considerationDue == a.store.ruleset.calendar.adding(workingDays: 1, to: Synthetic.today))
            #expect(made.stageLabel == "Awaiting the initial consideration")
            let today = Synthetic.today.description
            var c = try await a.store.recordConsideration(
                made.id, decision: "threshold_met", reasons: "Physical harm alleged", on: today, expectedVersion: 1,
                context: a.ctx(a.lado))
            c = try await a.store.recordEmployment(
                c.id, status: "suspended", from: today, note: "Pending the meeting", expectedVersion: c.version,
                context: a.ctx(a.lado))
            c = try await a.store.recordAllegationMeeting(
                c.id, kind: "strategy_meeting", on: today,
                attendees: [
                    Attendee(name: "Lee Adoson", agency: "LADO"), Attendee(name: "DS Patel", agency: "Police"),
                ], notes: "Police to speak to the pupil first.", expectedVersion: c.version, context: a.ctx(a.lado))
            c = try await a.store.addAllegationAction(
                c.id, owner: "police", what: "ABE interview of the pupil", dueOn: today, expectedVersion: c.version,
                context: a.ctx(a.lado))
            c = try await a.store.completeAllegationAction(
                c.id, actionId: c.actions[0].id.uuidString, doneOn: today, expectedVersion: c.version,
                context: a.ctx(a.lado))
            #expect(c.actions[0].doneOn == Synthetic.today && c.meeting?.attendees.count == 2)
            let raised = try await a.store.raiseContactFromAllegation(
                c.id, childId: a.child.uuidString, concern: "The pupil may need support at home.",
                expectedVersion: c.version, context: a.ctx(a.lado))
            c = raised.allegation
            #expect(c.contacts.map(\.contactId) == [raised.contactId])
            // The contact is an ordinary contact on the child's record: the allocated worker sees it, and is told.
            let seen = try await a.store.contact(raised.contactId, context: a.ctx(a.w.alice))
            #expect(seen.childIds == [a.child] && seen.triage == nil && seen.concern.contains("support at home"))
            #expect(
                try await a.store.notifications(context: a.ctx(a.w.alice)).contains {
                    $0.kind == .informationShared && $0.personId == a.child && !$0.text.contains("Teachwell")
                })
            c = try await a.store.recordAllegationOutcome(
                c.id,
                .init(
                    outcome: "substantiated", on: today, notes: "Accepted by the employer.", dbsReferredOn: today,
                    regulatorReferredOn: today, regulatorName: "Teaching Regulation Agency", referralNote: nil),
                expectedVersion: c.version, context: a.ctx(a.lado))
            #expect(c.outcome?.outcome == .substantiated && c.resolvedOn == Synthetic.today && !c.isOpen)
            #expect(c.outcome?.markedForRemovalOn == nil && c.currentEmployment?.status == .suspended)
            // A closed case takes no more steps.
            let before = try await a.footprint()
            await expectRefusal(.conflict) {
                try await a.store.addAllegationAction(
                    c.id, owner: "employer", what: "x", dueOn: today, expectedVersion: c.version, context: a.ctx(a.lado)
                )
            }
            #expect(try await a.footprint() == before)
        }
    }

    @Test(
        "An outcome before the evaluation is a 409 in a worker's words and writes nothing", arguments: TestBackend.all)
    func outcomeBeforeEvaluation(_ backend: TestBackend) async throws {
        try await withAllegations(backend) { a in
            let made = try await a.record()
            let before = try await a.footprint()
            let audit = try await a.w.env.count("audit_log")
            let error = await expectRefusal(.conflict) {
                try await a.store.recordAllegationOutcome(
                    made.id,
                    .init(
                        outcome: "unfounded", on: Synthetic.today.description, notes: "n", dbsReferredOn: nil,
                        regulatorReferredOn: nil, regulatorName: nil, referralNote: nil),
                    expectedVersion: 1, context: a.ctx(a.lado))
            }
            #expect("\(error!)".contains("after the strategy meeting or evaluation"))
            #expect(try await a.footprint() == before)
            #expect(try await a.store.allegation(made.id, context: a.ctx(a.lado)).version == 1)
            #expect(try await a.w.env.count("audit_log") >= audit)
            // A meeting before the initial consideration is refused the same way.
            await expectRefusal(.conflict) {
                try await a.store.recordAllegationMeeting(
                    made.id, kind: "evaluation", on: Synthetic.today.description,
                    attendees: [Attendee(name: "L", agency: "LADO")], notes: "n", expectedVersion: 1,
                    context: a.ctx(a.lado))
            }
            #expect(try await a.footprint() == before)
        }
    }

    @Test("A child as the subject is a 422 naming the field; nothing is written", arguments: TestBackend.all)
    func childSubject(_ backend: TestBackend) async throws {
        try await withAllegations(backend) { a in
            let before = try await a.footprint()
            let error = await expectRefusal(.invalid) {
                try await a.store.recordAllegation(try a.draft(subject: a.child), context: a.ctx(a.lado))
            }
            #expect(error?.fields == ["subjectId"])
            // A new subject whose date of birth makes them a child is refused in Core, before the store.
            let young = await expectRefusal(.invalid) {
                try AllegationDraft.validated(
                    subjectId: nil, subjectGivenName: "Kid", subjectFamilyName: "Coach",
                    subjectDateOfBirth: "2012-01-01",
                    subjectUserId: nil, source: "parent", referrerName: "P", referrerOrganisation: nil,
                    employerName: "Club", sector: "sport", role: "Coach", criteria: ["unsuitable"], summary: "s",
                    receivedAt: testNow, childIds: [], now: testNow, today: Synthetic.today)
            }
            #expect(young?.fields == ["subjectDateOfBirth"])
            #expect(try await a.footprint() == before)
        }
    }

    @Test("Stale versions, bad codes and steps twice are refused and write nothing", arguments: TestBackend.all)
    func refusals(_ backend: TestBackend) async throws {
        try await withAllegations(backend) { a in
            let made = try await a.record()
            let today = Synthetic.today.description
            let c = try await a.store.recordConsideration(
                made.id, decision: "threshold_met", reasons: "r", on: today, expectedVersion: 1, context: a.ctx(a.lado))
            let before = try await a.footprint()
            await expectRefusal(.conflict) {
                try await a.store.recordEmployment(
                    c.id, status: "working", from: today, note: nil, expectedVersion: 1, context: a.ctx(a.lado))
            }
            await expectRefusal(.conflict) {
                try await a.store.recordConsideration(
                    c.id, decision: "no_further_action", reasons: "r", on: today, expectedVersion: c.version,
                    context: a.ctx(a.lado))
            }
            let bad = await expectRefusal(.invalid) {
                try await a.store.recordAllegationMeeting(
                    c.id, kind: "coffee", on: "2026-02-30", attendees: [Attendee(name: "\u{202E}x", agency: "")],
                    notes: "", expectedVersion: c.version, context: a.ctx(a.lado))
            }
            #expect(
                Set(bad?.fields ?? [])
                    == ["kind", "on", "attendees[0].name", "attendees[0].agency", "notes"])
            await expectRefusal(.invalid) {
                try await a.store.addAllegationAction(
                    c.id, owner: "mayor", what: String(repeating: "x", count: 2001), dueOn: "tomorrow",
                    expectedVersion: c.version, context: a.ctx(a.lado))
            }
            await expectRefusal(.invalid) {
                try await a.store.raiseContactFromAllegation(
                    c.id, childId: UUID().uuidString, concern: "c", expectedVersion: c.version, context: a.ctx(a.lado))
            }
            #expect(try await a.footprint() == before)
        }
    }

    @Test(
        "An overdue initial consideration is told to the LADO service once, never to a LADO who is the subject",
        arguments: TestBackend.all)
    func dueNotices(_ backend: TestBackend) async throws {
        try await withAllegations(backend) { a in
            let made = try await a.record(subjectUser: a.subjectLado.id)
            let system = AuditContext(system: "test")
            a.w.env.clock.advance(by: 10 * 86_400)
            #expect(try await a.store.notifyDueItems(context: system) == 1)
            let told = try await a.store.notifications(context: a.ctx(a.lado)).filter { $0.kind == .due }
            #expect(told.count == 1 && told[0].personId == made.subjectId)
            #expect(
                told[0].text.hasPrefix("Overdue on the allegation about Tom Teachwell: Make the initial consideration"))
            #expect(try await a.store.notifications(context: a.ctx(a.subjectLado)).isEmpty)
            #expect(try await a.store.notifyDueItems(context: system) == 0, "each item and status is told once")
        }
    }

    @Test("A malicious allegation is marked for removal on the outcome's date", arguments: TestBackend.all)
    func malicious(_ backend: TestBackend) async throws {
        try await withAllegations(backend) { a in
            let made = try await a.record()
            let today = Synthetic.today.description
            var c = try await a.store.recordConsideration(
                made.id, decision: "threshold_met", reasons: "r", on: today, expectedVersion: 1, context: a.ctx(a.lado))
            c = try await a.store.recordAllegationMeeting(
                c.id, kind: "evaluation", on: today, attendees: [Attendee(name: "L", agency: "LADO")], notes: "n",
                expectedVersion: c.version, context: a.ctx(a.lado))
            // A substantiated outcome without a referral or a reason for none names the field.
            let missing = await expectRefusal(.invalid) {
                try await a.store.recordAllegationOutcome(
                    c.id,
                    .init(
                        outcome: "substantiated", on: today, notes: "n", dbsReferredOn: nil, regulatorReferredOn: nil,
                        regulatorName: nil, referralNote: nil), expectedVersion: c.version, context: a.ctx(a.lado))
            }
            #expect(missing?.fields == ["dbsReferredOn"])
            c = try await a.store.recordAllegationOutcome(
                c.id,
                .init(
                    outcome: "malicious", on: today, notes: "Fabricated after a detention.", dbsReferredOn: nil,
                    regulatorReferredOn: nil, regulatorName: nil, referralNote: nil),
                expectedVersion: c.version, context: a.ctx(a.lado))
            #expect(c.outcome?.markedForRemovalOn == Synthetic.today)
        }
    }
}
