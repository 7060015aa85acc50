import Foundation
import Testing

@testable import SafeholdCore

/// A small, valid CIN census return for the year ending 31 March 2026 (synthetic), and the breaches the
/// rule tests apply to it: each breach is one mutation of this return and the rule codes it must raise.
///
/// Children: 0 "A1001" on an open protection plan after an enquiry; 1 "B2002" with a closed episode
/// (assessment, CIN plan), a referral with no further action, and an open episode with an open
/// assessment; 2 "C3003" unborn, open CIN plan; 3 "D4004" closed episode: enquiry, conference, plan
/// ended at a review, then a CIN plan.
enum CensusFixture {
    static let calendar = Ruleset.england2025.calendar

    static func d(_ iso: String) -> LocalDate { Fixture.day(iso) }

    /// A valid UPN from its twelve-character body (the check letter computed).
    static func upn(_ body: String) -> String { UniquePupilNumber.withCheckLetter(body: body)!.value }

    static var base: CensusReturn {
        CensusReturn(
            header: CensusHeader(
                year: "2026", referenceDate: d("2026-03-31"), lea: "999", softwareCode: "Safehold", release: "1.0",
                serialNo: "001", dateTime: "2026-04-02T09:00:00"),
            children: [childA, childB, childC, childD])
    }

    static var childA: CensusChild {
        CensusChild(
            laChildID: "A1001", upn: upn("201250000001"), birthDate: d("2015-06-10"), sex: "F", ethnicity: "WBRI",
            disabilities: ["MOB", "HAND", "PC", "INC"],
            episodes: [
                CINDetails(
                    referralDate: d("2025-04-07"), referralSource: "3B", primaryNeedCode: "N1", referralNFA: "false",
                    assessments: [
                        CensusAssessment(
                            actualStartDate: d("2025-04-08"), authorisationDate: d("2025-05-20"), factors: ["3B", "4B"])
                    ],
                    section47s: [enquiry("2025-04-09", conference: "2025-04-30")],
                    protectionPlans: [plan("2025-04-30", nil, reviews: ["2025-07-23", "2026-01-21"])])
            ])
    }

    static var childB: CensusChild {
        CensusChild(
            laChildID: "B2002", upn: upn("201250000002"), birthDate: d("2012-02-03"), sex: "M", ethnicity: "AIND",
            disabilities: ["COMM", "LD", "HEAR", "VIS"],
            episodes: [
                CINDetails(
                    referralDate: d("2024-11-04"), referralSource: "2A", primaryNeedCode: "N5",
                    closureDate: d("2025-06-30"), reasonForClosure: "RC7", referralNFA: "false",
                    assessments: [
                        CensusAssessment(
                            actualStartDate: d("2025-03-20"), authorisationDate: d("2025-04-25"), factors: ["5A"])
                    ],
                    cinPlans: [CINPlanDates(startDate: d("2025-04-28"), endDate: d("2025-06-30"))]),
                CINDetails(
                    referralDate: d("2025-09-15"), referralSource: "6", primaryNeedCode: nil, referralNFA: "true"),
                CINDetails(
                    referralDate: d("2025-11-03"), referralSource: "1A", primaryNeedCode: "N2", referralNFA: "false",
                    assessments: [
                        CensusAssessment(actualStartDate: d("2026-03-10"), authorisationDate: nil, factors: [])
                    ]),
            ])
    }

    static var childC: CensusChild {
        CensusChild(
            laChildID: "C3003", upnUnknown: "UN1", expectedBirthDate: d("2026-05-20"), sex: "U", ethnicity: "NOBT",
            disabilities: [],
            episodes: [
                CINDetails(
                    referralDate: d("2026-01-12"), referralSource: "3B", primaryNeedCode: "N1", referralNFA: "false",
                    assessments: [
                        CensusAssessment(
                            actualStartDate: d("2026-01-13"), authorisationDate: d("2026-02-20"), factors: ["2B", "3B"])
                    ],
                    cinPlans: [CINPlanDates(startDate: d("2026-02-23"), endDate: nil)])
            ])
    }

    static var childD: CensusChild {
        CensusChild(
            laChildID: "D4004", upn: upn("201250000004"), birthDate: d("2018-09-01"), sex: "M", ethnicity: "BAFR",
            disabilities: ["BEH", "AUT", "CON", "DDA"],
            episodes: [
                CINDetails(
                    referralDate: d("2025-05-12"), referralSource: "5A", primaryNeedCode: "N1",
                    closureDate: d("2026-02-27"), reasonForClosure: "RC7", referralNFA: "false",
                    assessments: [
                        CensusAssessment(
                            actualStartDate: d("2025-05-13"), authorisationDate: d("2025-06-20"), factors: ["16A"])
                    ],
                    cinPlans: [CINPlanDates(startDate: d("2025-12-10"), endDate: d("2026-02-27"))],
                    section47s: [enquiry("2025-05-13", conference: "2025-06-03")],
                    protectionPlans: [
                        plan(
                            "2025-06-03", "2025-12-10", category: "EMO", previous: 1,
                            reviews: ["2025-09-03", "2025-12-10"])
                    ])
            ])
    }

    /// An enquiry whose conference is also its target date (a weekday), or an open one.
    static func enquiry(_ start: String?, conference: String?, notRequired: String = "false") -> CensusSection47 {
        CensusSection47(
            actualStartDate: start.map(d), initialCPCtarget: conference.map(d), dateOfInitialCPC: conference.map(d),
            icpcNotRequired: notRequired)
    }

    static func plan(
        _ start: String?, _ end: String?, category: String = "NEG", previous: Int = 0, reviews: [String] = []
    ) -> CensusProtectionPlan {
        CensusProtectionPlan(
            startDate: start.map(d), endDate: end.map(d), initialCategoryOfAbuse: category,
            latestCategoryOfAbuse: category, numberOfPreviousCPP: previous, reviewDates: reviews.map(d))
    }

    /// The codes the checker finds in `census`.
    static func codes(_ census: CensusReturn) -> Set<String> {
        Set(CensusChecker.check(census, calendar: calendar).map(\.code))
    }
}

/// One known breach: a mutation of the valid base return and every code it must raise (`code` itself,
/// and, where the DfE's rules make one breach imply another, the codes that necessarily come with it).
struct CensusBreach: Sendable, CustomTestStringConvertible {
    let code: String
    let expected: Set<String>
    let mutate: @Sendable (inout CensusReturn) -> Void

    init(_ code: String, also: Set<String> = [], _ mutate: @escaping @Sendable (inout CensusReturn) -> Void) {
        self.code = code
        self.expected = also.union([code])
        self.mutate = mutate
    }

    var testDescription: String { code }

    var census: CensusReturn {
        var census = CensusFixture.base
        mutate(&census)
        return census
    }

    /// Every breach, one for each of the 109 rules.
    static var all: [CensusBreach] {
        identifiers + characteristics + wholeReturn + episodeFields + episodeActivity + assessments + cinPlans
            + section47 + protectionPlans
    }
}

@Suite struct CensusRulesFixtureTests {
    /// The 2025-26 registry of the public validator (`cin_validator.rules.cin2025_26`), 109 rules.
    static let registry: [String] = [
        "100", "1103", "1104", "1105", "1510", "1520", "1530", "1540", "1550", "1560Q", "1570", "1580", "2883", "2884",
        "2885", "2886Q", "2887Q", "2888Q", "2889", "2990", "2991Q", "4000", "4001", "4003", "4004", "4008", "4009Q",
        "4010", "4011", "4012Q", "4013", "4014", "4015", "4016", "4017", "4180", "4220", "8500", "8510", "8520",
        "8525Q",
        "8530Q", "8535Q", "8540", "8545Q", "8555Q", "8565", "8568", "8569Q", "8585Q", "8590", "8600", "8606", "8608",
        "8610", "8614", "8615", "8620", "8630", "8640", "8650", "8670Q", "8675Q", "8696", "8715", "8720", "8730",
        "8736", "8740", "8750", "8770Q", "8772", "8775Q", "8790", "8794", "8805", "8810", "8815", "8816", "8820",
        "8825Q", "8831", "8832", "8839", "8840", "8841", "8842Q", "8863Q", "8866", "8867", "8868", "8869", "8870Q",
        "8873Q", "8875", "8890", "8896", "8897Q", "8898", "8905", "8910", "8915", "8920", "8925", "8930", "8935",
        "8940", "8945Q", "8950Q",
    ]

    @Test func everyRuleOfTheRegistryIsImplementedOnceInNumberOrder() {
        let codes = CensusRules.all.map(\.code)
        #expect(codes.count == 109)
        #expect(Set(codes) == Set(Self.registry))
        #expect(codes == Self.registry.sorted { (Int($0.filter(\.isNumber))!, $0) < (Int($1.filter(\.isNumber))!, $1) })
        #expect(CensusRules.all.allSatisfy { !$0.message.isEmpty && $0.message.first != " " })
    }

    @Test func queriesAreWarningsAndTheRestAreErrors() {
        for rule in CensusRules.all {
            #expect(rule.severity == (rule.code.hasSuffix("Q") ? .query : .error), "\(rule.code)")
        }
    }

    @Test func theValidBaseReturnHasNoFindings() {
        let findings = CensusChecker.check(CensusFixture.base, calendar: CensusFixture.calendar)
        #expect(findings.isEmpty, "\(findings.map { "\($0.code) \($0.laChildID ?? "-") \($0.field ?? "")" })")
    }

    @Test func everyRuleHasExactlyOneBreachInTheTables() {
        let codes = CensusBreach.all.map(\.code)
        #expect(codes.count == Set(codes).count)
        #expect(Set(codes) == Set(Self.registry))
    }

    @Test func aFindingLinksToTheChildTheEpisodeAndTheStepToFix() {
        var census = CensusFixture.base
        census.children[0].personId = Fixture.id(7)
        census.children[0].episodes[0].episodeId = Fixture.id(8)
        census.children[0].episodes[0].assessments[0].stepId = Fixture.id(9)
        census.children[0].episodes[0].protectionPlans[0].stepId = Fixture.id(10)
        census.children[0].episodes[0].assessments[0].authorisationDate = CensusFixture.d("2025-04-07")
        census.children[0].episodes[0].protectionPlans[0].reviewDates.append(nil)
        let findings = CensusChecker.check(census, calendar: CensusFixture.calendar)
        #expect(findings.map(\.code) == ["8608", "8842Q"])
        #expect(findings.allSatisfy { $0.personId == Fixture.id(7) && $0.episodeId == Fixture.id(8) })
        #expect(findings.map(\.stepId) == [Fixture.id(9), Fixture.id(10)])
        #expect(findings.map(\.severity) == [.error, .query])
    }

    @Test func anEmptyReturnRaisesNothingButItsHeader() {
        var census = CensusFixture.base
        census.children = []
        #expect(CensusFixture.codes(census).isEmpty)
        census.header.referenceDate = nil
        #expect(CensusFixture.codes(census) == ["100"])
    }
}
