import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import SafeholdCore
import SafeholdStore
import SafeholdWeb
import Testing

@Suite("The training register's pages and API")
struct TrainingWebTests {
    @Test func aWorkerRecordsTheirOwnCourseAndSeesItWithTheSameFieldErrorsAsTheAPI() async throws {
        try await WebFixture.withApp { f, client in
            let page = try await f.session(f.north)
            let token = try await f.apiToken(f.north)
            let empty = try await client.execute(uri: "/me/training", method: .get, headers: page.headers)
            #expect(empty.status == .ok && empty.text.contains("My training and accreditations"))
            #expect(empty.text.contains("Social Work England registration"))  // expected of the role, not held
            // Their own gating accreditation is not offered: someone else vouches for it.
            #expect(!empty.text.contains(#"value="conference_chairing""#))
            let bad = try await client.execute(
                uri: "/me/training", method: .post, headers: page.formHeaders(),
                body: page.form([
                    ("course", "safeguarding_l3"), ("completedOn", "2026-03-02"), ("expiresOn", "2026-03-01"),
                ]))
            #expect(bad.status == .unprocessableContent && bad.text.contains("Expires on"))
            let badAPI = try await client.execute(
                uri: "/api/v1/me/training", method: .get, headers: bearer(token))
            #expect(badAPI.status == .ok)
            let refusedAPI = try await client.execute(
                uri: "/api/v1/users/\(f.north.id.uuidString)/training", method: .post, headers: bearer(token),
                body: jsonBody(#"{"course":"safeguarding_l3","completedOn":"2026-03-02","expiresOn":"2026-03-01"}"#))
            #expect(refusedAPI.status == .unprocessableContent && refusedAPI.text.contains("expiresOn"))
            let unknown = try await client.execute(
                uri: "/api/v1/users/\(f.north.id.uuidString)/training", method: .post, headers: bearer(token),
                body: jsonBody(#"{"course":"juggling","completedOn":"2026-03-02"}"#))
            #expect(unknown.status == .unprocessableContent && unknown.text.contains("course"))
            #expect(try await f.count("training_records") == 0)
            let ok = try await client.execute(
                uri: "/me/training", method: .post, headers: page.formHeaders(),
                body: page.form([
                    ("course", "safeguarding_l3"), ("completedOn", "2026-03-02"), ("provider", "Testshire Academy"),
                    ("evidenceReference", "CERT-77"),
                ]))
            #expect(ok.status == .seeOther || ok.status == .found)
            let shown = try await client.execute(uri: "/me/training", method: .get, headers: page.headers)
            #expect(shown.text.contains("Testshire Academy") && shown.text.contains("CERT-77"))
            #expect(shown.text.contains("1 Mar 2029"))  // the course's 36 months
            let chairing = try await client.execute(
                uri: "/api/v1/users/\(f.north.id.uuidString)/training", method: .post, headers: bearer(token),
                body: jsonBody(#"{"course":"conference_chairing","completedOn":"2026-03-02"}"#))
            #expect(chairing.status == .forbidden)
            let courses = try await client.execute(
                uri: "/api/v1/training/courses", method: .get, headers: bearer(token))
            #expect(courses.status == .ok && courses.text.contains("abe_interviewing"))
        }
    }

    @Test func theManagerSeesTheTeamViewAndRecordsAnOverrideThatTheReportLists() async throws {
        try await WebFixture.withApp { f, client in
            let manager = try await f.session(f.manager)
            let managerToken = try await f.apiToken(f.manager)
            _ = try await f.store.recordTraining(
                TrainingDraft(course: "swe_registration", completedOn: "2025-12-01", expiresOn: "2026-12-10"),
                for: f.north.id, context: AuditContext(actor: f.manager.actor, ipAddress: nil))
            let team = try await client.execute(uri: "/workforce/training", method: .get, headers: manager.headers)
            #expect(team.status == .ok)
            #expect(team.text.contains(f.north.displayName) && !team.text.contains(f.south.displayName))
            #expect(team.text.contains("Social Work England registration (10 Dec 2026)"))
            let worker = try await client.execute(
                uri: "/workforce/training/\(f.north.id.uuidString)", method: .get, headers: manager.headers)
            #expect(worker.status == .ok && worker.text.contains("within 30 days"))
            let api = try await client.execute(
                uri: "/api/v1/workforce/training", method: .get, headers: bearer(managerToken))
            #expect(api.status == .ok && api.text.contains(#""expiringWithinDays":30"#))
            // The expiring registration is on the worker's and the manager's due page, not another team's.
            let north = try await f.session(f.north)
            for session in [north, manager] {
                let due = try await client.execute(uri: "/due", method: .get, headers: session.headers)
                #expect(due.text.contains("Training and accreditations expiring"))
                #expect(due.text.contains("Social Work England registration") && due.text.contains("10 Dec 2026"))
            }
            let southDue = try await client.execute(
                uri: "/due", method: .get, headers: try await f.session(f.south).headers)
            #expect(!southDue.text.contains("Training and accreditations expiring"))
            // A social worker may not see the report or record an override.
            let refused = try await client.execute(uri: "/workforce/overrides", method: .get, headers: north.headers)
            #expect(refused.status == .forbidden)
            let southToken = try await f.apiToken(f.south)
            let byWorker = try await client.execute(
                uri: "/api/v1/workforce/overrides", method: .post, headers: bearer(southToken),
                body: jsonBody(#"{"act":"conference_chair","userId":"\#(f.north.id.uuidString)","reason":"r"}"#))
            #expect(byWorker.status == .forbidden)
            let missing = try await client.execute(
                uri: "/workforce/overrides", method: .post, headers: manager.formHeaders(),
                body: manager.form([("act", "conference_chair"), ("userId", f.north.id.uuidString), ("reason", "")]))
            #expect(missing.status == .unprocessableContent && missing.text.contains("Reason"))
            let made = try await client.execute(
                uri: "/workforce/overrides", method: .post, headers: manager.formHeaders(),
                body: manager.form([
                    ("act", "conference_chair"), ("userId", f.north.id.uuidString),
                    ("reason", "The chair is off sick; the conference cannot wait."),
                ]))
            #expect(made.status == .seeOther || made.status == .found)
            let report = try await client.execute(uri: "/workforce/overrides", method: .get, headers: manager.headers)
            #expect(report.text.contains("The chair is off sick") && report.text.contains("Not used"))
            let listed = try await client.execute(
                uri: "/api/v1/workforce/overrides", method: .get, headers: bearer(managerToken))
            #expect(listed.status == .ok && listed.text.contains(#""act":"conference_chair""#))
            // Another team's worker finds no register for north.
            let southPage = try await f.session(f.south)
            let other = try await client.execute(
                uri: "/workforce/training/\(f.north.id.uuidString)", method: .get, headers: southPage.headers)
            #expect(other.status == .notFound)
        }
    }
}
