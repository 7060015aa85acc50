import Foundation
import SQLKit
import SafeholdCore
import SafeholdStore
import Testing

@Suite("Police investigations: opening, refusals and status")
struct PoliceInvestigationTests {
    @Test(
        "Opening an investigation stores it with its people and history, audited once per child",
        arguments: TestBackend.all)
    func openStoresAndAudits(_ backend: TestBackend) async throws {
        try await withPolice(backend) { p in
            let draft = p.draft(crime: "nb/12345/26", children: [p.amy, p.ben], roles: [.victim, .witness])
            let investigation = try await p.open(draft)
            #expect(investigation.crimeReference == "NB/12345/26")
            #expect(investigation.status == .reported && investigation.version == 1)
            #expect(investigation.teamId == p.caitA.id && investigation.agencyId == p.w.police.id)
            #expect(Set(investigation.childIds) == [p.amy, p.ben] && investigation.suspectIds == [p.suspect])
            #expect(try await p.env.count("investigation_people") == 3)
            let file = try await p.store.investigationFile(investigation.id, context: p.ctx(p.ash))
            #expect(file.view == .full)
            #expect(
                file.teamName == "CAIT A" && file.officerName == "Ash Officer" && file.supervisorName == "Bea Sergeant")
            #expect(file.offences.map(\.code) == ["CYPA1", "OAPA47"])
            #expect(file.offences.allSatisfy { $0.label != $0.code })
            #expect(file.history.map(\.status) == [.reported])
            for child in [p.amy, p.ben] {
                let created = try await p.audit(child, by: p.ash).filter { $0.event.action == .create }
                #expect(created.count == 1)
                #expect(created.first?.event.entityType == "investigation")
                #expect(created.first?.event.entityId == investigation.id)
            }
            #expect(try await p.audit(p.suspect, by: p.ash).filter { $0.event.action == .create }.isEmpty)
            // The code list is kept as data.
            #expect(try await p.store.offenceCodes().count == OffenceCode.england.count)
        }
    }

    @Test(
        "Refusals name the field and write nothing: offences, officers, people, references", arguments: TestBackend.all)
    func refusalsWriteNothing(_ backend: TestBackend) async throws {
        try await withPolice(backend) { p in
            let before = try await p.footprint()
            let unknown = await expectRefusal(.invalid) { try await p.open(p.draft(offences: ["CYPA1", "XX99"])) }
            #expect(unknown?.fields == ["offences"])
            #expect(unknown?.message.contains("'XX99'") == true)
            let notPolice = await expectRefusal(.invalid) { try await p.open(p.draft(officer: p.w.alice.id)) }
            #expect(notPolice?.fields == ["officerId"])
            let otherForce = await expectRefusal(.invalid) { try await p.open(p.draft(supervisor: p.sol.id)) }
            #expect(otherForce?.fields == ["supervisorId"])
            let same = await expectRefusal(.invalid) { try await p.open(p.draft(supervisor: p.ash.id)) }
            #expect(same?.fields == ["supervisorId"])
            let nobody = await expectRefusal(.invalid) { try await p.open(p.draft(children: [UUID()])) }
            #expect(nobody?.fields == ["people"])
            var both = p.draft()
            both.people.append(InvestigationPerson(personId: p.amy, role: .suspect))
            let suspectVictim = await expectRefusal(.invalid) { try await p.open(both) }
            #expect(suspectVictim?.fields == ["people"])
            let badReference = await expectRefusal(.invalid) { try await p.open(p.draft(crime: "NB-12345-26")) }
            #expect(badReference?.fields == ["crimeReference"])
            // Only a police officer in a team records investigations.
            await expectRefusal(.forbidden) { try await p.open(by: p.w.officer) }
            await expectRefusal(.forbidden) { try await p.open(by: p.w.alice) }
            #expect(try await p.footprint() == before)
        }
    }

    @Test(
        "A crime or incident reference is unique within a force; another force may use it", arguments: TestBackend.all)
    func referencesUniquePerForce(_ backend: TestBackend) async throws {
        try await withPolice(backend) { p in
            _ = try await p.open(p.draft(crime: "NB/12345/26", incident: "NB-20261124-0001"))
            var before = try await p.footprint()
            let crime = await expectRefusal(.invalid) { try await p.open(p.draft(crime: " nb/12345/26 ")) }
            #expect(crime?.fields == ["crimeReference"])
            let incident = await expectRefusal(.invalid) {
                try await p.open(p.draft(crime: "NB/99999/26", incident: "NB-20261124-0001"), by: p.dev)
            }
            #expect(incident?.fields == ["incidentReference"])
            #expect(try await p.footprint() == before)
            // Southmoor Police numbers its own crimes: the same text is another crime there.
            let southmoor = try await p.env.createUser(
                "sgt.sky", "Sky Sergeant", role: .police, agency: p.otherForce, team: nil)
            _ = try await p.open(
                p.draft(
                    crime: "NB/12345/26", incident: "NB-20261124-0001", officer: p.sol.id, supervisor: southmoor.id),
                by: p.sol)
            before = try await p.footprint()
            #expect(before["investigations"] == 2)
        }
    }

    @Test(
        "Status: stale version and disallowed moves are conflicts, NFA needs a reason, history kept",
        arguments: TestBackend.all)
    func statusChanges(_ backend: TestBackend) async throws {
        try await withPolice(backend) { p in
            let investigation = try await p.open()
            let moved = try await p.store.changeStatus(
                investigation.id, StatusChangeDraft(status: .underInvestigation, reason: nil, expectedVersion: 1),
                context: p.ctx(p.cal))
            #expect(moved.status == .underInvestigation && moved.version == 2)
            let before = try await p.footprint()
            await expectRefusal(.conflict) {
                try await p.store.changeStatus(
                    investigation.id, StatusChangeDraft(status: .fileToCPS, reason: nil, expectedVersion: 1),
                    context: p.ctx(p.ash))
            }
            let disallowed = await expectRefusal(.conflict) {
                try await p.store.changeStatus(
                    investigation.id, StatusChangeDraft(status: .courtOutcome, reason: "x", expectedVersion: 2),
                    context: p.ctx(p.ash))
            }
            #expect(disallowed?.message.contains("under investigation") == true)
            let noReason = await expectRefusal(.invalid) {
                try await p.store.changeStatus(
                    investigation.id, StatusChangeDraft(status: .noFurtherAction, reason: " ", expectedVersion: 2),
                    context: p.ctx(p.ash))
            }
            #expect(noReason?.fields == ["reason"])
            #expect(try await p.footprint() == before)
            // Team B and social care may not move it.
            await expectRefusal(.notFound) {
                try await p.store.changeStatus(
                    investigation.id, StatusChangeDraft(status: .fileToCPS, reason: nil, expectedVersion: 2),
                    context: p.ctx(p.dev))
            }
            await expectRefusal(.forbidden) {
                try await p.store.changeStatus(
                    investigation.id, StatusChangeDraft(status: .fileToCPS, reason: nil, expectedVersion: 2),
                    context: p.ctx(p.w.alice))
            }
            let nfa = try await p.store.changeStatus(
                investigation.id,
                StatusChangeDraft(status: .noFurtherAction, reason: "Evidential test not met", expectedVersion: 2),
                context: p.ctx(p.ash))
            #expect(nfa.status == .noFurtherAction)
            let file = try await p.store.investigationFile(investigation.id, context: p.ctx(p.ash))
            #expect(file.history.compactMap(\.status) == [.reported, .underInvestigation, .noFurtherAction])
            #expect(file.history.last?.detail == "Evidential test not met")
            await expectRefusal(.conflict) {
                try await p.store.changeStatus(
                    investigation.id, StatusChangeDraft(status: .underInvestigation, reason: nil, expectedVersion: 3),
                    context: p.ctx(p.ash))
            }
        }
    }

    @Test("No further action never closes the child's episode", arguments: TestBackend.all)
    func nfaKeepsEpisodeOpen(_ backend: TestBackend) async throws {
        try await withPolice(backend) { p in
            let (child, _, episode) = try await PipelineFixture.episode(p.w, name: "Nora")
            let investigation = try await p.open(p.draft(children: [child]))
            _ = try await p.store.changeStatus(
                investigation.id,
                StatusChangeDraft(status: .noFurtherAction, reason: "No evidence", expectedVersion: 1),
                context: p.ctx(p.ash))
            let open = try await p.value(
                "SELECT COUNT(*) AS n FROM episodes WHERE id = \(bind: episode.db) AND closed_on IS NULL", "n",
                as: Int.self)
            #expect(open == 1)
            let episodes = try await p.store.episodes(of: child, context: p.ctx(p.w.alice))
            #expect(episodes.first?.id == episode)
            #expect(episodes.first?.due.isEmpty == false)
        }
    }
}
