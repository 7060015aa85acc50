import Foundation
import Testing

@testable import SafeholdCore

/// Where the product checks more than the public validator (csc-validator-be-cin 0.1.13) does on an XML
/// file: 8869, 8945Q, 8950Q and 8870Q fire, every review date of every plan is read, 8569Q counts one
/// working day back from 1 April, and a few rules the validator reads too narrowly.
@Suite struct CensusRulesBeyondValidatorTests {
    static func only(_ code: String, in census: CensusReturn) -> [CensusFinding] {
        CensusChecker.check(census, calendar: CensusFixture.calendar, rules: CensusRules.all.filter { $0.code == code })
    }

    @Test func factor21AloneIsAcceptedButNotWithAnyOtherFactor() {
        var census = CensusFixture.base
        census.children[3].episodes[0].reasonForClosure = "RC8"
        census.children[3].episodes[0].cinPlans = []
        census.children[3].episodes[0].section47s = []
        census.children[3].episodes[0].protectionPlans = []
        census.children[3].episodes[0].assessments[0].factors = ["21"]
        #expect(CensusFixture.codes(census).isEmpty)
        census.children[3].episodes[0].assessments[0].factors = ["3B", "21"]
        #expect(CensusFixture.codes(census) == ["8869"])
    }

    @Test(arguments: [("18A", "8945Q"), ("19A", "8950Q")])
    func retiredAbuseFactorsAreQueriedAmongOthers(factor: String, code: String) {
        var census = CensusFixture.base
        census.children[0].episodes[0].assessments[0].factors = ["3B", factor, "4B"]
        #expect(CensusFixture.codes(census) == [code])
        census.children[0].episodes[0].assessments[0].factors = ["3B", "18B", "19C"]
        #expect(CensusFixture.codes(census).isEmpty)
    }

    @Test func aConferenceTargetAtAWeekendIsQueriedButABankHolidayIsNot() {
        var census = CensusFixture.base
        census.children[0].episodes[0].section47s[0].initialCPCtarget = CensusFixture.d("2025-05-04")  // a Sunday
        #expect(CensusFixture.codes(census) == ["8870Q"])
        census.children[0].episodes[0].section47s[0].initialCPCtarget = CensusFixture.d("2025-05-05")  // bank holiday
        #expect(CensusFixture.codes(census).isEmpty)
    }

    @Test func everyReviewDateOfEveryPlanIsChecked() {
        var census = CensusFixture.base
        let plan = \CensusReturn.children[3].episodes[0].protectionPlans[0]
        // The first review is fine; the third is on the plan's first day, the fourth has no date.
        census[keyPath: plan].reviewDates = [
            CensusFixture.d("2025-09-03"), CensusFixture.d("2025-12-10"), CensusFixture.d("2025-06-03"), nil,
        ]
        let findings = CensusChecker.check(census, calendar: CensusFixture.calendar)
        #expect(findings.map(\.code).sorted() == ["8841", "8842Q"])
        #expect(findings.allSatisfy { $0.laChildID == "D4004" && $0.field == "CPPreviewDate" })
        // The second review of a child's second plan falls while a CIN plan is open: 4003 for that review.
        census = CensusFixture.base
        census.children[0].episodes[0].protectionPlans[0].endDate = CensusFixture.d("2025-08-20")
        census.children[0].episodes[0].protectionPlans[0].reviewDates = [CensusFixture.d("2025-07-23")]
        census.children[0].episodes[0].section47s.append(CensusFixture.enquiry("2025-10-01", conference: "2025-10-08"))
        census.children[0].episodes[0].protectionPlans.append(
            CensusFixture.plan("2025-10-08", nil, reviews: ["2026-01-07", "2026-03-04"]))
        census.children[0].episodes[0].cinPlans = [
            CINPlanDates(startDate: CensusFixture.d("2025-08-20"), endDate: CensusFixture.d("2025-10-08")),
            CINPlanDates(startDate: CensusFixture.d("2026-02-02"), endDate: CensusFixture.d("2026-02-27")),
        ]
        #expect(Self.only("4003", in: census).isEmpty)
        census.children[0].episodes[0].cinPlans[1].endDate = CensusFixture.d("2026-03-05")
        #expect(Self.only("4003", in: census).count == 1)
    }

    @Test func noFurtherActionIsAllowedFromTheLastWorkingDayBeforeTheYear() {
        // 1 April 2025 is a Tuesday: the working day before it is Monday 31 March.
        var census = CensusFixture.base
        census.children[0].episodes.append(CensusFixture.nfaReferral("2025-03-31"))
        #expect(CensusFixture.codes(census).isEmpty)
        census.children[0].episodes[1].referralDate = CensusFixture.d("2025-03-28")
        #expect(CensusFixture.codes(census) == ["8569Q"])
    }

    @Test func noFurtherActionRollsBackOverAnEasterWeekend() {
        // 1 April 2024 was Easter Monday and 29 March Good Friday: one working day before the 2024-25 year
        // is Thursday 28 March 2024. The validator rolls forward to 2 April and queries 28 March too.
        let header = CensusHeader(
            year: "2025", referenceDate: CensusFixture.d("2025-03-31"), lea: "999", softwareCode: "Safehold",
            release: "1.0", serialNo: "001", dateTime: "2025-04-02T09:00:00")
        let child = CensusChild(
            laChildID: "N1", sex: "F", ethnicity: "WBRI", disabilities: [],
            episodes: [CensusFixture.nfaReferral("2024-03-28")])
        var census = CensusReturn(header: header, children: [child])
        #expect(Self.only("8569Q", in: census).isEmpty)
        census.children[0].episodes[0].referralDate = CensusFixture.d("2024-03-27")
        #expect(Self.only("8569Q", in: census).count == 1)
    }

    @Test(arguments: ["false", "0", "FALSE"])
    func anEnquiryAwaitingItsConferenceFromBeforeTheYearIsFoundHoweverFalseIsWritten(flag: String) {
        var census = CensusFixture.base
        census.children[1].episodes[2].section47s = [
            CensusFixture.enquiry("2026-04-02", conference: nil, notRequired: flag)
        ]
        #expect(CensusFixture.codes(census) == ["8740"])
    }

    @Test func aProtectionPlanEndingAfterTheEpisodeClosedIsActivityAfterClosure() {
        var census = CensusFixture.base
        census.children[3].episodes[0].closureDate = CensusFixture.d("2025-12-05")
        census.children[3].episodes[0].cinPlans = []
        #expect(CensusFixture.codes(census) == ["8565"])
    }

    @Test func twoOpenProtectionPlansInDifferentEpisodesAreFound() {
        var census = CensusFixture.base
        var second = CensusFixture.childA.episodes[0]
        second.referralDate = CensusFixture.d("2025-04-08")
        census.children[0].episodes[0].closureDate = CensusFixture.d("2025-04-08")
        census.children[0].episodes[0].reasonForClosure = "RC7"
        census.children[0].episodes.append(second)
        #expect(Self.only("8935", in: census).count == 2)
    }
}
