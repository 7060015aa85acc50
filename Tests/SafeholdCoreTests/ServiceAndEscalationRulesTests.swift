import Foundation
import Testing

@testable import SafeholdCore

/// The referral state machine, the escalation's stage rules and the escalation access rules, in Core.
@Suite struct ServiceAndEscalationRulesTests {
    let today = LocalDate(iso: "2026-11-24")!
    let types = [ServiceType(code: "housing", label: "Housing", responseWorkingDays: 10)]

    @Test func everyReferralStepIsAllowedExactlyWhenTheTableSaysSo() {
        let allowed: Set<String> = [
            "sent>accepted", "sent>declined", "sent>waiting", "accepted>started", "waiting>started",
            "waiting>declined", "started>ended",
        ]
        for from in ServiceReferralStatus.allCases {
            for to in ServiceReferralStatus.allCases {
                let refusal = from.refusal(to: to)
                #expect((refusal == nil) == allowed.contains("\(from.rawValue)>\(to.rawValue)"), "\(from) to \(to)")
            }
        }
        #expect(ServiceReferralStatus.declined.refusal(to: .started) == "This referral was declined; it cannot start.")
        #expect(ServiceReferralStatus.ended.refusal(to: .ended) == "This service has ended already.")
    }

    @Test func aDeclineNeedsAReasonAndAnEndAnOutcome() throws {
        func fields(
            _ status: String?, on: String? = "2026-11-24", reason: String? = nil, outcome: String? = nil
        )
            -> [String]
        {
            do {
                _ = try ServiceReferralUpdate.validated(
                    status: status, on: on, reason: reason, outcome: outcome, sentOn: LocalDate(iso: "2026-11-20")!,
                    today: today)
                return []
            } catch {
                guard case .invalid(let errors) = error else { return ["?"] }
                return errors.map(\.field)
            }
        }
        #expect(fields("declined") == ["reason"])
        #expect(fields("declined", reason: "Out of area") == [])
        #expect(fields("ended") == ["outcome"])
        #expect(fields("sent") == ["status"])
        #expect(fields("finished") == ["status"])
        #expect(fields(nil, on: nil) == ["status", "on"])
        #expect(fields("accepted", on: "2026-11-19") == ["on"])
        #expect(fields("accepted", on: "2026-11-25") == ["on"])
        #expect(
            try ServiceReferralUpdate.validated(
                status: "ended", on: "2026-11-24", reason: nil, outcome: "  Rehoused.\n", sentOn: today, today: today
            ).note == "Rehoused.")
    }

    @Test func aReferralIsOverdueOnlyWhileStillSentAfterItsDueDate() {
        let calendar = Ruleset.england2025.calendar
        let sentOn = LocalDate(iso: "2026-11-02")!
        var referral = ServiceReferral(
            id: UUID(), episodeId: UUID(), personId: UUID(), planId: UUID(), type: types[0], provider: "P",
            request: "R", sentOn: sentOn, status: .sent, declineReason: nil, outcome: nil, version: 1, history: [])
        #expect(referral.responseDue(calendar) == LocalDate(iso: "2026-11-16")!)
        #expect(!referral.isResponseOverdue(today: LocalDate(iso: "2026-11-16")!, calendar: calendar))
        #expect(referral.isResponseOverdue(today: LocalDate(iso: "2026-11-17")!, calendar: calendar))
        referral.status = .waiting
        #expect(!referral.isResponseOverdue(today: LocalDate(iso: "2026-11-17")!, calendar: calendar))
    }

    func escalation(at stages: [(Int, responded: Bool)], resolved: Bool = false) -> Escalation {
        Escalation(
            id: UUID(), personId: UUID(), childName: "Ada", raisedBy: UUID(), raisedByName: "Sam",
            raisedByAgency: "School", raisedOn: today, decision: "d", linkedRecordId: nil, linkedRecordLabel: nil,
            disagreement: "w", desiredOutcome: "o",
            steps: stages.map {
                Escalation.Step(
                    stage: EscalationStage(number: $0.0, label: "S\($0.0)", responseWorkingDays: 2), startedOn: today,
                    dueOn: today, reason: "r", movedBy: "m", response: $0.responded ? "ok" : nil)
            },
            resolution: resolved ? .init(outcome: .withdrawn, note: "n", byName: "b", on: today) : nil, version: 1)
    }

    let stages = [1, 2, 3].map { EscalationStage(number: $0, label: "S\($0)", responseWorkingDays: $0 * 2) }

    @Test func stagesMoveOneAtATimeAndEachIsAnsweredBeforeOrWithTheMove() throws {
        let answered = escalation(at: [(1, true)])
        #expect(
            try answered.checkEscalation(to: "2", reason: "r", response: nil, stages: stages, mayRespond: false)
                .stage.number == 2)
        for wanted in ["3", "1", "", "two", nil] as [String?] {
            #expect(throws: SafeholdError.self) {
                try answered.checkEscalation(to: wanted, reason: "r", response: nil, stages: stages, mayRespond: false)
            }
        }
        let unanswered = escalation(at: [(1, false)])
        #expect(
            throws: SafeholdError.conflict(
                "Stage 1 has not been responded to yet. It is answered before, or when, it is escalated: "
                    + "the social care team gives its response first.")
        ) {
            try unanswered.checkEscalation(to: "2", reason: "r", response: "x", stages: stages, mayRespond: false)
        }
        #expect(
            try unanswered.checkEscalation(to: "2", reason: "r", response: " x ", stages: stages, mayRespond: true)
                .response == "x")
        let last = escalation(at: [(1, true), (2, true), (3, true)])
        #expect(
            throws: SafeholdError.invalid([
                FieldError("stage", "stage 3 is the last stage: resolve the escalation instead")
            ])
        ) {
            try last.checkEscalation(to: "4", reason: "r", response: nil, stages: stages, mayRespond: true)
        }
        #expect(throws: SafeholdError.self) {
            try escalation(at: [(1, true)], resolved: true).checkResolution(outcome: "withdrawn", note: "n")
        }
        #expect(
            throws: SafeholdError.invalid([FieldError("outcome", "is required"), FieldError("note", "is required")])
        ) {
            try answered.checkResolution(outcome: nil, note: nil)
        }
    }

    @Test func theRaiserFollowsTheHoldersAnswerAndEveryoneElseGetsTheOne404() {
        let policy = AccessPolicy()
        let team = UUID(), otherTeam = UUID(), raiser = UUID(), worker = UUID()
        let facts = EscalationFacts(
            raisedBy: raiser, respondingTeamId: team,
            child: RecordAccessFacts(allocatedWorkerIds: [worker], allocatedTeamIds: [team]))
        func actor(_ id: UUID, _ role: Role, _ team: UUID?) -> Actor {
            Actor(userId: id, role: role, agencyId: UUID(), teamId: team, displayName: "x")
        }
        let partner = actor(raiser, .partner, nil)
        #expect(policy.standing(partner, facts) == .raiser)
        #expect(policy.decideEscalation(partner, .view, facts).decision == .allowed)
        #expect(policy.decideEscalation(partner, .escalate, facts).decision == .allowed)
        #expect(policy.decideEscalation(partner, .respond, facts).seesRecord)
        #expect(!policy.decideEscalation(partner, .respond, facts).decision.isAllowed)
        #expect(policy.standing(actor(worker, .socialWorker, team), facts) == .responder)
        #expect(policy.standing(actor(UUID(), .teamManager, team), facts) == .responder)
        for stranger in [
            actor(UUID(), .partner, nil), actor(UUID(), .socialWorker, otherTeam), actor(UUID(), .unscheduledCare, nil),
            actor(UUID(), .police, team), actor(UUID(), .dataProtectionOfficer, nil),
        ] {
            let (decision, sees) = policy.decideEscalation(stranger, .view, facts)
            #expect(decision == .denied(AccessPolicy.noVisibleRecord) && !sees, "\(stranger.role)")
        }
        // A raiser who also holds the child still never answers their own escalation.
        let holderRaiser = EscalationFacts(raisedBy: worker, respondingTeamId: team, child: facts.child)
        #expect(!policy.decideEscalation(actor(worker, .socialWorker, team), .respond, holderRaiser).decision.isAllowed)
        // A restricted record: the responding team alone is not enough, the allocated worker is.
        let restricted = EscalationFacts(
            raisedBy: raiser, respondingTeamId: team,
            child: RecordAccessFacts(allocatedWorkerIds: [worker], allocatedTeamIds: [team], restricted: true))
        #expect(policy.standing(actor(UUID(), .socialWorker, team), restricted) == nil)
        #expect(policy.standing(actor(worker, .socialWorker, team), restricted) == .responder)
    }

    @Test func aDraftNamesEveryMissingOrOddField() {
        do {
            _ = try EscalationDraft.validated(
                decision: " ", linkedRecordId: "nope", disagreement: "a\u{202E}b", desiredOutcome: nil)
            Issue.record("accepted")
        } catch {
            guard case .invalid(let errors) = error else { return }
            #expect(errors.map(\.field) == ["decision", "linkedRecordId", "disagreement", "desiredOutcome"])
        }
        do {
            _ = try ServiceReferralDraft.validated(
                serviceType: "housing", provider: "P", request: "R", sentOn: "2026-11-01", types: types,
                planStartedOn: LocalDate(iso: "2026-11-10")!, today: today)
            Issue.record("accepted a referral sent before its plan started")
        } catch {
            #expect(error == .invalid([FieldError("sentOn", "is before the plan started")]))
        }
    }
}
