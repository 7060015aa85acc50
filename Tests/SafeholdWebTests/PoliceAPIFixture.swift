import Foundation
import HTTPTypes
import HummingbirdTesting
import SafeholdCore
import SafeholdStore
import SafeholdWeb
import Testing

/// The police side of the web fixture: a supervising officer in the fixture's CAIT, an officer of
/// another police team of the same force, and a partner agency professional; JSON bodies for the
/// police API; and a call helper.
struct PoliceAPIWorld {
    let f: WebFixture
    let client: any TestClientProtocol
    let sergeant: User, eastOfficer: User, partner: User
    let officerToken: String, sergeantToken: String, eastToken: String, partnerToken: String
    let northToken: String, southToken: String

    var child: UUID { f.child.id }
    var officer: UUID { f.police.id }
    var cait: UUID { f.police.teamId! }

    static func make(_ f: WebFixture, _ client: any TestClientProtocol) async throws -> PoliceAPIWorld {
        let system = AuditContext(system: "test")
        let force = try #require(try await f.store.agencies().first { $0.kind == .police })
        let east = try await f.store.createTeam("CAIT East", agencyId: force.id, context: system)
        let health = try await f.store.createAgency("Testshire Health", kind: .health, context: system)
        let nursing = try await f.store.createTeam("School Nursing", agencyId: health.id, context: system)
        let hash = try await f.services.passwords.hash(WebFixture.password)
        func user(_ name: String, _ role: Role, _ team: Team) async throws -> User {
            try await f.store.createUser(
                User(
                    id: f.store.ids.next(), username: name, displayName: name.capitalized, role: role,
                    agencyId: team.agencyId, teamId: team.id),
                passwordHash: hash, mustChangePassword: false, context: system)
        }
        let caitTeam = Team(id: f.police.teamId!, agencyId: force.id, name: "CAIT")
        let sergeant = try await user("sergeant", .police, caitTeam)
        let eastOfficer = try await user("eastofficer", .police, east)
        let partner = try await user("nurse", .partner, nursing)
        return PoliceAPIWorld(
            f: f, client: client, sergeant: sergeant, eastOfficer: eastOfficer, partner: partner,
            officerToken: try await f.apiToken(f.police), sergeantToken: try await f.apiToken(sergeant),
            eastToken: try await f.apiToken(eastOfficer), partnerToken: try await f.apiToken(partner),
            northToken: try await f.apiToken(f.north), southToken: try await f.apiToken(f.south))
    }

    func call(
        _ method: HTTPRequest.Method, _ uri: String, _ token: String, _ body: String? = nil
    ) async throws -> TestResponse {
        try await client.execute(uri: uri, method: method, headers: bearer(token), body: body.map(jsonBody))
    }

    /// The names of the fields a 4xx answer names.
    static func fields(_ response: TestResponse) throws -> [String] {
        (try (response.json()["error"] as? [String: Any])?["fields"] as? [[String: Any]] ?? []).compactMap {
            $0["field"] as? String
        }
    }

    func investigation(
        crime: String = "TS/12345/26", offences: String = #"["CYPA1"]"#, people: String? = nil,
        intelligence: String = "Police-only intelligence from a source.", extra: String = ""
    ) -> String {
        let people = people ?? #"[{"personId":"\#(child.uuidString)","role":"victim"}]"#
        return #"{"crimeReference":"\#(crime)","offences":\#(offences),"officerId":"\#(officer.uuidString)","#
            + #""supervisorId":"\#(sergeant.id.uuidString)","people":\#(people),"#
            + #""summary":"Bruising reported by school.","intelligence":"\#(intelligence)"\#(extra)}"#
    }

    func update(version: Int, crime: String = "TS/12345/26") -> String {
        #"{"expectedVersion":\#(version),"crimeReference":"\#(crime)","offences":["CYPA1","OAPA47"],"#
            + #""officerId":"\#(officer.uuidString)","supervisorId":"\#(sergeant.id.uuidString)","#
            + #""people":[{"personId":"\#(child.uuidString)","role":"victim"},"#
            + #"{"personId":"\#(f.mother.id.uuidString)","role":"suspect","relationshipToChild":"mother"}],"#
            + #""summary":"Bruising reported by school; mother named.","intelligence":"Updated intelligence."}"#
    }

    func plan(interviewer: UUID? = nil) -> String {
        #"{"childId":"\#(child.uuidString)","plannedFor":"2026-11-25T10:00:00Z","type":"video_recorded","#
            + #""rationale":"Child is 10 and articulate; video evidence in chief.","#
            + #""interviewerIds":["\#((interviewer ?? officer).uuidString)"],"specialMeasures":["screens"]}"#
    }

    func decision(version: Int, childViews: String = "She wants him to stop.") -> String {
        #"{"expectedVersion":\#(version),"decidedOn":"2026-11-24","decider":"cps","test":"full_code","#
            + #""outcome":"charge","childViews":"\#(childViews)","bestInterests":"Trial with special measures.","#
            + #""bail":"bail","bailUntil":"2026-12-15","bailConditions":"Not to contact the child."}"#
    }

    func protection(removedAt: String = "2026-11-24T03:00:00Z") -> String {
        #"{"childId":"\#(child.uuidString)","removedAt":"\#(removedAt)","removedFrom":"12 Test Street","#
            + #""placeOfSafety":"Emergency foster carer","reason":"Child found alone at night.","#
            + #""designatedOfficerId":"\#(sergeant.id.uuidString)"}"#
    }

    /// Opens an investigation as the fixture's officer and returns its id.
    func openInvestigation() async throws -> String {
        let response = try await call(.post, "/api/v1/investigations", officerToken, investigation())
        #expect(response.status == .created, "\(response.text)")
        return try #require(try response.json()["id"] as? String)
    }
}
