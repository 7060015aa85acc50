import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import SafeholdCore
import SafeholdStore
import SafeholdWeb
import Testing

/// A refused court or body-map form comes back as its own page (422) with the worker's values and the field
/// errors, never the error page; nothing is written, and a caller who may not see the child still gets a 404.
@Suite struct CourtFormRefusalTests {
    /// Whether `html` is the form page (not the error page) with the error summary naming `field`.
    static func isFormAgain(_ html: String, heading: String, field: String) -> Bool {
        html.contains("<h1>\(heading)") && html.contains("id=\"error-summary\"")
            && html.contains("data-field=\"\(field)\"")
    }

    @Test func aRefusedOrderApplicationShowsTheCourtPageWithTheValuesAndTheLimit() async throws {
        try await WebFixture.withApp { f, client in
            let page = try await f.session(f.north)
            let before = try await f.count("court_orders")
            let refused = try await client.execute(
                uri: "/people/\(f.child.id)/court-orders", method: .post, headers: page.formHeaders(),
                body: page.form([
                    ("kind", "child_assessment"), ("appliedOn", "2026-11-20"), ("court", "Family Court at Eastleigh"),
                    ("applicant", "Testshire Council"), ("outcome", "granted"), ("outcomeOn", "2026-11-20"),
                    ("expiresOn", "2026-11-28"),
                ]))
            #expect(refused.status == .unprocessableContent)
            let html = refused.text
            #expect(Self.isFormAgain(html, heading: "Court: ", field: "expiresOn"), "\(html.prefix(400))")
            #expect(html.contains("<strong>Expires</strong>"))
            #expect(html.contains("Child assessment order: 7 days (Children Act 1989 s43(5))"))
            #expect(
                html.contains("value=\"Family Court at Eastleigh\"") && html.contains("value=\"Testshire Council\""))
            #expect(html.contains("value=\"2026-11-28\""))
            #expect(html.contains("<option value=\"child_assessment\" selected>"))
            #expect(html.contains("<option value=\"granted\" selected>"))
            #expect(try await f.count("court_orders") == before, "nothing written")

            let proceedings = try await client.execute(
                uri: "/people/\(f.child.id)/care-proceedings", method: .post, headers: page.formHeaders(),
                body: page.form([
                    ("issuedOn", "2026-11-20"), ("court", "Family Court at Eastleigh"), ("caseNumber", ""),
                ]))
            #expect(proceedings.status == .unprocessableContent)
            #expect(Self.isFormAgain(proceedings.text, heading: "Court: ", field: "caseNumber"))
            #expect(proceedings.text.contains("value=\"Family Court at Eastleigh\""))
            #expect(try await f.count("care_proceedings") == 0)

            let stage = try await client.execute(
                uri: "/people/\(f.child.id)/pre-proceedings", method: .post, headers: page.formHeaders(),
                body: page.form([("letterSentOn", "2031-01-01"), ("attendees", "Mary Testwick and her solicitor")]))
            #expect(stage.status == .unprocessableContent)
            #expect(Self.isFormAgain(stage.text, heading: "Court: ", field: "letterSentOn"))
            #expect(stage.text.contains(">Mary Testwick and her solicitor</textarea>"))

            // Another team's worker learns nothing: the same 404 as before, not the form.
            let south = try await f.session(f.south)
            let stranger = try await client.execute(
                uri: "/people/\(f.child.id)/court-orders", method: .post, headers: south.formHeaders(),
                body: south.form([("kind", "care"), ("appliedOn", "bad")]))
            #expect(stranger.status == .notFound && !stranger.text.contains("error-summary"))
        }
    }

    @Test func aRefusedHearingShowsTheProceedingsPageWithTheValues() async throws {
        try await WebFixture.withApp { f, client in
            let proceedings = try await f.store.issueProceedings(
                f.child.id, ProceedingsForm(issuedOn: "2026-08-18", court: "Family Court", caseNumber: "ZZ26C00078"),
                context: AuditContext(actor: f.north.actor, ipAddress: nil))
            let page = try await f.session(f.north)
            let early = try await client.execute(
                uri: "/care-proceedings/\(proceedings.id)/hearings", method: .post, headers: page.formHeaders(),
                body: page.form([
                    ("kind", "issues_resolution"), ("heldOn", "2026-08-17"), ("ordersMade", "Directions for experts"),
                    ("version", "\(proceedings.version)"),
                ]))
            #expect(early.status == .unprocessableContent)
            #expect(Self.isFormAgain(early.text, heading: "Care proceedings ZZ26C00078", field: "heldOn"))
            #expect(early.text.contains("before the proceedings were issued"))
            #expect(early.text.contains(">Directions for experts</textarea>") && early.text.contains("2026-08-17"))
            #expect(early.text.contains("<option value=\"issues_resolution\" selected>"))
            let party = try await client.execute(
                uri: "/care-proceedings/\(proceedings.id)/parties", method: .post, headers: page.formHeaders(),
                body: page.form([
                    ("role", "judge"), ("name", "Someone"), ("solicitor", "Sol Icitor"),
                    ("version", "\(proceedings.version)"),
                ]))
            #expect(party.status == .unprocessableContent)
            #expect(Self.isFormAgain(party.text, heading: "Care proceedings ZZ26C00078", field: "role"))
            #expect(party.text.contains("value=\"Sol Icitor\""))
            let hearings = try await f.count("hearings"), parties = try await f.count("proceedings_parties")
            #expect(hearings == 0 && parties == 0)
        }
    }

    @Test func aRefusedBodyMapShowsTheFormWithTheMarksAsTyped() async throws {
        try await WebFixture.withApp { f, client in
            let page = try await f.session(f.north)
            let refused = try await client.execute(
                uri: "/people/\(f.child.id)/body-maps", method: .post, headers: page.formHeaders(),
                body: page.form([
                    ("seenOn", "2026-11-23"), ("notes", "Seen at school"), ("mark1.site", "upper_back"),
                    ("mark1.type", "bruise"), ("mark1.sizeMm", "30"), ("mark1.colour", "Yellow-green"),
                    ("mark1.seenBy", ""), ("mark2.site", "no_such_site"), ("mark2.type", "bruise"),
                    ("mark2.seenBy", "North"),
                ]))
            #expect(refused.status == .unprocessableContent)
            let html = refused.text
            #expect(html.contains("<h1>Body maps</h1>") && html.contains("id=\"error-summary\""), "\(html.prefix(300))")
            #expect(html.contains("data-field=\"marks[1].seenBy\"") || html.contains("data-field=\"marks[2].site\""))
            #expect(html.contains("value=\"Yellow-green\"") && html.contains(">Seen at school</textarea>"))
            #expect(html.contains("<option value=\"upper_back\" selected>"))
            #expect(try await f.count("body_maps") == 0)

            let map = try await f.store.recordBodyMap(
                for: f.child.id,
                BodyMapDraft(
                    seenOn: f.store.today,
                    marks: [BodyMarkDraft(site: "upper_back", type: "bruise", sizeMm: 30, seenBy: "North")]),
                context: AuditContext(actor: f.north.actor, ipAddress: nil))
            let change = try await client.execute(
                uri: "/body-maps/\(map.id)", method: .post, headers: page.formHeaders(),
                body: page.form([
                    ("version", "\(map.version)"), ("seenOn", "2031-01-01"), ("mark1.site", "upper_back"),
                    ("mark1.type", "bruise"), ("mark1.sizeMm", "31"), ("mark1.seenBy", "North"),
                ]))
            #expect(change.status == .unprocessableContent)
            #expect(change.text.contains("<h1>Body map: marks seen") && change.text.contains("data-field=\"seenOn\""))
            #expect(change.text.contains("value=\"2031-01-01\"") && change.text.contains("value=\"31\""))
            #expect(
                try await f.store.bodyMap(map.id, context: AuditContext(actor: f.north.actor, ipAddress: nil))
                    .marks[0].sizeMm == 30)
        }
    }
}
