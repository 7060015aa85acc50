import Foundation
import HTTPTypes
import HummingbirdTesting
import SafeholdCore
import SafeholdStore
import SafeholdWeb
import Testing

@Suite struct PipelineAPITests {
    @Test func aContactIsRecordedTriagedAndWorkedThroughTheAPI() async throws {
        try await WebFixture.withApp { f, client in
            let door = try await f.apiToken(f.frontDoor)
            // Four eyes: a social worker records the contact, the front door decides it.
            let recorder = try await f.apiToken(f.north)
            let contactBody =
                #"{"receivedAt":"2026-11-24T08:00:00Z","source":"3B","referrerName":"HV","#
                + #""childIds":["\#(f.child.id.uuidString)"],"concern":"Bruise."}"#
            let created = try await client.execute(
                uri: "/api/v1/contacts", method: .post, headers: bearer(recorder), body: jsonBody(contactBody))
            #expect(created.status == .created)
            let contactId = try #require(try created.json()["id"] as? String)
            let unknown = try await client.execute(
                uri: "/api/v1/contacts", method: .post, headers: bearer(door),
                body: jsonBody(
                    #"{"receivedAt":"2026-11-24T08:00:00Z","source":"9","childIds":[],"concern":"x","colour":"red"}"#))
            #expect(unknown.status == .unprocessableContent)
            let future = try await client.execute(
                uri: "/api/v1/contacts", method: .post, headers: bearer(door),
                body: jsonBody(
                    #"{"receivedAt":"2027-11-24T08:00:00Z","source":"9","#
                        + #""childIds":["\#(f.child.id.uuidString)"],"concern":"x"}"#
                ))
            #expect(future.status == .unprocessableContent)
            let decision = #"{"decision":"strategy_discussion","reason":"Harm suspected","urgency":"red","version":1}"#
            let decided = try await client.execute(
                uri: "/api/v1/contacts/\(contactId)/decision", method: .post, headers: bearer(door),
                body: jsonBody(decision))
            #expect(decided.status == .ok)
            let again = try await client.execute(
                uri: "/api/v1/contacts/\(contactId)/decision", method: .post, headers: bearer(door),
                body: jsonBody(decision))
            #expect(again.status == .notFound, "the decision ended the front door's sight of the child")

            let north = try await f.apiToken(f.north)
            let episodes = try await client.execute(
                uri: "/api/v1/people/\(f.child.id.uuidString)/episodes", method: .get, headers: bearer(north))
            let list = try #require(try episodes.json()["episodes"] as? [[String: Any]])
            let episodeId = try #require(list.first?["id"] as? String)
            let due = try #require(list.first?["due"] as? [[String: Any]])
            #expect(due.first?["dueOn"] as? String == "2027-01-29")
            let conference =
                #"{"expectedSteps":0,"step":{"kind":"initial_conference","on":"2026-11-24","chair":"C","#
                + #""attendees":[],"apologies":[],"childViews":"v","howViewsObtained":"h","#
                + #""decision":"plan","category":"NEG"}}"#
            let refused = try await client.execute(
                uri: "/api/v1/episodes/\(episodeId)/steps", method: .post, headers: bearer(north),
                body: jsonBody(conference))
            #expect(refused.status == .conflict)
            let visit =
                #"{"expectedSteps":0,"step":{"kind":"visit","on":"2026-11-24","visitor":"North","#
                + #""childSeen":true,"seenAlone":true,"location":"Home","observations":"","childsWords":"Fine"}}"#
            let recorded = try await client.execute(
                uri: "/api/v1/episodes/\(episodeId)/steps", method: .post, headers: bearer(north),
                body: jsonBody(visit))
            #expect(recorded.status == .created)
            let extra =
                #"{"expectedSteps":1,"step":{"kind":"visit","on":"2026-11-24","visitor":"North","#
                + #""childSeen":true,"seenAlone":true,"location":"Home","observations":"","childsWords":"","#
                + #""mood":"x"}}"#
            let strict = try await client.execute(
                uri: "/api/v1/episodes/\(episodeId)/steps", method: .post, headers: bearer(north),
                body: jsonBody(extra))
            #expect(strict.status == .unprocessableContent)
            #expect(strict.text.contains("step.mood"))
            let note = try await client.execute(
                uri: "/api/v1/people/\(f.child.id.uuidString)/notes", method: .post, headers: bearer(north),
                body: jsonBody(
                    #"{"notedOn":"2026-11-24","kind":"observation","significant":true,"#
                        + #""body":"Quiet and withdrawn at school."}"#
                ))
            #expect(note.status == .created)
            let search = try await client.execute(
                uri: "/api/v1/notes?q=withdrawn", method: .get, headers: bearer(north))
            #expect((try search.json()["results"] as? [Any])?.count == 1)
            let chronology = try await client.execute(
                uri: "/api/v1/people/\(f.child.id.uuidString)/chronology", method: .get, headers: bearer(north))
            let entries = try #require(try chronology.json()["entries"] as? [[String: Any]])
            #expect(entries.map { $0["kind"] as? String } == ["contact", "step", "note"])

            let south = try await f.apiToken(f.south)
            for (uri, method) in [
                ("/api/v1/people/\(f.child.id.uuidString)/episodes", HTTPRequest.Method.get),
                ("/api/v1/people/\(f.child.id.uuidString)/chronology", .get),
            ] {
                let response = try await client.execute(uri: uri, method: method, headers: bearer(south))
                #expect(response.status == .notFound, "\(uri)")
            }
            let southVisit = try await client.execute(
                uri: "/api/v1/episodes/\(episodeId)/steps", method: .post, headers: bearer(south),
                body: jsonBody(visit.replacingOccurrences(of: "\"expectedSteps\":0", with: "\"expectedSteps\":1")))
            #expect(southVisit.status == .notFound)
            let southSearch = try await client.execute(
                uri: "/api/v1/notes?q=withdrawn", method: .get, headers: bearer(south))
            #expect((try southSearch.json()["results"] as? [Any])?.count == 0)
            let southDue = try await client.execute(
                uri: "/api/v1/due?scope=service", method: .get, headers: bearer(south))
            #expect(!southDue.text.contains(f.child.id.uuidString))
            let badScope = try await client.execute(
                uri: "/api/v1/due?scope=everyone", method: .get, headers: bearer(north))
            #expect(badScope.status == .unprocessableContent)
        }
    }
}
