import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import SafeholdCore
import SafeholdStore
import SafeholdWeb
import Testing

/// The plan look-up through the pages and `/api/v1`: flags only, the same answer for no match, the
/// holder notified, the look-up on the child's page, and a limit per client.
@Suite struct PlanLookupWebTests {
    static func nurse(_ f: WebFixture) async throws -> User {
        let system = AuditContext(system: "test")
        let hospital = try await f.store.createAgency("Testshire General", kind: .health, context: system)
        let ed = try await f.store.createTeam("Emergency department", agencyId: hospital.id, context: system)
        let user = User(
            id: f.store.ids.next(), username: "ed.nurse", displayName: "Eddie Nurse", role: .unscheduledCare,
            agencyId: hospital.id, teamId: ed.id)
        return try await f.store.createUser(
            user, passwordHash: try await f.services.passwords.hash(WebFixture.password), mustChangePassword: false,
            totpSecret: nil, context: system)
    }

    static func lookup(_ nhs: String, _ born: String = "2016-05-04") -> String {
        #"{"nhsNumber":"\#(nhs)","dateOfBirth":"\#(born)","setting":"Emergency department"}"#
    }

    @Test func aNurseLearnsTheFlagAndTheSocialWorkerIsToldAndSeesTheLookUp() async throws {
        try await WebFixture.withApp { f, client in
            let nurse = try await Self.nurse(f)
            let northToken = try await f.apiToken(f.north)
            let started = try await client.execute(
                uri: "/api/v1/people/\(f.child.id)/looked-after", method: .post, headers: bearer(northToken),
                body: jsonBody(#"{"status":"C2","startedOn":"2026-11-20"}"#))
            #expect(started.status == .created)

            let page = try await f.session(nurse)
            let home = try await client.execute(uri: "/", method: .get, headers: page.headers)
            #expect(home.status == .seeOther && home.headers[.location] == "/lookup")
            let answer = try await client.execute(
                uri: "/lookup", method: .post, headers: page.formHeaders(),
                body: page.form([
                    ("nhsNumber", "943 476 5919"), ("dateOfBirth", "2016-05-04"), ("setting", "A&E, Testshire 100%"),
                ]))
            #expect(answer.status == .ok)
            #expect(answer.text.contains("looked after since 20 Nov 2026"))
            #expect(answer.text.contains("North"))
            #expect(!answer.text.contains("9434765919") && !answer.text.contains("943 476 5919"))
            #expect(!answer.text.contains("Testwick"), "the child's name never reaches unscheduled care")
            #expect(answer.text.contains("value=\"A&amp;E, Testshire 100%\""), "the setting is kept as typed")
            let record = try await client.execute(
                uri: "/people/\(f.child.id)", method: .get, headers: page.headers)
            #expect(record.status == .notFound)

            let worker = try await f.session(f.north)
            let notices = try await client.execute(uri: "/notifications", method: .get, headers: worker.headers)
            #expect(notices.text.contains("1 unread"))
            #expect(notices.text.contains("Eddie Nurse (Testshire General, A&amp;E, Testshire 100%) looked up Ada"))
            let child = try await client.execute(uri: "/people/\(f.child.id)", method: .get, headers: worker.headers)
            #expect(child.text.contains("Look-ups by unscheduled care"))
            #expect(child.text.contains("Looked after</strong> since"))
            let read = try await client.execute(
                uri: "/notifications/read", method: .post, headers: worker.formHeaders(), body: worker.form([]))
            #expect(read.status == .seeOther)
            let after = try await client.execute(uri: "/notifications", method: .get, headers: worker.headers)
            #expect(!after.text.contains("unread</span>") && !after.text.contains("1 unread"))
        }
    }

    @Test func theAPIAnswersNoMatchAndAWrongCheckDigitAlikeAndRefusesBadInputAndOtherRoles() async throws {
        try await WebFixture.withApp { f, client in
            let nurse = try await f.apiToken(try await Self.nurse(f))
            func ask(_ body: String, _ token: String) async throws -> TestResponse {
                try await client.execute(
                    uri: "/api/v1/lookups", method: .post, headers: bearer(token), body: jsonBody(body))
            }
            let unknown = try await ask(Self.lookup("9876543210"), nurse)
            let wrongCheck = try await ask(Self.lookup("9434765918"), nurse)
            let noFlag = try await ask(Self.lookup("9434765919"), nurse)
            #expect(unknown.status == .ok && wrongCheck.status == .ok && noFlag.status == .ok)
            #expect(unknown.text == wrongCheck.text && unknown.text == noFlag.text)
            #expect(try unknown.json()["information"] as? Bool == false)

            let before = try await f.count("plan_lookups")
            let bad = try await ask(#"{"nhsNumber":"12","dateOfBirth":"2016-02-30","setting":"ED"}"#, nurse)
            #expect(bad.status == .unprocessableContent)
            #expect(bad.text.contains("nhsNumber") && bad.text.contains("dateOfBirth"))
            let extra = try await ask(#"{"nhsNumber":"9434765919","dateOfBirth":"2016-05-04","x":1}"#, nurse)
            #expect(extra.status == .badRequest || extra.status == .unprocessableContent)
            let worker = try await ask(Self.lookup("9434765919"), try await f.apiToken(f.south))
            #expect(worker.status == .forbidden)
            #expect(try await f.count("plan_lookups") == before)
        }
    }

    @Test func aClientPastItsLimitIsToldToWaitAndNothingIsLookedUp() async throws {
        try await WebFixture.withApp(configure: { $0.lookupsPerMinute = 3 }) { f, client in
            let nurse = try await f.apiToken(try await Self.nurse(f))
            var statuses: [HTTPResponse.Status] = []
            for _ in 0..<3 {
                statuses.append(
                    try await client.execute(
                        uri: "/api/v1/lookups", method: .post, headers: bearer(nurse),
                        body: jsonBody(Self.lookup("9434765919"))
                    ).status)
            }
            let before = try await f.count("plan_lookups")
            let fourth = try await client.execute(
                uri: "/api/v1/lookups", method: .post, headers: bearer(nurse), body: jsonBody(Self.lookup("9434765919"))
            )
            #expect(statuses == [.ok, .ok, .ok])
            #expect(fourth.status == .tooManyRequests)
            #expect(fourth.text.contains("Try again in"))
            #expect(try await f.count("plan_lookups") == before)
        }
    }
}
