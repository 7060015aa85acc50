import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import SafeholdCore
import SafeholdStore
import Testing

@testable import SafeholdWeb

/// A body over what a call accepts is a 413 in words, with nothing written; a statement for court, whose
/// sections and chronology can legitimately run to megabytes, has a limit to match.
@Suite struct BodyLimitTests {
    @Test func anAPICallOverItsLimitIs413AndWritesNothing() async throws {
        try await WebFixture.withApp { f, client in
            let token = try await f.apiToken(f.north)
            let before = try await f.count("court_statements")
            let huge = String(repeating: "a", count: BodyLimit.statement + 1)
            let response = try await client.execute(
                uri: "/api/v1/people/\(f.child.id.uuidString)/statements", method: .post, headers: bearer(token),
                body: jsonBody(#"{"title":"\#(huge)"}"#))
            #expect(response.status == .contentTooLarge)
            let message = try #require(try response.json()["error"] as? [String: Any])["message"] as? String
            #expect(message?.contains("at most 12 MB") == true)
            #expect(try await f.count("court_statements") == before)
        }
    }

    @Test func anOrdinaryCallRefusesABodyOver256KB() async throws {
        try await WebFixture.withApp { f, client in
            let token = try await f.apiToken(f.north)
            let padding = String(repeating: " ", count: BodyLimit.standard)
            let response = try await client.execute(
                uri: "/api/v1/people/\(f.child.id.uuidString)/statements/\(UUID().uuidString)/sign-off",
                method: .post, headers: bearer(token), body: jsonBody(#"{"version":1\#(padding)}"#))
            #expect(response.status == .contentTooLarge)
            #expect(try response.json()["error"] != nil)
        }
    }

    @Test func aStatementWithEverySectionFullIsAcceptedThoughItsBodyIsOver256KB() async throws {
        try await WebFixture.withApp { f, client in
            let token = try await f.apiToken(f.north)
            let before = try await f.count("court_statements")
            // Every section at its limit, each character escaped as six bytes: about 560 KB of JSON.
            let sections = StatementSection.allCases.map {
                #""\#($0.rawValue)":"\#(String(repeating: #"\u00e9"#, count: $0.limit))""#
            }.joined(separator: ",")
            let body = #"{"title":"Statement of the allocated social worker","sections":{\#(sections)}}"#
            #expect(body.utf8.count > BodyLimit.standard * 2)
            let response = try await client.execute(
                uri: "/api/v1/people/\(f.child.id.uuidString)/statements", method: .post, headers: bearer(token),
                body: jsonBody(body))
            #expect(response.status == .created)
            #expect(try await f.count("court_statements") == before + 1)
        }
    }

    @Test func aFormOverItsLimitShowsTheRefusalPage() async throws {
        try await WebFixture.withApp { f, client in
            let session = try await f.session(f.north)
            let response = try await client.execute(
                uri: "/people/\(f.child.id.uuidString)/notes", method: .post, headers: session.formHeaders(),
                body: session.form([("body", String(repeating: "x", count: BodyLimit.standard))]))
            #expect(response.status == .contentTooLarge)
            #expect(String(buffer: response.body).contains("Nothing was saved."))
        }
    }
}
