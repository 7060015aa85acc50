import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import SafeholdCore
import SafeholdStore
import SafeholdWeb
import Testing

/// Supervision and welfare through the pages and `/api/v1`: the manager records a session whose case
/// decision appears on the child's page and chronology while the reflective part stays private; the
/// worker's welfare check-in is theirs alone.
@Suite struct SupervisionWebTests {
    @Test func aManagerRecordsSupervisionWhoseDecisionReachesTheChildButNotTheReflection() async throws {
        try await WebFixture.withApp { f, client in
            let manager = try await f.session(f.manager)
            let form = try await client.execute(
                uri: "/workforce/supervision/\(f.north.id)", method: .get, headers: manager.headers)
            #expect(form.status == .ok && form.text.contains("Ada Testwick"))
            let recorded = try await client.execute(
                uri: "/workforce/supervision/\(f.north.id)", method: .post, headers: manager.formHeaders(),
                body: manager.form([
                    ("heldOn", "2026-11-20"), ("reflection", "PRIVATE-REFLECTION about workload"),
                    ("caseDiscussions[0].childId", f.child.id.uuidString),
                    ("caseDiscussions[0].decision", "Convene a strategy discussion today."),
                    ("caseDiscussions[0].actions[0].what", "Book the meeting room"),
                    ("caseDiscussions[0].actions[0].ownerId", f.north.id.uuidString),
                    ("caseDiscussions[0].actions[0].dueOn", "2026-11-26"),
                ]))
            #expect(recorded.status == .seeOther)
            let north = try await f.session(f.north)
            let child = try await client.execute(uri: "/people/\(f.child.id)", method: .get, headers: north.headers)
            #expect(child.text.contains("Management oversight") && child.text.contains("Convene a strategy discussion"))
            #expect(child.text.contains("Book the meeting room") && !child.text.contains("PRIVATE-REFLECTION"))
            let chronology = try await client.execute(
                uri: "/people/\(f.child.id)/chronology", method: .get, headers: north.headers)
            #expect(chronology.text.contains("Convene a strategy discussion"))
            #expect(!chronology.text.contains("PRIVATE-REFLECTION"))
            let due = try await client.execute(uri: "/due", method: .get, headers: north.headers)
            #expect(due.text.contains("Oversight action: Book the meeting room"))
            let mine = try await client.execute(uri: "/me/supervision", method: .get, headers: north.headers)
            #expect(mine.text.contains("PRIVATE-REFLECTION"))
            // the team list shows north supervised on 20 November
            let team = try await client.execute(uri: "/workforce/supervision", method: .get, headers: manager.headers)
            #expect(team.text.contains("North") && team.text.contains("20 Nov 2026"))
            // another team's worker is refused the worker's page and the form
            let south = try await f.session(f.south)
            let refused = try await client.execute(
                uri: "/workforce/supervision/\(f.north.id)", method: .get, headers: south.headers)
            #expect(refused.status == .forbidden)
        }
    }

    @Test func theAPIRefusesBadSessionsNamingTheFieldAndKeepsTheReflectionPrivate() async throws {
        try await WebFixture.withApp { f, client in
            let token = try await f.apiToken(f.manager)
            let path = "/api/v1/workforce/supervision/\(f.north.id)/sessions"
            func post(_ json: String, _ auth: String) async throws -> TestResponse {
                try await client.execute(uri: path, method: .post, headers: bearer(auth), body: jsonBody(json))
            }
            let future = try await post(#"{"heldOn":"2026-12-01","reflection":"","caseDiscussions":[]}"#, token)
            #expect(future.status == .unprocessableContent && future.text.contains("heldOn"))
            let bidi = try await post(
                #"{"heldOn":"2026-11-20","reflection":"","caseDiscussions":[{"childId":"\#(f.child.id)","#
                    + #""decision":"x\u202Ey","actions":[]}]}"#, token)
            #expect(bidi.status == .unprocessableContent && bidi.text.contains("caseDiscussions[0].decision"))
            let owner = try await post(
                #"{"heldOn":"2026-11-20","reflection":"","caseDiscussions":[{"childId":"\#(f.child.id)","#
                    + #""decision":"d","actions":[{"what":"w","ownerId":"\#(f.analyst.id)","dueOn":"2026-11-30"}]}]}"#,
                token)
            #expect(
                owner.status == .unprocessableContent && owner.text.contains("caseDiscussions[0].actions[0].ownerId"))
            let peer = try await post(
                #"{"heldOn":"2026-11-20","reflection":"","caseDiscussions":[]}"#, try await f.apiToken(f.south))
            #expect(peer.status == .forbidden && peer.text.contains("supervisor"))
            #expect(try await f.count("supervision_sessions") == 0)
            let made = try await post(
                #"{"heldOn":"2026-11-20","reflection":"PRIVATE-REFLECTION","caseDiscussions":[]}"#, token)
            #expect(made.status == .created)
            let id = try #require(try made.json()["id"] as? String)
            let worker = try await client.execute(
                uri: "/api/v1/supervision-sessions/\(id)", method: .get, headers: bearer(try await f.apiToken(f.north)))
            #expect(try worker.json()["reflection"] as? String == "PRIVATE-REFLECTION")
            for stranger in [f.analyst, f.admin, f.south] {
                let other = try await client.execute(
                    uri: "/api/v1/supervision-sessions/\(id)", method: .get,
                    headers: bearer(try await f.apiToken(stranger)))
                #expect(other.status == .notFound && !other.text.contains("PRIVATE-REFLECTION"))
            }
            let standings = try await client.execute(
                uri: "/api/v1/workforce/supervision", method: .get, headers: bearer(token))
            let workers = try #require(try standings.json()["workers"] as? [[String: Any]])
            #expect(workers.first?["nextDue"] as? String == "2026-12-20")
        }
    }

    @Test func aWelfareCheckInIsTheWorkersOwnAndManagersSeeOnlyCounts() async throws {
        try await WebFixture.withApp { f, client in
            let north = try await f.session(f.north)
            let bad = try await client.execute(
                uri: "/me/welfare", method: .post, headers: north.formHeaders(),
                body: north.form([
                    ("occurredOn", "2026-11-23"), ("event", "indecent_images"), ("howIAm", "a\u{202E}b"),
                    ("support", "counselling"),
                ]))
            #expect(bad.status == .unprocessableContent && bad.text.contains("howIAm"))
            let api = try await client.execute(
                uri: "/api/v1/me/welfare", method: .post, headers: bearer(try await f.apiToken(f.north)),
                body: jsonBody(
                    #"{"occurredOn":"2026-11-23","event":"indecent_images","howIAm":"a\u202Eb","#
                        + #""support":"counselling","shareWithSupervisor":false}"#))
            #expect(api.status == .unprocessableContent && api.text.contains("howIAm"))
            #expect(try await f.count("welfare_checkins") == 0)
            let made = try await client.execute(
                uri: "/me/welfare", method: .post, headers: north.formHeaders(),
                body: north.form([
                    ("occurredOn", "2026-11-23"), ("event", "indecent_images"), ("howIAm", "PRIVATE-WELFARE words"),
                    ("support", "counselling"),
                ]))
            #expect(made.status == .seeOther)
            let location = try #require(made.headers[.location])
            let page = try await client.execute(uri: location, method: .get, headers: north.headers)
            #expect(page.text.contains("PRIVATE-WELFARE") && page.text.contains("employee assistance programme"))
            let manager = try await f.session(f.manager)
            let counts = try await client.execute(uri: "/workforce/welfare", method: .get, headers: manager.headers)
            #expect(counts.status == .ok && counts.text.contains("North") && counts.text.contains("2026-11"))
            for uri in ["/workforce/welfare", "/workforce/supervision/\(f.north.id)", "/me/welfare", "/notifications"] {
                let seen = try await client.execute(uri: uri, method: .get, headers: manager.headers)
                #expect(!seen.text.contains("PRIVATE-WELFARE"), "\(uri) shows the content")
            }
            let refused = try await client.execute(
                uri: "/api/v1/workforce/welfare", method: .get, headers: bearer(try await f.apiToken(f.admin)))
            #expect(refused.status == .forbidden)
        }
    }
}
