import Foundation
import Testing

@testable import SafeholdCore

/// The CIN plan and child protection plan rules: each breach of the valid base return raises exactly its
/// code, or the codes the DfE's rules make inseparable from it.
@Suite struct CensusRulesPlanTests {
    @Test(arguments: CensusBreach.cinPlans + CensusBreach.protectionPlans)
    func eachBreachRaisesExactlyItsCode(_ breach: CensusBreach) {
        #expect(CensusFixture.codes(breach.census) == breach.expected)
    }

    @Test func aCINPlanMayStartOnTheDayAProtectionPlanEndsButNotTheDayBefore() {
        var census = CensusFixture.base
        #expect(census.children[3].episodes[0].cinPlans[0].startDate == CensusFixture.d("2025-12-10"))
        #expect(CensusFixture.codes(census).isEmpty)
        census.children[3].episodes[0].cinPlans[0].startDate = CensusFixture.d("2025-12-09")
        #expect(CensusFixture.codes(census) == ["4016"])
    }
}

extension CensusBreach {
    static var cinPlans: [CensusBreach] {
        [
            // An open CIN plan beside an open protection plan always starts within it (4016) or it within the
            // CIN plan (4017).
            CensusBreach("4001", also: ["4016"]) {
                $0.children[0].episodes[0].cinPlans = [
                    CINPlanDates(startDate: CensusFixture.d("2026-01-22"), endDate: nil)
                ]
            },
            CensusBreach("4003") {
                $0.children[3].episodes[0].protectionPlans[0].reviewDates.append(CensusFixture.d("2025-12-20"))
            },
            // Two open CIN plans: the later one starts within the earlier (4014).
            CensusBreach("4004", also: ["4014"]) {
                $0.children[2].episodes[0].cinPlans.append(
                    CINPlanDates(startDate: CensusFixture.d("2026-03-02"), endDate: nil))
            },
            CensusBreach("4008") { $0.children[2].deathDate = CensusFixture.d("2026-02-20") },
            CensusBreach("4009Q") {
                $0.children[2].deathDate = CensusFixture.d("2026-02-25")
                $0.children[2].episodes[0].cinPlans[0].endDate = CensusFixture.d("2026-03-02")
            },
            CensusBreach("4010") { $0.children[2].episodes[0].cinPlans[0].startDate = nil },
            CensusBreach("4011") { $0.children[3].episodes[0].cinPlans[0].endDate = CensusFixture.d("2025-12-05") },
            CensusBreach("4012Q") { $0.children[3].episodes[0].cinPlans[0].endDate = CensusFixture.d("2025-12-10") },
            CensusBreach("4013") { $0.children[2].episodes[0].cinPlans[0].endDate = CensusFixture.d("2026-04-05") },
            CensusBreach("4014") {
                $0.children[1].episodes[0].cinPlans.append(
                    CINPlanDates(startDate: CensusFixture.d("2025-05-10"), endDate: CensusFixture.d("2025-05-20")))
            },
            CensusBreach("4015") { $0.children[2].episodes[0].cinPlans[0].startDate = CensusFixture.d("2026-01-10") },
            CensusBreach("4016") {
                $0.children[3].episodes[0].cinPlans.append(
                    CINPlanDates(startDate: CensusFixture.d("2025-07-01"), endDate: CensusFixture.d("2025-07-31")))
            },
            CensusBreach("4017") {
                $0.children[1].episodes[0].section47s = [CensusFixture.enquiry("2025-04-29", conference: "2025-05-06")]
                $0.children[1].episodes[0].protectionPlans = [CensusFixture.plan("2025-05-06", "2025-06-10")]
            },
        ]
    }

    static var protectionPlans: [CensusBreach] {
        [
            CensusBreach("1105") {
                $0.children[1].episodes[0].protectionPlans = [CensusFixture.plan("2024-10-30", "2025-04-15")]
            },
            // Plans start at conferences (2885), so more starts than conferences means a start without one.
            CensusBreach("2883", also: ["2885"]) {
                let weeks = ["11-10", "11-17", "11-24", "12-01", "12-08", "12-15"]
                $0.children[1].episodes[2].protectionPlans = weeks.map { monday in
                    let friday = CensusFixture.d("2025-\(monday)").adding(days: 4)
                    return CensusFixture.plan("2025-\(monday)", friday.description)
                }
            },
            CensusBreach("2885") {
                $0.children[0].episodes[0].protectionPlans[0].startDate = CensusFixture.d("2025-05-01")
            },
            CensusBreach("8720") { $0.children[0].episodes[0].protectionPlans[0].startDate = nil },
            CensusBreach("8730") { $0.children[0].episodes[0].protectionPlans[0].numberOfPreviousCPP = nil },
            CensusBreach("8840") {
                $0.children[3].episodes[0].protectionPlans[0].endDate = CensusFixture.d("2025-06-03")
                $0.children[3].episodes[0].protectionPlans[0].reviewDates = []
            },
            CensusBreach("8841") {
                $0.children[0].episodes[0].protectionPlans[0].reviewDates = [
                    CensusFixture.d("2025-07-23"), CensusFixture.d("2025-04-30"),
                ]
            },
            CensusBreach("8842Q") {
                $0.children[0].episodes[0].protectionPlans[0].reviewDates = [CensusFixture.d("2025-07-23"), nil]
            },
            CensusBreach("8905") { $0.children[0].episodes[0].protectionPlans[0].initialCategoryOfAbuse = "XXX" },
            CensusBreach("8910") { $0.children[0].episodes[0].protectionPlans[0].latestCategoryOfAbuse = nil },
            CensusBreach("8915") { $0.children[0].deathDate = CensusFixture.d("2025-04-29") },
            CensusBreach("8920") {
                $0.children[3].deathDate = CensusFixture.d("2025-12-09")
                $0.children[3].episodes[0].cinPlans = []
            },
            CensusBreach("8925") {
                $0.children[3].episodes[0].protectionPlans[0].endDate = CensusFixture.d("2025-06-02")
                $0.children[3].episodes[0].protectionPlans[0].reviewDates = []
            },
            CensusBreach("8930") {
                $0.children[0].episodes[0].protectionPlans[0].endDate = CensusFixture.d("2026-04-02")
            },
            // Two open plans: the later one starts within the earlier (8940).
            CensusBreach("8935", also: ["8940"]) {
                $0.children[0].episodes[0].section47s.append(
                    CensusFixture.enquiry("2025-09-24", conference: "2025-10-01"))
                $0.children[0].episodes[0].protectionPlans.append(CensusFixture.plan("2025-10-01", nil))
            },
            CensusBreach("8940") {
                $0.children[3].episodes[0].section47s.append(
                    CensusFixture.enquiry("2025-07-30", conference: "2025-08-06"))
                $0.children[3].episodes[0].protectionPlans.append(CensusFixture.plan("2025-08-06", "2025-09-10"))
            },
        ]
    }
}
