import Foundation
import HTTPTypes
import HummingbirdTesting
import SafeholdCore
import SafeholdStore
import SafeholdWeb
import Testing

@testable import SafeholdWeb

/// The police API's other records (police protection, operations, decisions, directories) and the
/// code sets its OpenAPI schemas name.
@Suite struct PoliceAPIRecordTests {
    @Test func theDocumentsCodeSetsAreCores() async throws {
        let fixture = try await WebFixture.make()
        defer { try? FileManager.default.removeItem(at: fixture.directory) }
        let document = try OpenAPIRouteTests.document(fixture.services)
        func codes(_ name: String) throws -> Set<String> {
            Set((try OpenAPIRouteTests.schema(document, name)["enum"] as? [Any] ?? []).compactMap { $0 as? String })
        }
        #expect(try codes("InvestigationStatus") == Set(InvestigationStatus.allCases.map(\.rawValue)))
        #expect(try codes("InvestigationRole") == Set(InvestigationRole.allCases.map(\.rawValue)))
        #expect(try codes("InterviewType") == Set(InterviewType.allCases.map(\.rawValue)))
        #expect(try codes("SpecialMeasure") == Set(SpecialMeasure.allCases.map(\.rawValue)))
        #expect(try codes("ChargingDecider") == Set(ChargingDecider.allCases.map(\.rawValue)))
        #expect(try codes("ChargingTest") == Set(ChargingTest.allCases.map(\.rawValue)))
        #expect(try codes("ChargingOutcome") == Set(ChargingOutcome.allCases.map(\.rawValue)))
        #expect(try codes("BailKind") == Set(BailKind.allCases.map(\.rawValue)))
        // A code from the list kept as data (`GET /api/v1/lawful-bases`), not an enum fixed in the document.
        #expect(try codes("LawfulBasis").isEmpty)
        #expect(try codes("DisclosureField") == Set(DisclosureDraft.fields))
        #expect(try codes("EvidenceKind") == Set(EvidenceItem.Kind.allCases.map(\.rawValue)))
        #expect(try codes("ProtectionOutcome") == Set(PoliceProtectionOutcome.allCases.map(\.rawValue)))
        #expect(try codes("AccreditationKind") == Set(Accreditation.Kind.allCases.map(\.rawValue)))
        let clocks: [ProtectionClock] = [.running(hours: 1), .dueSoon(hours: 50), .overdue(hours: 80), .ended]
        #expect(try codes("ProtectionClockState") == Set(clocks.map(\.code)))
        await fixture.store.database.shutdown()
    }

    @Test func policeProtectionBodiesShareOneTypeAndEachRouteRefusesTheOthersFields() async throws {
        try await WebFixture.withApp { f, client in
            let w = try await PoliceAPIWorld.make(f, client)
            let protections = try await f.count("police_protections")
            // Recording needs the child and takes no version.
            let withVersion = w.protection().replacingOccurrences(of: "{", with: #"{"expectedVersion":1,"#)
            let versioned = try await w.call(.post, "/api/v1/police-protections", w.officerToken, withVersion)
            #expect(versioned.status == .unprocessableContent, "\(versioned.text)")
            #expect(try PoliceAPIWorld.fields(versioned) == ["expectedVersion"], "\(versioned.text)")
            let noChild = w.protection().replacingOccurrences(of: #""childId":"\#(w.child.uuidString)","#, with: "")
            let childless = try await w.call(.post, "/api/v1/police-protections", w.officerToken, noChild)
            #expect(try PoliceAPIWorld.fields(childless) == ["childId"], "\(childless.text)")
            #expect(try await f.count("police_protections") == protections)

            let recorded = try await w.call(.post, "/api/v1/police-protections", w.officerToken, w.protection())
            let id = try #require(try recorded.json()["id"] as? String)
            // Changing needs the version and never moves the protection to another child.
            let moved = try await w.call(.put, "/api/v1/police-protections/\(id)", w.officerToken, withVersion)
            #expect(moved.status == .unprocessableContent, "\(moved.text)")
            #expect(try PoliceAPIWorld.fields(moved) == ["childId"], "\(moved.text)")
            let unversioned = w.protection().replacingOccurrences(
                of: #""childId":"\#(w.child.uuidString)","#, with: "")
            let missing = try await w.call(.put, "/api/v1/police-protections/\(id)", w.officerToken, unversioned)
            #expect(try PoliceAPIWorld.fields(missing) == ["expectedVersion"], "\(missing.text)")
            let still = try await w.call(.get, "/api/v1/police-protections/\(id)", w.officerToken)
            #expect(try still.json()["version"] as? Int == 1, "\(still.text)")
        }
    }

    @Test func policeProtectionRunsItsClockIsToldAndEnds() async throws {
        try await WebFixture.withApp { f, client in
            let w = try await PoliceAPIWorld.make(f, client)
            let recorded = try await w.call(.post, "/api/v1/police-protections", w.officerToken, w.protection())
            #expect(recorded.status == .created, "\(recorded.text)")
            let body = try recorded.json()
            let id = try #require(body["id"] as? String)
            let clock = try #require(body["clock"] as? [String: Any])
            #expect(clock["state"] as? String == "running" && clock["hours"] as? Int == 6)
            #expect(clock["expiresAt"] as? String == "2026-11-27T03:00:00.000Z")
            #expect(body["contactId"] is String, "no episode was open: a contact goes to children's services")
            let again = try await w.call(.post, "/api/v1/police-protections", w.officerToken, w.protection())
            #expect(again.status == .conflict)

            let told = w.protection().replacingOccurrences(
                of: #"{"childId":"\#(w.child.uuidString)","#, with: #"{"expectedVersion":1,"#
            ).replacingOccurrences(of: "}", with: #","localAuthorityToldAt":"2026-11-24T04:00:00Z"}"#)
            let updated = try await w.call(.put, "/api/v1/police-protections/\(id)", w.officerToken, told)
            #expect(updated.status == .ok, "\(updated.text)")
            #expect(try updated.json()["localAuthorityToldAt"] as? String == "2026-11-24T04:00:00.000Z")
            let stale = try await w.call(.put, "/api/v1/police-protections/\(id)", w.officerToken, told)
            #expect(stale.status == .conflict)

            let social = try await w.call(.get, "/api/v1/police-protections/\(id)", w.northToken)
            #expect(social.status == .ok)
            #expect((try social.json()["child"] as? [String: Any])?["id"] as? String == w.child.uuidString)
            let east = try await w.call(.get, "/api/v1/police-protections/\(id)", w.eastToken)
            #expect(east.status == .notFound)
            let home = try await w.call(.get, "/api/v1/police/home", w.officerToken)
            #expect((try home.json()["protections"] as? [[String: Any]])?.count == 1)

            let noCourt = try await w.call(
                .post, "/api/v1/police-protections/\(id)/end", w.officerToken,
                #"{"expectedVersion":2,"endedAt":"2026-11-24T08:00:00Z","outcome":"epo_applied"}"#)
            #expect(try PoliceAPIWorld.fields(noCourt).contains("court"), "\(noCourt.text)")
            let ended = try await w.call(
                .post, "/api/v1/police-protections/\(id)/end", w.officerToken,
                #"{"expectedVersion":2,"endedAt":"2026-11-24T08:00:00Z","outcome":"epo_applied","#
                    + #""court":"Testshire Family Court","applicationDate":"2026-11-24"}"#
            )
            #expect(ended.status == .ok, "\(ended.text)")
            let endedClock = try #require(try ended.json()["clock"] as? [String: Any])
            #expect(endedClock["state"] as? String == "ended" && endedClock["hours"] as? Int == 5)
            #expect((try ended.json()["ending"] as? [String: Any])?["outcome"] as? String == "epo_applied")
        }
    }

    @Test func anOperationGroupsInvestigationsEvidenceAndIdentifiedChildren() async throws {
        try await WebFixture.withApp { f, client in
            let w = try await PoliceAPIWorld.make(f, client)
            let opened = try await w.call(
                .post, "/api/v1/operations", w.officerToken,
                #"{"name":"Operation Kestrel","summary":"Images shared in an online group."}"#)
            #expect(opened.status == .created, "\(opened.text)")
            let operation = try #require(try opened.json()["id"] as? String)
            let twice = try await w.call(
                .post, "/api/v1/operations", w.sergeantToken, #"{"name":"operation kestrel","summary":"Again."}"#)
            #expect(try PoliceAPIWorld.fields(twice) == ["name"])

            let investigation = try await w.call(
                .post, "/api/v1/investigations", w.officerToken,
                w.investigation(crime: "TS/54321/26", extra: #","operationId":"\#(operation)""#))
            #expect(investigation.status == .created, "\(investigation.text)")
            let investigationId = try #require(try investigation.json()["id"] as? String)

            let hash = String(repeating: "AB", count: 32)
            let evidence = try await w.call(
                .post, "/api/v1/operations/\(operation)/evidence", w.officerToken,
                #"{"kind":"device","identifier":"EXH-001","hash":"\#(hash)","#
                    + #""categoryA":3,"categoryB":10,"categoryC":120}"#
            )
            #expect(evidence.status == .created, "\(evidence.text)")
            #expect(try evidence.json()["hash"] as? String == hash.lowercased())
            let badHash = try await w.call(
                .post, "/api/v1/operations/\(operation)/evidence", w.officerToken,
                #"{"kind":"device","identifier":"EXH-002","hash":"xyz","categoryA":0,"categoryB":0,"categoryC":0}"#)
            #expect(try PoliceAPIWorld.fields(badHash) == ["hash"])

            let created = try await w.call(
                .post, "/api/v1/people", w.officerToken,
                #"{"kind":"child","givenName":"Ben","familyName":"Imageworth","dateOfBirth":"2015-03-02","sex":"M"}"#)
            let ben = try #require(try created.json()["id"] as? String)
            let asSuspect = try await w.call(
                .post, "/api/v1/operations/\(operation)/victims", w.officerToken,
                #"{"childId":"\#(ben)","role":"suspect","investigationId":"\#(investigationId)","raiseContact":false}"#)
            #expect(try PoliceAPIWorld.fields(asSuspect) == ["role"])
            let identified = try await w.call(
                .post, "/api/v1/operations/\(operation)/victims", w.officerToken,
                #"{"childId":"\#(ben)","role":"witness","investigationId":"\#(investigationId)","#
                    + #""raiseContact":true,"concern":"Identified in seized images."}"#
            )
            #expect(identified.status == .created, "\(identified.text)")
            #expect(try identified.json()["contactId"] is String)

            let file = try await w.call(.get, "/api/v1/operations/\(operation)", w.officerToken)
            #expect(file.status == .ok, "\(file.text)")
            let json = try file.json()
            #expect((json["victims"] as? [[String: Any]])?.count == 2)
            #expect((json["evidence"] as? [[String: Any]])?.first?["categoryC"] as? Int == 120)
            #expect((json["investigations"] as? [[String: Any]])?.first?["id"] as? String == investigationId)
            let north = try await w.call(.get, "/api/v1/operations/\(operation)", w.northToken)
            #expect(north.status == .notFound || north.status == .forbidden)
        }
    }

    @Test func aChargingDecisionMovesTheInvestigationAndItsBailDateReachesTheHome() async throws {
        try await WebFixture.withApp { f, client in
            let w = try await PoliceAPIWorld.make(f, client)
            let id = try await w.openInvestigation()
            // Charged straight from reported is not an allowed move: a 409 naming the status, nothing written.
            let decisions = try await f.count("charging_decisions")
            let early = try await w.call(
                .post, "/api/v1/investigations/\(id)/decisions", w.officerToken, w.decision(version: 1))
            #expect(early.status == .conflict, "\(early.text)")
            #expect(early.text.contains("is reported"), "\(early.text)")
            #expect(try await f.count("charging_decisions") == decisions)
            for (version, status) in [(1, "under_investigation"), (2, "file_to_cps")] {
                let moved = try await w.call(
                    .post, "/api/v1/investigations/\(id)/status", w.officerToken,
                    #"{"status":"\#(status)","expectedVersion":\#(version)}"#)
                #expect(moved.status == .ok, "\(moved.text)")
            }
            let decided = try await w.call(
                .post, "/api/v1/investigations/\(id)/decisions", w.officerToken, w.decision(version: 3))
            #expect(decided.status == .created, "\(decided.text)")
            #expect(try decided.json()["outcome"] as? String == "charge")
            let stale = try await w.call(
                .post, "/api/v1/investigations/\(id)/decisions", w.officerToken, w.decision(version: 3))
            #expect(stale.status == .conflict)
            let file = try await w.call(.get, "/api/v1/investigations/\(id)", w.northToken)
            #expect((try file.json()["investigation"] as? [String: Any])?["status"] as? String == "charged")
            #expect((try file.json()["decisions"] as? [[String: Any]])?.first?["childViews"] as? String != nil)
            let home = try await w.call(.get, "/api/v1/police/home", w.officerToken)
            let bail = try #require(try home.json()["bail"] as? [[String: Any]])
            #expect(bail.first?["until"] as? String == "2026-12-15" && bail.first?["kind"] as? String == "bail")

            let teams = try await w.call(.get, "/api/v1/police/teams", w.northToken)
            let names = (try teams.json()["teams"] as? [[String: Any]])?.compactMap { $0["name"] as? String }
            #expect(Set(names ?? []) == ["CAIT", "CAIT East"])
            let officers = try await w.call(.get, "/api/v1/police/officers", w.officerToken)
            #expect((try officers.json()["officers"] as? [Any])?.count == 3)
            #expect(try await w.call(.get, "/api/v1/police/officers", w.northToken).status == .forbidden)
            let offences = try await w.call(.get, "/api/v1/offences", w.northToken)
            #expect((try offences.json()["offences"] as? [Any])?.count == OffenceCode.england.count)
        }
    }
}
