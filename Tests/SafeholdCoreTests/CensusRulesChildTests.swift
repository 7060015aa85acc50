import Foundation
import Testing

@testable import SafeholdCore

/// The header, child identifiers, characteristics and whole-return rules: each breach of the valid base
/// return raises exactly its code.
@Suite struct CensusRulesChildTests {
    @Test(arguments: CensusBreach.identifiers + CensusBreach.characteristics + CensusBreach.wholeReturn)
    func eachBreachRaisesExactlyItsCode(_ breach: CensusBreach) {
        #expect(CensusFixture.codes(breach.census) == breach.expected)
    }

    @Test func aTemporaryUPNEndingInALetterIsCheckedWithThatLetter() {
        var census = CensusFixture.base
        census.children[0].upn = UniquePupilNumber.withCheckLetter(body: "20125000001A")!.value
        #expect(CensusFixture.codes(census).isEmpty)
        census.children[0].upn = CensusFixture.wrongCheckLetter(census.children[0].upn!)
        #expect(CensusFixture.codes(census) == ["1510"])
    }

    @Test func anExpectedBirthDateIsQueriedOnlyOutsideTheRangeItsEdgesIncluded() {
        let rule = CensusRules.all.filter { $0.code == "8530Q" }
        for (date, queried) in [
            ("2026-02-28", true), ("2026-03-01", false), ("2026-12-31", false), ("2027-01-01", true),
        ] {
            var census = CensusFixture.base
            census.children[2].expectedBirthDate = CensusFixture.d(date)
            let findings = CensusChecker.check(census, calendar: CensusFixture.calendar, rules: rule)
            #expect(findings.count == (queried ? 1 : 0), "\(date)")
        }
    }

    @Test func aChildNotYetOfSchoolAgeNeedsNoUPN() {
        var census = CensusFixture.base
        census.children[0].birthDate = CensusFixture.d("2020-09-01")
        census.children[0].upn = nil
        census.children[0].upnUnknown = "UN1"
        #expect(CensusFixture.codes(census).isEmpty)
        census.children[0].birthDate = CensusFixture.d("2020-08-31")
        #expect(CensusFixture.codes(census) == ["8770Q"])
        census.children[0].upnUnknown = "UN3"
        #expect(CensusFixture.codes(census).isEmpty)
    }

    @Test func findingsNameTheChildAndTheField() {
        var census = CensusFixture.base
        census.children[1].personId = Fixture.id(2)
        census.children[1].ethnicity = nil
        let findings = CensusChecker.check(census, calendar: CensusFixture.calendar)
        #expect(findings.count == 1)
        #expect(findings.first?.laChildID == "B2002" && findings.first?.personId == Fixture.id(2))
        #expect(findings.first?.field == "Ethnicity" && findings.first?.severity == .error)
        #expect(findings.first?.message == "Ethnicity is missing or invalid (see Ethnicity table)")
    }
}

extension CensusFixture {
    /// The same UPN with a check letter that does not fit it.
    static func wrongCheckLetter(_ upn: String) -> String {
        let letter = CensusUPN.checkAlphabet.first { $0 != upn.first }!
        return String(letter) + upn.dropFirst()
    }

    /// Copies of child A under new identifiers, one for each disability code given (one code each).
    static func singleDisabilityChildren(_ codes: [String]) -> [CensusChild] {
        codes.enumerated().map { n, code in
            var child = childA
            child.laChildID = "E\(n)"
            child.upn = upn("20125000010\(n)")
            child.disabilities = [code]
            return child
        }
    }
}

extension CensusBreach {
    static var identifiers: [CensusBreach] {
        [
            CensusBreach("100") { $0.header.referenceDate = CensusFixture.d("2026-03-30") },
            CensusBreach("1510") { $0.children[0].upn = CensusFixture.wrongCheckLetter($0.children[0].upn!) },
            CensusBreach("1520") { $0.children[1].upn = $0.children[0].upn },
            CensusBreach("1530") { $0.children[0].upn = CensusFixture.upn("999250000001") },
            CensusBreach("1540") { $0.children[0].upn = "A201X50000001" },
            CensusBreach("1550") { $0.children[0].upn = "A20125000000I" },
            CensusBreach("1560Q") { $0.children[0].formerUPN = "1234" },
            CensusBreach("1570") { $0.children[0].laChildID = "A" + String(repeating: "1", count: 20) },
            CensusBreach("1580") { $0.children[0].laChildID = "A-1001" },
            CensusBreach("4180") { $0.children[0].sex = "X" },
            CensusBreach("8500") { $0.children[0].laChildID = nil },
            CensusBreach("8510") { $0.children[1].laChildID = "A1001" },
            CensusBreach("8750") { $0.children[2].sex = "F" },
            CensusBreach("8770Q") {
                $0.children[0].upn = nil
                $0.children[0].upnUnknown = "UN1"
            },
            CensusBreach("8772") { $0.children[0].upnUnknown = "UN7" },
        ]
    }

    static var characteristics: [CensusBreach] {
        [
            CensusBreach("4220") { $0.children[0].ethnicity = "XXXX" },
            CensusBreach("8520") {
                $0.children[2].birthDate = CensusFixture.d("2026-04-02")
                $0.children[2].expectedBirthDate = nil
                $0.children[2].sex = "F"
                $0.children[2].disabilities = ["NONE"]
            },
            CensusBreach("8525Q") {
                $0.children[2].birthDate = CensusFixture.d("2026-01-01")
                $0.children[2].disabilities = ["NONE"]
            },
            CensusBreach("8530Q") { $0.children[2].expectedBirthDate = CensusFixture.d("2026-02-27") },
            CensusBreach("8535Q") {
                $0.children[2].birthDate = CensusFixture.d("2026-03-20")
                $0.children[2].expectedBirthDate = nil
                $0.children[2].sex = "F"
                $0.children[2].disabilities = ["NONE"]
                $0.children[2].deathDate = CensusFixture.d("2026-03-10")
            },
            CensusBreach("8540") { $0.children[0].disabilities = ["XYZ"] },
            CensusBreach("8545Q") { $0.children[0].deathDate = CensusFixture.d("2026-04-05") },
            CensusBreach("8590") { $0.children[0].episodes = [] },
            CensusBreach("8775Q") { $0.children[0].birthDate = CensusFixture.d("2000-01-01") },
            CensusBreach("8790") { $0.children[0].disabilities = ["NONE", "MOB"] },
            CensusBreach("8794") { $0.children[0].disabilities = ["MOB", "MOB"] },
        ]
    }

    /// Breaches of the whole-return (local authority level) rules.
    static var wholeReturn: [CensusBreach] {
        [
            CensusBreach("2886Q") { $0.children[0].sex = "U" },
            CensusBreach("2887Q") {
                $0.children[1].disabilities = ["NONE"]
                $0.children[3].disabilities = ["NONE"]
            },
            CensusBreach("2888Q") {
                $0.children[0].disabilities = ["MOB"]
                $0.children[1].disabilities = ["HAND"]
                $0.children[3].disabilities = ["PC"]
                $0.children += CensusFixture.singleDisabilityChildren(["INC", "COMM", "LD", "HEAR", "VIS"])
            },
        ]
    }
}
