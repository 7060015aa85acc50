import Foundation
import Testing

@testable import SafeholdCore

/// The look-up's rules in Core: the shape of a question, and an answer that says only the flags.
@Suite struct PlanLookupRulesTests {
    let today = LocalDate(iso: "2026-11-24")!

    @Test func aWrongCheckDigitIsAcceptedButMatchesNoOne() throws {
        let request = try PlanLookupRequest.validated(
            nhsNumber: "943 476 5918", dateOfBirth: "2016-05-04", setting: "ED", today: today)
        #expect(request.nhsDigits == "9434765918" && request.nhsNumber == nil)
        #expect(
            try PlanLookupRequest.validated(
                nhsNumber: "9434765919", dateOfBirth: "2016-05-04", setting: "ED", today: today
            ).nhsNumber?.digits == "9434765919")
    }

    @Test func malformedQuestionsNameEveryField() {
        for (nhs, born, setting, fields) in [
            (nil, nil, nil, ["nhsNumber", "dateOfBirth", "setting"]),
            ("94347659190", "2016-05-04", "ED", ["nhsNumber"]),
            ("943476591x", "2016-05-04", "ED", ["nhsNumber"]),
            ("\u{FF19}434765919", "2016-05-04", "ED", ["nhsNumber"]),  // a fullwidth digit
            ("9434765919", "2016-02-30", "ED", ["dateOfBirth"]),
            ("9434765919", "2027-01-01", "ED", ["dateOfBirth"]),
            ("9434765919", "1899-12-31", "ED", ["dateOfBirth"]),
            ("9434765919", "99999-01-01", "ED", ["dateOfBirth"]),
            ("9434765919", "2016-05-04", "ED\u{0007}", ["setting"]),
            ("9434765919", "2016-05-04", String(repeating: "e", count: 121), ["setting"]),
        ] as [(String?, String?, String?, [String])] {
            do {
                _ = try PlanLookupRequest.validated(
                    nhsNumber: nhs, dateOfBirth: born, setting: setting, today: today)
                Issue.record("accepted \(String(describing: nhs)) \(String(describing: born))")
            } catch {
                guard case .invalid(let errors) = error else { Issue.record("\(error)"); continue }
                #expect(errors.map(\.field) == fields)
            }
        }
    }

    @Test func noFlagIsNoInformationAndTheEarliestStartIsReported() {
        let team = (name: "North", dutyTelephone: "01632 960 100")
        #expect(
            PlanLookupAnswer.decide(ownPlanStarts: [], lookedAfterSince: nil, unbornPlanStarts: [], team: team)
                == .noInformation)
        let answer = PlanLookupAnswer.decide(
            ownPlanStarts: [LocalDate(iso: "2026-10-01")!], lookedAfterSince: LocalDate(iso: "2026-09-01")!,
            unbornPlanStarts: [], team: team)
        guard case .known(let status) = answer else {
            Issue.record("expected flags")
            return
        }
        #expect(status.onProtectionPlan && status.lookedAfter && !status.unbornOnPlan)
        #expect(status.since == LocalDate(iso: "2026-09-01"))
        #expect(answer.summary == "on a child protection plan; looked after since 1 Sep 2026")
    }
}
