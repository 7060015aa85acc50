import Foundation
import SafeholdCore
import Testing

/// The census built from record facts (which episodes, what each holds at the year's end) and written as XML.
@Suite("CIN census: building the return and writing it")
struct CensusBuilderTests {
    let year = CensusYear(startYear: 2025)!
    let ruleset = Ruleset.england2025
    static func d(_ iso: String) -> LocalDate { LocalDate(iso: iso)! }

    func header() -> CensusHeader {
        CensusSettings(laCode: "123").header(
            for: year, madeAt: LocalDateTime(date: Self.d("2026-05-01"), hour: 9, minute: 5)!)
    }

    func step(_ fact: CensusStepFact, authorised: Bool = false, id: UUID = UUID()) -> CensusRecord.Step {
        CensusRecord.Step(id: id, authorised: authorised, fact: fact)
    }

    func child(_ id: UUID, born: String = "2014-03-01", upn: String? = nil) -> CensusRecord.Child {
        CensusRecord.Child(
            personId: id, localId: "SH-\(id.uuidString.prefix(4))",
            facts: CensusPersonFacts(
                kind: .child, dateOfBirth: Self.d(born), sex: .male, ethnicity: "WBRI",
                disabilities: ["NONE"], upn: upn))
    }

    func episode(
        _ person: UUID, referred: String, closed: String? = nil, steps: [CensusRecord.Step]
    ) -> CensusRecord.Episode {
        CensusRecord.Episode(
            id: UUID(), personId: person, referralDate: Self.d(referred), referralSource: "6", primaryNeed: "N1",
            closedOn: closed.map(Self.d), closureReason: closed == nil ? nil : "RC7", steps: steps)
    }

    @Test("The conference target counts 15 working days with both ends, over bank holidays and from a weekend")
    func target() {
        // Thursday 17 April 2025: the worker's due date is 13 May; the DfE's count, both ends, gives 12 May.
        #expect(
            CensusBuilder.initialConferenceTarget(strategyOn: Self.d("2025-04-17"), ruleset: ruleset)
                == Self.d("2025-05-12"))
        // Saturday 10 May 2025: day 1 is Monday 12 May; 26 May is a bank holiday.
        #expect(
            CensusBuilder.initialConferenceTarget(strategyOn: Self.d("2025-05-10"), ruleset: ruleset)
                == Self.d("2025-06-02"))
    }

    @Test("Only episodes open in the year are returned, each with what had happened by its end")
    func episodesAtTheYearsEnd() {
        let a = UUID(), b = UUID(), c = UUID(), plan = UUID(), cin = UUID(), assessment = UUID(), sd = UUID()
        let enquiry = UUID()
        let steps = [
            step(.assessmentStarted(on: Self.d("2025-06-02")), id: assessment),
            // Completed but never authorised: not a completed assessment for the census.
            step(.assessmentCompleted(assessment: assessment, on: Self.d("2025-06-20"), factors: ["21"])),
            step(.strategyDiscussion(on: Self.d("2025-06-02")), id: sd),
            step(.section47Started(on: Self.d("2025-06-02"), strategyDiscussion: sd), id: enquiry),
            step(.section47Completed(enquiry: enquiry, on: Self.d("2025-06-05"), conferenceNeeded: false)),
            step(.planStarted(kind: .childInNeed, on: Self.d("2025-06-23"), category: nil), authorised: true, id: cin),
            step(.planEnded(plan: cin, on: Self.d("2026-04-10"))),
            step(.planStarted(kind: .childProtection, on: Self.d("2026-05-01"), category: .neglect), id: plan),
        ]
        let record = CensusRecord(
            children: [child(a, born: "2022-01-01"), child(b), child(c)],
            episodes: [
                episode(a, referred: "2025-06-02", steps: steps),
                episode(b, referred: "2024-05-01", closed: "2025-03-31", steps: []),
                episode(c, referred: "2026-04-01", steps: []),
            ],
            referrals: [
                CensusRecord.Referral(contactId: UUID(), personId: b, receivedOn: Self.d("2025-09-09"), source: "2A"),
                CensusRecord.Referral(contactId: UUID(), personId: c, receivedOn: Self.d("2026-04-02"), source: "2A"),
            ],
            protectionPlanStarts: [:])
        let census = CensusBuilder.build(record, year: year, header: header(), ruleset: ruleset)
        #expect(
            census.children.compactMap(\.personId).sorted { $0.uuidString < $1.uuidString }
                == [a, b].sorted {
                    $0.uuidString < $1.uuidString
                })
        let first = census.children.first { $0.personId == a }!
        #expect(first.upnUnknown == "UN1", "under five at the reference date, with no UPN")
        let e = first.episodes[0]
        #expect(e.assessments.map(\.authorisationDate) == [nil] && e.assessments[0].factors.isEmpty)
        #expect(e.section47s.map(\.icpcNotRequired) == ["true"] && e.section47s[0].dateOfInitialCPC == nil)
        #expect(e.cinPlans.map(\.endDate) == [nil], "the plan ended after the year: open at its end")
        #expect(e.protectionPlans.isEmpty, "a plan that started after the year is not in it")
        let second = census.children.first { $0.personId == b }!
        #expect(second.episodes.map(\.referralNFA) == ["true"], "the episode closed on 31 March 2025 is not in it")
        #expect(second.upnUnknown == "UN7")
    }

    @Test("A conference ending the plan ends it; categories follow the conferences; earlier plans are counted")
    func protectionPlan() {
        let a = UUID(), sd = UUID(), enquiry = UUID()
        let steps = [
            step(.strategyDiscussion(on: Self.d("2025-04-14")), id: sd),
            step(.section47Started(on: Self.d("2025-04-14"), strategyDiscussion: sd), id: enquiry),
            step(.section47Completed(enquiry: enquiry, on: Self.d("2025-04-17"), conferenceNeeded: true)),
            step(.conference(initial: true, on: Self.d("2025-04-29"), decision: .plan, category: .neglect)),
            step(.planStarted(kind: .childProtection, on: Self.d("2025-04-29"), category: .neglect), authorised: true),
            step(.conference(initial: false, on: Self.d("2025-07-29"), decision: .continuePlan, category: .emotional)),
            step(.conference(initial: false, on: Self.d("2025-10-29"), decision: .continuePlan, category: nil)),
            step(.conference(initial: false, on: Self.d("2026-01-29"), decision: .endPlan, category: .physical)),
        ]
        let record = CensusRecord(
            children: [child(a, upn: "A123")], episodes: [episode(a, referred: "2025-04-14", steps: steps)],
            referrals: [],
            protectionPlanStarts: [a: [Self.d("2021-02-01"), Self.d("2023-02-01"), Self.d("2025-04-29")]])
        let census = CensusBuilder.build(record, year: year, header: header(), ruleset: ruleset)
        let plan = census.children[0].episodes[0].protectionPlans[0]
        #expect(plan.endDate == Self.d("2026-01-29") && plan.numberOfPreviousCPP == 2)
        #expect(plan.initialCategoryOfAbuse == "NEG" && plan.latestCategoryOfAbuse == "PHY")
        #expect(plan.reviewDates == ["2025-07-29", "2025-10-29", "2026-01-29"].map(Self.d))
        #expect(census.children[0].episodes[0].section47s[0].dateOfInitialCPC == Self.d("2025-04-29"))
        #expect(census.children[0].upnUnknown == nil)
    }

    @Test("The XML follows the specification's order, leaves missing values out and escapes every value")
    func xml() {
        var child = CensusChild(
            laChildID: "A&B<1>\"'\u{0001}\u{202E}", upn: nil, sex: "F", ethnicity: "WBRI", disabilities: ["NONE"],
            episodes: [
                CINDetails(
                    referralDate: Self.d("2025-05-01"), referralSource: "1A", primaryNeedCode: "N1",
                    referralNFA: "false",
                    protectionPlans: [
                        CensusProtectionPlan(
                            startDate: Self.d("2025-05-02"), endDate: nil, initialCategoryOfAbuse: "NEG",
                            latestCategoryOfAbuse: "NEG", numberOfPreviousCPP: 0,
                            reviewDates: [Self.d("2025-08-01"), Self.d("2026-02-01")])
                    ])
            ])
        child.birthDate = Self.d("2015-01-01")
        let xml = CensusXML.document(CensusReturn(header: header(), children: [child]))
        #expect(xml.contains("<LAchildID>A&amp;B&lt;1&gt;&quot;&apos;\u{FFFD}\u{202E}</LAchildID>"))
        #expect(!xml.contains("<UPN>") && !xml.contains("<CINclosureDate>"))
        #expect(xml.contains("<DateTime>2026-05-01T09:05:00</DateTime>") && xml.contains("<ReferenceDate>2026-03-31<"))
        let order = [
            "<Message>", "<Header>", "<CollectionDetails>", "<Collection>CIN<", "<Year>2026<", "<Source>",
            "<SourceLevel>L<", "<LEA>123<", "<Children>", "<Child>", "<ChildIdentifiers>", "<LAchildID>",
            "<PersonBirthDate>", "<Sex>F<", "<ChildCharacteristics>", "<Ethnicity>WBRI<", "<Disability>NONE<",
            "<CINdetails>", "<CINreferralDate>", "<ReferralSource>", "<PrimaryNeedCode>", "<ReferralNFA>",
            "<ChildProtectionPlans>", "<CPPstartDate>", "<NumberOfPreviousCPP>0<", "<Reviews>",
            "<CPPreviewDate>2025-08-01<", "<CPPreviewDate>2026-02-01<", "</Reviews>", "</Message>",
        ]
        let positions = order.map { xml.range(of: $0)?.lowerBound }
        #expect(!positions.contains(nil), "missing: \(zip(order, positions).filter { $0.1 == nil }.map(\.0))")
        #expect(positions.compactMap { $0 } == positions.compactMap { $0 }.sorted())
        #expect(xml.components(separatedBy: "<Reviews>").count == 2, "every review date in one Reviews element")
    }

    @Test("The LAchildID is the local id in letters and digits only: no hyphen, no bidi or control character")
    func laChildID() {
        #expect(CensusBuilder.laChildID("SH-000123") == "SH000123")
        #expect(CensusBuilder.laChildID("SH-0\u{202E}01\u{0007}é") == "SH001")
    }

    @Test("Census settings refuse an LA code that is not three digits and odd characters")
    func settings() throws {
        _ = try CensusSettings(laCode: "201").validated()
        for code in ["", "12", "1234", "١٢٣", "12a", "12\u{202E}"] {
            #expect(throws: SafeholdError.self) { try CensusSettings(laCode: code).validated() }
        }
        #expect(throws: SafeholdError.self) { try CensusSettings(laCode: "201", softwareCode: "x\u{202E}").validated() }
        #expect(throws: SafeholdError.self) { try CensusSettings(laCode: "201", serialNo: "1e3").validated() }
    }
}
