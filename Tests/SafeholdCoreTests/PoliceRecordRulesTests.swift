import Foundation
import Testing

@testable import SafeholdCore

@Suite("Police protection, accreditation, interviews, charging decisions and evidence")
struct PoliceRecordRulesTests {
    typealias P = PoliceFixture
    /// Removal into police protection: Tuesday 24 November 2026, 02:30 UTC.
    static let removedAt = Date(timeIntervalSince1970: 1_795_487_400)
    static let hour: TimeInterval = 3600

    static func protection(ended: Bool = false) -> PoliceProtection {
        PoliceProtection(
            id: Fixture.id(1), childId: P.child, agencyId: Fixture.id(2), teamId: Fixture.id(3), investigationId: nil,
            details: PoliceProtectionDraft(
                removedAt: removedAt, removedFrom: "Home address", placeOfSafety: "Foster carer", reason: "Injuries",
                designatedOfficerId: P.officer),
            ending: ended ? PoliceProtectionEnding(endedAt: removedAt + hour, outcome: .returnedHome) : nil,
            contactId: nil, version: 1)
    }

    @Test("The 72-hour clock: running to 48 hours, due soon from 48 to 72, overdue after 72, ended once ended")
    func protectionClock() {
        let p = Self.protection()
        #expect(p.clock(at: Self.removedAt - 60) == .running(hours: 0))
        #expect(p.clock(at: Self.removedAt) == .running(hours: 0))
        #expect(p.clock(at: Self.removedAt + 47 * Self.hour + 59 * 60) == .running(hours: 47))
        #expect(p.clock(at: Self.removedAt + 48 * Self.hour) == .dueSoon(hours: 48))
        #expect(p.clock(at: Self.removedAt + 72 * Self.hour) == .dueSoon(hours: 72))
        #expect(p.clock(at: Self.removedAt + 72 * Self.hour + 1) == .overdue(hours: 72))
        #expect(p.clock(at: Self.removedAt + 100 * Self.hour).code == "overdue")
        #expect(p.expiresAt == Self.removedAt + 72 * Self.hour)
        #expect(Self.protection(ended: true).clock(at: Self.removedAt + 100 * Self.hour) == .ended)
        #expect(p.clock(at: .distantFuture).code == "overdue")
    }

    @Test("Ending: not before the removal, never more than 72 hours after it, and an EPO names court and date")
    func protectionEnding() throws {
        let now = Self.removedAt + 80 * Self.hour
        func fields(_ ending: PoliceProtectionEnding) -> [String] {
            P.fields { try ending.validated(removedAt: Self.removedAt, now: now) }
        }
        #expect(fields(PoliceProtectionEnding(endedAt: Self.removedAt - 1, outcome: .returnedHome)) == ["endedAt"])
        let late = PoliceProtectionEnding(endedAt: Self.removedAt + 72 * Self.hour + 1, outcome: .returnedHome)
        #expect(fields(late) == ["endedAt"])
        do {
            _ = try late.validated(removedAt: Self.removedAt, now: now)
        } catch {
            #expect(error.message.contains("more than 72 hours"))
        }
        #expect(fields(PoliceProtectionEnding(endedAt: now + 3600, outcome: .returnedHome)) == ["endedAt"])
        for hours in [0.0, 1, 71, 72] {
            let ending = PoliceProtectionEnding(endedAt: Self.removedAt + hours * Self.hour, outcome: .returnedHome)
            _ = try ending.validated(removedAt: Self.removedAt, now: now)
        }
        let epoAt = Self.removedAt + 70 * Self.hour
        #expect(
            Set(fields(PoliceProtectionEnding(endedAt: epoAt, outcome: .emergencyProtectionOrder))) == [
                "court", "applicationDate",
            ])
        let removalDay = Ruleset.england2025.date(of: Self.removedAt)
        _ = try PoliceProtectionEnding(
            endedAt: epoAt, outcome: .emergencyProtectionOrder, court: "Northfield Family Court",
            applicationDate: removalDay.adding(days: 2)
        ).validated(removedAt: Self.removedAt, now: now)
        #expect(
            fields(
                PoliceProtectionEnding(
                    endedAt: epoAt, outcome: .emergencyProtectionOrder, court: "Court",
                    applicationDate: removalDay.adding(days: -1))) == ["applicationDate"])
        #expect(
            fields(
                PoliceProtectionEnding(
                    endedAt: epoAt, outcome: .emergencyProtectionOrder, court: "Court",
                    applicationDate: removalDay.adding(days: 30))) == ["applicationDate"])
        #expect(
            fields(
                PoliceProtectionEnding(endedAt: epoAt, outcome: .releasedToLocalAuthority, court: "Court")) == ["court"]
        )
    }

    @Test("A removal: not in the future, nobody told before it, and a child told is told how")
    func protectionDraft() throws {
        let now = Self.removedAt + 2 * Self.hour
        func draft(
            removedAt: Date = Self.removedAt, la: Date? = nil, childAt: Date? = nil, how: String? = nil
        ) -> PoliceProtectionDraft {
            PoliceProtectionDraft(
                removedAt: removedAt, removedFrom: "Home", placeOfSafety: "Carer", reason: "Injuries",
                designatedOfficerId: P.officer, localAuthorityToldAt: la, childToldAt: childAt, childToldHow: how)
        }
        _ = try draft(la: Self.removedAt + 60, childAt: Self.removedAt + 120, how: "Told it is to keep her safe")
            .validated(now: now)
        #expect(P.fields { try draft(removedAt: now + 3600).validated(now: now) } == ["removedAt"])
        #expect(P.fields { try draft(la: Self.removedAt - 60).validated(now: now) } == ["localAuthorityToldAt"])
        #expect(P.fields { try draft(childAt: Self.removedAt + 60).validated(now: now) } == ["childToldHow"])
    }

    @Test("An ABE accreditation is current from its first to its last day, both included")
    func accreditationCurrent() throws {
        let a = Accreditation(
            id: Fixture.id(1), userId: P.officer, kind: .abeInterviewing, validFrom: Fixture.day("2026-01-01"),
            expiresOn: Fixture.day("2026-12-31"))
        #expect(a.isCurrent(on: Fixture.day("2026-01-01")))
        #expect(a.isCurrent(on: Fixture.day("2026-12-31")))
        #expect(a.isCurrent(on: Fixture.day("2026-06-30")))
        #expect(!a.isCurrent(on: Fixture.day("2025-12-31")))
        #expect(!a.isCurrent(on: Fixture.day("2027-01-01")))
        let names = [P.officer: "Dana Officer", P.supervisor: "Sam Sergeant"]
        try InterviewPlan.checkAccreditation([P.officer], names: names, accreditations: [a], on: a.validFrom)
        do {
            try InterviewPlan.checkAccreditation(
                [P.officer, P.supervisor], names: names, accreditations: [a], on: Fixture.day("2026-03-01"))
            Issue.record("an interviewer without accreditation passed")
        } catch {
            guard case .invalid(let errors) = error else {
                Issue.record("expected .invalid, got \(error)")
                return
            }
            #expect(errors.map(\.field) == ["interviewerIds"])
            #expect(error.message.contains("Sam Sergeant") && !error.message.contains("Dana Officer"))
        }
        #expect(
            P.fields {
                try InterviewPlan.checkAccreditation(
                    [P.officer], names: names, accreditations: [a], on: Fixture.day("2027-01-01"))
            } == ["interviewerIds"])
        try Accreditation.validate(validFrom: Fixture.day("2026-01-01"), expiresOn: Fixture.day("2026-01-01"))
        #expect(
            P.fields {
                try Accreditation.validate(validFrom: Fixture.day("2026-01-02"), expiresOn: Fixture.day("2026-01-01"))
            } == ["expiresOn"])
        #expect(P.fields { try Accreditation.validate(validFrom: nil, expiresOn: nil) } == ["validFrom", "expiresOn"])
    }

    @Test("An interview plan and record: interviewers named once, consent given, destruction after review")
    func interviews() throws {
        let now = Self.removedAt + 30 * Self.hour
        func plan(_ interviewers: [UUID] = [P.officer], measures: [SpecialMeasure] = []) -> InterviewPlan {
            InterviewPlan(
                childId: P.child, plannedFor: now, type: .videoRecorded, rationale: "Young child, recent disclosure",
                interviewerIds: interviewers, intermediary: nil, specialMeasures: measures)
        }
        _ = try plan().validated()
        #expect(P.fields { try plan([]).validated() } == ["interviewerIds"])
        #expect(P.fields { try plan([P.officer, P.officer]).validated() } == ["interviewerIds"])
        #expect(P.fields { try plan(measures: [.intermediary]).validated() } == ["intermediary"])
        let heldOn = Ruleset.england2025.date(of: now)
        func record(consent: Bool = true, review: Int = 30, destroy: Int = 365) -> InterviewRecord {
            InterviewRecord(
                heldAt: now - Self.hour, consentGiven: consent, consentBy: "The child, with her aunt",
                present: "Interviewer, intermediary", recordingReference: "ABE-2026-0042",
                storageLocation: "Digital evidence store", reviewOn: heldOn.adding(days: review),
                destroyOn: heldOn.adding(days: destroy), accountSummary: "Described the injury.")
        }
        _ = try record().validated(now: now)
        _ = try record(review: 30, destroy: 30).validated(now: now)
        #expect(P.fields { try record(consent: false).validated(now: now) } == ["consentGiven"])
        #expect(P.fields { try record(review: 30, destroy: 29).validated(now: now) } == ["destroyOn"])
        #expect(P.fields { try record(review: -1).validated(now: now) } == ["reviewOn"])
        var future = record()
        future.heldAt = now + 3600
        #expect(P.fields { try future.validated(now: now) } == ["heldAt"])
    }

    @Test("A charging decision: the child's views first, the Threshold Test only to charge, bail with its date")
    func chargingDecision() throws {
        let today = Fixture.day("2026-11-24")
        func decision(
            views: String = "She wants him kept away.", test: ChargingTest = .fullCode,
            outcome: ChargingOutcome = .charge, bail: BailKind = .none, until: LocalDate? = nil,
            conditions: String? = nil, decided: LocalDate = today
        ) -> ChargingDecision {
            ChargingDecision(
                suspectId: P.suspect, decidedOn: decided, decider: .cps, test: test, outcome: outcome,
                childViews: views, bestInterests: "Weighed with her social worker", bail: bail, bailUntil: until,
                bailConditions: conditions)
        }
        #expect(try decision(views: "  She wants him kept away.\n").validated(today: today).childViews.first == "S")
        for blank in ["", "   ", "\n\t"] {
            let fields = P.fields { try decision(views: blank).validated(today: today) }
            #expect(!fields.isEmpty && fields.allSatisfy { $0 == "childViews" }, "\(fields)")
        }
        _ = try decision(test: .threshold, outcome: .charge).validated(today: today)
        for outcome in ChargingOutcome.allCases where outcome != .charge {
            #expect(P.fields { try decision(test: .threshold, outcome: outcome).validated(today: today) } == ["test"])
        }
        #expect(
            P.fields { try decision(bail: .bail, conditions: "No contact").validated(today: today) } == ["bailUntil"])
        #expect(
            P.fields {
                try decision(bail: .bail, until: today.adding(days: -1), conditions: "No contact").validated(
                    today: today)
            } == ["bailUntil"])
        #expect(
            P.fields { try decision(bail: .bail, until: today.adding(days: 28)).validated(today: today) } == [
                "bailConditions"
            ])
        _ = try decision(bail: .bail, until: today, conditions: "No contact").validated(today: today)
        _ = try decision(bail: .releasedUnderInvestigation, until: today.adding(days: 90)).validated(today: today)
        #expect(P.fields { try decision(until: today).validated(today: today) } == ["bailUntil"])
        #expect(P.fields { try decision(decided: today.adding(days: 1)).validated(today: today) } == ["decidedOn"])
        #expect(ChargingOutcome.charge.status == .charged)
        #expect(ChargingOutcome.allCases.filter { $0.status == .noFurtherAction }.count == 4)
    }

    @Test("Evidence: a SHA-256 or MD5 hash in ASCII hex, counts from 0 to ten million")
    func evidenceItem() throws {
        func item(hash: String = String(repeating: "a", count: 64), a: Int = 0, b: Int = 3, c: Int = 10) -> EvidenceItem
        {
            EvidenceItem(kind: .device, identifier: "EXH-001", hash: hash, categoryA: a, categoryB: b, categoryC: c)
        }
        #expect(
            try item(hash: String(repeating: "AB", count: 32)).validated().hash == String(repeating: "ab", count: 32))
        _ = try item(hash: String(repeating: "0", count: 32)).validated()
        for hash in [
            "", String(repeating: "a", count: 40), String(repeating: "a", count: 63),
            String(repeating: "g", count: 64), String(repeating: "a", count: 63) + "ａ",
            String(repeating: "a", count: 31) + " ", String(repeating: "a", count: 65),
        ] {
            #expect(P.fields { try item(hash: hash).validated() } == ["hash"], "\(hash)")
        }
        _ = try item(a: EvidenceItem.maxCount, b: 0, c: 0).validated()
        #expect(P.fields { try item(a: -1).validated() } == ["categoryA"])
        #expect(P.fields { try item(b: Int.max).validated() } == ["categoryB"])
        #expect(P.fields { try item(c: Int.min).validated() } == ["categoryC"])
        #expect(
            P.fields { try item(a: EvidenceItem.maxCount + 1, b: -5, c: Int.max).validated() } == [
                "categoryA", "categoryB", "categoryC",
            ])
        var blank = item()
        blank.identifier = " "
        #expect(P.fields { try blank.validated() } == ["identifier"])
    }

}
