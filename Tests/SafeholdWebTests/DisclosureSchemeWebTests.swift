import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import SafeholdCore
import SafeholdStore
import SafeholdWeb
import Testing

/// The child sex offender disclosure scheme through the pages and `/api/v1`: the police receive, check,
/// decide and disclose; the same field errors in both; the one 404 for the child's social worker.
@Suite struct DisclosureSchemeWebTests {
    @Test func thePoliceReceiveCheckAndDecideAnApplicationThroughTheAPIAndThePage() async throws {
        try await WebFixture.withApp { f, client in
            let token = try await f.apiToken(f.police)
            let page = try await f.session(f.police)
            let created = try await client.execute(
                uri: "/api/v1/disclosure-applications", method: .post, headers: bearer(token),
                body: jsonBody(
                    #"{"applicantName":"Pat Applicant","applicantContact":"07700 900000","relationship":"other","#
                        + #""relationshipOther":"Grandmother","subjectId":"\#(f.mother.id)","#
                        + #""childId":"\#(f.child.id)"}"#
                ))
            #expect(created.status == .created)
            let body = try created.json()
            #expect(body["decisionDueOn"] as? String == "2027-01-08" && body["stage"] as? String == "awaiting_decision")
            let id = try #require(body["id"] as? String)

            let check = try await client.execute(
                uri: "/disclosure-applications/\(id)/checks", method: .post, headers: page.formHeaders(),
                body: page.form([("kind", "police_national_computer"), ("result", "No trace"), ("version", "1")]))
            #expect(check.status == .seeOther)
            let decided = try await client.execute(
                uri: "/api/v1/disclosure-applications/\(id)/decision", method: .post, headers: bearer(token),
                body: jsonBody(#"{"version":2,"outcome":"not_disclose","reasons":"Nothing to disclose."}"#))
            #expect(try decided.status == .ok && (decided.json()["stage"] as? String) == "closed")
            let again = try await client.execute(
                uri: "/api/v1/disclosure-applications/\(id)/decision", method: .post, headers: bearer(token),
                body: jsonBody(#"{"version":3,"outcome":"disclose","reasons":"Changed my mind."}"#))
            #expect(again.status == .conflict && again.text.contains("already been recorded"))
            let stale = try await client.execute(
                uri: "/disclosure-applications/\(id)/checks", method: .post, headers: page.formHeaders(),
                body: page.form([("kind", "visor"), ("result", "Known"), ("version", "1")]))
            #expect(stale.status == .conflict)

            let shown = try await client.execute(
                uri: "/disclosure-applications/\(id)", method: .get, headers: page.headers)
            #expect(shown.status == .ok && shown.text.contains("Grandmother") && shown.text.contains("No trace"))
            #expect(shown.text.contains("Nothing to disclose.") && !shown.text.contains("Record the decision"))
            let list = try await client.execute(uri: "/disclosure-applications", method: .get, headers: page.headers)
            #expect(list.text.contains("Pat Applicant") && list.text.contains("Decided"))
            let listed = try await client.execute(
                uri: "/api/v1/disclosure-applications", method: .get, headers: bearer(token))
            #expect((try listed.json()["applications"] as? [Any])?.count == 1)
        }
    }

    @Test func theChildsSocialWorkerAndAPartnerAreRefusedTheApplication() async throws {
        try await WebFixture.withApp { f, client in
            let id = try await RouteAccessTests.seedDisclosureApplication(f)
            for user in [f.north, f.manager, f.dpo] {
                let token = try await f.apiToken(user)
                let read = try await client.execute(
                    uri: "/api/v1/disclosure-applications/\(id)", method: .get, headers: bearer(token))
                #expect(
                    read.status == .notFound && read.text.contains(AccessPolicy.noVisibleRecord), "\(user.username)")
                let list = try await client.execute(
                    uri: "/api/v1/disclosure-applications", method: .get, headers: bearer(token))
                #expect(list.status == .forbidden, "\(user.username)")
            }
            let page = try await f.session(f.north)
            let shown = try await client.execute(
                uri: "/disclosure-applications/\(id)", method: .get, headers: page.headers)
            #expect(shown.status == .notFound)
        }
    }

    @Test func thePageAndTheAPIGiveTheSameFieldErrorsAndWriteNothing() async throws {
        try await WebFixture.withApp { f, client in
            let token = try await f.apiToken(f.police)
            let page = try await f.session(f.police)
            let before = try await f.count("csod_applications")
            let api = try await client.execute(
                uri: "/api/v1/disclosure-applications", method: .post, headers: bearer(token),
                body: jsonBody(
                    #"{"applicantName":"","applicantContact":"x","relationship":"other","#
                        + #""subjectId":"\#(f.child.id)","childId":"\#(f.child.id)"}"#))
            let form = try await client.execute(
                uri: "/disclosure-applications/new", method: .post, headers: page.formHeaders(),
                body: page.form([
                    ("applicantName", ""), ("applicantContact", "x"), ("relationship", "other"),
                    ("subjectId", f.child.id.uuidString), ("childId", f.child.id.uuidString),
                ]))
            #expect(api.status == .unprocessableContent && form.status == .unprocessableContent)
            let fields = (try api.json()["error"] as? [String: Any])?["fields"] as? [[String: String]] ?? []
            #expect(Set(fields.compactMap { $0["field"] }) == ["applicantName", "relationshipOther", "subjectId"])
            for field in ["applicantName", "relationshipOther", "subjectId"] {
                #expect(form.text.contains("data-field=\"\(field)\""), "\(field)")
            }
            #expect(try await f.count("csod_applications") == before)
        }
    }
}
