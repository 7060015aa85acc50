import Foundation
import SQLKit
import SafeholdCore
import SafeholdStore
import Testing

@Suite("The training register: entries, who reads and records them, the team view, reminders")
struct TrainingStoreTests {
    static func draft(_ course: String, _ from: Int, expires: Int? = nil) -> TrainingDraft {
        TrainingDraft(
            course: course, completedOn: Synthetic.today.adding(days: from).description,
            expiresOn: expires.map { Synthetic.today.adding(days: $0).description }, provider: "Academy",
            evidenceReference: "CERT-1")
    }

    @Test(
        "A worker records their own course; their manager records an accreditation; reads show the standing",
        arguments: TestBackend.all)
    func recordAndRead(_ backend: TestBackend) async throws {
        try await withWorld(backend) { w in
            let own = try await w.store.recordTraining(
                Self.draft("safeguarding_l3", -10), for: w.alice.id, context: w.ctx(w.alice))
            #expect(own.expiresOn == Synthetic.today.adding(days: -10).adding(months: 36).adding(days: -1))
            #expect(own.recordedByName == "Alice Example")
            _ = try await w.store.recordTraining(
                Self.draft("csa_specialist", -100, expires: 20), for: w.alice.id, context: w.ctx(w.manager))
            let mine = try await w.store.training(of: w.alice.id, context: w.ctx(w.alice))
            #expect(mine.records.count == 2)
            let byCode = Dictionary(uniqueKeysWithValues: mine.standing.map { ($0.course.code, $0) })
            #expect(byCode["csa_specialist"]?.state == .expiring && byCode["csa_specialist"]?.windowDays == 30)
            #expect(byCode["safeguarding_l3"]?.state == .current)
            #expect(byCode["swe_registration"]?.state == .missing)
            let audit = try await w.env.recentAudit(3)
            #expect(audit.contains { $0.event.entityType == "training_record" && $0.event.action == .create })
        }
    }

    @Test(
        "Refused: own gating accreditation, another team's manager, a colleague, a partner; nothing written",
        arguments: TestBackend.all)
    func refusals(_ backend: TestBackend) async throws {
        try await withWorld(backend) { w in
            let school = try await w.env.createAgency("Northfield Academy", kind: .school)
            let partner = try await w.env.createUser("dsl", "Dee Lead", role: .partner, agency: school, team: nil)
            let otherManager = try await w.env.createUser(
                "tm.b", "Tom Bmanager", role: .teamManager, agency: w.council, team: w.teamB)
            let before = try await w.env.count("training_records")
            await #expect(throws: SafeholdError.self) {
                _ = try await w.store.recordTraining(
                    Self.draft("conference_chairing", -1), for: w.alice.id, context: w.ctx(w.alice))
            }
            for (who, course) in [(otherManager, "safeguarding_l3"), (w.bob, "safeguarding_l3"), (partner, "lado")] {
                do {
                    _ = try await w.store.recordTraining(Self.draft(course, -1), for: w.alice.id, context: w.ctx(who))
                    Issue.record("\(who.username) recorded alice's training")
                } catch SafeholdError.notFound {
                } catch { Issue.record("\(who.username): \(error)") }
                await #expect(throws: SafeholdError.self) {
                    _ = try await w.store.training(of: w.alice.id, context: w.ctx(who))
                }
            }
            // Bad input names the field and writes nothing.
            for (draft, field) in [
                (TrainingDraft(course: "juggling", completedOn: "2026-01-01"), "course"),
                (TrainingDraft(course: "lado", completedOn: "2026-01-02", expiresOn: "2026-01-01"), "expiresOn"),
                (TrainingDraft(course: "lado", completedOn: "1800-01-01"), "completedOn"),
            ] {
                do {
                    _ = try await w.store.recordTraining(draft, for: w.alice.id, context: w.ctx(w.manager))
                    Issue.record("\(field) passed")
                } catch SafeholdError.invalid(let errors) {
                    #expect(errors.map(\.field) == [field])
                }
            }
            #expect(try await w.env.count("training_records") == before)
            let denied = try await w.env.recentAudit(10).filter { $0.event.action == .denied }
            #expect(denied.contains { $0.event.entityType == "training_record" })
            // The partner's team view is themself alone; another team's manager sees their team, not alice.
            #expect(try await w.store.workforceTraining(context: w.ctx(partner)).map(\.id) == [partner.id])
            #expect(!(try await w.store.workforceTraining(context: w.ctx(otherManager)).map(\.id)).contains(w.alice.id))
        }
    }

    @Test("Team view: the manager sees their team's workers, a senior role everyone", arguments: TestBackend.all)
    func teamView(_ backend: TestBackend) async throws {
        try await withWorld(backend) { w in
            let auditor = try await w.env.createUser(
                "aud", "Avery Auditor", role: .auditor, agency: w.council, team: nil)
            _ = try await w.store.recordTraining(
                Self.draft("csa_specialist", -1000, expires: -5), for: w.bob.id, context: w.ctx(w.manager))
            let team = try await w.store.workforceTraining(context: w.ctx(w.manager))
            #expect(Set(team.map(\.id)) == [w.alice.id, w.bob.id, w.manager.id])
            #expect(team.first { $0.id == w.bob.id }?.expired.map(\.course.code) == ["csa_specialist"])
            let all = try await w.store.workforceTraining(context: w.ctx(auditor))
            #expect(all.contains { $0.id == w.carol.id } && all.contains { $0.id == w.officer.id })
            let teamB = try await w.store.workforceTraining(team: w.teamB.id, context: w.ctx(auditor))
            #expect(teamB.map(\.id) == [w.carol.id])
            let due = try await w.store.trainingDue(context: w.ctx(w.manager))
            #expect(due.contains { $0.worker.id == w.bob.id && $0.standing.state == .expired })
        }
    }

    @Test(
        "Reminders: the worker and their managers are told once per window, by the due notices' run",
        arguments: TestBackend.all)
    func reminders(_ backend: TestBackend) async throws {
        try await withWorld(backend) { w in
            _ = try await w.store.recordTraining(
                Self.draft("csa_specialist", -1000, expires: 25), for: w.alice.id, context: w.ctx(w.manager))
            _ = try await w.store.recordTraining(
                Self.draft("lado", -1000, expires: 80), for: w.bob.id, context: w.ctx(w.manager))
            // Carol's is renewed: the old entry is silent.
            _ = try await w.store.recordTraining(
                Self.draft("csa_specialist", -1000, expires: 10), for: w.carol.id, context: w.ctx(w.admin))
            _ = try await w.store.recordTraining(
                Self.draft("csa_specialist", -1), for: w.carol.id, context: w.ctx(w.admin))
            let system = AuditContext(system: "due notices")
            _ = try await w.store.notifyDueItems(context: system)
            _ = try await w.store.notifyDueItems(context: system)
            #expect(try await w.env.count("training_reminders") == 2)
            let alice = try await w.store.notifications(context: w.ctx(w.alice))
            #expect(alice.count == 1 && alice[0].text.contains("within 30 days"))
            let manager = try await w.store.notifications(context: w.ctx(w.manager))
            #expect(manager.count == 2)
            #expect(manager.contains { $0.text.contains("Alice Example") && $0.text.contains("within 30 days") })
            #expect(manager.contains { $0.text.contains("Bob Example") && $0.text.contains("within 90 days") })
            #expect(try await w.store.notifications(context: w.ctx(w.carol)).isEmpty)
        }
    }

    @Test(
        "Migration 16 copies the ABE accreditations into the one register and drops the old table",
        arguments: TestBackend.all)
    func migrationCopiesAccreditations(_ backend: TestBackend) async throws {
        try await withFreshStore(backend, migrate: false) { env in
            try await Migrator(database: env.database).migrate(clock: env.clock, upTo: 15)
            let force = try await env.createAgency("Force", kind: .police)
            let dc = try await env.createUser("pc.old", "DC Old", role: .police, agency: force, team: nil)
            let ds = try await env.createUser("ds.rec", "DS Recorder", role: .police, agency: force, team: nil)
            let id = UUID()
            try await env.execute(
                """
                INSERT INTO accreditations (id, user_id, kind, valid_from, expires_on, recorded_at, recorded_by)
                VALUES ('\(id.uuidString)', '\(dc.id.uuidString)', 'abe_interviewing', '2025-01-01', '2027-06-30',
                    '\(Timestamp.string(testNow))', '\(ds.id.uuidString)')
                """)
            #expect(try await env.store.migrate() == Migrator.knownVersions.filter { $0 > 15 })
            let copied = try await env.store.training(of: dc.id, context: env.context(ds))
            #expect(copied.records.map(\.id) == [id])
            #expect(copied.records.first?.course == "abe_interviewing")
            #expect(copied.records.first?.completedOn == Synthetic.date("2025-01-01"))
            #expect(copied.records.first?.expiresOn == Synthetic.date("2027-06-30"))
            #expect(copied.records.first?.recordedByName == "DS Recorder")
            await #expect(throws: (any Error).self) { try await env.count("accreditations") }
            // The ABE gate reads the same register: the police API's call writes there too.
            _ = try await env.store.addAccreditation(
                user: ds.id, kind: .abeInterviewing, validFrom: Synthetic.date("2026-01-01"),
                expiresOn: Synthetic.date("2027-01-01"), context: env.context(dc))
            #expect(try await env.count("training_records") == 2)
        }
    }
}
