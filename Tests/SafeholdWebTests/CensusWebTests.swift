import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import SafeholdCore
import SafeholdStore
import SafeholdWeb
import Testing

/// The CIN census page, its XML download and the API: the analyst's, with every refusal a clear status.
@Suite("The CIN census page and API")
struct CensusWebTests {
    /// The fixture's child Ada referred in June 2025 and the referral decided as needing no further action.
    static func referAda(_ f: WebFixture) async throws {
        let contact = try await f.store.recordContact(
            ContactDraft(
                receivedAt: Timestamp.date("2025-06-02T10:00:00.000Z")!, source: .schools, referrerName: "DSL",
                referrerAgency: nil, childIds: [f.child.id], concern: "Bruise seen at school."),
            context: AuditContext(actor: f.north.actor, ipAddress: nil))
        _ = try await f.store.triage(
            contact.id,
            TriageDraft(
                decision: .referralNoFurtherAction, reason: "Explained; no further action.", urgency: .green,
                referrerInformedOn: nil), expectedVersion: 1,
            context: AuditContext(actor: f.frontDoor.actor, ipAddress: nil))
    }

    @Test func theAnalystChecksAYearDownloadsTheReturnAndReadsTheAPI() async throws {
        try await WebFixture.withApp(configure: { $0.census.laCode = "321" }) { f, client in
            try await Self.referAda(f)
            let page = try await f.session(f.analyst)
            let form = try await client.execute(uri: "/census", method: .get, headers: page.headers)
            #expect(form.status == .ok && form.text.contains(#"id="year""#) && form.text.contains("2025-26"))
            let checked = try await client.execute(uri: "/census?year=2025", method: .get, headers: page.headers)
            #expect(checked.status == .ok && checked.text.contains("1 children"))
            #expect(checked.text.contains("/census/return.xml?year=2025"))
            let file = try await client.execute(
                uri: "/census/return.xml?year=2025", method: .get, headers: page.headers)
            #expect(file.status == .ok && file.headers[.contentType] == "application/xml; charset=utf-8")
            #expect(file.headers[.contentDisposition] == "attachment; filename=\"cin-census-2026.xml\"")
            #expect(file.text.contains("<LEA>321</LEA>") && file.text.contains("<ReferralNFA>true</ReferralNFA>"))
            #expect(!file.text.contains("Ada") && !file.text.contains("Testwick"), "no name leaves in the return")
            let token = try await f.apiToken(f.analyst)
            let findings = try await client.execute(
                uri: "/api/v1/census/2025/findings", method: .get, headers: bearer(token))
            #expect(findings.status == .ok && findings.text.contains(#""children":1"#))
            let xml = try await client.execute(uri: "/api/v1/census/2025/return", method: .get, headers: bearer(token))
            #expect(xml.status == .ok && xml.text.contains("<Year>2026</Year>"))
            let audited = try await f.store.audit.entries(forPerson: f.child.id).filter {
                $0.event.entityType == "census" && $0.event.actorId == f.analyst.id
            }
            #expect(audited.count == 2, "each download audited against the child")
        }
    }

    @Test func workersPartnersAndThePoliceAreRefused() async throws {
        try await WebFixture.withApp(configure: { $0.census.laCode = "321" }) { f, client in
            try await Self.referAda(f)
            for user in [f.north, f.manager, f.police, f.dpo, f.frontDoor] {
                let token = try await f.apiToken(user)
                for uri in ["/api/v1/census/2025/findings", "/api/v1/census/2025/return?allowErrors=true"] {
                    let response = try await client.execute(uri: uri, method: .get, headers: bearer(token))
                    #expect(response.status == .forbidden, "\(user.username) \(uri)")
                    #expect(!response.text.contains("<Child>") && !response.text.contains("SH-"))
                }
            }
            let page = try await f.session(f.north)
            for uri in ["/census", "/census?year=2025", "/census/return.xml?year=2025"] {
                let response = try await client.execute(uri: uri, method: .get, headers: page.headers)
                #expect(response.status == .forbidden, "\(uri)")
            }
        }
    }

    @Test func aYearNotEndedOrNotAYearOrNoLACodeIsAClearRefusal() async throws {
        try await WebFixture.withApp { f, client in
            try await Self.referAda(f)
            let page = try await f.session(f.analyst)
            let token = try await f.apiToken(f.analyst)
            let cases: [(String, HTTPResponse.Status, String)] = [
                ("/census?year=2026", .conflict, "ends on 2027-03-31"),
                ("/census?year=abc", .unprocessableContent, "year"),
                ("/census?year=99999999999999999999", .unprocessableContent, "year"),
                ("/census?year=1999", .unprocessableContent, "year"),
                ("/census/return.xml", .unprocessableContent, "year"),
                ("/census/return.xml?year=2025", .unprocessableContent, "laCode"),
                ("/census/return.xml?year=2025&allowErrors=perhaps", .unprocessableContent, "allowErrors"),
            ]
            for (uri, status, text) in cases {
                let response = try await client.execute(uri: uri, method: .get, headers: page.headers)
                #expect(response.status == status && response.text.contains(text), "\(uri): \(response.status)")
            }
            let api = try await client.execute(
                uri: "/api/v1/census/2026/findings", method: .get, headers: bearer(token))
            #expect(api.status == .conflict)
            let huge = try await client.execute(
                uri: "/api/v1/census/20250/return", method: .get, headers: bearer(token))
            #expect(huge.status == .unprocessableContent && huge.text.contains("year"))
            let negative = try await client.execute(
                uri: "/api/v1/census/-1/return", method: .get, headers: bearer(token))
            #expect(negative.status == .unprocessableContent)
        }
    }
}
