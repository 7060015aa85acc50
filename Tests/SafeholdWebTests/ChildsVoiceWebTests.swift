import Foundation
import HTTPTypes
import HummingbirdTesting
import SafeholdCore
import SafeholdStore
import SafeholdWeb
import Testing

/// The child's voice over HTTP: the panel at the top of the child's page with the safety scale
/// chart, the voice page and its forms, the API, and refusals that write nothing.
@Suite struct ChildsVoiceWebTests {
    static func written(_ f: WebFixture) async throws -> [Int] {
        [
            try await f.count("wishes_feelings"), try await f.count("safety_mappings"),
            try await f.count("safety_ratings"),
        ]
    }

    @Test func theChildsPageShowsTheirVoiceFirstAndTheSafetyScaleAsAnAccessibleChart() async throws {
        try await WebFixture.withApp { f, client in
            let north = try await f.session(f.north)
            let person = "/people/\(f.child.id.uuidString)"
            let empty = try await client.execute(uri: person, method: .get, headers: north.headers)
            #expect(empty.text.contains("The child's voice") && empty.text.contains("Not recorded"))
            let recorded = try await client.execute(
                uri: person + "/voice", method: .post, headers: north.formHeaders(),
                body: north.form([
                    ("gatheredOn", "2026-11-20"), ("words", "I want my dog to live with us."),
                    ("tool", "three_houses"), ("communicationNeeds", "Uses Makaton signs"),
                ]))
            #expect(recorded.status == .seeOther)
            let mapped = try await client.execute(
                uri: person + "/safety-mapping", method: .post, headers: north.formHeaders(),
                body: north.form([
                    ("mappedOn", "2026-11-20"), ("worries", "Dad drinks at weekends."),
                    ("workingWell", "Gran collects from school."), ("needsToHappen", "Dad to see the GP."),
                ]))
            #expect(mapped.status == .seeOther)
            for (day, role, value) in [
                ("2026-11-01", "child", "3"), ("2026-11-01", "parent", "8"), ("2026-11-20", "child", "5"),
            ] {
                let rated = try await client.execute(
                    uri: person + "/safety-scale", method: .post, headers: north.formHeaders(),
                    body: north.form([("ratedOn", day), ("participantName", "P"), ("role", role), ("value", value)]))
                #expect(rated.status == .seeOther)
            }
            let page = try await client.execute(uri: person, method: .get, headers: north.headers).text
            let voice = try #require(page.range(of: "I want my dog to live with us."))
            let episodes = page.range(of: "Details")
            #expect(episodes.map { voice.lowerBound < $0.lowerBound } ?? false, "the voice is at the top")
            #expect(page.contains("aged 10") && page.contains("Three Houses") && page.contains("Makaton"))
            #expect(page.contains("Dad drinks at weekends."))
            #expect(page.contains(#"<svg class="safety-chart" role="img""#))
            #expect(page.contains(#"<title id="safety-chart-title">"#))
            #expect(page.contains("<polyline points="), "a line per role")
            #expect(page.contains("Safety scale ratings, newest first"), "a table for readers who cannot see the chart")
            let all = try await client.execute(uri: person + "/voice", method: .get, headers: north.headers)
            #expect(all.status == .ok && all.text.contains("Record wishes and feelings"))
        }
    }

    @Test func badValuesAreA422NamingTheFieldAndAnotherTeamIsRefused() async throws {
        try await WebFixture.withApp { f, client in
            let north = try await f.session(f.north)
            let person = "/people/\(f.child.id.uuidString)"
            let before = try await Self.written(f)
            for value in ["11", "-1", "abc", "99999999999999999999", "", "5.5"] {
                let refused = try await client.execute(
                    uri: person + "/safety-scale", method: .post, headers: north.formHeaders(),
                    body: north.form([
                        ("ratedOn", "2026-11-20"), ("participantName", "P"), ("role", "child"), ("value", value),
                    ]))
                #expect(refused.status == .unprocessableContent, "\(value)")
                #expect(refused.text.contains(#"data-field="value""#), "\(value)")
            }
            let bidi = try await client.execute(
                uri: person + "/voice", method: .post, headers: north.formHeaders(),
                body: north.form([("gatheredOn", "2026-11-20"), ("words", "safe \u{202E}not"), ("tool", "bubbles")]))
            #expect(bidi.status == .unprocessableContent && bidi.text.contains(#"data-field="words""#))
            #expect(try await Self.written(f) == before)
            let south = try await f.session(f.south)
            let page = try await client.execute(uri: person + "/voice", method: .get, headers: south.headers)
            #expect(page.status == .notFound)
            let post = try await client.execute(
                uri: person + "/voice", method: .post, headers: south.formHeaders(),
                body: south.form([("gatheredOn", "2026-11-20"), ("words", "x"), ("tool", "bubbles")]))
            #expect(post.status == .notFound)
            #expect(try await Self.written(f) == before)
        }
    }

    @Test func theAPIRecordsAndReadsTheChildsVoiceAndRefusesOutOfRangeRatings() async throws {
        try await WebFixture.withApp { f, client in
            let token = try await f.apiToken(f.north)
            let base = "/api/v1/people/\(f.child.id.uuidString)"
            let created = try await client.execute(
                uri: base + "/voice", method: .post, headers: bearer(token),
                body: jsonBody(
                    #"{"gatheredOn":"2026-11-20","notGatheredReason":"In hospital, sedated.","interpreter":false}"#))
            #expect(created.status == .created)
            let read = try await client.execute(uri: base + "/voice", method: .get, headers: bearer(token)).json()
            let wishes = try #require(read["wishes"] as? [[String: Any]])
            #expect(wishes.first?["notGatheredReason"] as? String == "In hospital, sedated.")
            #expect((read["tools"] as? [Any])?.count == VoiceTool.standard.count)
            let before = try await Self.written(f)
            for value in ["11", "-1", "\"5\"", "1e300", "99999999999999999999", "null", "4.5"] {
                let refused = try await client.execute(
                    uri: base + "/safety-scale", method: .post, headers: bearer(token),
                    body: jsonBody(#"{"ratedOn":"2026-11-20","participantName":"P","role":"child","value":\#(value)}"#))
                #expect(refused.status == .unprocessableContent, "\(value)")
                let fields = (try refused.json()["error"] as? [String: Any])?["fields"] as? [[String: Any]]
                #expect(fields?.first?["field"] as? String == "value", "\(value)")
            }
            let role = try await client.execute(
                uri: base + "/safety-scale", method: .post, headers: bearer(token),
                body: jsonBody(#"{"ratedOn":"2026-11-20","participantName":"P","role":"uncle","value":4}"#))
            #expect(role.status == .unprocessableContent)
            #expect(try await Self.written(f) == before)
            let rated = try await client.execute(
                uri: base + "/safety-scale", method: .post, headers: bearer(token),
                body: jsonBody(#"{"ratedOn":"2026-11-20","participantName":"P","role":"child","value":10}"#))
            #expect(rated.status == .created)
            let mapping = try await client.execute(
                uri: base + "/safety-mapping", method: .post, headers: bearer(token),
                body: jsonBody(#"{"mappedOn":"2026-11-20","worries":"w","workingWell":"g","needsToHappen":"n"}"#))
            #expect(mapping.status == .created)
            let scale = try await client.execute(uri: base + "/safety-scale", method: .get, headers: bearer(token))
            #expect((try scale.json()["ratings"] as? [[String: Any]])?.first?["value"] as? Int == 10)
            let south = try await f.apiToken(f.south)
            for path in ["/voice", "/safety-scale", "/safety-mapping"] {
                let refused = try await client.execute(uri: base + path, method: .get, headers: bearer(south))
                #expect(refused.status == .notFound, "\(path)")
            }
        }
    }
}
