import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import SafeholdCore
import SafeholdStore
import SafeholdWeb
import Testing

/// Referrals to services and escalations through the pages and `/api/v1`: the same rules, refusals
/// and field errors as the store, and the one 404 for a stranger.
@Suite struct ServicesWebTests {
    @Test func aWorkerRefersFromThePlanAndMovesItOnThroughThePageAndTheAPI() async throws {
        try await WebFixture.withApp { f, client in
            let seeded = try await RouteAccessTests.seed(f)
            let page = try await f.session(f.north)
            let token = try await f.apiToken(f.north)
            let person = try await client.execute(uri: "/people/\(f.child.id)", method: .get, headers: page.headers)
            #expect(person.text.contains("Referrals to services") && person.text.contains("Northfield Housing"))
            #expect(person.text.contains("action=\"/episodes/\(seeded.episode)/service-referrals\""))
            #expect(
                person.text.contains("(answer within 10 working days)"), "the form on the open plan lists the services")
            #expect(person.text.contains("Escalations of professional disagreement"))

            let sent = try await client.execute(
                uri: "/episodes/\(seeded.episode)/service-referrals", method: .post, headers: page.formHeaders(),
                body: page.form([
                    ("serviceType", "camhs"), ("provider", "Northfield CAMHS"), ("request", "Assess low mood"),
                    ("sentOn", "2026-11-24"),
                ]))
            #expect(sent.status == .seeOther)
            let types = try await client.execute(uri: "/api/v1/service-types", method: .get, headers: bearer(token))
            let codes = (try types.json()["serviceTypes"] as? [[String: Any]])?.compactMap { $0["code"] as? String }
            #expect(Set(codes ?? []) == ["family_support", "domestic_abuse", "camhs", "substance_misuse", "housing"])

            let refused = try await client.execute(
                uri: "/api/v1/episodes/\(seeded.episode)/service-referrals", method: .post, headers: bearer(token),
                body: jsonBody(#"{"serviceType":"tarot","provider":"P","request":"R","sentOn":"2031-01-01"}"#))
            #expect(refused.status == .unprocessableContent)
            #expect(refused.text.contains("serviceType") && refused.text.contains("sentOn"))

            let declined = try await client.execute(
                uri: "/api/v1/service-referrals/\(seeded.serviceReferral)/status", method: .post,
                headers: bearer(token),
                body: jsonBody(#"{"status":"declined","on":"2026-11-24","reason":"Outside our area","version":1}"#))
            #expect(declined.status == .ok)
            #expect(try declined.json()["status"] as? String == "declined")
            let cannot = try await client.execute(
                uri: "/api/v1/service-referrals/\(seeded.serviceReferral)/status", method: .post,
                headers: bearer(token),
                body: jsonBody(#"{"status":"started","on":"2026-11-24","version":2}"#))
            #expect(cannot.status == .conflict && cannot.text.contains("This referral was declined; it cannot start."))
            let stale = try await client.execute(
                uri: "/service-referrals/\(seeded.serviceReferral)/status", method: .post, headers: page.formHeaders(),
                body: page.form([("status", "accepted"), ("on", "2026-11-24"), ("version", "1")]))
            #expect(stale.status == .conflict)
            let listed = try await client.execute(
                uri: "/api/v1/episodes/\(seeded.episode)/service-referrals", method: .get, headers: bearer(token))
            #expect((try listed.json()["serviceReferrals"] as? [Any])?.count == 2)
        }
    }

    @Test func anEscalationIsAnsweredOneStageAtATimeAndAStrangerGetsTheOne404() async throws {
        try await WebFixture.withApp { f, client in
            let seeded = try await RouteAccessTests.seed(f)
            let raiser = try await f.apiToken(f.north)
            let manager = try await f.session(f.manager)
            let list = try await client.execute(uri: "/escalations", method: .get, headers: manager.headers)
            #expect(list.status == .ok && list.text.contains("/escalations/\(seeded.escalation)"))
            let shown = try await client.execute(
                uri: "/escalations/\(seeded.escalation)", method: .get, headers: manager.headers)
            #expect(shown.text.contains("Respond to this stage") && shown.text.contains("Risk is high"))

            // The raiser may not answer their own escalation, nor skip a stage.
            let own = try await client.execute(
                uri: "/api/v1/escalations/\(seeded.escalation)/response", method: .post, headers: bearer(raiser),
                body: jsonBody(#"{"response":"Agreed with myself","version":1}"#))
            #expect(own.status == .forbidden)
            let skip = try await client.execute(
                uri: "/api/v1/escalations/\(seeded.escalation)/escalate", method: .post, headers: bearer(raiser),
                body: jsonBody(#"{"stage":3,"reason":"Go","version":1}"#))
            #expect(skip.status == .unprocessableContent && skip.text.contains("\"stage\""))

            let answered = try await client.execute(
                uri: "/escalations/\(seeded.escalation)/response", method: .post, headers: manager.formHeaders(),
                body: manager.form([("response", "We will hold a conference."), ("version", "1")]))
            #expect(answered.status == .seeOther)
            let blank = try await client.execute(
                uri: "/escalations/\(seeded.escalation)/resolve", method: .post, headers: manager.formHeaders(),
                body: manager.form([("outcome", ""), ("note", ""), ("version", "2")]))
            #expect(blank.status == .unprocessableContent && blank.text.contains("What was agreed"))
            let escalated = try await client.execute(
                uri: "/api/v1/escalations/\(seeded.escalation)/escalate", method: .post, headers: bearer(raiser),
                body: jsonBody(#"{"stage":2,"reason":"Not soon enough","version":2}"#))
            #expect(escalated.status == .ok)
            #expect(try escalated.json()["stage"] as? Int == 2)

            // Another team's worker: the same answer as for an escalation that does not exist.
            let south = try await f.apiToken(f.south)
            let real = try await client.execute(
                uri: "/api/v1/escalations/\(seeded.escalation)", method: .get, headers: bearer(south))
            let made = try await client.execute(
                uri: "/api/v1/escalations/\(UUID())", method: .get, headers: bearer(south))
            #expect(real.status == .notFound && made.status == .notFound)
            #expect(Array(real.body.readableBytesView) == Array(made.body.readableBytesView))
            let southList = try await client.execute(uri: "/api/v1/escalations", method: .get, headers: bearer(south))
            #expect((try southList.json()["escalations"] as? [Any])?.isEmpty == true)
        }
    }

    @Test func theRaiseFormOffersTheChildsDecisionsAndNamesAMissingField() async throws {
        try await WebFixture.withApp { f, client in
            let seeded = try await RouteAccessTests.seed(f)
            let page = try await f.session(f.north)
            let form = try await client.execute(
                uri: "/people/\(f.child.id)/escalations/new", method: .get, headers: page.headers)
            #expect(form.status == .ok && form.text.contains("value=\"\(seeded.contact)\""))
            let before = try await f.count("escalations")
            let refused = try await client.execute(
                uri: "/people/\(f.child.id)/escalations/new", method: .post, headers: page.formHeaders(),
                body: page.form([("decision", "The plan"), ("linkedRecordId", seeded.contact.uuidString)]))
            #expect(refused.status == .unprocessableContent && refused.text.contains("Why you disagree"))
            #expect(try await f.count("escalations") == before)
            let raised = try await client.execute(
                uri: "/people/\(f.child.id)/escalations/new", method: .post, headers: page.formHeaders(),
                body: page.form([
                    ("decision", "The plan"), ("linkedRecordId", seeded.contact.uuidString),
                    ("disagreement", "Too slow"), ("desiredOutcome", "Faster"),
                ]))
            #expect(raised.status == .seeOther && raised.headers[.location]?.hasPrefix("/escalations/") == true)
        }
    }
}
