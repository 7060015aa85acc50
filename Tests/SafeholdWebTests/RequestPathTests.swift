import Foundation
import HTTPTypes
import HummingbirdTesting
import SafeholdCore
import SafeholdStore
import SafeholdWeb
import Testing

/// Paths written other than the route table writes them are refused before anything runs, and who
/// is asking is decided by the route a request matched: the API by token only, pages by cookie only.
@Suite struct RequestPathTests {
    /// Paths the router alone would resolve to a real route (or that try to), each written another way.
    static func nonCanonical(_ person: UUID) -> [String] {
        let id = person.uuidString
        return [
            "//api/v1/me", "/api//v1/me", "/api/v1/me/", "/api/v1/./me", "/api/v1/x/../me", "/api%2Fv1/me",
            "/api/v1%2fme", "/api/v1/me.", "/api./v1/me", "/api/v1/me%00", "/api/v1/%6De", "/api\\v1/me",
            "//people/\(id)", "/people//\(id)", "/people/./\(id)", "/people/\(id)/", "/people/\(id).",
            "/people/\(id)%2Fedit",
            "/people/%2E%2E/\(id)", "/people/\(id)/./access-log", "people/\(id)",
        ]
    }

    @Test func theUsualPathsAreAnsweredSoTheRefusalsBelowMeanSomething() async throws {
        try await WebFixture.withApp { f, client in
            let token = try await f.apiToken(f.north)
            #expect(try await client.execute(uri: "/api/v1/me", method: .get, headers: bearer(token)).status == .ok)
            let north = try await f.session(f.north)
            let page = try await client.execute(
                uri: "/people/\(f.child.id.uuidString)", method: .get, headers: north.headers)
            #expect(page.status == .ok)
        }
    }

    @Test func nonCanonicalPathsAreRefusedBeforeAnyHandlerAndNothingIsRead() async throws {
        try await WebFixture.withApp { f, client in
            let token = try await f.apiToken(f.north)
            let north = try await f.session(f.north)
            let audited = try await f.count("audit_log")
            for path in Self.nonCanonical(f.child.id) {
                var headers = bearer(token)
                headers[.cookie] = north.cookie
                let response = try await client.execute(uri: path, method: .get, headers: headers)
                #expect(response.status == .badRequest, "\(path) answered \(response.status)")
                #expect(!response.text.contains("Testwick"), "\(path) showed the record")
            }
            for path in ["/API/v1/me", "/Api/v1/me", "/PEOPLE/\(f.child.id.uuidString)"] {
                let response = try await client.execute(uri: path, method: .get, headers: bearer(token))
                #expect(response.status == .notFound, "\(path) answered \(response.status)")
            }
            #expect(try await f.count("audit_log") == audited, "a refused path read a record")
        }
    }

    @Test func aNonCanonicalWriteIsRefusedAndWritesNothing() async throws {
        try await WebFixture.withApp { f, client in
            let token = try await f.apiToken(f.north)
            let people = try await f.count("persons")
            let body = #"{"kind":"adult","givenName":"Path","familyName":"Trick","sex":"U"}"#
            for path in ["//api/v1/people", "/api//v1/people", "/api/v1/people/", "/api/v1/./people"] {
                let response = try await client.execute(
                    uri: path, method: .post, headers: bearer(token), body: jsonBody(body))
                #expect(response.status == .badRequest, "\(path)")
            }
            #expect(try await f.count("persons") == people)
        }
    }

    @Test func theAPIIgnoresTheSessionCookie() async throws {
        try await WebFixture.withApp { f, client in
            let north = try await f.session(f.north)
            for path in ["/api/v1/me", "/api/v1/people/\(f.child.id.uuidString)", "/api/v1/caseload"] {
                let response = try await client.execute(uri: path, method: .get, headers: north.headers)
                #expect(response.status == .unauthorized, "\(path)")
                #expect(response.headers[.contentType]?.hasPrefix("application/json") == true)
            }
            let people = try await f.count("persons")
            var headers = north.formHeaders()
            headers[.contentType] = "application/json"
            let created = try await client.execute(
                uri: "/api/v1/people", method: .post, headers: headers,
                body: jsonBody(#"{"kind":"adult","givenName":"Cookie","familyName":"Only","sex":"U"}"#))
            #expect(created.status == .unauthorized)
            #expect(try await f.count("persons") == people)
        }
    }

    @Test func pagesIgnoreTheBearerToken() async throws {
        try await WebFixture.withApp { f, client in
            let token = try await f.apiToken(f.north)
            let page = try await client.execute(
                uri: "/people/\(f.child.id.uuidString)", method: .get, headers: bearer(token))
            #expect(page.status == .found)
            #expect(page.headers[.location] == "/login")
        }
    }

    @Test func errorsTakeTheFormOfTheMatchedRoute() async throws {
        try await WebFixture.withApp { f, client in
            let token = try await f.apiToken(f.north)
            let missing = UUID().uuidString
            let api = try await client.execute(uri: "/api/v1/people/\(missing)", method: .get, headers: bearer(token))
            #expect(api.status == .notFound || api.status == .forbidden)
            #expect(api.headers[.contentType]?.hasPrefix("application/json") == true)
            let malformed = try await client.execute(
                uri: "/api/v1/people/not-an-id", method: .get, headers: bearer(token))
            #expect(malformed.status == .badRequest)
            #expect(malformed.headers[.contentType]?.hasPrefix("application/json") == true)
            let north = try await f.session(f.north)
            let page = try await client.execute(uri: "/people/not-an-id", method: .get, headers: north.headers)
            #expect(page.status == .badRequest)
            #expect(page.headers[.contentType]?.hasPrefix("text/html") == true)
        }
    }
}
