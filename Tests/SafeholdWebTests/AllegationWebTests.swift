import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import SafeholdCore
import SafeholdStore
import SafeholdWeb
import Testing

/// The LADO's pages and `/api/v1`: the home, a case taken through its steps, the figures with their chart,
/// the same refusals in both (a child as the subject 422 naming the field, an outcome before the
/// evaluation 409), and the one 404 for anyone outside the LADO service and for the subject themselves.
@Suite struct AllegationWebTests {
    struct LADO { let user: User; let session: BrowserSession; let token: String }

    static func lado(_ f: WebFixture, _ name: String = "lado") async throws -> LADO {
        let system = AuditContext(system: "test")
        let team = try await f.store.createTeam("LADO \(name)", agencyId: f.north.agencyId, context: system)
        let hash = try await f.services.passwords.hash(WebFixture.password)
        let user = try await f.store.createUser(
            User(
                id: f.store.ids.next(), username: name, displayName: name.capitalized, role: .lado,
                agencyId: f.north.agencyId, teamId: team.id), passwordHash: hash, mustChangePassword: false,
            context: system)
        _ = try await f.store.recordTraining(
            TrainingDraft(course: "lado", completedOn: f.store.today.adding(days: -100).description), for: user.id,
            context: system)
        return LADO(user: user, session: try await f.session(user), token: try await f.apiToken(user))
    }

    @Test func theLADOLandsOnTheirHomeAndTakesACaseThroughThePages() async throws {
        try await WebFixture.withApp { f, client in
            let l = try await Self.lado(f)
            let home = try await client.execute(uri: "/", method: .get, headers: l.session.headers)
            #expect(home.status == .seeOther && home.headers[.location] == "/lado")
            let made = try await client.execute(
                uri: "/allegations/new", method: .post, headers: l.session.formHeaders(),
                body: l.session.form([
                    ("subjectGivenName", "Tess"), ("subjectFamilyName", "Teachwell"),
                    ("employerName", "Testshire High"),
                    ("sector", "education"), ("role", "PE teacher"), ("criteria", "harmed_child"),
                    ("criteria", "unsuitable"), ("source", "employer"), ("referrerName", "Head"),
                    ("receivedAt", "2026-11-24T08:30"), ("children", f.child.localId),
                    ("summary", "A pupil says the teacher pushed her."),
                ]))
            #expect(made.status == .seeOther)
            let path = try #require(made.headers[.location])
            let page = try await client.execute(uri: path, method: .get, headers: l.session.headers)
            #expect(page.text.contains("Allegation about") && page.text.contains("Tess Teachwell"))
            #expect(page.text.contains("Record the initial consideration") && !page.text.contains("Record the outcome"))
            let version = { (text: String) -> String in
                text.components(separatedBy: "name=\"version\" value=\"")[1].prefix { $0 != "\"" }.description
            }
            let considered = try await client.execute(
                uri: path + "/consideration", method: .post, headers: l.session.formHeaders(),
                body: l.session.form([
                    ("decision", "threshold_met"), ("reasons", "Harm alleged"), ("on", "2026-11-24"),
                    ("version", version(page.text)),
                ]))
            #expect(considered.status == .seeOther)
            let listed = try await client.execute(uri: "/lado", method: .get, headers: l.session.headers)
            #expect(listed.text.contains("Tess Teachwell") && listed.text.contains("Open cases"))
            // The outcome before the meeting: the page's form is not offered, the API refuses with 409.
            let id = String(path.split(separator: "/").last!)
            let early = try await client.execute(
                uri: "/api/v1/allegations/\(id)/outcome", method: .post, headers: bearer(l.token),
                body: jsonBody(#"{"outcome":"unfounded","on":"2026-11-24","notes":"n","version":2}"#))
            #expect(early.status == .conflict && early.text.contains("after the strategy meeting or evaluation"))
            let meeting = try await client.execute(
                uri: "/api/v1/allegations/\(id)/meeting", method: .post, headers: bearer(l.token),
                body: jsonBody(
                    #"{"kind":"strategy_meeting","on":"2026-11-24","attendees":[{"name":"Lado","agency":"LADO"}],"#
                        + #""notes":"Police first","version":2}"#))
            #expect(meeting.status == .ok)
            let outcome = try await client.execute(
                uri: "/api/v1/allegations/\(id)/outcome", method: .post, headers: bearer(l.token),
                body: jsonBody(#"{"outcome":"false","on":"2026-11-24","notes":"No basis","version":3}"#))
            #expect(outcome.status == .ok)
            #expect((try outcome.json()["outcome"] as? [String: Any])?["outcome"] as? String == "false")
            let stale = try await client.execute(
                uri: "/api/v1/allegations/\(id)/employment", method: .post, headers: bearer(l.token),
                body: jsonBody(#"{"status":"working","from":"2026-11-24","version":1}"#))
            #expect(stale.status == .conflict)
            let figures = try await client.execute(
                uri: "/lado/figures?year=2026", method: .get, headers: l.session.headers)
            #expect(
                figures.status == .ok && figures.text.contains("<svg")
                    && figures.text.contains("Resolved within one month"))
            let api = try await client.execute(
                uri: "/api/v1/lado/figures?year=2026", method: .get, headers: bearer(l.token))
            #expect(try api.json()["total"] as? Int == 1)
            let badYear = try await client.execute(
                uri: "/api/v1/lado/figures?year=20x6", method: .get, headers: bearer(l.token))
            #expect(badYear.status == .unprocessableContent && badYear.text.contains("year"))
        }
    }

    @Test func aChildAsTheSubjectIsRefusedNamingTheFieldInThePageAndTheAPI() async throws {
        try await WebFixture.withApp { f, client in
            let l = try await Self.lado(f)
            let before = try await f.count("allegations")
            let api = try await client.execute(
                uri: "/api/v1/allegations", method: .post, headers: bearer(l.token),
                body: jsonBody(
                    #"{"subjectId":"\#(f.child.id)","source":"parent","referrerName":"P","employerName":"Club","#
                        + #""sector":"sport","role":"Coach","criteria":["unsuitable"],"summary":"s","#
                        + #""receivedAt":"2026-11-24T08:00:00Z"}"#))
            #expect(api.status == .unprocessableContent && api.text.contains("\"subjectId\""))
            let page = try await client.execute(
                uri: "/allegations/new", method: .post, headers: l.session.formHeaders(),
                body: l.session.form([
                    ("subjectGivenName", "Kid"), ("subjectFamilyName", "Coach"), ("subjectDateOfBirth", "2012-03-03"),
                    ("employerName", "Club"), ("sector", "sport"), ("role", "Helper"), ("criteria", "unsuitable"),
                    ("source", "parent"), ("referrerName", "P"), ("receivedAt", "2026-11-24T08:30"), ("summary", "s"),
                ]))
            #expect(page.status == .unprocessableContent && page.text.contains("data-field=\"subjectDateOfBirth\""))
            #expect(try await f.count("allegations") == before)
        }
    }

    @Test func oddInputIsRefusedWithTheSameFieldsInThePageAndTheAPI() async throws {
        try await WebFixture.withApp { f, client in
            let l = try await Self.lado(f)
            let before = try await f.count("allegations")
            let huge = String(repeating: "x", count: 10_001)
            let api = try await client.execute(
                uri: "/api/v1/allegations", method: .post, headers: bearer(l.token),
                body: jsonBody(
                    #"{"subjectGivenName":"Tess","subjectFamilyName":"Odd","source":"employer","referrerName":"P","#
                        + #""employerName":"School","sector":"education","role":"Teacher\u202e","#
                        + #""criteria":["harmed_child","kicked"],"summary":"\#(huge)","#
                        + #""receivedAt":"2026-11-24T08:00:00Z"}"#))
            #expect(api.status == .unprocessableContent)
            let apiFields = Set(
                ((try api.json()["error"] as? [String: Any])?["fields"] as? [[String: Any]] ?? []).compactMap {
                    $0["field"] as? String
                })
            let page = try await client.execute(
                uri: "/allegations/new", method: .post, headers: l.session.formHeaders(),
                body: l.session.form([
                    ("subjectGivenName", "Tess"), ("subjectFamilyName", "Odd"), ("source", "employer"),
                    ("referrerName", "P"), ("employerName", "School"), ("sector", "education"),
                    ("role", "Teacher\u{202E}"), ("criteria", "harmed_child"), ("criteria", "kicked"),
                    ("summary", huge), ("receivedAt", "2026-11-24T08:00"),
                ]))
            #expect(page.status == .unprocessableContent)
            #expect(apiFields == ["role", "criteria", "summary"])
            for field in apiFields { #expect(page.text.contains("data-field=\"\(field)\""), "\(field)") }
            #expect(try await f.count("allegations") == before)
        }
    }

    @Test func othersAndTheSubjectGetTheOne404AndTheLADOListsRefuseOtherRoles() async throws {
        try await WebFixture.withApp { f, client in
            let seeded = try await RouteAccessTests.seed(f)
            let other = try await f.session(f.north)
            for uri in ["/allegations/\(seeded.allegation)", "/allegations/\(UUID())"] {
                let response = try await client.execute(uri: uri, method: .get, headers: other.headers)
                #expect(response.status == .notFound)
            }
            let home = try await client.execute(uri: "/lado", method: .get, headers: other.headers)
            #expect(home.status == .forbidden)
            let token = try await f.apiToken(f.police)
            let list = try await client.execute(uri: "/api/v1/allegations", method: .get, headers: bearer(token))
            #expect(list.status == .forbidden)
            // A LADO who is the subject of an allegation never sees it, nor finds their own record by name.
            let l = try await Self.lado(f, "lado.subject")
            let me = try await Self.lado(f, "lado.colleague")
            let about = try await client.execute(
                uri: "/api/v1/allegations", method: .post, headers: bearer(me.token),
                body: jsonBody(
                    #"{"subjectGivenName":"Lado","subjectFamilyName":"Subjectson","subjectUserId":"\#(l.user.id)","#
                        + #""source":"employer","referrerName":"P","employerName":"Council","sector":"social_care","#
                        + #""role":"LADO","criteria":["unsuitable"],"summary":"s","receivedAt":"2026-11-24T08:00:00Z"}"#
                ))
            #expect(about.status == .created)
            let id = try #require(try about.json()["id"] as? String)
            let subjectId = try #require(try about.json()["subjectId"] as? String)
            let hidden = try await client.execute(uri: "/allegations/\(id)", method: .get, headers: l.session.headers)
            #expect(hidden.status == .notFound)
            let own = try await client.execute(
                uri: "/api/v1/people/\(subjectId)", method: .get, headers: bearer(l.token))
            #expect(own.status == .notFound)
            let search = try await client.execute(
                uri: "/api/v1/people?q=Subjectson", method: .get, headers: bearer(l.token))
            #expect(!search.text.contains(subjectId))
            let colleague = try await client.execute(
                uri: "/api/v1/people?q=Subjectson", method: .get, headers: bearer(me.token))
            #expect(colleague.text.contains(subjectId))
        }
    }
}
