import Foundation
import Testing

@testable import SafeholdCore

/// The assessment rules: each breach of the valid base return raises exactly its code.
@Suite struct CensusRulesAssessmentTests {
    @Test(arguments: CensusBreach.assessments)
    func eachBreachRaisesExactlyItsCode(_ breach: CensusBreach) {
        #expect(CensusFixture.codes(breach.census) == breach.expected)
    }

    @Test func anOpenAssessmentIsQueriedOnlyWhenStartedMoreThan45WorkingDaysBeforeTheYearEnds() {
        // 31 March 2026 minus 45 working days, both ends counted: 28 January 2026.
        let earliest = CensusFixture.calendar.inclusiveStart(workingDays: 45, endingOn: CensusFixture.d("2026-03-31"))
        #expect(earliest == CensusFixture.d("2026-01-28"))
        var census = CensusFixture.base
        census.children[1].episodes[2].assessments[0].actualStartDate = earliest
        #expect(CensusFixture.codes(census).isEmpty)
        census.children[1].episodes[2].assessments[0].actualStartDate = CensusFixture.d("2026-01-27")
        #expect(CensusFixture.codes(census) == ["8670Q"])
    }

    @Test func anInvalidFactorOnACompletedAssessmentIsQueried() {
        var census = CensusFixture.base
        census.children[0].episodes[0].assessments[0].factors = ["3B", "99Z"]
        #expect(CensusFixture.codes(census) == ["8897Q"])
    }
}

extension CensusFixture {
    static func assessment(_ start: String?, _ done: String?, _ factors: [String]) -> CensusAssessment {
        CensusAssessment(actualStartDate: start.map(d), authorisationDate: done.map(d), factors: factors)
    }
}

extension CensusBreach {
    static var assessments: [CensusBreach] {
        [
            CensusBreach("1103") {
                $0.children[0].episodes[0].assessments[0].actualStartDate = CensusFixture.d("2025-04-04")
            },
            CensusBreach("8608") {
                $0.children[0].episodes[0].assessments[0].authorisationDate = CensusFixture.d("2025-04-07")
            },
            CensusBreach("8614") { $0.children[1].episodes[2].assessments[0].factors = ["3B"] },
            CensusBreach("8670Q") {
                $0.children[1].episodes[2].assessments[0].actualStartDate = CensusFixture.d("2026-01-05")
            },
            CensusBreach("8696") {
                $0.children[1].episodes[0].assessments[0].authorisationDate = CensusFixture.d("2025-03-25")
            },
            CensusBreach("8736") { $0.children[1].episodes[2].assessments[0].actualStartDate = nil },
            CensusBreach("8863Q") {
                $0.children[0].episodes[0].assessments.append(
                    CensusFixture.assessment("2025-05-01", "2025-05-30", ["3B"]))
            },
            CensusBreach("8869") {
                $0.children[0].episodes[0].assessments.append(
                    CensusFixture.assessment("2025-06-02", "2025-07-01", ["21", "3B"]))
            },
            CensusBreach("8873Q") { $0.children[3].episodes[0].assessments[0].factors = ["21"] },
            // Two open assessments in one episode: the later one starts while the other is ongoing (8863Q).
            CensusBreach("8896", also: ["8863Q"]) {
                $0.children[1].episodes[2].assessments.append(CensusFixture.assessment("2026-03-20", nil, []))
            },
            CensusBreach("8897Q") { $0.children[0].episodes[0].assessments[0].factors = [] },
            CensusBreach("8898") { $0.children[0].episodes[0].assessments[0].factors = ["3B", "3B"] },
            CensusBreach("8945Q") { $0.children[0].episodes[0].assessments[0].factors = ["18A"] },
            CensusBreach("8950Q") { $0.children[0].episodes[0].assessments[0].factors = ["19A"] },
        ]
    }
}
