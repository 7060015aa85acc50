import Foundation
import SafeholdCore
import SafeholdStore
import Testing

/// The CIN census return built from the record: which episodes it carries, what each holds (dates up to the
/// year's end, the conference target by the DfE's count, every review, earlier plans counted), referrals with no
/// further action, who may make it, and its audit (one entry with a receipt, see `AuditReceiptStoreTests`).
@Suite("CIN census return in the store")
struct CensusStoreTests {
    /// Ava: a plan from April 2025 reviewed twice in the year and once after it. Bea: a referral with no further
    /// action. Cal: an episode closed before the year. Dan: referred after the year. Eve: a plan in 2024 (closed
    /// then) and another in the year.
    struct Authority {
        let f: CensusFixture
        let ava: UUID, bea: UUID, cal: UUID, dan: UUID, eve: UUID
        let avaEpisode: UUID, avaPlan: UUID
    }

    static func authority(_ w: World) async throws -> Authority {
        let f = try await CensusFixture.make(w)
        let ava = try await f.child("Ava", upn: Synthetic.upn(11))
        let a = try #require(try await f.refer(ava, on: "2025-04-14"))
        let assessment = try await a.record(.assessmentStarted(on: Synthetic.date("2025-04-14")))
        let avaPlan = try await a.enquiryToPlan(on: "2025-04-14", icpc: "2025-04-29")
        try await a.record(
            .assessmentCompleted(
                assessment: assessment, on: Synthetic.date("2025-05-20"), factors: ["16A", "4B"], childSeen: true,
                developmentalNeeds: "d", parentingCapacity: "p", familyAndEnvironment: "f", outcome: "o"),
            authorise: true)
        try await a.record(
            a.conference(initial: false, on: "2025-07-29", decision: .continuePlan, category: .emotional))
        try await a.record(
            a.conference(initial: false, on: "2026-01-29", decision: .continuePlan, category: .emotional))
        try await a.record(a.conference(initial: false, on: "2026-07-29", decision: .continuePlan, category: .physical))

        let bea = try await f.child("Bea", born: "2023-02-01")
        _ = try await f.refer(bea, on: "2025-10-06", .referralNoFurtherAction, source: .schools)

        let cal = try await f.child("Cal")
        let c = try #require(try await f.refer(cal, on: "2024-09-02", .assessment))
        let calAssessment = try await c.record(.assessmentStarted(on: Synthetic.date("2024-09-02")))
        try await c.record(
            .assessmentCompleted(
                assessment: calAssessment, on: Synthetic.date("2024-09-20"), factors: ["21"], childSeen: true,
                developmentalNeeds: "d", parentingCapacity: "p", familyAndEnvironment: "f", outcome: "o"),
            authorise: true)
        try await c.record(.closed(on: Synthetic.date("2024-09-23"), reason: .rc8), authorise: true)

        let dan = try await f.child("Dan")
        _ = try await f.refer(dan, on: "2026-04-08", .assessment)

        let eve = try await f.child("Eve")
        let e1 = try #require(try await f.refer(eve, on: "2024-01-08"))
        _ = try await e1.enquiryToPlan(on: "2024-01-08", icpc: "2024-01-22")
        try await e1.record(e1.conference(initial: false, on: "2024-04-22", decision: .endPlan, category: .neglect))
        try await e1.record(.closed(on: Synthetic.date("2024-05-01"), reason: .rc7), authorise: true)
        let e2 = try #require(try await f.refer(eve, on: "2025-11-03"))
        _ = try await e2.enquiryToPlan(on: "2025-11-03", icpc: "2025-11-17")
        return Authority(
            f: f, ava: ava, bea: bea, cal: cal, dan: dan, eve: eve, avaEpisode: a.episode, avaPlan: avaPlan)
    }

    static func check(_ a: Authority) async throws -> CensusRun {
        try await a.f.w.store.censusCheck(
            year: 2025, settings: CensusFixture.settings, context: a.f.w.ctx(a.f.analyst))
    }

    @Test(
        "The return carries the episodes open in the year, each as it stood at the year's end",
        arguments: TestBackend.all)
    func contents(_ backend: TestBackend) async throws {
        try await withWorld(backend) { w in
            let a = try await Self.authority(w)
            let census = try await Self.check(a).census
            #expect(census.header.year == "2026" && census.header.referenceDate == Synthetic.date("2026-03-31"))
            #expect(census.header.lea == "123" && census.header.serialNo == "7")
            #expect(Set(census.children.compactMap(\.personId)) == [a.ava, a.bea, a.eve])

            let ava = try #require(census.children.first { $0.personId == a.ava })
            #expect(ava.upn == Synthetic.upn(11) && ava.upnUnknown == nil && ava.sex == "F")
            #expect(ava.laChildID?.allSatisfy { $0.isLetter || $0.isNumber } == true && ava.laChildID?.count == 8)
            #expect(ava.ethnicity == "WBRI" && ava.disabilities == ["NONE"])
            let episode = try #require(ava.episodes.first)
            #expect(ava.episodes.count == 1 && episode.episodeId == a.avaEpisode)
            #expect(episode.referralDate == Synthetic.date("2025-04-14") && episode.referralSource == "6")
            #expect(episode.primaryNeedCode == "N1" && episode.referralNFA == "false" && episode.closureDate == nil)
            #expect(episode.dateOfInitialCPC == nil, "the conference is shown at the enquiry, not twice")
            let s47 = try #require(episode.section47s.first)
            // 15 working days counting both ends, over Easter and the early May bank holiday: 7 May 2025.
            #expect(s47.initialCPCtarget == Synthetic.date("2025-05-07"))
            #expect(s47.dateOfInitialCPC == Synthetic.date("2025-04-29") && s47.icpcNotRequired == "false")
            let assessment = try #require(episode.assessments.first)
            #expect(
                assessment.authorisationDate == Synthetic.date("2025-05-20") && assessment.factors == ["16A", "4B"])
            let plan = try #require(episode.protectionPlans.first)
            #expect(plan.stepId == a.avaPlan && plan.startDate == Synthetic.date("2025-04-29") && plan.endDate == nil)
            #expect(plan.initialCategoryOfAbuse == "NEG" && plan.latestCategoryOfAbuse == "EMO")
            #expect(plan.numberOfPreviousCPP == 0)
            #expect(plan.reviewDates == [Synthetic.date("2025-07-29"), Synthetic.date("2026-01-29")])

            let bea = try #require(census.children.first { $0.personId == a.bea })
            #expect(bea.upnUnknown == "UN7" && bea.episodes.count == 1)
            #expect(bea.episodes.first?.referralNFA == "true" && bea.episodes.first?.referralSource == "2A")
            #expect(bea.episodes.first?.assessments.isEmpty == true && bea.episodes.first?.primaryNeedCode == nil)

            let eve = try #require(census.children.first { $0.personId == a.eve })
            #expect(eve.episodes.count == 1, "the episode closed in 2024 is not in the 2025-26 return")
            #expect(eve.episodes.first?.protectionPlans.first?.numberOfPreviousCPP == 1)
        }
    }

    @Test(
        "The XML download carries every child and audits one entry whose receipt names each",
        arguments: TestBackend.all)
    func exportAudited(_ backend: TestBackend) async throws {
        try await withWorld(backend) { w in
            let a = try await Self.authority(w)
            let (run, xml) = try await w.store.censusExport(
                year: 2025, settings: CensusFixture.settings, allowErrors: false, context: w.ctx(a.f.analyst))
            #expect(xml.hasPrefix("<?xml") && xml.contains("<LEA>123</LEA>") && xml.contains("<Year>2026</Year>"))
            #expect(xml.components(separatedBy: "<Child>").count - 1 == run.census.children.count)
            #expect(xml.contains("<CPPreviewDate>2026-01-29</CPPreviewDate>"))
            #expect(!xml.contains("2026-07-29"), "a review after the year's end is not returned")
            for child in [a.ava, a.bea, a.eve] {
                let entries = try await w.store.audit.entries(forPerson: child).filter {
                    $0.event.entityType == "census" && $0.event.actorId == a.f.analyst.id
                }
                #expect(entries.map(\.event.action) == [.read] && entries.first?.event.receipt != nil)
            }
            #expect(try await w.store.audit.entries(forPerson: a.cal).allSatisfy { $0.event.entityType != "census" })
        }
    }

    @Test("A role that does not make the return is refused, audited, and given nothing", arguments: TestBackend.all)
    func refusedRoles(_ backend: TestBackend) async throws {
        try await withWorld(backend) { w in
            let a = try await Self.authority(w)
            let partnerAgency = try await w.env.createAgency("Northfield School", kind: .school)
            let partner = try await w.env.createUser(
                "dsl", "Dee Lead", role: .partner, agency: partnerAgency, team: nil)
            for user in [w.alice, w.manager, w.officer, w.dpo, partner] {
                let before = try await w.env.count("audit_log")
                await #expect(throws: SafeholdError.self) {
                    _ = try await w.store.censusExport(
                        year: 2025, settings: CensusFixture.settings, allowErrors: true, context: w.ctx(user))
                }
                await #expect(throws: SafeholdError.self) {
                    _ = try await w.store.censusCheck(
                        year: 2025, settings: CensusFixture.settings, context: w.ctx(user))
                }
                let denied = try await w.env.recentAudit(5).filter {
                    $0.seq > before && $0.event.action == .denied && $0.event.entityType == "census"
                }
                #expect(denied.count == 2, "\(user.username) was not audited as refused")
                #expect(try await w.env.count("audit_log") == before + 2, "\(user.username) left more than refusals")
            }
            _ = try await w.store.censusCheck(year: 2025, settings: CensusFixture.settings, context: w.ctx(w.admin))
            _ = a
        }
    }

    @Test("A year not ended, out of range, or with nothing in the record is refused", arguments: TestBackend.all)
    func refusedYears(_ backend: TestBackend) async throws {
        try await withWorld(backend) { w in
            let f = try await CensusFixture.make(w)
            let analyst = w.ctx(f.analyst)
            for year in [2026, 2027, 1999, 2101, Int.max, Int.min] {
                do {
                    _ = try await w.store.censusCheck(year: year, settings: CensusFixture.settings, context: analyst)
                    Issue.record("year \(year) was accepted")
                } catch let error as SafeholdError {
                    switch error {
                    case .conflict: #expect(year >= 2026 && year <= 2100)
                    case .invalid(let fields): #expect(fields.map(\.field) == ["year"])
                    default: Issue.record("year \(year): \(error)")
                    }
                }
            }
            let empty = try await w.store.censusCheck(year: 2010, settings: CensusFixture.settings, context: analyst)
            #expect(empty.census.children.isEmpty)
            await #expect(throws: SafeholdError.self) {
                _ = try await w.store.censusExport(
                    year: 2010, settings: CensusFixture.settings, allowErrors: true, context: analyst)
            }
            var bad = CensusFixture.settings
            bad.laCode = "12\u{202E}"
            do {
                _ = try await w.store.censusCheck(year: 2025, settings: bad, context: analyst)
                Issue.record("an LA code with a bidi override was accepted")
            } catch SafeholdError.invalid(let fields) {
                #expect(fields.map(\.field) == ["laCode"])
            }
        }
    }

    @Test(
        "The export refuses a return with errors unless they are allowed; queries never stop it",
        arguments: TestBackend.all)
    func errorsStopTheExport(_ backend: TestBackend) async throws {
        try await withWorld(backend) { w in
            let a = try await Self.authority(w)
            let failsAva = CensusRule("9001", "A test rule failing Ava's episode") { ctx in
                ctx.census.children.indices.filter { ctx.census.children[$0].personId == a.ava }.map {
                    CensusPlace(child: $0, episode: 0, field: "CINreferralDate")
                }
            }
            let query = CensusRule("9002Q", "A test query on every child") { ctx in
                ctx.census.children.indices.map { CensusPlace(child: $0, field: "UPN") }
            }
            let analyst = w.ctx(a.f.analyst)
            let ok = try await w.store.censusExport(
                year: 2025, settings: CensusFixture.settings, allowErrors: false, rules: [query], context: analyst)
            #expect(ok.run.queries.count == 3 && ok.run.errors.isEmpty)
            let before = try await w.env.count("audit_log")
            do {
                _ = try await w.store.censusExport(
                    year: 2025, settings: CensusFixture.settings, allowErrors: false, rules: [failsAva, query],
                    context: analyst)
                Issue.record("a return with an error was written")
            } catch SafeholdError.conflict(let message) {
                #expect(message.contains("9001"))
            }
            #expect(try await w.env.count("audit_log") == before, "a refused export audited a read")
            let allowed = try await w.store.censusExport(
                year: 2025, settings: CensusFixture.settings, allowErrors: true, rules: [failsAva], context: analyst)
            let finding = try #require(allowed.run.errors.first)
            #expect(
                finding.personId == a.ava && finding.episodeId == a.avaEpisode && finding.field == "CINreferralDate")
        }
    }
}
