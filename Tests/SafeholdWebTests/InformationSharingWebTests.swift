import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import SafeholdCore
import SafeholdStore
import SafeholdWeb
import Testing

/// The sharing record through the pages and `/api/v1`: the same refusals for the same input, each agency
/// its own slice, the register for the data protection officer only.
@Suite struct InformationSharingWebTests {
    struct Partners { let school: Agency, health: Agency, dsl: User, hv: User, nurse: User }

    static func partners(_ f: WebFixture) async throws -> Partners {
        let system = AuditContext(system: "test")
        let school = try await f.store.createAgency("Testshire Primary", kind: .school, context: system)
        let health = try await f.store.createAgency("Testshire Health", kind: .health, context: system)
        let hash = try await f.services.passwords.hash(WebFixture.password)
        func user(_ name: String, _ role: Role, _ agency: Agency) async throws -> User {
            let team = try await f.store.createTeam("\(name) team", agencyId: agency.id, context: system)
            return try await f.store.createUser(
                User(
                    id: f.store.ids.next(), username: name, displayName: name.capitalized, role: role,
                    agencyId: agency.id, teamId: team.id), passwordHash: hash, mustChangePassword: false,
                totpSecret: nil, context: system)
        }
        return Partners(
            school: school, health: health, dsl: try await user("dsl.test", .partner, school),
            hv: try await user("hv.test", .partner, health), nurse: try await user("ed.test", .unscheduledCare, health))
    }

    static func disclosure(_ agency: UUID, basis: String? = "ukgdpr_6_1_e", extra: String = "") -> String {
        #"{"decision":"disclosed","what":"The plan's safety actions.","recipientAgencyId":"\#(agency.uuidString)","#
            + (basis.map { #""lawfulBasis":"\#($0)","# } ?? "")
            + #""consent":"given","reasons":"School collects the child."\#(extra)}"#
    }

    @Test func theSamePageAndAPIRefusalsNameTheFieldAndWriteNothing() async throws {
        try await WebFixture.withApp { f, client in
            let p = try await Self.partners(f)
            let token = try await f.apiToken(f.north)
            let page = try await f.session(f.north)
            let before = try await f.count("disclosures")
            let api = try await client.execute(
                uri: "/api/v1/people/\(f.child.id)/disclosures", method: .post, headers: bearer(token),
                body: jsonBody(Self.disclosure(p.school.id, basis: nil)))
            #expect(api.status == .unprocessableContent && api.text.contains("lawfulBasis"))
            let overridden = try await client.execute(
                uri: "/api/v1/people/\(f.child.id)/disclosures", method: .post, headers: bearer(token),
                body: jsonBody(Self.disclosure(p.school.id).replacingOccurrences(of: "given", with: "overridden")))
            #expect(overridden.status == .unprocessableContent && overridden.text.contains("consentReason"))
            let form = try await client.execute(
                uri: "/people/\(f.child.id)/disclosures", method: .post, headers: page.formHeaders(),
                body: page.form([
                    ("decision", "disclosed"), ("what", "Plan"), ("recipientAgencyId", p.school.id.uuidString),
                    ("consent", "given"), ("reasons", "Needed"), ("sharedOn", "2026-11-24"),
                ]))
            #expect(form.status == .unprocessableContent)
            #expect(form.text.contains(#"data-field="lawfulBasis""#) && form.text.contains("Lawful basis"))
            let unknown = try await client.execute(
                uri: "/api/v1/people/\(f.child.id)/disclosures", method: .post, headers: bearer(token),
                body: jsonBody(Self.disclosure(p.school.id, extra: #","colour":"red""#)))
            #expect(unknown.status == .unprocessableContent)
            #expect(try await f.count("disclosures") == before)
        }
    }

    @Test func aSchoolSeesWhatWasSharedWithItAndNotHealthsAndTheNurseNothing() async throws {
        try await WebFixture.withApp { f, client in
            let p = try await Self.partners(f)
            let token = try await f.apiToken(f.north)
            for (agency, what) in [(p.school.id, "School: collection plan."), (p.health.id, "Health: clinic dates.")] {
                let made = try await client.execute(
                    uri: "/api/v1/people/\(f.child.id)/disclosures", method: .post, headers: bearer(token),
                    body: jsonBody(
                        Self.disclosure(agency).replacingOccurrences(of: "The plan's safety actions.", with: what)))
                #expect(made.status == .created)
            }
            let school = try await f.session(p.dsl)
            let shared = try await client.execute(uri: "/shared-with-us", method: .get, headers: school.headers)
            #expect(shared.status == .ok && shared.text.contains("School: collection plan."))
            #expect(
                !shared.text.contains("Health: clinic dates.") && !shared.text.contains("School collects the child."))
            let json = try await client.execute(
                uri: "/api/v1/shared-with-us", method: .get, headers: bearer(try await f.apiToken(p.hv)))
            let lines = try json.json()["disclosures"] as? [[String: Any]]
            #expect(lines?.map { $0["what"] as? String } == ["Health: clinic dates."])
            #expect(lines?.first?["reasons"] == nil && lines?.first?["records"] == nil)
            // The child's whole record stays closed to the school, and unscheduled care sees nothing.
            let whole = try await client.execute(
                uri: "/people/\(f.child.id)/disclosures", method: .get, headers: school.headers)
            #expect(whole.status == .notFound)
            let nurse = try await f.session(p.nurse)
            #expect(
                try await client.execute(uri: "/shared-with-us", method: .get, headers: nurse.headers).status
                    == .forbidden)
            // The worker sees the panel on the child's page and the full list.
            let worker = try await f.session(f.north)
            let child = try await client.execute(uri: "/people/\(f.child.id)", method: .get, headers: worker.headers)
            #expect(child.text.contains("Information sharing") && child.text.contains("Shared with Testshire Primary"))
        }
    }

    @Test func aPartnerAsksTheWorkerAnswersOnceAndTheRegisterShowsItToTheDPOOnly() async throws {
        try await WebFixture.withApp { f, client in
            let p = try await Self.partners(f)
            let dsl = try await f.apiToken(p.dsl)
            let raised = try await client.execute(
                uri: "/api/v1/information-requests", method: .post, headers: bearer(dsl),
                body: jsonBody(#"{"personId":"\#(f.child.id)","what":"Who may collect?","why":"A stranger came."}"#))
            #expect(raised.status == .created)
            let id = try #require(try raised.json()["id"] as? String)
            #expect(try raised.json()["dueOn"] as? String == "2026-12-08")
            let waiting = try await client.execute(
                uri: "/shared-with-us", method: .get, headers: try await f.session(p.dsl).headers)
            #expect(waiting.text.contains("Awaiting an answer") && !waiting.text.contains("Awaiting an answer:"))
            let answer =
                #"{"version":1,"outcome":"disclosed_in_full","disclosure":"# + Self.disclosure(UUID()) + "}"
            let token = try await f.apiToken(f.north)
            let first = try await client.execute(
                uri: "/api/v1/information-requests/\(id)/response", method: .post, headers: bearer(token),
                body: jsonBody(answer))
            #expect(first.status == .ok)
            let again = try await client.execute(
                uri: "/api/v1/information-requests/\(id)/response", method: .post, headers: bearer(token),
                body: jsonBody(answer))
            #expect(again.status == .conflict)
            let told = try await client.execute(
                uri: "/notifications", method: .get, headers: try await f.session(p.dsl).headers)
            #expect(told.text.contains(#"href="/shared-with-us""#) && !told.text.contains("/people/"))
            let shared = try await client.execute(uri: "/api/v1/shared-with-us", method: .get, headers: bearer(dsl))
            #expect(
                (try shared.json()["requests"] as? [[String: Any]])?.first?["outcome"] as? String == "disclosed_in_full"
            )
            #expect((try shared.json()["disclosures"] as? [[String: Any]])?.count == 1)
            let dpo = try await f.apiToken(f.dpo)
            let register = try await client.execute(
                uri: "/api/v1/disclosures?agencyId=\(p.school.id)", method: .get, headers: bearer(dpo))
            #expect((try register.json()["disclosures"] as? [[String: Any]])?.count == 1)
            let bad = try await client.execute(
                uri: "/api/v1/disclosures?from=2026-13-01", method: .get, headers: bearer(dpo))
            #expect(bad.status == .unprocessableContent)
            let refused = try await client.execute(uri: "/api/v1/disclosures", method: .get, headers: bearer(token))
            #expect(refused.status == .forbidden)
            let bases = try await client.execute(uri: "/api/v1/lawful-bases", method: .get, headers: bearer(dsl))
            let codes = (try bases.json()["lawfulBases"] as? [[String: Any]])?.compactMap { $0["code"] as? String }
            #expect(codes?.contains("ukgdpr_9_2_g_dpa2018_sch1_para18") == true)
            let pageSession = try await f.session(f.dpo)
            let registerPage = try await client.execute(uri: "/disclosures", method: .get, headers: pageSession.headers)
            #expect(registerPage.status == .ok && registerPage.text.contains("Testshire Primary"))
        }
    }
}
