import Foundation
import HTTPTypes
import HummingbirdTesting
import SafeholdCore
import SafeholdStore
import SafeholdWeb
import Testing

@Suite struct PipelinePageTests {
    /// Records a contact about the fixture's child through the form and returns its page path.
    func recordContact(
        _ f: WebFixture, _ client: some TestClientProtocol, _ door: BrowserSession,
        source: String = "9"
    ) async throws -> String {
        let response = try await client.execute(
            uri: "/contacts/new", method: .post, headers: door.formHeaders(),
            body: door.form([
                ("receivedAt", "2026-11-24T08:30"), ("source", source), ("children", f.child.localId),
                ("concern", "Neighbour heard a child screaming late at night."),
            ]))
        #expect(response.status == .seeOther)
        return try #require(response.headers[.location])
    }

    @Test func anAnonymousContactIsTriagedIntoAnEpisodeWithItsDueDates() async throws {
        try await WebFixture.withApp { f, client in
            let door = try await f.session(f.frontDoor)
            // Four eyes: a social worker records the contact, the front door decides it.
            let path = try await recordContact(f, client, try await f.session(f.north))
            let page = try await client.execute(uri: path, method: .get, headers: door.headers)
            #expect(page.status == .ok)
            #expect(page.text.contains("25 Nov 2026"), "decision due the next working day")
            #expect(page.text.contains("Anonymous"))
            let list = try await client.execute(uri: "/contacts", method: .get, headers: door.headers)
            #expect(list.text.contains(path))
            let noReason = try await client.execute(
                uri: path, method: .post, headers: door.formHeaders(),
                body: door.form([("decision", "strategy_discussion"), ("urgency", "red"), ("version", "1")]))
            #expect(noReason.status == .unprocessableContent)
            let told = try await client.execute(
                uri: path, method: .post, headers: door.formHeaders(),
                body: door.form([
                    ("decision", "strategy_discussion"), ("urgency", "red"), ("version", "1"),
                    ("reason", "Possible significant harm"), ("referrerInformedOn", "2026-11-24"),
                ]))
            #expect(told.status == .unprocessableContent, "an anonymous referrer cannot be told")
            let decided = try await client.execute(
                uri: path, method: .post, headers: door.formHeaders(),
                body: door.form([
                    ("decision", "strategy_discussion"), ("urgency", "red"), ("version", "1"),
                    ("reason", "Possible significant harm"),
                ]))
            #expect(decided.status == .seeOther)
            let stale = try await client.execute(
                uri: path, method: .post, headers: door.formHeaders(),
                body: door.form([
                    ("decision", "assessment"), ("urgency", "red"), ("version", "1"),
                    ("reason", "Second opinion"),
                ]))
            #expect(stale.status == .notFound, "the decision ended the front door's sight of the child")
            let north = try await f.session(f.north)
            let child = try await client.execute(
                uri: "/people/\(f.child.id.uuidString)", method: .get, headers: north.headers)
            #expect(child.text.contains("Episodes of need"))
            #expect(child.text.contains("Assessment completed"))
            #expect(child.text.contains("29 Jan 2027"), "45 working days after 24 Nov 2026, over Christmas")
        }
    }

    @Test func stepsAreRecordedInOrderAndARefusedStepIsAConflictThatWritesNothing() async throws {
        try await WebFixture.withApp { f, client in
            let door = try await f.session(f.frontDoor)
            let path = try await recordContact(f, client, try await f.session(f.north), source: "2A")
            _ = try await client.execute(
                uri: path, method: .post, headers: door.formHeaders(),
                body: door.form([
                    ("decision", "strategy_discussion"), ("urgency", "red"), ("version", "1"),
                    ("reason", "Possible significant harm"),
                ]))
            let north = try await f.session(f.north)
            let episode = try #require(
                try await f.store.episodes(of: f.child.id, context: AuditContext(actor: f.north.actor, ipAddress: nil))
                    .first)
            let base = "/episodes/\(episode.id.uuidString)/steps/new?kind="
            let form = try await client.execute(uri: base + "initial_conference", method: .get, headers: north.headers)
            #expect(form.status == .ok)
            let early = try await client.execute(
                uri: base + "initial_conference", method: .post, headers: north.formHeaders(),
                body: north.form([
                    ("expectedSteps", "0"), ("on", "2026-11-24"), ("chair", "C"), ("childViews", "x"),
                    ("howViewsObtained", "y"), ("decision", "plan"), ("category", "NEG"),
                ]))
            #expect(early.status == .conflict)
            #expect(early.text.contains("section 47"))
            let strategy = try await client.execute(
                uri: base + "strategy_discussion", method: .post, headers: north.formHeaders(),
                body: north.form([
                    ("expectedSteps", "0"), ("on", "2026-11-24"), ("decision", "s47_single"),
                    ("informationShared", "School and police records"),
                    ("participants", "North, Council, local_authority\nDC Bee, Police, police\nNurse Cee, NHS, health"),
                ]))
            #expect(strategy.status == .seeOther)
            let incomplete = try await client.execute(
                uri: base + "strategy_discussion", method: .post, headers: north.formHeaders(),
                body: north.form([
                    ("expectedSteps", "1"), ("on", "2026-11-24"), ("decision", "s47_single"),
                    ("informationShared", "x"),
                    ("participants", "North, Council, local_authority"),
                ]))
            #expect(incomplete.status == .unprocessableContent)
            #expect(incomplete.text.contains("police and health"))
            let s47 = try await client.execute(
                uri: base + "s47_started", method: .post, headers: north.formHeaders(),
                body: north.form([("expectedSteps", "1"), ("on", "2026-11-24")]))
            #expect(s47.status == .seeOther)
            let stale = try await client.execute(
                uri: base + "visit", method: .post, headers: north.formHeaders(),
                body: north.form([
                    ("expectedSteps", "1"), ("on", "2026-11-24"), ("visitor", "North"),
                    ("location", "Home"), ("childSeen", "1"),
                ]))
            #expect(stale.status == .conflict)
            let page = try await client.execute(
                uri: "/people/\(f.child.id.uuidString)", method: .get, headers: north.headers)
            #expect(page.text.contains("Initial child protection conference"))
            #expect(page.text.contains("15 Dec 2026"), "15 working days after the strategy discussion")
            let due = try await client.execute(uri: "/due?scope=team", method: .get, headers: north.headers)
            #expect(due.status == .ok)
            #expect(!due.text.contains("Pages of the list"), "a list of one page has no page links")
            let past = try await client.execute(uri: "/due?scope=team&page=3", method: .get, headers: north.headers)
            #expect(past.status == .ok && past.text.contains("past the end of the list"))
            #expect(past.text.contains("/due?scope=team&amp;page=1") && !past.text.contains("id=\"due-list\""))
            for bad in ["abc", "0", "11", "99999999999999999999", "%D9%A1", "1%E2%80%AE"] {
                let refused = try await client.execute(
                    uri: "/due?scope=team&page=\(bad)", method: .get, headers: north.headers)
                #expect(refused.status.code >= 400 && refused.status.code < 500, "page=\(bad)")
            }
            let south = try await f.session(f.south)
            let refused = try await client.execute(uri: base + "visit", method: .get, headers: south.headers)
            #expect(refused.status == .notFound)
            let southDue = try await client.execute(uri: "/due?scope=service", method: .get, headers: south.headers)
            #expect(!southDue.text.contains("Ada Testwick"))
        }
    }
}
