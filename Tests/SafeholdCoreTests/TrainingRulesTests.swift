import Foundation
import Testing

@testable import SafeholdCore

@Suite("The training register's rules: the catalogue, entries, standing, the gates and who may do what")
struct TrainingRulesTests {
    static let catalogue = Ruleset.england2025.workforce.training
    static func day(_ iso: String) -> LocalDate { LocalDate(iso: iso)! }

    static func fields(_ draft: TrainingDraft) -> [String] {
        do {
            _ = try draft.validated()
            return []
        } catch {
            if case .invalid(let errors) = error { return errors.map(\.field) }
            return ["not a field error"]
        }
    }

    static func record(
        _ course: String, _ from: String, _ to: String?,
        user: UUID = UUID(uuidString: "00000000-0000-0000-0000-0000000000a1")!
    ) -> TrainingRecord {
        TrainingRecord(
            id: UUID(), userId: user, course: course, completedOn: day(from), expiresOn: to.map(day), provider: nil,
            evidenceReference: nil, recordedAt: Date(timeIntervalSince1970: 0), recordedByName: "t")
    }

    @Test("An entry's expiry defaults to the course's validity after completion; codes come from the catalogue")
    func defaultsAndCodes() throws {
        let abe = try TrainingDraft(course: "abe_interviewing", completedOn: "2026-03-01").validated()
        #expect(abe.expiresOn == Self.day("2029-02-28"))
        let swe = try TrainingDraft(course: "swe_registration", completedOn: "2026-11-30").validated()
        #expect(swe.expiresOn == Self.day("2027-11-29"))
        let given = try TrainingDraft(course: "mappa", completedOn: "2026-01-01", expiresOn: "2026-01-01").validated()
        #expect(given.expiresOn == Self.day("2026-01-01"))
        #expect(Self.catalogue.courses.count == Set(Self.catalogue.courses.map(\.code)).count)
        for act in GatedAct.allCases { #expect(!Self.catalogue.courses(allowing: act).isEmpty) }
    }

    @Test("Bad input names its field: unknown course, expiry before completion, dates outside 1900-2100, odd text")
    func badInput() {
        #expect(Self.fields(TrainingDraft(course: "juggling", completedOn: "2026-01-01")) == ["course"])
        #expect(Self.fields(TrainingDraft(course: nil, completedOn: nil)) == ["course", "completedOn"])
        #expect(
            Self.fields(TrainingDraft(course: "lado", completedOn: "2026-02-01", expiresOn: "2026-01-31"))
                == ["expiresOn"])
        #expect(Self.fields(TrainingDraft(course: "lado", completedOn: "1899-12-31")) == ["completedOn"])
        #expect(
            Self.fields(TrainingDraft(course: "lado", completedOn: "2026-01-01", expiresOn: "2101-01-01")) == [
                "expiresOn"
            ])
        #expect(Self.fields(TrainingDraft(course: "lado", completedOn: "2026-02-30")) == ["completedOn"])
        #expect(
            Self.fields(TrainingDraft(course: "lado", completedOn: "2026-01-01", provider: "Evil\u{202E}Corp"))
                == ["provider"])
        #expect(
            Self.fields(
                TrainingDraft(
                    course: "lado", completedOn: "2026-01-01", evidenceReference: String(repeating: "x", count: 201)))
                == ["evidenceReference"])
        // A course completed in 2100 whose validity would run past 2100 is refused rather than stored.
        #expect(Self.fields(TrainingDraft(course: "lado", completedOn: "2100-06-01")) == ["expiresOn"])
    }

    @Test("Standing: current, expiring in the 90/60/30-day windows, expired, and missing when the role expects it")
    func standing() {
        let today = Self.day("2026-06-01")
        #expect(Self.catalogue.reminderDays == [30, 60, 90])
        #expect(Self.catalogue.reminderWindow(expiresOn: Self.day("2026-06-01"), today: today) == 30)
        #expect(Self.catalogue.reminderWindow(expiresOn: Self.day("2026-07-01"), today: today) == 30)
        #expect(Self.catalogue.reminderWindow(expiresOn: Self.day("2026-07-02"), today: today) == 60)
        #expect(Self.catalogue.reminderWindow(expiresOn: Self.day("2026-08-30"), today: today) == 90)
        #expect(Self.catalogue.reminderWindow(expiresOn: Self.day("2026-08-31"), today: today) == nil)
        #expect(Self.catalogue.reminderWindow(expiresOn: Self.day("2026-05-31"), today: today) == nil)
        let records = [
            Self.record("abe_interviewing", "2022-01-01", "2026-05-31"),
            Self.record("csa_specialist", "2024-01-01", "2026-07-15"),
            Self.record("safeguarding_l1", "2025-01-01", "2028-01-01"),
            // A renewal makes the latest entry the one that counts.
            Self.record("lado", "2023-01-01", "2026-01-01"), Self.record("lado", "2026-01-01", "2029-01-01"),
        ]
        let s = Dictionary(
            uniqueKeysWithValues: Self.catalogue.standing(of: records, role: .police, on: today).map {
                ($0.course.code, $0)
            })
        #expect(s["abe_interviewing"]?.state == .expired)
        #expect(s["csa_specialist"]?.state == .expiring && s["csa_specialist"]?.windowDays == 60)
        #expect(s["safeguarding_l1"]?.state == .current && s["safeguarding_l1"]?.expected == false)
        #expect(s["lado"]?.state == .current)
        #expect(s["swe_registration"] == nil)
        let social = Self.catalogue.standing(of: [], role: .socialWorker, on: today)
        #expect(Set(social.map(\.course.code)) == ["csa_specialist", "swe_registration"])
        #expect(social.allSatisfy { $0.state == .missing && $0.expected })
    }

    @Test("A gate passes with a record current on the day of the act, both ends included, and says what is missing")
    func gate() throws {
        let records = [Self.record("conference_chairing", "2025-01-10", "2026-03-31")]
        func refusal(_ iso: String, _ r: [TrainingRecord] = records) -> String? {
            TrainingGate.refusal(
                .conferenceChair, worker: "Chris Chair", records: r, on: Self.day(iso), catalogue: Self.catalogue)
        }
        #expect(refusal("2025-01-10") == nil && refusal("2026-03-31") == nil)
        let expired = try #require(refusal("2026-04-01"))
        #expect(expired.contains("Chris Chair") && expired.contains("Child protection conference chairing"))
        #expect(expired.contains("expired on 31 Mar 2026") && expired.contains("override"))
        #expect(try #require(refusal("2025-01-09")).contains("not yet current"))
        #expect(try #require(refusal("2026-01-01", [])).contains("none is recorded"))
        // Another course's accreditation does not open the gate.
        #expect(refusal("2026-01-01", [Self.record("abe_interviewing", "2025-01-01", "2027-01-01")]) != nil)
        #expect(Self.catalogue.isSexualAbuse(offences: ["OAPA47", "SOA9"]))
        #expect(!Self.catalogue.isSexualAbuse(offences: ["OAPA47", "CYPA1"]))
    }

    @Test("An override needs a known act, a worker and a reason")
    func overrideFields() {
        func fields(_ act: String?, _ user: String?, _ reason: String?) -> [String] {
            do {
                _ = try TrainingOverride.validate(act: act, userId: user, reason: reason)
                return []
            } catch {
                if case .invalid(let e) = error { return e.map(\.field) }
                return ["?"]
            }
        }
        #expect(fields("conference_chair", UUID().uuidString, "Chair off sick; review cannot wait.") == [])
        #expect(fields("juggling", "nobody", " ") == ["act", "userId", "reason"])
        #expect(fields("lado_case_allocation", UUID().uuidString, "bad\u{2066}reason") == ["reason"])
    }

    @Test("Who records, reads and overrides: the worker (not their own gating accreditation), their manager, admin")
    func access() {
        let council = UUID(), police = UUID(), teamA = UUID(), teamB = UUID(), cait = UUID()
        func actor(_ role: Role, agency: UUID = council, team: UUID? = teamA, id: UUID = UUID()) -> Actor {
            Actor(userId: id, role: role, agencyId: agency, teamId: team, displayName: "x")
        }
        let workerId = UUID()
        let worker = WorkerFacts(userId: workerId, role: .socialWorker, agencyId: council, teamId: teamA)
        let chairing = Self.catalogue.course("conference_chairing")!, l3 = Self.catalogue.course("safeguarding_l3")!
        let me = actor(.socialWorker, id: workerId)
        #expect(TrainingAccess.recordRefusal(me, worker, course: l3) == nil)
        #expect(TrainingAccess.recordRefusal(me, worker, course: chairing) != nil)
        #expect(TrainingAccess.recordRefusal(actor(.teamManager), worker, course: chairing) == nil)
        #expect(TrainingAccess.recordRefusal(actor(.teamManager, team: teamB), worker, course: l3) != nil)
        #expect(TrainingAccess.recordRefusal(actor(.administrator, team: nil), worker, course: chairing) == nil)
        #expect(TrainingAccess.recordRefusal(actor(.socialWorker), worker, course: l3) != nil)
        #expect(TrainingAccess.recordRefusal(actor(.partner, agency: UUID(), team: nil), worker, course: l3) != nil)
        #expect(!TrainingAccess.mayRead(actor(.teamManager, team: teamB), worker))
        #expect(!TrainingAccess.mayRead(actor(.partner, agency: UUID(), team: teamA), worker))
        #expect(TrainingAccess.mayRead(actor(.auditor, team: nil), worker))
        let partner = actor(.partner, agency: UUID(), team: nil)
        #expect(TrainingAccess.readScope(partner) == .own(partner.userId))
        #expect(TrainingAccess.readScope(actor(.police, agency: police, team: cait)) == .agency(police))
        let officer = WorkerFacts(userId: UUID(), role: .police, agencyId: police, teamId: cait)
        let sergeant = actor(.police, agency: police, team: cait)
        #expect(
            TrainingAccess.recordRefusal(sergeant, officer, course: Self.catalogue.course("abe_interviewing")!) == nil)
        #expect(TrainingAccess.recordRefusal(sergeant, officer, course: l3) != nil)
        #expect(TrainingAccess.overrideRefusal(sergeant, officer, act: .abeInterviewer) == nil)
        #expect(TrainingAccess.overrideRefusal(sergeant, officer, act: .conferenceChair) != nil)
        #expect(TrainingAccess.overrideRefusal(actor(.teamManager), worker, act: .conferenceChair) == nil)
        #expect(TrainingAccess.overrideRefusal(actor(.socialWorker), worker, act: .conferenceChair) != nil)
        #expect(TrainingAccess.overrideRefusal(actor(.teamManager, team: teamB), worker, act: .conferenceChair) != nil)
        #expect(TrainingAccess.overrideRefusal(actor(.administrator, team: nil), worker, act: .conferenceChair) != nil)
        let manager = actor(.teamManager)
        #expect(
            TrainingAccess.overrideRefusal(
                manager, WorkerFacts(userId: manager.userId, role: .teamManager, agencyId: council, teamId: teamA),
                act: .conferenceChair) != nil)
        #expect(TrainingAccess.overrideScope(actor(.socialWorker)) == nil)
        #expect(TrainingAccess.overrideScope(actor(.partner, agency: UUID(), team: nil)) == nil)
    }
}
