import Foundation
import Testing

@testable import SafeholdCore

/// The episode (CINdetails) rules: each breach of the valid base return raises exactly its code, or the
/// codes the DfE's rules make inseparable from it.
@Suite struct CensusRulesEpisodeTests {
    @Test(arguments: CensusBreach.episodeFields + CensusBreach.episodeActivity)
    func eachBreachRaisesExactlyItsCode(_ breach: CensusBreach) {
        #expect(CensusFixture.codes(breach.census) == breach.expected)
    }

    @Test func episodesMayMeetOnTheSameDayButNotOverlap() {
        var census = CensusFixture.base
        census.children[1].episodes[1].referralDate = CensusFixture.d("2025-06-30")
        #expect(CensusFixture.codes(census).isEmpty)
        census.children[1].episodes[1].referralDate = CensusFixture.d("2025-06-29")
        #expect(CensusFixture.codes(census) == ["8820"])
    }

    @Test func aClosedEpisodeWithAnOpenEnquiryIsFound() {
        var census = CensusFixture.base
        census.children[3].episodes[0].section47s.append(
            CensusFixture.enquiry("2026-02-16", conference: nil, notRequired: "false"))
        // Any enquiry in a closed episode started before the last 15 working days of the year (8675Q).
        #expect(CensusFixture.codes(census) == ["8868", "8675Q"])
        census.children[3].episodes[0].section47s[1].icpcNotRequired = "true"
        #expect(CensusFixture.codes(census).isEmpty)
    }
}

extension CensusFixture {
    /// A referral with no further action and nothing else.
    static func nfaReferral(_ date: String, source: String = "6") -> CINDetails {
        CINDetails(referralDate: d(date), referralSource: source, primaryNeedCode: nil, referralNFA: "true")
    }
}

extension CensusBreach {
    static var episodeFields: [CensusBreach] {
        [
            CensusBreach("8555Q") { $0.children[1].deathDate = CensusFixture.d("2025-11-01") },
            CensusBreach("8568") { $0.children[1].episodes[1].referralNFA = "yes" },
            CensusBreach("8569Q") { $0.children[0].episodes.append(CensusFixture.nfaReferral("2025-03-28")) },
            CensusBreach("8585Q") { $0.children[3].episodes[0].reasonForClosure = "RC2" },
            CensusBreach("8600") { $0.children[1].episodes[1].referralDate = nil },
            CensusBreach("8606") { $0.children[2].episodes[0].referralDate = CensusFixture.d("2025-08-01") },
            CensusBreach("8610") { $0.children[0].episodes[0].primaryNeedCode = nil },
            CensusBreach("8620") { $0.children[3].episodes[0].closureDate = CensusFixture.d("2026-04-02") },
            CensusBreach("8630") {
                $0.children[1].episodes[1].closureDate = CensusFixture.d("2025-09-10")
                $0.children[1].episodes[1].reasonForClosure = "RC7"
            },
            CensusBreach("8640") { $0.children[3].episodes[0].reasonForClosure = "RC10" },
            CensusBreach("8650") { $0.children[0].episodes[0].primaryNeedCode = "N10" },
            CensusBreach("8805") { $0.children[3].episodes[0].reasonForClosure = nil },
            CensusBreach("8810") { $0.children[0].episodes[0].reasonForClosure = "RC7" },
            CensusBreach("8866") { $0.children[0].episodes[0].referralSource = "11" },
        ]
    }

    static var episodeActivity: [CensusBreach] {
        [
            CensusBreach("2990") { $0.children[3].episodes[0].reasonForClosure = "RC8" },
            CensusBreach("2991Q") { $0.children[0].episodes[0].assessments = [] },
            CensusBreach("4000") {
                $0.children[1].episodes[1].cinPlans = [
                    CINPlanDates(startDate: CensusFixture.d("2025-09-16"), endDate: CensusFixture.d("2025-10-01"))
                ]
            },
            CensusBreach("8565") { $0.children[3].episodes[0].cinPlans[0].endDate = CensusFixture.d("2026-03-02") },
            // Two open episodes: the later referral falls within the earlier one (8820).
            CensusBreach("8815", also: ["8820"]) {
                $0.children[0].episodes.append(
                    CINDetails(
                        referralDate: CensusFixture.d("2025-04-07"), referralSource: "3B", primaryNeedCode: "N1",
                        referralNFA: "false"))
            },
            // Any later referral falls within the open episode, which runs to the reference date (8820).
            CensusBreach("8816", also: ["8820"]) {
                $0.children[0].episodes.append(CensusFixture.nfaReferral("2025-10-01"))
            },
            CensusBreach("8820") { $0.children[1].episodes[1].referralDate = CensusFixture.d("2025-06-01") },
            CensusBreach("8825Q") {
                $0.children[1].episodes[1].closureDate = CensusFixture.d("2025-09-20")
                $0.children[1].episodes[1].reasonForClosure = "RC8"
            },
            CensusBreach("8831") {
                $0.children[1].episodes[1].assessments = [
                    CensusAssessment(
                        actualStartDate: CensusFixture.d("2025-09-16"),
                        authorisationDate: CensusFixture.d("2025-09-30"),
                        factors: ["20"])
                ]
            },
            CensusBreach("8832") {
                var referral = CensusFixture.nfaReferral("2025-03-31")
                referral.protectionPlans = [CensusFixture.plan("2025-03-31", "2025-04-03")]
                $0.children[0].episodes.append(referral)
            },
            CensusBreach("8867") {
                $0.children[3].episodes[0].assessments = [
                    CensusAssessment(
                        actualStartDate: CensusFixture.d("2026-02-20"), authorisationDate: nil, factors: [])
                ]
            },
            CensusBreach("8868") { $0.children[3].episodes[0].section47s[0].icpcNotRequired = "true" },
        ]
    }
}
