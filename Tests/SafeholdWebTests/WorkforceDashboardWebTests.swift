import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import SafeholdCore
import SafeholdStore
import SafeholdWeb
import Testing

@Suite("The workforce dashboard's page, CSV and API")
struct WorkforceDashboardWebTests {
    @Test func theManagerSeesTheTeamsChartsAndACSVThatASpreadsheetCannotRun() async throws {
        try await WebFixture.withApp { f, client in
            let team = try #require(f.manager.teamId)
            _ = try await f.store.createUser(
                User(
                    id: f.store.ids.next(), username: "formula", displayName: #"=HYPERLINK("http://x.example","y")"#,
                    role: .socialWorker, agencyId: f.manager.agencyId, teamId: team),
                passwordHash: "unused", mustChangePassword: false, context: AuditContext(system: "test"))
            let page = try await f.session(f.manager)
            let shown = try await client.execute(uri: "/workforce", method: .get, headers: page.headers)
            #expect(shown.status == .ok)
            #expect(shown.text.contains("Workforce: North") && shown.text.contains(#"<svg role="img""#))
            #expect(shown.text.contains("/workforce/caseloads?team=\(team.uuidString)"))
            #expect(shown.text.contains("/workforce/figures.csv?team=\(team.uuidString)"))
            #expect(!shown.text.contains("South"))
            let csv = try await client.execute(uri: "/workforce/figures.csv", method: .get, headers: page.headers)
            #expect(csv.status == .ok && csv.headers[.contentType] == "text/csv; charset=utf-8")
            #expect(csv.text.hasPrefix("Row,Team,Worker,"))
            #expect(csv.text.contains(#""'=HYPERLINK(""http://x.example"",""y"")""#))
            #expect(!csv.text.contains(",=HYPERLINK"))
            let other = try await client.execute(
                uri: "/workforce?team=\(try #require(f.south.teamId).uuidString)", method: .get, headers: page.headers)
            #expect(other.status == .forbidden)
        }
    }

    @Test func seniorRolesChooseATeamAndReadTheAPIWhileWorkersAreRefused() async throws {
        try await WebFixture.withApp { f, client in
            let analyst = try await f.session(f.analyst)
            let all = try await client.execute(uri: "/workforce", method: .get, headers: analyst.headers)
            #expect(all.status == .ok && all.text.contains("Workforce: every team") && all.text.contains(#"id="team""#))
            let bad = try await client.execute(uri: "/workforce?team=north", method: .get, headers: analyst.headers)
            #expect(bad.status == .unprocessableContent && bad.text.contains("team"))
            let token = try await f.apiToken(f.analyst)
            let api = try await client.execute(
                uri: "/api/v1/workforce/dashboard?team=\(try #require(f.north.teamId).uuidString)", method: .get,
                headers: bearer(token))
            #expect(api.status == .ok && api.text.contains(#""capacity""#) && api.text.contains(f.north.displayName))
            let worker = try await f.session(f.north)
            let refused = try await client.execute(uri: "/workforce", method: .get, headers: worker.headers)
            #expect(refused.status == .forbidden)
            let workerToken = try await f.apiToken(f.north)
            let refusedAPI = try await client.execute(
                uri: "/api/v1/workforce/dashboard", method: .get, headers: bearer(workerToken))
            #expect(refusedAPI.status == .forbidden)
            let csv = try await client.execute(uri: "/workforce/figures.csv", method: .get, headers: worker.headers)
            #expect(csv.status == .forbidden)
        }
    }
}
