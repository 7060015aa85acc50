import Foundation
import SQLKit
import SafeholdCore
import SafeholdStore
import Testing

/// Escalations of professional disagreement: raised by anyone who may open the child's record, answered
/// by the child's social care team, one stage at a time, resolved onto the child's chronology.
@Suite("Escalations in the store")
struct EscalationStoreTests {
    static func raise(_ s: ServicesWorld, by user: User, link: String? = nil) async throws -> Escalation {
        try await s.store.raiseEscalation(
            about: s.child, decision: "Step-down to child in need", linkedRecordId: link,
            disagreement: "Mother's partner is back in the home.", desiredOutcome: "Keep the protection plan.",
            context: s.ctx(user))
    }

    @Test(
        "A school raises, the worker responds, it goes to managers, is resolved; the raiser follows it all",
        arguments: TestBackend.all)
    func schoolEscalation(_ backend: TestBackend) async throws {
        try await withServices(backend) { s in
            let raised = try await Self.raise(s, by: s.school, link: s.worked.plan.uuidString)
            #expect(raised.current?.stage.number == 1 && raised.awaitsResponse)
            #expect(raised.linkedRecordLabel?.hasPrefix("Child protection plan started") == true)
            #expect(raised.raisedByAgency == "Northfield Academy" && raised.childName.isEmpty == false)
            // Stage 1 is answered within 2 working days (data, not code).
            #expect(raised.current?.dueOn == s.store.ruleset.calendar.adding(workingDays: 2, to: Synthetic.today))
            // The child's holders are told.
            let told = try await s.store.notifications(context: s.ctx(s.w.alice))
            #expect(told.contains { $0.kind == .escalation && $0.personId == s.child })

            let responded = try await s.store.respondToEscalation(
                raised.id, response: "Partner left; safety plan in place.", expectedVersion: 1,
                context: s.ctx(s.w.alice))
            #expect(responded.current?.response == "Partner left; safety plan in place.")
            #expect(responded.current?.respondedBy == "Alice Example")
            // The raiser is told, and takes it to stage 2 (managers).
            #expect(try await s.store.notifications(context: s.ctx(s.school)).contains { $0.kind == .escalation })
            let stage2 = try await s.store.escalate(
                raised.id, toStage: "2", reason: "He was seen at the school gate today.", response: nil,
                expectedVersion: responded.version, context: s.ctx(s.school))
            #expect(stage2.steps.map(\.stage.number) == [1, 2])
            #expect(stage2.current?.dueOn == s.store.ruleset.calendar.adding(workingDays: 5, to: Synthetic.today))
            #expect(try await s.store.notifications(context: s.ctx(s.w.manager)).contains { $0.kind == .escalation })

            let resolved = try await s.store.resolveEscalation(
                raised.id, outcome: "decision_changed", note: "Plan continues; review conference brought forward.",
                expectedVersion: stage2.version, context: s.ctx(s.w.manager))
            #expect(resolved.resolution?.outcome == .decisionChanged && resolved.resolution?.byName == "Mina Manager")

            // The raiser sees it through, through the escalation rules, with the child's name only.
            let seen = try await s.store.escalation(raised.id, context: s.ctx(s.school))
            #expect(seen.standing == .raiser && seen.escalation.isResolved)
            #expect(try await s.store.escalations(context: s.ctx(s.school)).map(\.id) == [raised.id])
            #expect(try await s.store.escalations(context: s.ctx(s.w.manager)).map(\.id) == [raised.id])

            // On the child's file: raised and resolved.
            let chronology = try await s.store.chronology(of: s.child, kinds: [.escalation], context: s.ctx(s.w.alice))
            #expect(
                chronology.map(\.title) == ["Escalation of professional disagreement raised", "Escalation resolved"])
            #expect(chronology.last?.detail.contains("Plan continues") == true)
            // Analysis may be added to its entry like any other.
            try await s.store.addAnalysis(
                to: chronology[1].id, of: s.child, body: "Escalation was heard.", context: s.ctx(s.w.alice))
        }
    }

    @Test(
        "A partner without the record who raised it keeps following it; nothing else of the record",
        arguments: TestBackend.all)
    func raiserLosesGrant(_ backend: TestBackend) async throws {
        try await withServices(backend) { s in
            let raised = try await Self.raise(s, by: s.school)
            try await s.w.env.execute("DELETE FROM access_grants WHERE user_id = '\(s.school.id.uuidString)'")
            let seen = try await s.store.escalation(raised.id, context: s.ctx(s.school))
            #expect(seen.standing == .raiser && !seen.canViewChild)
            _ = await expectRefusal(.notFound) { try await s.store.openPerson(s.child, context: s.ctx(s.school)) }
            _ = await expectRefusal(.notFound) { try await s.store.chronology(of: s.child, context: s.ctx(s.school)) }
            // They may still withdraw it, but never answer it.
            _ = await expectRefusal(.forbidden) {
                try await s.store.respondToEscalation(
                    raised.id, response: "Fine.", expectedVersion: 1, context: s.ctx(s.school))
            }
            let withdrawn = try await s.store.resolveEscalation(
                raised.id, outcome: "withdrawn", note: "Spoke to the worker.", expectedVersion: 1,
                context: s.ctx(s.school))
            #expect(withdrawn.resolution?.outcome == .withdrawn)
        }
    }

    @Test(
        "Stages move one at a time: a skip is a 422 naming stage, an unanswered stage a 409; nothing written",
        arguments: TestBackend.all)
    func stageRules(_ backend: TestBackend) async throws {
        try await withServices(backend) { s in
            let raised = try await Self.raise(s, by: s.school)
            let before = try await s.footprint()
            let skip = await expectRefusal(.invalid) {
                try await s.store.escalate(
                    raised.id, toStage: "3", reason: "Straight to the top.", response: nil, expectedVersion: 1,
                    context: s.ctx(s.school))
            }
            #expect(
                skip
                    == .invalid([
                        FieldError("stage", "must be 2: stages move one at a time, and this escalation is at stage 1")
                    ]))
            let unanswered = await expectRefusal(.conflict) {
                try await s.store.escalate(
                    raised.id, toStage: "2", reason: "No answer.", response: nil, expectedVersion: 1,
                    context: s.ctx(s.school))
            }
            #expect(unanswered?.message.hasPrefix("Stage 1 has not been responded to yet.") == true)
            let stale = await expectRefusal(.conflict) {
                try await s.store.respondToEscalation(
                    raised.id, response: "x", expectedVersion: 7, context: s.ctx(s.w.alice))
            }
            #expect(stale?.message.contains("Someone else changed this escalation") == true)
            let empty = await expectRefusal(.invalid) {
                try await s.store.respondToEscalation(
                    raised.id, response: "\u{2066}hidden", expectedVersion: 1, context: s.ctx(s.w.alice))
            }
            #expect(
                empty
                    == .invalid([
                        FieldError("response", "contains invisible characters that change the direction of text")
                    ]))
            #expect(try await s.footprint() == before)
            // A responder may answer and escalate in one step; stage 3 is the last.
            let two = try await s.store.escalate(
                raised.id, toStage: "2", reason: "Team cannot agree.", response: "We see it differently.",
                expectedVersion: 1, context: s.ctx(s.w.alice))
            #expect(two.steps.first?.response == "We see it differently.")
            let three = try await s.store.escalate(
                raised.id, toStage: "3", reason: "Partnership to decide.", response: "Managers disagree.",
                expectedVersion: two.version, context: s.ctx(s.w.manager))
            let last = await expectRefusal(.invalid) {
                try await s.store.escalate(
                    raised.id, toStage: "4", reason: "More.", response: "x", expectedVersion: three.version,
                    context: s.ctx(s.w.manager))
            }
            guard case .invalid(let fields) = last else { return }
            #expect(fields.map(\.field) == ["stage"])
            let resolved = try await s.store.resolveEscalation(
                raised.id, outcome: "decision_stands", note: "Partnership upheld the plan.",
                expectedVersion: three.version, context: s.ctx(s.w.manager))
            let closed = await expectRefusal(.conflict) {
                try await s.store.respondToEscalation(
                    raised.id, response: "Late.", expectedVersion: resolved.version, context: s.ctx(s.w.alice))
            }
            #expect(closed?.message.hasPrefix("This escalation was resolved") == true)
        }
    }

    @Test(
        "A linked record must be on this child's record; the field is named and nothing written",
        arguments: TestBackend.all)
    func linkChecked(_ backend: TestBackend) async throws {
        try await withServices(backend) { s in
            let other = try await PipelineFixture.episodeWithPlan(s.w, name: "Other")
            let before = try await s.footprint()
            for link in [other.plan.uuidString, other.contact.uuidString, "not-an-id", UUID().uuidString] {
                let refused = await expectRefusal(.invalid) { try await Self.raise(s, by: s.w.alice, link: link) }
                guard case .invalid(let fields) = refused else { continue }
                #expect(fields.map(\.field) == ["linkedRecordId"], "\(link)")
            }
            #expect(try await s.footprint() == before)
            let onContact = try await Self.raise(s, by: s.w.alice, link: s.worked.contact.uuidString)
            #expect(onContact.linkedRecordLabel?.hasPrefix("Contact received") == true)
        }
    }

    @Test(
        "Another agency's partner, another team's worker and unscheduled care get the one 404; nothing written",
        arguments: TestBackend.all)
    func strangersRefused(_ backend: TestBackend) async throws {
        try await withServices(backend) { s in
            let raised = try await Self.raise(s, by: s.school)
            let before = try await s.footprint()
            let seq = try await s.lastSeq()
            for user in [s.healthVisitor, s.w.carol, s.clinician] {
                for attempt in [
                    { _ = try await s.store.escalation(raised.id, context: s.ctx(user)) },
                    {
                        _ = try await s.store.respondToEscalation(
                            raised.id, response: "x", expectedVersion: 1, context: s.ctx(user))
                    },
                    {
                        _ = try await s.store.escalate(
                            raised.id, toStage: "2", reason: "x", response: "y", expectedVersion: 1,
                            context: s.ctx(user))
                    },
                    {
                        _ = try await s.store.resolveEscalation(
                            raised.id, outcome: "withdrawn", note: "x", expectedVersion: 1, context: s.ctx(user))
                    },
                    { _ = try await Self.raise(s, by: user) },
                ] as [@Sendable () async throws -> Void] {
                    let refused = await expectRefusal(.notFound) { try await attempt() }
                    #expect(refused?.message == AccessPolicy.noVisibleRecord)
                }
                #expect(try await s.denials(by: user, after: seq) == 5, "\(user.username)")
                #expect(try await s.store.escalations(context: s.ctx(user)).isEmpty)
            }
            // The same answer for an escalation that does not exist.
            let made = await expectRefusal(.notFound) {
                try await s.store.escalation(UUID(), context: s.ctx(s.w.alice))
            }
            #expect(made?.message == AccessPolicy.noVisibleRecord)
            #expect(try await s.footprint() == before)
            // A partner with a grant who did not raise it does not see someone else's escalation.
            let another = try await Self.raise(s, by: s.w.bob)
            _ = await expectRefusal(.notFound) { try await s.store.escalation(another.id, context: s.ctx(s.school)) }
            let panel = try await s.store.openPerson(s.child, context: s.ctx(s.school)).services
            #expect(panel?.escalations.map(\.id) == [raised.id])
        }
    }

    @Test("An unanswered stage past its due date is overdue in the holders' due lists", arguments: TestBackend.all)
    func overdueStage(_ backend: TestBackend) async throws {
        try await withServices(backend) { s in
            let raised = try await Self.raise(s, by: s.school)
            s.w.env.clock.advance(by: 7 * 86_400)
            for (user, scope) in [(s.w.alice, DueListScope.mine), (s.w.bob, .team), (s.w.manager, .service)] {
                let lines = try await s.store.dueList(scope, context: s.ctx(user)).filter { $0.escalationId != nil }
                #expect(lines.map(\.escalationId) == [raised.id], "\(scope)")
                #expect(lines.first?.item.status == .overdue && lines.first?.episodeId == nil)
            }
            #expect(
                try await s.store.dueList(.service, context: s.ctx(s.w.carol)).allSatisfy { $0.escalationId == nil })
            _ = try await s.store.respondToEscalation(
                raised.id, response: "Answered late.", expectedVersion: 1, context: s.ctx(s.w.bob))
            #expect(try await s.store.dueList(.team, context: s.ctx(s.w.bob)).allSatisfy { $0.escalationId == nil })
        }
    }
}
