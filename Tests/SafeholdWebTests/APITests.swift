import Foundation
import HTTPTypes
import HummingbirdTesting
import SafeholdCore
import SafeholdStore
import SafeholdWeb
import Testing

@Suite struct APITests {
    static let child =
        #"{"kind":"child","givenName":"Cal","familyName":"Apiford","dateOfBirth":"2018-07-09","#
        + #""sex":"M","nhsNumber":"9434765919"}"#

    @Test func theAPINeedsAValidToken() async throws {
        try await WebFixture.withApp { f, client in
            let none = try await client.execute(uri: "/api/v1/me", method: .get)
            #expect(none.status == .unauthorized)
            #expect(try (none.json()["error"] as? [String: Any])?["message"] as? String != nil)
            let bad = try await client.execute(uri: "/api/v1/me", method: .get, headers: bearer("shk_not-a-token"))
            #expect(bad.status == .unauthorized)
            let session = try await f.session(f.north)
            let cookieOnly = try await client.execute(uri: "/api/v1/me", method: .get, headers: session.headers)
            #expect(cookieOnly.status == .unauthorized)
            let token = try await f.apiToken(f.north)
            let me = try await client.execute(uri: "/api/v1/me", method: .get, headers: bearer(token))
            #expect(me.status == .ok)
            #expect(try me.json()["username"] as? String == "north")
        }
    }

    @Test func theOpenAPIDocumentIsServed() async throws {
        try await WebFixture.withApp { f, client in
            let response = try await client.execute(uri: "/api/v1/openapi.json", method: .get)
            #expect(response.status == .ok)
            let document = try response.json()
            #expect(document["openapi"] as? String == "3.1.0")
            let paths = try #require(document["paths"] as? [String: Any])
            #expect(paths["/api/v1/people/{id}"] != nil)
        }
    }

    @Test func createsReadsAndUpdatesAPersonWithOptimisticConcurrency() async throws {
        try await WebFixture.withApp { f, client in
            let token = try await f.apiToken(f.north)
            let created = try await client.execute(
                uri: "/api/v1/people", method: .post, headers: bearer(token), body: jsonBody(Self.child))
            #expect(created.status == .created)
            let person = try created.json()
            let id = try #require(person["id"] as? String)
            #expect(person["version"] as? Int == 1)
            let read = try await client.execute(uri: "/api/v1/people/\(id)", method: .get, headers: bearer(token))
            #expect(read.status == .ok)
            let update =
                #"{"version":1,"details":{"kind":"child","givenName":"Callum","familyName":"Apiford","sex":"M"}}"#
            let updated = try await client.execute(
                uri: "/api/v1/people/\(id)", method: .put, headers: bearer(token), body: jsonBody(update))
            #expect(updated.status == .ok)
            #expect(try updated.json()["version"] as? Int == 2)
            let stale = try await client.execute(
                uri: "/api/v1/people/\(id)", method: .put, headers: bearer(token), body: jsonBody(update))
            #expect(stale.status == .conflict)
            let message = try (stale.json()["error"] as? [String: Any])?["message"] as? String
            #expect(message?.contains("Someone else changed this record") == true)
        }
    }

    @Test func badInputNamesTheFieldAndWritesNothing() async throws {
        try await WebFixture.withApp { f, client in
            let token = try await f.apiToken(f.north)
            let cases: [(String, String)] = [
                ("{not json", "body"),
                (#"{"kind":"child","givenName":"A","familyName":"B","favouriteColour":"blue"}"#, "favouriteColour"),
                (
                    #"{"kind":"child","givenName":"A","familyName":"B","#
                        + #""addresses":[{"line1":"1 Road","town":"T","postcode":"TB1 2CD","flat":"2"}]}"#,
                    "addresses[0].flat"
                ),
                (#"{"kind":"child","givenName":"A","familyName":42}"#, "familyName"),
                (#"{"kind":"child","givenName":"A"}"#, "familyName"),
                (#"{"kind":"child","givenName":"A","familyName":"B","dateOfBirth":"2021-02-31"}"#, "dateOfBirth"),
                (#"{"kind":"child","givenName":"A","familyName":"B","nhsNumber":"9434765918"}"#, "nhsNumber"),
                (#"{"kind":"child","givenName":"A","familyName":"B","dateOfBirth":"2030-01-01"}"#, "dateOfBirth"),
                (#"{"kind":"martian","givenName":"A","familyName":"B"}"#, "kind"),
                (
                    "{\"kind\":\"child\",\"givenName\":\"A\",\"familyName\":\"" + String(repeating: "x", count: 101)
                        + "\"}", "familyName"
                ),
            ]
            let before = try await f.count("persons")
            for (body, field) in cases {
                let response = try await client.execute(
                    uri: "/api/v1/people", method: .post, headers: bearer(token), body: jsonBody(body))
                #expect(response.status.code >= 400 && response.status.code < 500, "\(body)")
                let fields = try ((response.json()["error"] as? [String: Any])?["fields"] as? [[String: Any]]) ?? []
                #expect(fields.contains { ($0["field"] as? String) == field }, "\(body) -> \(fields)")
            }
            #expect(try await f.count("persons") == before)
        }
    }

    @Test func theAPIAppliesTheSamePolicyAsThePages() async throws {
        try await WebFixture.withApp { f, client in
            let token = try await f.apiToken(f.south)
            let read = try await client.execute(
                uri: "/api/v1/people/\(f.child.id.uuidString)", method: .get, headers: bearer(token))
            #expect(read.status == .notFound)
            let update = #"{"version":1,"details":{"kind":"child","givenName":"X","familyName":"Y"}}"#
            let write = try await client.execute(
                uri: "/api/v1/people/\(f.child.id.uuidString)", method: .put, headers: bearer(token),
                body: jsonBody(update))
            #expect(write.status == .notFound)
            let link =
                #"{"otherPersonId":"\#(f.mother.id.uuidString)","kind":"sibling","#
                + #""parentalResponsibility":false,"livesTogether":false}"#
            let relate = try await client.execute(
                uri: "/api/v1/people/\(f.child.id.uuidString)/relationships", method: .post,
                headers: bearer(token), body: jsonBody(link))
            #expect(relate.status == .notFound)
            let log = try await client.execute(
                uri: "/api/v1/people/\(f.child.id.uuidString)/access-log", method: .get, headers: bearer(token))
            #expect(log.status == .notFound)
            let search = try await client.execute(
                uri: "/api/v1/people?q=Testwick", method: .get, headers: bearer(token))
            let results = try #require(try search.json()["results"] as? [[String: Any]])
            #expect(!results.isEmpty)
            #expect(results.allSatisfy { $0["canView"] as? Bool == false && $0["dateOfBirth"] == nil })
            let caseload = try await client.execute(uri: "/api/v1/caseload", method: .get, headers: bearer(token))
            #expect(!caseload.text.contains(f.child.id.uuidString))
        }
    }

    @Test func linksPeopleAndShowsTheAccessLogToTheDataProtectionOfficer() async throws {
        try await WebFixture.withApp { f, client in
            let token = try await f.apiToken(f.north)
            let created = try await client.execute(
                uri: "/api/v1/people", method: .post, headers: bearer(token),
                body: jsonBody(#"{"kind":"adult","givenName":"Gran","familyName":"Testwick"}"#))
            let granId = try #require(try created.json()["id"] as? String)
            let link =
                #"{"otherPersonId":"\#(granId)","kind":"grandparent","#
                + #""parentalResponsibility":false,"livesTogether":false}"#
            let relate = try await client.execute(
                uri: "/api/v1/people/\(f.child.id.uuidString)/relationships", method: .post,
                headers: bearer(token), body: jsonBody(link))
            #expect(relate.status == .created)
            let again = try await client.execute(
                uri: "/api/v1/people/\(f.child.id.uuidString)/relationships", method: .post,
                headers: bearer(token), body: jsonBody(link))
            #expect(again.status == .conflict)
            let record = try await client.execute(
                uri: "/api/v1/people/\(f.child.id.uuidString)", method: .get, headers: bearer(token))
            let relationships = try #require(try record.json()["relationships"] as? [[String: Any]])
            #expect(relationships.map { $0["label"] as? String }.contains("Grandparent"))
            let dpoToken = try await f.apiToken(f.dpo)
            let log = try await client.execute(
                uri: "/api/v1/people/\(f.child.id.uuidString)/access-log", method: .get,
                headers: bearer(dpoToken))
            #expect(log.status == .ok)
            let entries = try #require(try log.json()["entries"] as? [[String: Any]])
            #expect(entries.contains { $0["action"] as? String == "read" && $0["actorName"] as? String == "North" })
        }
    }
}
