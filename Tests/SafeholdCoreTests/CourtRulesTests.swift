import Foundation
import Testing

@testable import SafeholdCore

@Suite("Court orders and care proceedings rules")
struct CourtRulesTests {
    let rules = Ruleset.england2025.court
    let day = Fixture.day
    let today = Fixture.day("2026-11-24")
    let born = Fixture.day("2016-04-12")

    func granted(
        _ kind: CourtOrderKind, starts: String, expires: String?, extensions: [CourtOrderExtension] = []
    ) -> CourtOrder {
        CourtOrder(
            id: UUID(), childId: UUID(), kind: kind,
            application: CourtOrderApplication(appliedOn: day(starts), court: "Family Court", applicant: "Council"),
            outcome: .granted, outcomeOn: day(starts), startsOn: day(starts), expiresOn: expires.map(day),
            extensions: extensions, endedOn: nil, endReason: nil, endNote: nil, policeProtectionId: nil,
            proceedingsId: nil, version: 1)
    }

    func proceedings(
        issued: String = "2026-08-18", hearings: [Hearing] = [], concluded: String? = nil
    )
        -> CareProceedings
    {
        CareProceedings(
            id: UUID(), childId: UUID(), issuedOn: day(issued), court: "Family Court", caseNumber: "ZZ26C00012",
            parties: [], hearings: hearings, extensions: [], concludedOn: concluded.map(day), conclusion: nil,
            version: 1)
    }

    /// The field errors `body` throws (none when it succeeds or throws something else).
    func fieldErrors(_ body: () throws -> Void) -> [FieldError] {
        do {
            try body()
            return []
        } catch {
            if case .invalid(let errors) = error as? SafeholdError { return errors }
            return []
        }
    }

    @Test("The limits table holds every kind, with the figures DOMAIN.md and the Act give and their basis")
    func limitsTable() {
        #expect(Set(rules.limits.keys) == Set(CourtOrderKind.allCases))
        #expect(rules.limit(.emergencyProtection).term == .days(8))
        #expect(
            rules.limit(.emergencyProtection).extensions == OrderExtensionRule(times: 1, each: .days(7), total: nil))
        #expect(rules.limit(.childAssessment).term == .days(7))
        #expect(rules.limit(.childAssessment).extensions.times == 0)
        #expect(rules.limit(.policeProtection).term == .hours(72))
        #expect(rules.limit(.supervision).term == .years(1))
        #expect(rules.limit(.supervision).extensions.total == .years(3))
        #expect(rules.limit(.interimCare).term == .setByCourt)
        for kind in [CourtOrderKind.care, .placement, .specialGuardianship, .childArrangements] {
            #expect(rules.limit(kind).term == .untilEighteen)
        }
        #expect(rules.limit(.emergencyProtection).basis == "Children Act 1989 s45")
        #expect(
            rules.limit(.emergencyProtection).sentence
                == "Emergency protection order: 8 days, one extension of up to 7 days (Children Act 1989 s45)")
        #expect(!CourtOrderKind.recordable.contains(.policeProtection))
    }

    @Test("Expiry: 8 days for an EPO, 7 for a child assessment order, a year for supervision, the 18th birthday")
    func expiryComputation() {
        let start = day("2026-11-01")
        #expect(rules.defaultExpiry(.emergencyProtection, startsOn: start, dateOfBirth: born) == day("2026-11-09"))
        #expect(rules.defaultExpiry(.childAssessment, startsOn: start, dateOfBirth: born) == day("2026-11-08"))
        #expect(rules.defaultExpiry(.supervision, startsOn: start, dateOfBirth: born) == day("2027-11-01"))
        #expect(rules.defaultExpiry(.care, startsOn: start, dateOfBirth: born) == day("2034-04-12"))
        #expect(rules.defaultExpiry(.care, startsOn: start, dateOfBirth: nil) == nil)
        // An interim order runs for the period the court sets, or until the proceedings end: no date by default,
        // though it may never be entered past the 18th birthday.
        #expect(rules.defaultExpiry(.interimCare, startsOn: start, dateOfBirth: born) == nil)
        #expect(rules.latestExpiry(.interimCare, startsOn: start, dateOfBirth: born) == day("2034-04-12"))
        #expect(rules.defaultExpiry(.interimCare, startsOn: start, dateOfBirth: nil) == nil)
        // Never past the 18th birthday: a supervision order for a child of seventeen and a half.
        let older = day("2009-05-01")
        #expect(rules.latestExpiry(.supervision, startsOn: start, dateOfBirth: older) == day("2027-05-01"))
    }

    @Test("An expiry beyond the legal maximum is refused, naming the limit; within it is kept")
    func expiryBeyondTheMaximum() throws {
        let form = CourtOrderForm(
            kind: "emergency_protection", appliedOn: "2026-11-20", court: "Family Court", applicant: "Council",
            outcome: "granted", outcomeOn: "2026-11-20", expiresOn: "2026-11-29")
        let errors = fieldErrors {
            _ = try CourtOrderDraft.validated(form, rules: rules, dateOfBirth: born, today: today)
        }
        #expect(errors.map(\.field) == ["expiresOn"])
        #expect(errors.first?.message.contains("Emergency protection order: 8 days") == true)
        #expect(errors.first?.message.contains("28 Nov 2026") == true)
        var ok = form
        ok.expiresOn = "2026-11-25"
        let draft = try CourtOrderDraft.validated(ok, rules: rules, dateOfBirth: born, today: today)
        #expect(draft.decision?.expiresOn == day("2026-11-25"))
        ok.expiresOn = nil
        #expect(
            try CourtOrderDraft.validated(ok, rules: rules, dateOfBirth: born, today: today).decision?.expiresOn
                == day("2026-11-28"))
    }

    @Test("An application names every wrong field at once; police protection is not recorded as an order")
    func applicationFields() {
        let errors = fieldErrors {
            _ = try CourtOrderDraft.validated(
                CourtOrderForm(
                    kind: "police_protection", appliedOn: "2026-12-01", court: " ", applicant: "A\u{202E}B",
                    policeProtectionId: "nope", outcome: "granted", outcomeOn: "2026-11-01"),
                rules: rules, dateOfBirth: born, today: today)
        }
        #expect(Set(errors.map(\.field)) == ["kind", "appliedOn", "court", "applicant", "policeProtectionId"])
    }

    @Test("An EPO is extended once, by at most 7 days, with a reason; a care order is never extended")
    func extensionRules() throws {
        let epo = granted(.emergencyProtection, starts: "2026-11-20", expires: "2026-11-28")
        let ok = try CourtOrderExtensionForm(extendedOn: "2026-11-24", newExpiresOn: "2026-12-05", reason: "Assessment")
            .validated(of: epo, rules: rules, dateOfBirth: born, today: today)
        #expect(ok.newExpiresOn == day("2026-12-05"))
        let errors = fieldErrors {
            _ = try CourtOrderExtensionForm(extendedOn: "2026-11-24", newExpiresOn: "2026-12-06", reason: " ")
                .validated(of: epo, rules: rules, dateOfBirth: born, today: today)
        }
        #expect(errors.map(\.field) == ["reason", "newExpiresOn"])
        #expect(errors.last?.message.contains("one extension of up to 7 days") == true)
        var once = epo
        once.extensions = [
            CourtOrderExtension(
                extendedOn: day("2026-11-22"), previousExpiry: day("2026-11-21"), newExpiry: day("2026-11-28"),
                reason: "r", byName: "S")
        ]
        #expect(
            throws: SafeholdError.conflict(
                "Emergency protection orders can be extended once only (Children Act 1989 s45), "
                    + "and this one already has been.")
        ) {
            try CourtOrderExtensionForm(extendedOn: "2026-11-24", newExpiresOn: "2026-11-30", reason: "r")
                .validated(of: once, rules: rules, dateOfBirth: born, today: today)
        }
        let care = granted(.care, starts: "2026-11-01", expires: "2034-04-12")
        #expect(throws: SafeholdError.self) {
            try CourtOrderExtensionForm(extendedOn: "2026-11-24", newExpiresOn: "2034-05-01", reason: "r")
                .validated(of: care, rules: rules, dateOfBirth: born, today: today)
        }
        // A supervision order extends as often as the court decides, up to three years from its start.
        let supervision = granted(.supervision, starts: "2025-01-10", expires: "2026-01-10")
        let three = try CourtOrderExtensionForm(extendedOn: "2026-01-05", newExpiresOn: "2028-01-10", reason: "r")
            .validated(of: supervision, rules: rules, dateOfBirth: born, today: today)
        #expect(three.newExpiresOn == day("2028-01-10"))
        #expect(throws: SafeholdError.self) {
            try CourtOrderExtensionForm(extendedOn: "2026-01-05", newExpiresOn: "2028-01-11", reason: "r")
                .validated(of: supervision, rules: rules, dateOfBirth: born, today: today)
        }
        // An expired order is not extended.
        let expired = granted(.emergencyProtection, starts: "2026-11-01", expires: "2026-11-09")
        #expect(throws: SafeholdError.self) {
            try CourtOrderExtensionForm(extendedOn: "2026-11-20", newExpiresOn: "2026-11-25", reason: "r")
                .validated(of: expired, rules: rules, dateOfBirth: born, today: today)
        }
    }

    @Test("Status and days left: in force, expiring today, expired, ended")
    func statusAndDaysLeft() {
        let epo = granted(.emergencyProtection, starts: "2026-11-20", expires: "2026-11-28")
        #expect(epo.status(today: today) == .inForce && epo.daysLeft(today: today) == 4)
        #expect(epo.status(today: day("2026-11-29")) == .expired && epo.daysLeft(today: day("2026-11-29")) == -1)
        var ended = epo
        ended.endedOn = day("2026-11-23")
        #expect(ended.status(today: today) == .ended)
    }

    @Test("The timetable ends 26 weeks after issue, plus each extension of up to 8 weeks with a reason")
    func twentySixWeeks() throws {
        var p = proceedings(issued: "2026-08-18")
        #expect(p.dueOn(rules) == day("2027-02-16"))
        let ext = try TimetableExtensionForm(grantedOn: "2026-11-20", weeks: 8, reason: "Expert report late")
            .validated(on: p, rules: rules, today: today)
        p.extensions.append(ext)
        #expect(p.dueOn(rules) == day("2027-04-13") && p.extensionWeeks == 8)
        let errors = fieldErrors {
            _ = try TimetableExtensionForm(grantedOn: "2026-08-01", weeks: 9, reason: nil)
                .validated(on: p, rules: rules, today: today)
        }
        #expect(errors.map(\.field) == ["grantedOn", "weeks", "reason"])
        let concluded = proceedings(concluded: "2026-11-01")
        #expect(throws: SafeholdError.self) {
            try TimetableExtensionForm(grantedOn: "2026-11-20", weeks: 2, reason: "r")
                .validated(on: concluded, rules: rules, today: today)
        }
        #expect(p.week(of: day("2026-08-18")) == 1 && p.week(of: day("2026-08-25")) == 2)
        #expect(p.week(of: today) == 15)
    }

    @Test("Hearings: not before issue (422), not after the conclusion nor out of the outline's order (409)")
    func hearingOrder() throws {
        let p = proceedings()
        let errors = fieldErrors {
            _ = try HearingForm(kind: "case_management", heldOn: "2026-08-17").validated(on: p, today: today)
        }
        #expect(errors == [FieldError("heldOn", "is before the proceedings were issued on 18 Aug 2026")])
        let listed = try HearingForm(kind: "issues_resolution", heldOn: "2026-12-01").validated(on: p, today: today)
        #expect(listed.heldOn == day("2026-12-01") && listed.outcome == nil)
        #expect(throws: SafeholdError.self) {
            try HearingForm(kind: "issues_resolution", heldOn: "2026-12-01", outcome: "Agreed")
                .validated(on: p, today: today)
        }
        let withFinal = proceedings(hearings: [
            Hearing(id: UUID(), kind: .final, heldOn: day("2026-11-10"), outcome: "Care order", ordersMade: nil)
        ])
        #expect(
            throws: SafeholdError.conflict(
                "An issues resolution hearing cannot come after the final hearing of 10 Nov 2026.")
        ) {
            try HearingForm(kind: "issues_resolution", heldOn: "2026-11-12").validated(on: withFinal, today: today)
        }
        #expect(throws: SafeholdError.conflict("The final hearing was already heard on 10 Nov 2026.")) {
            try HearingForm(kind: "final", heldOn: "2026-11-12").validated(on: withFinal, today: today)
        }
        let concluded = proceedings(concluded: "2026-11-10")
        #expect(throws: SafeholdError.self) {
            try HearingForm(kind: "final", heldOn: "2026-11-20").validated(on: concluded, today: today)
        }
        // A hearing listed in the future takes no outcome yet.
        #expect(throws: SafeholdError.self) {
            try HearingOutcomeForm(outcome: "Agreed").validated(
                Hearing(id: UUID(), kind: .issuesResolution, heldOn: day("2026-12-01"), outcome: nil, ordersMade: nil),
                today: today)
        }
    }

    @Test("Case numbers: two letters, two digits, C, five digits")
    func caseNumbers() {
        #expect(CareProceedings.isCaseNumber("ZZ26C00012"))
        for bad in ["ZZ26P00012", "Z226C00012", "ZZ26C0001", "ZZ26C000123", "ＺZ26C00012", ""] {
            #expect(!CareProceedings.isCaseNumber(bad), "\(bad)")
        }
        #expect(throws: SafeholdError.invalid([FieldError("caseNumber", CareProceedings.caseNumberRule)])) {
            try ProceedingsForm(issuedOn: "2026-08-18", court: "Family Court", caseNumber: "12345")
                .validated(today: today)
        }
        let lower = ProceedingsForm(issuedOn: "2026-08-18", court: "F", caseNumber: "zz26c00012")
        #expect((try? lower.validated(today: today))?.caseNumber == "ZZ26C00012")
    }

    @Test("Who reads what: social care all; police the orders only; partners and others nothing")
    func access() {
        func actor(_ role: Role) -> Actor {
            Actor(userId: UUID(), role: role, agencyId: UUID(), teamId: UUID(), displayName: "A")
        }
        #expect(CourtAccess.mayReadProceedings(actor(.socialWorker)).isAllowed)
        #expect(CourtAccess.mayReadOrders(actor(.police)).isAllowed)
        #expect(!CourtAccess.mayReadProceedings(actor(.police)).isAllowed)
        #expect(!CourtAccess.mayRecord(actor(.police)).isAllowed)
        for role in [Role.partner, .lado, .mappaCoordinator, .unscheduledCare] {
            #expect(!CourtAccess.mayReadOrders(actor(role)).isAllowed)
            #expect(!CourtAccess.mayReadProceedings(actor(role)).isAllowed)
        }
    }
}
