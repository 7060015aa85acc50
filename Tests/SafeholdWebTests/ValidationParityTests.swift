import Foundation
import HTTPTypes
import HummingbirdTesting
import SafeholdCore
import SafeholdStore
import SafeholdWeb
import Testing

/// The pages and the API refuse the same step with the same field errors, because both call the
/// one Core validation; and neither writes anything when it refuses.
@Suite struct ValidationParityTests {
    /// One invalid step: its kind, the form a worker posts, and the JSON an API caller sends.
    struct Case: Sendable, CustomStringConvertible {
        let kind: String
        let form: [(String, String)]
        let json: String
        var description: String { kind }
    }

    static let zalgo = "a" + String(repeating: "\u{0301}", count: 5000)
    static let cases: [Case] = [
        Case(
            kind: "visit",
            form: [
                ("on", "2026-11-25"), ("visitor", "Nor\u{202E}th"), ("location", " "), ("seenAlone", "1"),
                ("observations", zalgo),
            ],
            json:
                #"{"kind":"visit","on":"2026-11-25","visitor":"Nor\u202Eth","childSeen":false,"#
                + #""seenAlone":true,"location":"","observations":"\#(zalgo)","childsWords":""}"#),
        Case(
            kind: "plan_started",
            form: [("on", "2026-11-24"), ("planKind", "cp"), ("visitIntervalWorkingDays", "-5")],
            json: #"{"kind":"plan_started","planKind":"cp","on":"2026-11-24","visitIntervalWorkingDays":-5}"#),
        Case(
            kind: "plan_started",
            form: [("on", "2026-11-24"), ("planKind", "cin"), ("visitIntervalWorkingDays", "61")],
            json: #"{"kind":"plan_started","planKind":"cin","on":"2026-11-24","visitIntervalWorkingDays":61}"#),
        Case(
            kind: "strategy_discussion",
            form: [
                ("on", "1899-12-31"), ("participants", "Ann, Council, local_authority"), ("decision", "s47_single"),
                ("safetyActions", "Stay with gran.\nNo contact."),
            ],
            json: #"{"kind":"strategy_discussion","on":"1899-12-31","participants":[{"name":"Ann","agency":"Council","#
                + #""agencyKind":"local_authority"}],"informationShared":"","decision":"s47_single","#
                + #""safetyActions":"Stay with gran.\nNo contact."}"#),
        Case(
            kind: "initial_conference",
            form: [
                ("on", "2026-11-24"), ("chair", String(repeating: "c", count: 101)),
                ("attendees", "Dr \u{200F}Who, NHS, health"),
                ("howViewsObtained", "Asked\nat school"), ("decision", "plan"), ("category", "NEG"),
                ("nextReview", "2026-11-01"),
            ],
            json: #"{"kind":"initial_conference","on":"2026-11-24","chair":"\#(String(repeating: "c", count: 101))","#
                + #""attendees":[{"name":"Dr \u200FWho","agency":"NHS","agencyKind":"health"}],"#
                + #""apologies":[],"childViews":"","howViewsObtained":"Asked\nat school","decision":"plan","#
                + #""category":"NEG","nextReview":"2026-11-01"}"#
        ),
    ]

    /// An episode opened on the fixture's child by the front door's decision, with no steps yet.
    func openEpisode(_ f: WebFixture) async throws -> UUID {
        let door = AuditContext(actor: f.north.actor, ipAddress: nil)
        let contact = try await f.store.recordContact(
            ContactDraft(
                receivedAt: f.clock.now().addingTimeInterval(-3600), source: .police, referrerName: "PC Test",
                referrerAgency: "Police", childIds: [f.child.id], concern: "Bruising seen at school."), context: door)
        _ = try await f.store.triage(
            contact.id,
            TriageDraft(
                decision: .strategyDiscussion, reason: "Harm suspected", urgency: .red,
                referrerInformedOn: nil), expectedVersion: 1,
            context: AuditContext(actor: f.manager.actor, ipAddress: nil))
        let episodes = try await f.store.episodes(
            of: f.child.id, context: AuditContext(actor: f.north.actor, ipAddress: nil))
        return try #require(episodes.first?.id)
    }

    /// The field errors a rendered form page lists, in order.
    static func pageErrors(_ html: String) -> [FieldError] {
        let pattern = /<li data-field="([^"]*)"><strong>[^<]*<\/strong>: ([^<]*)<\/li>/
        return html.matches(of: pattern).map { FieldError(unescape(String($0.1)), unescape(String($0.2))) }
    }

    static func unescape(_ text: String) -> String {
        [("&quot;", "\""), ("&#39;", "'"), ("&#x27;", "'"), ("&lt;", "<"), ("&gt;", ">"), ("&amp;", "&")]
            .reduce(text) { $0.replacingOccurrences(of: $1.0, with: $1.1) }
    }

    static func apiErrors(_ response: TestResponse) throws -> [FieldError] {
        let body = try JSONDecoder().decode([String: Detail].self, from: Data(response.text.utf8))
        return try #require(body["error"]).fields
    }

    struct Detail: Decodable { let fields: [FieldError] }

    @Test(arguments: cases)
    func theFormAndTheAPIRefuseAnInvalidStepWithTheSameFieldErrors(_ invalid: Case) async throws {
        try await WebFixture.withApp { f, client in
            let episode = try await openEpisode(f)
            let steps = try await f.count("episode_steps")
            let north = try await f.session(f.north)
            let page = try await client.execute(
                uri: "/episodes/\(episode.uuidString)/steps/new?kind=\(invalid.kind)", method: .post,
                headers: north.formHeaders(),
                body: north.form([("expectedSteps", "0")] + invalid.form))
            #expect(page.status == .unprocessableContent)
            let token = try await f.apiToken(f.north)
            let api = try await client.execute(
                uri: "/api/v1/episodes/\(episode.uuidString)/steps", method: .post, headers: bearer(token),
                body: jsonBody(#"{"expectedSteps":0,"step":\#(invalid.json)}"#))
            #expect(api.status == .unprocessableContent)
            let fromPage = Self.pageErrors(page.text), fromAPI = try Self.apiErrors(api)
            #expect(!fromAPI.isEmpty)
            #expect(fromPage == fromAPI)
            #expect(try await f.count("episode_steps") == steps, "a refused step writes nothing")
        }
    }

    @Test func outOfRangeNumbersAndDatesInJSONAreRefusedWith422AndWriteNothing() async throws {
        try await WebFixture.withApp { f, client in
            let episode = try await openEpisode(f)
            let token = try await f.apiToken(f.north)
            let steps = try await f.count("episode_steps"), contacts = try await f.count("contacts")
            let visit =
                #""step":{"kind":"visit","on":"2026-11-24","visitor":"N","childSeen":true,"seenAlone":false,"#
                + #""location":"Home","observations":"","childsWords":""}"#
            for body in [
                #"{"expectedSteps":1e30,\#(visit)}"#, #"{"expectedSteps":-1,\#(visit)}"#,
                #"{"expectedSteps":99999999999999999999999999999,\#(visit)}"#,
                #"{"expectedSteps":0,"step":{"kind":"visit","on":"9999999-01-01","visitor":"N","childSeen":true,"#
                    + #""seenAlone":false,"location":"Home","observations":"","childsWords":""}}"#,
                #"{"expectedSteps":0,"step":{"kind":"plan_started","planKind":"cin","on":"2026-11-24","#
                    + #""visitIntervalWorkingDays":9223372036854775807}}"#,
            ] {
                let response = try await client.execute(
                    uri: "/api/v1/episodes/\(episode.uuidString)/steps", method: .post,
                    headers: bearer(token), body: jsonBody(body))
                #expect(response.status == .unprocessableContent, "\(body)")
            }
            let door = try await f.apiToken(f.frontDoor)
            for receivedAt in ["99999-01-01T00:00:00Z", "1850-06-01T00:00:00Z", "0001-01-01T00:00:00Z"] {
                let body =
                    #"{"receivedAt":"\#(receivedAt)","source":"6","#
                    + #""childIds":["\#(f.child.id.uuidString)"],"concern":"x"}"#
                let response = try await client.execute(
                    uri: "/api/v1/contacts", method: .post, headers: bearer(door), body: jsonBody(body))
                #expect(response.status == .unprocessableContent, "\(receivedAt)")
            }
            #expect(try await f.count("episode_steps") == steps)
            #expect(try await f.count("contacts") == contacts)
        }
    }

    @Test func outOfRangeNumbersInFormsAreRefusedWith422AndWriteNothing() async throws {
        try await WebFixture.withApp { f, client in
            let episode = try await openEpisode(f)
            let north = try await f.session(f.north)
            let steps = try await f.count("episode_steps")
            for expected in ["-1", "1000000000000000000000000000000", "10001"] {
                let response = try await client.execute(
                    uri: "/episodes/\(episode.uuidString)/steps/new?kind=visit", method: .post,
                    headers: north.formHeaders(),
                    body: north.form([
                        ("expectedSteps", expected), ("on", "2026-11-24"), ("visitor", "N"), ("location", "Home"),
                    ]))
                #expect(response.status == .unprocessableContent, "\(expected)")
            }
            let interval = try await client.execute(
                uri: "/episodes/\(episode.uuidString)/steps/new?kind=plan_started", method: .post,
                headers: north.formHeaders(),
                body: north.form([
                    ("expectedSteps", "0"), ("on", "2026-11-24"), ("planKind", "cin"),
                    ("visitIntervalWorkingDays", "99999999999999999999999"),
                ]))
            #expect(interval.status == .unprocessableContent)
            #expect(
                Self.pageErrors(interval.text).contains(
                    FieldError("visitIntervalWorkingDays", "give a number of working days from 1 to 60")))
            #expect(try await f.count("episode_steps") == steps)
        }
    }
}
