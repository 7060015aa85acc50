import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import SafeholdCore
import SafeholdStore
import SafeholdWeb
import Testing

/// Court orders and care proceedings through the pages and `/api/v1`: the same rules and field errors,
/// the timetable drawn on the page, the due list, and the refusals.
@Suite struct CourtWebTests {
    @Test func aWorkerRecordsAnOrderAndSeesItWithItsExpiryAndDaysLeftOnTheCourtPage() async throws {
        try await WebFixture.withApp { f, client in
            let page = try await f.session(f.north)
            let person = try await client.execute(uri: "/people/\(f.child.id)", method: .get, headers: page.headers)
            #expect(person.text.contains("href=\"/people/\(f.child.id)/court\""))
            let made = try await client.execute(
                uri: "/people/\(f.child.id)/court-orders", method: .post, headers: page.formHeaders(),
                body: page.form([
                    ("kind", "emergency_protection"), ("appliedOn", "2026-11-18"),
                    ("court", "Family Court at Northfield"),
                    ("applicant", "Northfield Council"), ("outcome", "granted"), ("outcomeOn", "2026-11-18"),
                ]))
            #expect(made.status == .seeOther)
            let court = try await client.execute(
                uri: "/people/\(f.child.id)/court", method: .get, headers: page.headers)
            #expect(court.status == .ok)
            #expect(court.text.contains("Emergency protection order") && court.text.contains("26 Nov 2026"))
            #expect(court.text.contains("2 days") && court.text.contains("In force"))
            #expect(court.text.contains("Record an extension"))
            #expect(court.text.contains("one extension of up to 7 days (Children Act 1989 s45)"))
            let due = try await client.execute(uri: "/due?scope=team", method: .get, headers: page.headers)
            #expect(due.text.contains("Emergency protection order expires"))
            #expect(due.text.contains("href=\"/people/\(f.child.id)/court\""))
        }
    }

    @Test func thePageAndTheAPIRefuseTheSameExpiryBeyondTheLimitNamingItAndWriteNothing() async throws {
        try await WebFixture.withApp { f, client in
            let page = try await f.session(f.north)
            let token = try await f.apiToken(f.north)
            let before = try await f.count("court_orders")
            let form = try await client.execute(
                uri: "/people/\(f.child.id)/court-orders", method: .post, headers: page.formHeaders(),
                body: page.form([
                    ("kind", "child_assessment"), ("appliedOn", "2026-11-20"), ("court", "Family Court"),
                    ("applicant", "Council"), ("outcome", "granted"), ("outcomeOn", "2026-11-20"),
                    ("expiresOn", "2026-11-28"),
                ]))
            let api = try await client.execute(
                uri: "/api/v1/people/\(f.child.id)/court-orders", method: .post, headers: bearer(token),
                body: jsonBody(
                    #"{"kind":"child_assessment","appliedOn":"2026-11-20","court":"Family Court","#
                        + #""applicant":"Council","#
                        + #""outcome":"granted","outcomeOn":"2026-11-20","expiresOn":"2026-11-28"}"#))
            #expect(form.status == .unprocessableContent && api.status == .unprocessableContent)
            let message = "Child assessment order: 7 days (Children Act 1989 s43(5))"
            #expect(form.text.contains("expiresOn") && api.text.contains("expiresOn"))
            #expect(form.text.contains(message) && api.text.contains(message))
            let fields = (try api.json()["error"] as? [String: Any])?["fields"] as? [[String: Any]]
            #expect(fields?.compactMap { $0["field"] as? String } == ["expiresOn"])
            // Bidirectional overrides and odd input: refused by field, never a 500.
            let odd = try await client.execute(
                uri: "/api/v1/people/\(f.child.id)/court-orders", method: .post, headers: bearer(token),
                body: jsonBody(
                    #"{"kind":"care","appliedOn":"2026-02-30","court":"A\u202eB","#
                        + #""applicant":"\#(String(repeating: "x", count: 201))","#
                        + #""proceedingsId":"../../etc"}"#))
            #expect(odd.status == .unprocessableContent)
            for field in ["appliedOn", "court", "applicant", "proceedingsId"] { #expect(odd.text.contains(field)) }
            let unknown = try await client.execute(
                uri: "/api/v1/people/\(f.child.id)/court-orders", method: .post, headers: bearer(token),
                body: jsonBody(#"{"kind":"care","appliedOn":"2026-11-20","court":"C","applicant":"A","judge":"x"}"#))
            #expect(unknown.status == .unprocessableContent && unknown.text.contains("judge"))
            #expect(try await f.count("court_orders") == before)
        }
    }

    @Test func proceedingsThroughTheAPIShowTheTimetableHearingWeeksAndRefuseAHearingBeforeIssue() async throws {
        try await WebFixture.withApp { f, client in
            let token = try await f.apiToken(f.north)
            let issued = try await client.execute(
                uri: "/api/v1/people/\(f.child.id)/care-proceedings", method: .post, headers: bearer(token),
                body: jsonBody(
                    #"{"issuedOn":"2026-08-18","court":"Family Court","caseNumber":"ZZ26C00077","parties":"#
                        + #"[{"role":"child","name":"C","guardian":"G","solicitor":"S","firm":"F"}]}"#))
            #expect(issued.status == .created)
            let body = try issued.json()
            #expect(body["dueOn"] as? String == "2027-02-16" && body["currentWeek"] as? Int == 15)
            let id = try #require((body["proceedings"] as? [String: Any])?["id"] as? String)
            let early = try await client.execute(
                uri: "/api/v1/care-proceedings/\(id)/hearings", method: .post, headers: bearer(token),
                body: jsonBody(#"{"kind":"case_management","heldOn":"2026-08-17","version":1}"#))
            #expect(early.status == .unprocessableContent && early.text.contains("before the proceedings were issued"))
            let page = try await f.session(f.north)
            let formEarly = try await client.execute(
                uri: "/care-proceedings/\(id)/hearings", method: .post, headers: page.formHeaders(),
                body: page.form([("kind", "case_management"), ("heldOn", "2026-08-17"), ("version", "1")]))
            #expect(
                formEarly.status == .unprocessableContent
                    && formEarly.text.contains("before the proceedings were issued"))
            let cmh = try await client.execute(
                uri: "/api/v1/care-proceedings/\(id)/hearings", method: .post, headers: bearer(token),
                body: jsonBody(#"{"kind":"case_management","heldOn":"2026-08-27","outcome":"Directions","version":1}"#))
            #expect(cmh.status == .created)
            let weeks = (try cmh.json()["hearingWeeks"] as? [[String: Any]])?.compactMap { $0["week"] as? Int }
            #expect(weeks == [2])
            let stale = try await client.execute(
                uri: "/api/v1/care-proceedings/\(id)/extensions", method: .post, headers: bearer(token),
                body: jsonBody(#"{"grantedOn":"2026-11-20","weeks":4,"reason":"Expert","version":1}"#))
            #expect(stale.status == .conflict)
            let nine = try await client.execute(
                uri: "/care-proceedings/\(id)/extensions", method: .post, headers: page.formHeaders(),
                body: page.form([("grantedOn", "2026-11-20"), ("weeks", "nine"), ("reason", ""), ("version", "2")]))
            #expect(nine.status == .unprocessableContent && nine.text.contains("weeks") && nine.text.contains("reason"))
            let shown = try await client.execute(uri: "/care-proceedings/\(id)", method: .get, headers: page.headers)
            #expect(
                shown.status == .ok && shown.text.contains("<svg") && shown.text.contains("W2 Case management hearing"))
            #expect(shown.text.contains("Week 15 of 26"))
        }
    }

    @Test func aPartnerAndAnotherTeamAreRefusedAndThePoliceSeeNoProceedings() async throws {
        try await WebFixture.withApp { f, client in
            let seeded = try await RouteAccessTests.seedCourt(f)
            let south = try await f.apiToken(f.south)
            let hidden = try await client.execute(
                uri: "/api/v1/care-proceedings/\(seeded.proceedings)", method: .get, headers: bearer(south))
            let made = try await client.execute(
                uri: "/api/v1/care-proceedings/\(UUID())", method: .get, headers: bearer(south))
            #expect(hidden.status == .notFound && made.status == .notFound)
            #expect(Array(hidden.body.readableBytesView) == Array(made.body.readableBytesView))
            let police = try await f.apiToken(f.police)
            let policeRead = try await client.execute(
                uri: "/api/v1/care-proceedings/\(seeded.proceedings)", method: .get, headers: bearer(police))
            #expect(policeRead.status == .notFound || policeRead.status == .forbidden)
            let policePage = try await f.session(f.police)
            let person = try await client.execute(
                uri: "/people/\(f.child.id)", method: .get, headers: policePage.headers)
            #expect(!person.text.contains("/care-proceedings/"))
        }
    }
}
