import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import SafeholdCore
import SafeholdStore
import SafeholdWeb
import Testing

/// Children linked to a person who poses a risk, through the pages and `/api/v1`: the warning on the child's
/// page and API record without the MAPPA detail, the strategy discussion decision, and the refusals.
@Suite struct RiskLinkWebTests {
    @Test func theChildsPageAndAPIRecordCarryTheWarningWithTheNamedOfficerAndNoMAPPADetail() async throws {
        try await WebFixture.withApp { f, client in
            let link = try await RouteAccessTests.seedRiskLink(f)
            let page = try await f.session(f.north)
            let person = try await client.execute(uri: "/people/\(f.child.id)", method: .get, headers: page.headers)
            #expect(person.status == .ok)
            #expect(
                person.text.contains(
                    "A person who may pose a risk to children is linked to this child; contact the named officer"))
            #expect(person.text.contains("Officer, 01632 960 555"))
            for secret in ["SOA03", "MAPPA", "Registered sex offender", "registered_sex_offender", "01632 960 123"] {
                #expect(!person.text.contains(secret), "\(secret)")
            }
            let token = try await f.apiToken(f.north)
            let record = try await client.execute(
                uri: "/api/v1/people/\(f.child.id)", method: .get, headers: bearer(token))
            let warning = try record.json()["riskWarning"] as? [String: Any]
            #expect((warning?["officers"] as? [[String: String]])?.first?["phone"] == "01632 960 555")
            let links = try await client.execute(
                uri: "/api/v1/people/\(f.child.id)/risk-links", method: .get, headers: bearer(token))
            let first = (try links.json()["links"] as? [[String: Any]])?.first
            #expect(first?["personName"] == nil && first?["nature"] as? String == "lives_with")
            #expect(!links.text.contains("Mary") && !links.text.contains("SOA03"))

            let decided = try await client.execute(
                uri: "/people/\(f.child.id)/risk-links/\(link)/strategy-decision", method: .post,
                headers: page.formHeaders(),
                body: page.form([
                    ("outcome", "hold_strategy_discussion"), ("reasons", "Lives there."), ("version", "1"),
                ]))
            #expect(decided.status == .seeOther)
            let again = try await client.execute(
                uri: "/api/v1/people/\(f.child.id)/risk-links/\(link)/strategy-decision", method: .post,
                headers: bearer(token), body: jsonBody(#"{"version":2,"outcome":"not_needed","reasons":"No."}"#))
            #expect(again.status == .conflict)
            let shown = try await client.execute(
                uri: "/people/\(f.child.id)/risk-links", method: .get, headers: page.headers)
            #expect(shown.text.contains("Hold a strategy discussion") && shown.text.contains("Lives there."))
        }
    }

    @Test func aLinkToOneselfIs422NamingTheFieldInThePageAndTheAPIAndWritesNothing() async throws {
        try await WebFixture.withApp { f, client in
            _ = try await RouteAccessTests.seedRiskLink(f)
            let before = try await f.count("risk_links")
            let token = try await f.apiToken(f.north)
            let api = try await client.execute(
                uri: "/api/v1/risk-links", method: .post, headers: bearer(token),
                body: jsonBody(#"{"personId":"\#(f.child.id)","childId":"\#(f.child.id)","nature":"visits"}"#))
            #expect(api.status == .unprocessableContent)
            let fields = (try api.json()["error"] as? [String: Any])?["fields"] as? [[String: String]] ?? []
            #expect(fields.compactMap { $0["field"] } == ["personId"])
            let page = try await f.session(f.north)
            let form = try await client.execute(
                uri: "/risk-links/new", method: .post, headers: page.formHeaders(),
                body: page.form([
                    ("personId", f.child.id.uuidString), ("childId", f.child.id.uuidString), ("nature", "visits"),
                ]))
            #expect(form.status == .unprocessableContent && form.text.contains("data-field=\"personId\""))
            #expect(try await f.count("risk_links") == before)
        }
    }

    @Test func anotherTeamsWorkerIsRefusedTheLinksAndTheDecision() async throws {
        try await WebFixture.withApp { f, client in
            let link = try await RouteAccessTests.seedRiskLink(f)
            let token = try await f.apiToken(f.south)
            let read = try await client.execute(
                uri: "/api/v1/people/\(f.child.id)/risk-links", method: .get, headers: bearer(token))
            #expect(read.status == .notFound)
            let decide = try await client.execute(
                uri: "/api/v1/people/\(f.child.id)/risk-links/\(link)/strategy-decision", method: .post,
                headers: bearer(token), body: jsonBody(#"{"version":1,"outcome":"not_needed","reasons":"No."}"#))
            #expect(decide.status == .notFound)
            let police = try await f.apiToken(f.police)
            let officer = try await client.execute(
                uri: "/api/v1/people/\(f.child.id)/risk-links/\(link)/strategy-decision", method: .post,
                headers: bearer(police), body: jsonBody(#"{"version":1,"outcome":"not_needed","reasons":"No."}"#))
            #expect(officer.status == .notFound)
        }
    }
}
