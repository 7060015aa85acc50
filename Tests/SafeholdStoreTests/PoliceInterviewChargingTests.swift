import Foundation
import SQLKit
import SafeholdCore
import SafeholdStore
import Testing

@Suite("ABE interviews and charging decisions in the store")
struct PoliceInterviewChargingTests {
    @Test(
        "An interviewer needs an ABE accreditation current on the day; refusals name interviewerIds and write nothing",
        arguments: TestBackend.all)
    func interviewerAccreditation(_ backend: TestBackend) async throws {
        try await withPolice(backend) { p in
            let investigation = try await p.open()
            try await p.accredit(p.ash)
            try await p.accredit(p.cal, from: "2025-01-01", to: "2026-11-24")
            let before = try await p.footprint()
            let none = await expectRefusal(.invalid) {
                try await p.store.planInterview(
                    p.plan(interviewers: [p.ash, p.bea]), investigation: investigation.id, context: p.ctx(p.ash))
            }
            #expect(none?.fields == ["interviewerIds"])
            #expect(none?.message.contains("Bea Sergeant") == true)
            // Cal's accreditation ran out the day before the planned interview.
            let expired = await expectRefusal(.invalid) {
                try await p.store.planInterview(
                    p.plan(interviewers: [p.cal]), investigation: investigation.id, context: p.ctx(p.ash))
            }
            #expect(expired?.fields == ["interviewerIds"])
            let social = await expectRefusal(.invalid) {
                try await p.store.planInterview(
                    p.plan(interviewers: [p.w.alice]), investigation: investigation.id, context: p.ctx(p.ash))
            }
            #expect(social?.fields == ["interviewerIds"])
            let notOnIt = await expectRefusal(.invalid) {
                try await p.store.planInterview(p.plan(p.ben), investigation: investigation.id, context: p.ctx(p.ash))
            }
            #expect(notOnIt?.fields == ["childId"])
            #expect(try await p.footprint() == before)
            // On its last day cal's accreditation is still current; ash's is current throughout.
            let lastDay = try await p.store.planInterview(
                p.plan(at: testNow, interviewers: [p.cal, p.ash]), investigation: investigation.id,
                context: p.ctx(p.ash))
            #expect(lastDay.version == 1 && !lastDay.isHeld)
            let planned = try await p.store.planInterview(
                p.plan(), investigation: investigation.id, context: p.ctx(p.ash))
            let home = try await p.store.policeHome(context: p.ctx(p.bea))
            #expect(Set(home.interviewsToPlan.map(\.id)) == [lastDay.id, planned.id])
            #expect(home.interviewsToPlan.allSatisfy { $0.reference == "NB/12345/26" && $0.child.id == p.amy })
            // Social care may not plan interviews.
            await expectRefusal(.forbidden) {
                try await p.store.planInterview(p.plan(), investigation: investigation.id, context: p.ctx(p.w.alice))
            }
        }
    }

    @Test(
        "Accreditations: an administrator or a police colleague of the force records one; never for oneself",
        arguments: TestBackend.all)
    func accreditationsRecorded(_ backend: TestBackend) async throws {
        try await withPolice(backend) { p in
            let byColleague = try await p.store.addAccreditation(
                user: p.cal.id, kind: .abeInterviewing, validFrom: Synthetic.date("2026-01-01"),
                expiresOn: Synthetic.date("2026-12-31"), context: p.ctx(p.bea))
            #expect(byColleague.userId == p.cal.id && byColleague.isCurrent(on: Synthetic.today))
            let before = try await p.footprint()
            await expectRefusal(.forbidden) {
                try await p.store.addAccreditation(
                    user: p.ash.id, kind: .abeInterviewing, validFrom: Synthetic.date("2026-01-01"),
                    expiresOn: Synthetic.date("2026-12-31"), context: p.ctx(p.ash))
            }
            let otherForce = await expectRefusal(.invalid) {
                try await p.store.addAccreditation(
                    user: p.sol.id, kind: .abeInterviewing, validFrom: Synthetic.date("2026-01-01"),
                    expiresOn: Synthetic.date("2026-12-31"), context: p.ctx(p.bea))
            }
            #expect(otherForce?.fields == ["userId"])
            let backwards = await expectRefusal(.invalid) {
                try await p.store.addAccreditation(
                    user: p.ash.id, kind: .abeInterviewing, validFrom: Synthetic.date("2026-12-31"),
                    expiresOn: Synthetic.date("2026-01-01"), context: p.ctx(p.w.admin))
            }
            #expect(backwards?.fields == ["expiresOn"])
            await expectRefusal(.forbidden) {
                try await p.store.addAccreditation(
                    user: p.ash.id, kind: .abeInterviewing, validFrom: Synthetic.date("2026-01-01"),
                    expiresOn: Synthetic.date("2026-12-31"), context: p.ctx(p.w.alice))
            }
            #expect(try await p.footprint() == before)
        }
    }

    @Test(
        "An interview cannot come before the removal it follows; a held interview is recorded once",
        arguments: TestBackend.all)
    func interviewAfterRemoval(_ backend: TestBackend) async throws {
        try await withPolice(backend) { p in
            try await p.accredit(p.ash)
            let investigation = try await p.open()
            let protection = try await p.store.recordPoliceProtection(
                child: p.amy, p.removal(at: testNow.addingTimeInterval(-2 * 3600)), investigation: investigation.id,
                context: p.ctx(p.ash))
            let before = try await p.footprint()
            let early = await expectRefusal(.invalid) {
                try await p.store.planInterview(
                    p.plan(at: testNow.addingTimeInterval(-3 * 3600), follows: protection.id),
                    investigation: investigation.id, context: p.ctx(p.ash))
            }
            #expect(early?.fields == ["plannedFor"])
            let wrongChild = await expectRefusal(.invalid) {
                try await p.store.planInterview(
                    p.plan(follows: UUID()), investigation: investigation.id, context: p.ctx(p.ash))
            }
            #expect(wrongChild?.fields == ["followsProtectionId"])
            #expect(try await p.footprint() == before)
            let interview = try await p.store.planInterview(
                p.plan(at: testNow.addingTimeInterval(-3600), follows: protection.id), investigation: investigation.id,
                context: p.ctx(p.ash))
            let beforeRemoval = await expectRefusal(.invalid) {
                try await p.store.recordInterview(
                    interview.id, investigation: investigation.id, p.held(at: testNow.addingTimeInterval(-3 * 3600)),
                    expectedVersion: 1, context: p.ctx(p.ash))
            }
            #expect(beforeRemoval?.fields == ["heldAt"])
            var noConsent = p.held()
            noConsent.consentGiven = false
            let consent = await expectRefusal(.invalid) {
                try await p.store.recordInterview(
                    interview.id, investigation: investigation.id, noConsent, expectedVersion: 1, context: p.ctx(p.ash))
            }
            #expect(consent?.fields == ["consentGiven"])
            let held = try await p.store.recordInterview(
                interview.id, investigation: investigation.id, p.held(), expectedVersion: 1, context: p.ctx(p.ash))
            #expect(held.isHeld && held.version == 2)
            await expectRefusal(.conflict) {
                try await p.store.recordInterview(
                    interview.id, investigation: investigation.id, p.held(), expectedVersion: 2, context: p.ctx(p.ash))
            }
            let file = try await p.store.investigationFile(investigation.id, context: p.ctx(p.ash))
            #expect(file.interviews.first?.record?.recordingReference == "ABE-NB-0042")
            #expect(file.protections.map(\.id) == [protection.id])
            #expect(try await p.store.policeHome(context: p.ctx(p.ash)).interviewsToPlan.isEmpty)
            let chronology = try await p.store.chronology(of: p.amy, context: p.ctx(p.w.alice))
            #expect(chronology.contains { $0.title == "Police: ABE interview held" })
            #expect(!chronology.contains { $0.detail.contains("belt") })
        }
    }

    /// Moves `id` through `statuses` as ash, one allowed step at a time.
    static func move(_ p: PoliceWorld, _ id: UUID, through statuses: [InvestigationStatus]) async throws {
        for status in statuses {
            let version = try await p.store.investigationFile(id, context: p.ctx(p.ash)).investigation.version
            _ = try await p.store.changeStatus(
                id, StatusChangeDraft(status: status, reason: nil, expectedVersion: version), context: p.ctx(p.ash))
        }
    }

    @Test(
        "A charging decision moves the status only where the status rule allows: a 409 naming it, nothing written",
        arguments: TestBackend.all)
    func chargingFollowsTheStatusRule(_ backend: TestBackend) async throws {
        try await withPolice(backend) { p in
            let investigation = try await p.open()
            try await Self.move(p, investigation.id, through: [.underInvestigation])
            let before = try await p.footprint()
            let refused = await expectRefusal(.conflict) {
                try await p.store.recordChargingDecision(
                    p.decision(.charge), investigation: investigation.id, expectedVersion: 2, context: p.ctx(p.ash))
            }
            guard case .conflict(let message)? = refused else { return }
            #expect(message.contains("is under investigation") && message.contains("cannot move to charged"))
            #expect(try await p.footprint().filter { $0.key != "audit_log" } == before.filter { $0.key != "audit_log" })
            let file = try await p.store.investigationFile(investigation.id, context: p.ctx(p.ash))
            #expect(file.investigation.status == .underInvestigation && file.investigation.version == 2)
            #expect(file.decisions.isEmpty)

            // Charged from the file to CPS; then no further action is no move a charged case allows.
            try await Self.move(p, investigation.id, through: [.fileToCPS])
            _ = try await p.store.recordChargingDecision(
                p.decision(.charge), investigation: investigation.id, expectedVersion: 3, context: p.ctx(p.ash))
            let afterCharge = try await p.footprint()
            let nfa = await expectRefusal(.conflict) {
                try await p.store.recordChargingDecision(
                    p.decision(.caution), investigation: investigation.id, expectedVersion: 4, context: p.ctx(p.ash))
            }
            guard case .conflict(let second)? = nfa else { return }
            #expect(second.contains("is charged") && second.contains("no further action"))
            #expect(
                try await p.footprint().filter { $0.key != "audit_log" }
                    == afterCharge.filter { $0.key != "audit_log" })
        }
    }

    @Test(
        "A charging decision needs the child's views; it moves the status and its bail date reaches the police home",
        arguments: TestBackend.all)
    func chargingDecisions(_ backend: TestBackend) async throws {
        try await withPolice(backend) { p in
            let charged = try await p.open()
            let before = try await p.footprint()
            let noViews = await expectRefusal(.invalid) {
                try await p.store.recordChargingDecision(
                    p.decision(views: "  "), investigation: charged.id, expectedVersion: 1, context: p.ctx(p.ash))
            }
            #expect(noViews?.fields.contains("childViews") == true)
            await expectRefusal(.conflict) {
                try await p.store.recordChargingDecision(
                    p.decision(), investigation: charged.id, expectedVersion: 7, context: p.ctx(p.ash))
            }
            var notSuspect = p.decision()
            notSuspect.suspectId = p.ben
            let suspect = await expectRefusal(.invalid) {
                try await p.store.recordChargingDecision(
                    notSuspect, investigation: charged.id, expectedVersion: 1, context: p.ctx(p.ash))
            }
            #expect(suspect?.fields == ["suspectId"])
            await expectRefusal(.forbidden) {
                try await p.store.recordChargingDecision(
                    p.decision(), investigation: charged.id, expectedVersion: 1, context: p.ctx(p.w.alice))
            }
            #expect(try await p.footprint().filter { $0.key != "audit_log" } == before.filter { $0.key != "audit_log" })

            // A charge needs the file at the CPS: the move goes through the status rule first.
            try await Self.move(p, charged.id, through: [.underInvestigation, .fileToCPS])
            let bailUntil = Synthetic.today.adding(days: 28)
            let recorded = try await p.store.recordChargingDecision(
                p.decision(.charge, bail: .bail, until: bailUntil, conditions: "No contact with Amy"),
                investigation: charged.id, expectedVersion: 3, context: p.ctx(p.ash))
            #expect(recorded.decision.childViews == "Amy wants him kept away from home.")
            let file = try await p.store.investigationFile(charged.id, context: p.ctx(p.w.alice))
            #expect(file.investigation.status == .charged)
            #expect(file.decisions.map(\.id) == [recorded.id])
            #expect(file.nextKeyDate?.what == BailKind.bail.label)

            let nfa = try await p.open(p.draft(crime: "NB/54321/26"))
            _ = try await p.store.recordChargingDecision(
                p.decision(.nfaPublicInterest, bail: .releasedUnderInvestigation, until: Synthetic.today),
                investigation: nfa.id, expectedVersion: 1, context: p.ctx(p.ash))
            let nfaFile = try await p.store.investigationFile(nfa.id, context: p.ctx(p.ash))
            #expect(nfaFile.investigation.status == .noFurtherAction)
            await expectRefusal(.conflict) {
                try await p.store.recordChargingDecision(
                    p.decision(), investigation: nfa.id, expectedVersion: 2, context: p.ctx(p.ash))
            }

            let home = try await p.store.policeHome(context: p.ctx(p.cal))
            #expect(home.bail.map(\.until) == [Synthetic.today, bailUntil])
            #expect(home.bail.map(\.kind) == [.releasedUnderInvestigation, .bail])
            #expect(home.bail.last?.reference == "NB/12345/26")
            let chronology = try await p.store.chronology(of: p.amy, context: p.ctx(p.w.alice))
            #expect(chronology.filter { $0.title == "Police: charging decision" }.count == 2)
        }
    }
}
