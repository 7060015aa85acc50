import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import SafeholdCore
import SafeholdStore
import SafeholdWeb
import Testing

@Suite("The performance dashboard's page, children, CSV and API")
struct PerformanceWebTests {
    /// Ada's contact, recorded by her worker and decided the same day by the front door.
    private func decidedContact(_ f: WebFixture) async throws {
        let contact = try await f.store.recordContact(
            ContactDraft(
                receivedAt: f.clock.now(), source: .schools, referrerName: "Head", referrerAgency: nil,
                childIds: [f.child.id], concern: "Bruise seen."),
            context: AuditContext(actor: f.north.actor, ipAddress: "127.0.0.1"))
        _ = try await f.store.triage(
            contact.id,
            TriageDraft(decision: .noFurtherAction, reason: "Explained.", urgency: .green, referrerInformedOn: nil),
            expectedVersion: 1, context: AuditContext(actor: f.frontDoor.actor, ipAddress: "127.0.0.1"))
    }

    @Test func theWorkerSeesTheirOwnChartsAndTablesAndTheChildrenBehindAFigure() async throws {
        try await WebFixture.withApp { f, client in
            try await decidedContact(f)
            let worker = try await f.session(f.north)
            let page = try await client.execute(uri: "/performance", method: .get, headers: worker.headers)
            #expect(page.status == .ok)
            #expect(
                page.text.contains("Performance: \(f.north.displayName)") && page.text.contains(#"<svg role="img""#))
            #expect(page.text.contains("Contacts decided within 1 working day"))
            #expect(page.text.contains("/performance/children?from="))
            let children = try await client.execute(
                uri: "/performance/children?measure=contacts&outcome=met", method: .get, headers: worker.headers)
            #expect(children.status == .ok && children.text.contains("Testwick"))
            let other = try await client.execute(
                uri: "/performance?worker=\(f.south.id.uuidString)", method: .get, headers: worker.headers)
            #expect(other.status == .forbidden)
            let officer = try await f.session(f.police)
            let refused = try await client.execute(uri: "/performance", method: .get, headers: officer.headers)
            #expect(refused.status == .forbidden)
            // A role without a dashboard is refused before what it asked is read: a malformed team is no 422.
            for uri in [
                "/performance?team=x", "/performance/children?measure=nonsense&team=x",
                "/performance/figures.csv?from=y",
            ] {
                let early = try await client.execute(uri: uri, method: .get, headers: officer.headers)
                #expect(early.status == .forbidden, "\(uri)")
            }
        }
    }

    @Test func theAnalystSeesFiguresAndCountsButNoNamesInThePageOrTheAPI() async throws {
        try await WebFixture.withApp { f, client in
            try await decidedContact(f)
            let analyst = try await f.session(f.analyst)
            let page = try await client.execute(uri: "/performance", method: .get, headers: analyst.headers)
            #expect(
                page.status == .ok && page.text.contains("Performance: every team") && page.text.contains(#"id="team""#)
            )
            let children = try await client.execute(
                uri: "/performance/children?measure=contacts", method: .get, headers: analyst.headers)
            #expect(children.status == .ok && !children.text.contains("Testwick"))
            #expect(children.text.contains("1 further children are counted"))
            let token = try await f.apiToken(f.analyst)
            let api = try await client.execute(uri: "/api/v1/performance", method: .get, headers: bearer(token))
            #expect(api.status == .ok && api.text.contains(#""lines""#) && api.text.contains(#""contacts""#))
            let listed = try await client.execute(
                uri: "/api/v1/performance/children?measure=contacts", method: .get, headers: bearer(token))
            #expect(listed.status == .ok && listed.text.contains(#""notShown":1"#) && !listed.text.contains("Testwick"))
        }
    }

    @Test func theManagersCSVCannotRunAsAFormulaAndIsAudited() async throws {
        try await WebFixture.withApp { f, client in
            let team = try #require(f.manager.teamId)
            _ = try await f.store.createUser(
                User(
                    id: f.store.ids.next(), username: "formula", displayName: #"=HYPERLINK("http://x.example","y")"#,
                    role: .socialWorker, agencyId: f.manager.agencyId, teamId: team),
                passwordHash: "unused", mustChangePassword: false, context: AuditContext(system: "test"))
            let manager = try await f.session(f.manager)
            let csv = try await client.execute(uri: "/performance/figures.csv", method: .get, headers: manager.headers)
            #expect(csv.status == .ok && csv.headers[.contentType] == "text/csv; charset=utf-8")
            #expect(csv.text.hasPrefix("Whose,Name,Measure,Period,Met,Counted,Per cent\r\n"))
            #expect(csv.text.contains(#""'=HYPERLINK(""http://x.example"",""y"")""#))
            #expect(!csv.text.contains(",=HYPERLINK"))
            let audit = try await f.store.audit.recent(limit: 5)
            #expect(
                audit.contains {
                    $0.event.entityType == "performance" && $0.event.detail?.hasPrefix("csv export") == true
                })
            let south = try await client.execute(
                uri: "/performance/figures.csv?team=\(try #require(f.south.teamId).uuidString)", method: .get,
                headers: manager.headers)
            #expect(south.status == .forbidden)
        }
    }

    @Test func oddPeriodsIdsAndMeasuresAreRefusedWithTheFieldNamed() async throws {
        try await WebFixture.withApp { f, client in
            let manager = try await f.session(f.manager)
            let before = try await f.footprint()
            for (query, field) in [
                ("from=2026-13-01", "from"), ("from=2026-05-01&to=2026-04-01", "to"),
                ("from=1900-01-01&to=2100-12-31", "from"), ("team=%E2%80%AEabc", "team"), ("worker=42", "worker"),
                ("from=%E2%80%AE2026-01-01", "from"),
            ] {
                let response = try await client.execute(
                    uri: "/performance?\(query)", method: .get, headers: manager.headers)
                #expect(response.status == .unprocessableContent && response.text.contains(field), "\(query)")
            }
            for (query, field) in [
                ("measure=bogus", "measure"), ("measure=reviews&month=1999-01", "month"),
                ("measure=reviews&outcome=maybe", "outcome"),
            ] {
                let response = try await client.execute(
                    uri: "/performance/children?\(query)", method: .get, headers: manager.headers)
                #expect(response.status == .unprocessableContent && response.text.contains(field), "\(query)")
            }
            #expect(try await f.footprint() == before, "a refused question writes nothing")
        }
    }
    @Test func theWorkersHomePageStartsWithTheStepAboutToBeLate() async throws {
        try await WebFixture.withApp { f, client in
            let actor = AuditContext(actor: f.north.actor, ipAddress: "127.0.0.1")
            let contact = try await f.store.recordContact(
                ContactDraft(
                    receivedAt: Timestamp.date("2026-11-04T10:00:00.000Z")!, source: .schools, referrerName: "Head",
                    referrerAgency: nil, childIds: [f.child.id], concern: "Bruise seen."),
                context: actor)
            _ = try await f.store.triage(
                contact.id,
                TriageDraft(decision: .strategyDiscussion, reason: "Harm", urgency: .red, referrerInformedOn: nil),
                expectedVersion: 1, context: AuditContext(actor: f.frontDoor.actor, ipAddress: "127.0.0.1"))
            let episode = try #require(try await f.store.episodes(of: f.child.id, context: actor).first)
            let on = LocalDate(iso: "2026-11-04")!
            let sd = try await f.store.recordStep(
                .strategyDiscussion(
                    on: on, participants: [], absentAgencyReason: "test", informationShared: "x",
                    decision: .singleAgencyS47, safetyActions: ""),
                episode: episode.id, expectedSteps: 0, context: actor)
            _ = try await f.store.recordStep(
                .section47Started(on: on, strategyDiscussion: sd.id), episode: episode.id, expectedSteps: 1,
                context: actor)
            // The initial conference is due 15 working days after Wednesday 4 November: tomorrow, the 25th.
            let worker = try await f.session(f.north)
            let home = try await client.execute(uri: "/", method: .get, headers: worker.headers)
            #expect(home.status == .ok && home.text.contains(#"id="breach-mine""#))
            #expect(
                home.text.contains("Initial child protection conference") && home.text.contains("1 working day left"))
            let manager = try await f.session(f.manager)
            let team = try await client.execute(uri: "/", method: .get, headers: manager.headers)
            #expect(team.text.contains(#"id="breach-team""#) && team.text.contains("Testwick"))
            let other = try await f.session(f.south)
            let south = try await client.execute(uri: "/", method: .get, headers: other.headers)
            #expect(!south.text.contains("breach-") && !south.text.contains("Testwick"))
        }
    }
}
