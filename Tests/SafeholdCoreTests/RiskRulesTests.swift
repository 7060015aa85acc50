import Foundation
import Testing

@testable import SafeholdCore

/// A risk profile's input rules, the notification due dates and the risk access rules, in Core.
@Suite struct RiskRulesTests {
    let today = LocalDate(iso: "2026-11-24")!
    let lead = UUID().uuidString

    func input(
        kind: String = "registered_sex_offender", category: String? = "1", level: String? = "2",
        next: String? = "2026-12-10"
    ) -> RiskProfileInput {
        RiskProfileInput(
            kind: kind, registeredOn: kind == "registered_sex_offender" ? "2020-03-02" : nil,
            registrationPeriod: kind == "registered_sex_offender" ? "10" : nil, offences: ["SOA03-S9"],
            riskOfSeriousHarm: "high", riskTo: ["children"], leadAgencyId: lead, offenderManagerName: "Olu Manager",
            offenderManagerPhone: "+44 1632 960123", mappaCategory: category, mappaLevel: level, nextMeetingOn: next)
    }

    func fields(_ input: RiskProfileInput) -> [String] {
        do {
            _ = try RiskProfileDraft.validated(input, today: today)
            return []
        } catch {
            if case .invalid(let errors) = error { return errors.map(\.field) }
            return ["not invalid: \(error)"]
        }
    }

    @Test func aWholeProfilePasses() throws {
        let draft = try RiskProfileDraft.validated(input(), today: today)
        #expect(draft.registration?.period == .years(10) && draft.mappaLevel == .two)
        #expect(draft.offenderManagerName == "Olu Manager" && draft.riskTo == [.children])
        #expect(fields(input(kind: "violent_offender", category: "2", level: "1", next: nil)) == [])
    }

    @Test func aMappaLevelNeedsItsCategoryAndMeetingLevelsNeedAMeetingDate() {
        #expect(fields(input(category: nil)) == ["mappaCategory"])
        #expect(fields(input(category: "  ")) == ["mappaCategory"])
        #expect(fields(input(level: nil)) == ["mappaLevel"])
        #expect(fields(input(level: "2", next: nil)) == ["nextMeetingOn"])
        #expect(fields(input(level: "3", next: "")) == ["nextMeetingOn"])
        #expect(fields(input(level: "1", next: nil)) == [])
        #expect(fields(input(category: nil, level: nil, next: "2026-12-01")) == ["nextMeetingOn"])
        #expect(fields(input(level: "4")) == ["mappaLevel"])
        #expect(fields(input(category: "0")) == ["mappaCategory"])
        // Category 1 is for registered sex offenders.
        #expect(fields(input(kind: "violent_offender", category: "1")) == ["mappaCategory"])
    }

    @Test func aRiskLevelOutsideTheScaleAndOtherCodesAreRefusedByName() {
        var bad = input()
        bad.riskOfSeriousHarm = "extreme"
        #expect(fields(bad) == ["riskOfSeriousHarm"])
        bad = input()
        bad.riskOfSeriousHarm = nil
        #expect(fields(bad) == ["riskOfSeriousHarm"])
        bad = input()
        bad.riskTo = ["neighbours"]
        #expect(fields(bad) == ["riskTo"])
        bad.riskTo = []
        #expect(fields(bad) == ["riskTo"])
        bad = input()
        bad.offences = ["SOA03-S999"]
        #expect(fields(bad) == ["offences"])
        bad.offences = Array(repeating: "SOA03-S9", count: 21)
        #expect(fields(bad) == ["offences"])
        bad = input()
        bad.kind = "burglar"
        #expect(fields(bad).first == "kind")
        bad = input()
        bad.offenderManagerPhone = "call me"
        #expect(fields(bad) == ["offenderManagerPhone"])
        bad.offenderManagerPhone = "0163\u{202E}2960123"
        #expect(fields(bad) == ["offenderManagerPhone"])
        bad = input()
        bad.offenderManagerName = "Olu\u{202E}Manager"
        #expect(fields(bad) == ["offenderManagerName"])
        bad.offenderManagerName = nil
        #expect(fields(bad) == ["offenderManagerName"])
        bad.offenderManagerUserId = UUID().uuidString
        #expect(fields(bad) == [])
        bad.leadAgencyId = "police"
        #expect(fields(bad) == ["leadAgencyId"])
    }

    @Test func registrationIsForRegisteredSexOffendersAndItsDatesAreChecked() {
        var rso = input()
        rso.registeredOn = nil
        rso.registrationPeriod = "forever"
        #expect(fields(rso) == ["registeredOn", "registrationPeriod"])
        rso = input()
        rso.registeredOn = "2027-01-01"
        #expect(fields(rso) == ["registeredOn"])
        rso = input()
        rso.lastNotifiedOn = "2019-01-01"
        #expect(fields(rso) == ["lastNotifiedOn"])
        rso = input()
        rso.changeNotifiedOn = "2026-11-01"
        #expect(fields(rso) == ["lastChangeOn"])
        var violent = input(kind: "violent_offender", category: "2")
        violent.registeredOn = "2020-01-01"
        #expect(fields(violent) == ["registeredOn"])
    }

    @Test func notificationsFallDueByTheRuleset() {
        let ruleset = Ruleset.england2025
        func profile(_ registration: SexOffenderRegistration?) -> RiskProfile {
            RiskProfile(
                id: UUID(), personId: UUID(), personName: "D A", kind: .registeredSexOffender,
                registration: registration, offences: [], riskOfSeriousHarm: .high, riskTo: [.children],
                leadAgencyId: UUID(), leadAgencyName: "P",
                offenderManager: OffenderManager(userId: nil, name: "O", phone: "01632960123"), mappaCategory: .one,
                mappaLevel: .one, nextMeetingOn: nil, version: 1)
        }
        let day = { (iso: String) in LocalDate(iso: iso)! }
        // Never notified: a year from registration.
        #expect(
            profile(SexOffenderRegistration(registeredOn: day("2026-02-01"), period: .years(5)))
                .notificationsDue(ruleset.risk, ruleset: ruleset) == [
                    NotificationDue(kind: .periodic, dueOn: day("2027-02-01"))
                ])
        // A change not yet notified is due three days after it; once notified, nothing.
        let changed = SexOffenderRegistration(
            registeredOn: day("2020-02-01"), period: .indefinite, lastNotifiedOn: day("2026-03-01"),
            lastChangeOn: day("2026-11-20"))
        #expect(
            profile(changed).notificationsDue(ruleset.risk, ruleset: ruleset).last
                == NotificationDue(kind: .change, dueOn: day("2026-11-23")))
        var notified = changed
        notified.changeNotifiedOn = day("2026-11-21")
        #expect(profile(notified).notificationsDue(ruleset.risk, ruleset: ruleset).map(\.kind) == [.periodic])
        // After the requirements end, nothing periodic is due.
        let ended = SexOffenderRegistration(
            registeredOn: day("2018-01-01"), period: .years(2), lastNotifiedOn: day("2019-06-01"))
        #expect(profile(ended).notificationsDue(ruleset.risk, ruleset: ruleset).isEmpty)
        #expect(profile(nil).notificationsDue(ruleset.risk, ruleset: ruleset).isEmpty)
    }

    @Test func theRiskRulesNeverLookAtAChildAndKeepMinutesToThePanel() {
        let probation = UUID(), police = UUID(), council = UUID()
        func actor(_ role: Role, agency: UUID, id: UUID = UUID()) -> Actor {
            Actor(userId: id, role: role, agencyId: agency, teamId: UUID(), displayName: "x")
        }
        let coordinator = actor(.mappaCoordinator, agency: police)
        let manager = actor(.partner, agency: probation)
        let member = actor(.police, agency: police)
        let sameAgency = actor(.police, agency: police)
        let socialWorker = actor(.socialWorker, agency: council)
        let analyst = actor(.performanceAnalyst, agency: police)
        let panel = MappaPanel(memberUserIds: [member.userId], agencyIds: [police])
        let facts = RiskRecordFacts(offenderManagerUserId: manager.userId, panels: [panel])
        #expect(RiskAccess.decide(coordinator, .edit, facts).decision == .allowed)
        // The coordinator's "everyone" holds on a profile with no meeting yet.
        let bare = RiskRecordFacts(offenderManagerUserId: nil, panels: [])
        #expect(RiskAccess.decide(coordinator, .edit, bare).decision == .allowed)
        #expect(!RiskAccess.decide(member, .view, bare).seesRecord)
        #expect(RiskAccess.decide(manager, .view, facts).decision == .allowed)
        #expect(RiskAccess.decide(manager, .edit, facts).seesRecord)
        #expect(!RiskAccess.decide(manager, .edit, facts).decision.isAllowed)
        #expect(RiskAccess.decide(member, .view, facts).decision == .allowed)
        #expect(RiskAccess.decide(sameAgency, .view, facts).decision == .allowed)
        #expect(RiskAccess.decide(socialWorker, .view, facts) == (.denied(AccessPolicy.noVisibleRecord), false))
        #expect(!RiskAccess.decide(analyst, .view, facts).seesRecord)
        // Minutes: the panel's members and agencies and the coordinator; not the offender manager as such.
        #expect(RiskAccess.mayReadMinutes(member, panel) && RiskAccess.mayReadMinutes(sameAgency, panel))
        #expect(RiskAccess.mayReadMinutes(coordinator, panel))
        #expect(!RiskAccess.mayReadMinutes(manager, panel) && !RiskAccess.mayReadMinutes(socialWorker, panel))
        #expect(!RiskAccess.mayReadMinutes(analyst, panel))
        #expect(RiskAccess.mayCreate(coordinator) == .allowed && !RiskAccess.mayCreate(manager).isAllowed)
        // Social care attended: its named member reads the minutes, the council's other workers do not.
        let named = actor(.socialWorker, agency: council)
        let councilPanel = MappaPanel(memberUserIds: [named.userId], agencyIds: [council, police])
        #expect(RiskAccess.mayReadMinutes(named, councilPanel))
        #expect(!RiskAccess.mayReadMinutes(socialWorker, councilPanel))
        #expect(!RiskAccess.mayReadMinutes(actor(.lado, agency: council), councilPanel))
        #expect(
            !RiskAccess.decide(socialWorker, .view, RiskRecordFacts(offenderManagerUserId: nil, panels: [councilPanel]))
                .seesRecord)
    }
}
