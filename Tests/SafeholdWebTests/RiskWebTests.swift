import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import SafeholdCore
import SafeholdStore
import SafeholdWeb
import Testing

/// People who pose a risk through the pages and `/api/v1`: the MAPPA coordinator's home and profile
/// pages, minutes for the panel only, the person page's link only for those who may see the profile, and
/// the same field errors as the store.
@Suite struct RiskWebTests {
    @Test func theCoordinatorLandsOnTheMappaHomeAndReadsTheProfileAndMinutes() async throws {
        try await WebFixture.withApp { f, client in
            let seed = try await f.seedRisk()
            let coordinator = try #require(try await f.store.account(id: seed.coordinator)).user
            let page = try await f.session(coordinator)
            let home = try await client.execute(uri: "/", method: .get, headers: page.headers)
            #expect(home.status == .seeOther && home.headers[.location] == "/mappa")
            let mappa = try await client.execute(uri: "/mappa", method: .get, headers: page.headers)
            #expect(mappa.status == .ok && mappa.text.contains("Mary Testwick") && mappa.text.contains("Level 2"))
            #expect(mappa.text.contains("Home visit") && mappa.text.contains("Overdue"))
            let profile = try await client.execute(
                uri: "/risk-profiles/\(seed.profile)", method: .get, headers: page.headers)
            #expect(profile.status == .ok && profile.text.contains("Minutes: the panel discussed the risk."))
            #expect(profile.text.contains("/risk-profiles/\(seed.profile)/meetings/new"))
            let form = try await client.execute(
                uri: "/risk-profiles/\(seed.profile)/meetings/new", method: .get, headers: page.headers)
            #expect(form.status == .ok && form.text.contains("Record a MAPPA meeting"))
            let token = try await f.apiToken(coordinator)
            let api = try await client.execute(uri: "/api/v1/mappa/home", method: .get, headers: bearer(token))
            let levels = try api.json()["byLevel"] as? [[String: Any]]
            #expect(levels?.first { $0["level"] as? Int == 2 }?["count"] as? Int == 1)
        }
    }

    @Test func aPanelMemberReadsTheMinutesAndTheHolderOfTheAdultsRecordDoesNot() async throws {
        try await WebFixture.withApp { f, client in
            let seed = try await f.seedRisk()
            // The police officer attended (and manages the case): minutes through the API; the link on the page
            // of the adult appears only for those who may see the profile.
            let officer = try await f.apiToken(f.police)
            let meeting = try await client.execute(
                uri: "/api/v1/mappa-meetings/\(seed.meeting)", method: .get, headers: bearer(officer))
            let restricted = try meeting.json()["minutesRestricted"] as? Bool
            #expect(meeting.status == .ok && restricted == false)
            #expect((try meeting.json()["plan"] as? String) == "Plan: weekly home visits.")
            // North holds Mary's record: the person page has no link and the profile is the one 404.
            let north = try await f.session(f.north)
            let person = try await client.execute(uri: "/people/\(seed.adult)", method: .get, headers: north.headers)
            #expect(person.status == .ok && !person.text.contains("/risk-profiles/"))
            for uri in ["/risk-profiles/\(seed.profile)", "/risk-profiles/\(UUID())"] {
                let refused = try await client.execute(uri: uri, method: .get, headers: north.headers)
                #expect(refused.status == .notFound)
            }
            let token = try await f.apiToken(f.north)
            let real = try await client.execute(
                uri: "/api/v1/risk-profiles/\(seed.profile)", method: .get, headers: bearer(token))
            let made = try await client.execute(
                uri: "/api/v1/risk-profiles/\(UUID())", method: .get, headers: bearer(token))
            #expect(
                real.status == .notFound && Array(real.body.readableBytesView) == Array(made.body.readableBytesView))
            let list = try await client.execute(uri: "/api/v1/risk-profiles", method: .get, headers: bearer(token))
            #expect((try list.json()["riskProfiles"] as? [Any])?.isEmpty == true)
            // North's manager of Mary's team: the same.
            let manager = try await f.apiToken(f.manager)
            let minutes = try await client.execute(
                uri: "/api/v1/mappa-meetings/\(seed.meeting)", method: .get, headers: bearer(manager))
            #expect(minutes.status == .notFound && !minutes.text.contains("panel discussed"))
        }
    }

    @Test func badInputIsRefusedNamingTheFieldAndNothingIsWritten() async throws {
        try await WebFixture.withApp { f, client in
            let coordinator = try await f.mappaCoordinator()
            let token = try await f.apiToken(coordinator)
            let agency = f.police.agencyId.uuidString
            let base =
                #""personId":"\#(f.mother.id)","kind":"violent_offender","riskTo":["children"],"#
                + #""leadAgencyId":"\#(agency)","offenderManagerName":"O","offenderManagerPhone":"01632960777""#
            for (extra, field) in [
                (#","riskOfSeriousHarm":"high","mappaLevel":2,"nextMeetingOn":"2026-12-01""#, "mappaCategory"),
                (#","riskOfSeriousHarm":"high","mappaCategory":2,"mappaLevel":3"#, "nextMeetingOn"),
                (#","riskOfSeriousHarm":"catastrophic""#, "riskOfSeriousHarm"),
            ] {
                let refused = try await client.execute(
                    uri: "/api/v1/risk-profiles", method: .post, headers: bearer(token),
                    body: jsonBody("{\(base)\(extra)}"))
                #expect(refused.status == .unprocessableContent, "\(field)")
                let fields = (try refused.json()["error"] as? [String: Any])?["fields"] as? [[String: Any]]
                #expect(fields?.compactMap { $0["field"] as? String } == [field])
            }
            let child = try await client.execute(
                uri: "/api/v1/risk-profiles", method: .post, headers: bearer(token),
                body: jsonBody(
                    "{\(base.replacingOccurrences(of: f.mother.id.uuidString, with: f.child.id.uuidString)),"
                        + #""riskOfSeriousHarm":"low"}"#))
            #expect(child.status == .unprocessableContent && child.text.contains("personId"))
            #expect(try await f.count("risk_profiles") == 0)
            // Through the page: the same field named, the form shown again.
            let page = try await f.session(coordinator)
            let form = try await client.execute(
                uri: "/risk-profiles/new", method: .post, headers: page.formHeaders(),
                body: page.form([
                    ("personId", f.mother.id.uuidString), ("kind", "violent_offender"), ("riskOfSeriousHarm", "high"),
                    ("riskTo", "children"), ("leadAgencyId", agency), ("offenderManagerName", "O"),
                    ("offenderManagerPhone", "01632960777"), ("mappaLevel", "2"), ("nextMeetingOn", "2026-12-01"),
                ]))
            #expect(form.status == .unprocessableContent && form.text.contains("mappaCategory"))
            #expect(try await f.count("risk_profiles") == 0)
            // Created, then a stale version is a 409.
            let created = try await client.execute(
                uri: "/api/v1/risk-profiles", method: .post, headers: bearer(token),
                body: jsonBody(#"{\#(base),"riskOfSeriousHarm":"low"}"#))
            #expect(created.status == .created)
            let id = try #require(try created.json()["id"] as? String)
            let body = #"{"version":1,\#(base.replacingOccurrences(of: #""personId":"\#(f.mother.id)","#, with: "")),"#
            let changed = try await client.execute(
                uri: "/api/v1/risk-profiles/\(id)", method: .put, headers: bearer(token),
                body: jsonBody(body + #""riskOfSeriousHarm":"medium"}"#))
            let version = try changed.json()["version"] as? Int
            #expect(changed.status == .ok && version == 2)
            let stale = try await client.execute(
                uri: "/api/v1/risk-profiles/\(id)", method: .put, headers: bearer(token),
                body: jsonBody(body + #""riskOfSeriousHarm":"high"}"#))
            #expect(stale.status == .conflict)
            let again = try await client.execute(
                uri: "/api/v1/risk-profiles", method: .post, headers: bearer(token),
                body: jsonBody(#"{\#(base),"riskOfSeriousHarm":"low"}"#))
            #expect(again.status == .conflict)
            #expect(try await f.count("risk_profiles") == 1)
        }
    }

    @Test func theCoordinatorFindsTheAdultByNameAndOpensTheProfileFromThePage() async throws {
        try await WebFixture.withApp { f, client in
            let coordinator = try await f.mappaCoordinator()
            let page = try await f.session(coordinator)
            let search = try await client.execute(
                uri: "/risk-profiles/new?q=Testwick", method: .get, headers: page.headers)
            #expect(
                search.status == .ok && search.text.contains("Mary Testwick") && !search.text.contains("Ada Testwick"))
            let form = try await client.execute(
                uri: "/risk-profiles/new?person=\(f.mother.id)", method: .get, headers: page.headers)
            #expect(form.status == .ok && form.text.contains("SOA03-S7"))
            let created = try await client.execute(
                uri: "/risk-profiles/new", method: .post, headers: page.formHeaders(),
                body: page.form([
                    ("personId", f.mother.id.uuidString), ("kind", "registered_sex_offender"),
                    ("registeredOn", "2024-01-10"), ("registrationPeriod", "indefinite"), ("offences", "SOA03-S9"),
                    ("riskOfSeriousHarm", "high"), ("riskTo", "children"), ("riskTo", "public"),
                    ("leadAgencyId", f.police.agencyId.uuidString), ("offenderManagerUserId", f.police.id.uuidString),
                    ("offenderManagerPhone", "01632 960 777"), ("mappaCategory", "1"), ("mappaLevel", "1"),
                ]))
            #expect(created.status == .seeOther)
            let location = try #require(created.headers[.location])
            let shown = try await client.execute(uri: location, method: .get, headers: page.headers)
            #expect(shown.text.contains("Sexual activity with a child") && shown.text.contains("Periodic notification"))
            // The offender manager (a police user) sees the link on... no page of the adult is theirs; the
            // profile itself opens for them.
            let officer = try await f.session(f.police)
            #expect(try await client.execute(uri: location, method: .get, headers: officer.headers).status == .ok)
            // A social worker may not open the form at all.
            let north = try await f.session(f.north)
            let refused = try await client.execute(uri: "/risk-profiles/new", method: .get, headers: north.headers)
            #expect(refused.status == .forbidden)
        }
    }
}
