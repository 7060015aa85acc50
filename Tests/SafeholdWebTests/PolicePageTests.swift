import Foundation
import HTTPTypes
import HummingbirdTesting
import SafeholdCore
import SafeholdStore
import SafeholdWeb
import Testing

/// The police pages through the built application: the police home, an investigation as its team and
/// as the child's social worker see it, refusals for everyone else, and forms that refuse bad input
/// without writing.
@Suite struct PolicePageTests {
    /// A second officer of the fixture's team (a supervisor must be someone else) and an investigation
    /// of the fixture's child with police-only intelligence.
    func investigation(_ f: WebFixture) async throws -> Investigation {
        let supervisor = try await f.store.createUser(
            User(
                id: UUID(), username: "sergeant", displayName: "DS Sergeant", role: .police,
                agencyId: f.police.agencyId, teamId: f.police.teamId), passwordHash: "unused",
            mustChangePassword: false, totpSecret: nil, context: AuditContext(system: "test"))
        return try await f.store.openInvestigation(
            InvestigationDraft(
                crimeReference: "TS/12345/26", incidentReference: nil, offences: ["CYPA1"], officerId: f.police.id,
                supervisorId: supervisor.id, people: [InvestigationPerson(personId: f.child.id, role: .victim)],
                summary: "Bruising seen at nursery.", intelligence: "Secret police intelligence text."),
            context: AuditContext(actor: f.police.actor, ipAddress: nil))
    }

    @Test func aPoliceOfficerLandsOnTheirTeamsWorkAndOthersAreRefusedIt() async throws {
        try await WebFixture.withApp { f, client in
            let i = try await investigation(f)
            let officer = try await f.session(f.police)
            let home = try await client.execute(uri: "/", method: .get, headers: officer.headers)
            #expect(home.status == .seeOther)
            #expect(home.headers[.location] == "/police")
            let police = try await client.execute(uri: "/police", method: .get, headers: officer.headers)
            #expect(police.status == .ok)
            #expect(police.text.contains("/investigations/\(i.id.uuidString)"))
            #expect(police.text.contains("TS/12345/26"))
            let worker = try await f.session(f.north)
            let refused = try await client.execute(uri: "/police", method: .get, headers: worker.headers)
            #expect(refused.status == .forbidden)
        }
    }

    @Test func theTeamSeesTheIntelligenceTheChildsWorkerSeesWhatIsSharedOthersGetNotFound() async throws {
        try await WebFixture.withApp { f, client in
            let i = try await investigation(f)
            let path = "/investigations/\(i.id.uuidString)"
            let full = try await client.execute(uri: path, method: .get, headers: try await f.session(f.police).headers)
            #expect(full.status == .ok)
            #expect(full.text.contains("Secret police intelligence text."))
            let shared = try await client.execute(
                uri: path, method: .get, headers: try await f.session(f.north).headers)
            #expect(shared.status == .ok)
            #expect(!shared.text.contains("Secret police intelligence text."))
            #expect(shared.text.contains("what the police share"))
            #expect(!shared.text.contains("/status\""), "no forms for social care")
            let made = "/investigations/\(UUID().uuidString)"
            let other = try await f.session(f.south)
            let hidden = try await client.execute(uri: path, method: .get, headers: other.headers)
            let missing = try await client.execute(uri: made, method: .get, headers: other.headers)
            #expect(hidden.status == .notFound)
            #expect(hidden.text == missing.text)
            let child = try await client.execute(
                uri: "/people/\(f.child.id.uuidString)", method: .get, headers: try await f.session(f.north).headers)
            #expect(child.text.contains("Investigation TS/12345/26"))
            #expect(child.text.contains("(as shared by the police)"))
        }
    }

    @Test func refusedFormsComeBackWithTheFieldNamedAndWriteNothing() async throws {
        try await WebFixture.withApp { f, client in
            let i = try await investigation(f)
            let officer = try await f.session(f.police)
            let path = "/investigations/\(i.id.uuidString)"
            let before = try await f.count("investigation_events")
            let noReason = try await client.execute(
                uri: path + "/status", method: .post, headers: officer.formHeaders(),
                body: officer.form([("status", "no_further_action"), ("version", "1")]))
            #expect(noReason.status == .unprocessableContent)
            #expect(noReason.text.contains("Reason"))
            let noViews = try await client.execute(
                uri: path + "/decisions", method: .post, headers: officer.formHeaders(),
                body: officer.form([
                    ("decidedOn", "2026-11-20"), ("decider", "cps"), ("test", "full_code"), ("outcome", "charge"),
                    ("childViews", " "), ("bestInterests", "Weighed."), ("bail", "none"), ("version", "1"),
                ]))
            #expect(noViews.status == .unprocessableContent)
            #expect(noViews.text.contains("The child&#39;s views") || noViews.text.contains("The child's views"))
            #expect(try await f.count("investigation_events") == before)
            #expect(try await f.count("charging_decisions") == 0)
            let moved = try await client.execute(
                uri: path + "/status", method: .post, headers: officer.formHeaders(),
                body: officer.form([("status", "under_investigation"), ("version", "1")]))
            #expect(moved.status == .seeOther)
            let stale = try await client.execute(
                uri: path + "/status", method: .post, headers: officer.formHeaders(),
                body: officer.form([("status", "no_further_action"), ("version", "1"), ("reason", "Late.")]))
            #expect(stale.status == .conflict)
            let worker = try await f.session(f.north)
            let notTheirs = try await client.execute(
                uri: path + "/status", method: .post, headers: worker.formHeaders(),
                body: worker.form([("status", "no_further_action"), ("version", "2"), ("reason", "x")]))
            #expect(notTheirs.status == .forbidden)
            let badTime = try await client.execute(
                uri: "/police-protection/new", method: .post, headers: officer.formHeaders(),
                body: officer.form([
                    ("childLocalId", f.child.localId), ("removedAt", "2099-01-01T10:00"), ("removedFrom", "Home"),
                    ("placeOfSafety", "Foster carer"), ("reason", "Harm"),
                    ("designatedOfficerId", f.police.id.uuidString),
                ]))
            #expect(badTime.status == .unprocessableContent)
            #expect(try await f.count("police_protections") == 0)
            #expect(try await f.count("contacts") == 0)
        }
    }

    @Test func theProtectionFormPicksAChildFromANameSearchWithoutOpeningTheRecord() async throws {
        try await WebFixture.withApp { f, client in
            let officer = try await f.session(f.police)
            // The officer has no relationship with Ada: her page is refused, her name is found.
            let page = try await client.execute(
                uri: "/people/\(f.child.id.uuidString)", method: .get, headers: officer.headers)
            #expect(page.status == .notFound)
            let form = try await client.execute(
                uri: "/police-protection/new?q=Ada%20Testwick", method: .get, headers: officer.headers)
            #expect(form.status == .ok)
            #expect(form.text.contains(#"name="childId" value="\#(f.child.id.uuidString)""#), "\(form.text)")
            #expect(form.text.contains("Ada Testwick"))
            let fields = [
                ("removedAt", "2026-11-24T03:00"), ("removedFrom", "Home"), ("placeOfSafety", "Foster carer"),
                ("reason", "Harm"), ("designatedOfficerId", f.police.id.uuidString),
            ]
            // A pick that is not a person is refused naming the field, nothing written.
            let bad = try await client.execute(
                uri: "/police-protection/new", method: .post, headers: officer.formHeaders(),
                body: officer.form([("childId", "not-an-id"), ("q", "Ada")] + fields))
            #expect(bad.status == .unprocessableContent)
            #expect(try await f.count("police_protections") == 0)
            let recorded = try await client.execute(
                uri: "/police-protection/new", method: .post, headers: officer.formHeaders(),
                body: officer.form([("childId", f.child.id.uuidString)] + fields))
            #expect(recorded.status == .seeOther, "\(recorded.text)")
            #expect(try await f.count("police_protections") == 1)
            let audited = try await f.store.audit.entries(forPerson: f.child.id).filter {
                $0.event.entityType == "police_protection" && $0.event.action == .create
            }
            #expect(audited.map(\.event.actorId) == [f.police.id])
            // The child's social worker sees the strategy discussion due on the child's page at once.
            let worker = try await f.session(f.north)
            let childPage = try await client.execute(
                uri: "/people/\(f.child.id.uuidString)", method: .get, headers: worker.headers)
            #expect(childPage.text.contains("Due because of police protection"))
            #expect(childPage.text.contains(PoliceProtection.strategyDiscussionDue))
        }
    }
}
