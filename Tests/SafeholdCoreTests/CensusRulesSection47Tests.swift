import Foundation
import Testing

@testable import SafeholdCore

/// The section 47 and initial conference rules: each breach of the valid base return raises exactly its
/// code, or the codes the DfE's rules make inseparable from it.
@Suite struct CensusRulesSection47Tests {
    @Test(arguments: CensusBreach.section47)
    func eachBreachRaisesExactlyItsCode(_ breach: CensusBreach) {
        #expect(CensusFixture.codes(breach.census) == breach.expected)
    }

    @Test func anEnquiryStartedWithinTheLast15WorkingDaysAwaitsItsConferenceUnqueried() {
        // 31 March 2026 minus 15 working days, both ends counted: 11 March 2026.
        let earliest = CensusFixture.calendar.inclusiveStart(workingDays: 15, endingOn: CensusFixture.d("2026-03-31"))
        #expect(earliest == CensusFixture.d("2026-03-11"))
        var census = CensusFixture.base
        census.children[1].episodes[2].section47s = [CensusFixture.enquiry("2026-03-11", conference: nil)]
        #expect(CensusFixture.codes(census).isEmpty)
        census.children[1].episodes[2].section47s = [CensusFixture.enquiry("2026-03-10", conference: nil)]
        #expect(CensusFixture.codes(census) == ["8675Q"])
    }
}

extension CensusBreach {
    static var section47: [CensusBreach] {
        [
            CensusBreach("1104") { $0.children[2].episodes[0].dateOfInitialCPC = CensusFixture.d("2026-01-09") },
            CensusBreach("2884") { $0.children[0].episodes[0].dateOfInitialCPC = CensusFixture.d("2025-04-30") },
            CensusBreach("2889") {
                $0.children[0].episodes[0].section47s[0].actualStartDate = CensusFixture.d("2025-04-04")
            },
            CensusBreach("8615") { $0.children[0].episodes[0].section47s[0].actualStartDate = nil },
            CensusBreach("8675Q") {
                $0.children[1].episodes[2].section47s = [CensusFixture.enquiry("2026-03-02", conference: nil)]
            },
            CensusBreach("8715") {
                $0.children[1].episodes[0].section47s = [CensusFixture.enquiry("2025-03-03", conference: "2025-03-21")]
            },
            CensusBreach("8740") {
                $0.children[1].episodes[2].section47s = [CensusFixture.enquiry("2026-04-02", conference: nil)]
            },
            // Two open enquiries: the later one starts while the other is ongoing (8890).
            CensusBreach("8839", also: ["8890"]) {
                $0.children[1].episodes[2].section47s = [
                    CensusFixture.enquiry("2026-03-16", conference: nil),
                    CensusFixture.enquiry("2026-03-23", conference: nil),
                ]
            },
            CensusBreach("8870Q") {
                $0.children[0].episodes[0].section47s[0].initialCPCtarget = CensusFixture.d("2025-05-03")
            },
            CensusBreach("8875") {
                $0.children[0].episodes[0].section47s[0].dateOfInitialCPC = CensusFixture.d("2025-05-03")
                $0.children[0].episodes[0].protectionPlans[0].startDate = CensusFixture.d("2025-05-03")
            },
            CensusBreach("8890") {
                $0.children[0].episodes[0].section47s.append(
                    CensusFixture.enquiry("2025-04-22", conference: nil, notRequired: "true"))
            },
        ]
    }
}
