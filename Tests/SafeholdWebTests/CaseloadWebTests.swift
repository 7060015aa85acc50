import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import SafeholdCore
import SafeholdStore
import SafeholdWeb
import Testing

/// Caseloads, allocation and grants through the pages and `/api/v1`: the manager's page, the child's
/// allocation page and its refusals, the administrator's figures, deactivation refused while a worker
/// holds children, and a user moved into another agency's team.
@Suite struct CaseloadWebTests {
    /// The current allocation of the fixture's child, as the allocation page's form names it.
    static func version(_ f: WebFixture) async throws -> String {
        let history = try await f.store.allocationHistory(
            of: f.child.id, context: AuditContext(actor: f.manager.actor, ipAddress: nil))
        return try #require(history.first { $0.isCurrent }).id.uuidString
    }

    @Test func theManagerSeesTheTeamsCaseloadsAndOthersAreRefused() async throws {
        try await WebFixture.withApp { f, client in
            let manager = try await f.session(f.manager)
            let page = try await client.execute(uri: "/workforce/caseloads", method: .get, headers: manager.headers)
            #expect(page.status == .ok)
            #expect(page.text.contains("North") && page.text.contains("North</td>"))
            #expect(page.text.contains("Ada Testwick") && page.text.contains("Contact awaiting a decision"))
            #expect(page.text.contains("Team members"))
            for user in [f.north, f.south, f.police] {
                let session = try await f.session(user)
                let refused = try await client.execute(
                    uri: "/workforce/caseloads", method: .get, headers: session.headers)
                #expect(refused.status == .forbidden, "\(user.username)")
                #expect(!refused.text.contains("Ada Testwick"))
            }
            // A team that is not an id is refused with the field named, not taken for the manager's own team.
            for team in ["not-a-team", "%00", String(repeating: "A", count: 5000)] {
                let odd = try await client.execute(
                    uri: "/workforce/caseloads?team=\(team)", method: .get, headers: manager.headers)
                #expect(odd.status == .unprocessableContent, "\(team.prefix(10))")
                #expect(!odd.text.contains("Ada Testwick"))
            }
            // The administrator sees figures for every team, and no child's name.
            let admin = try await f.session(f.admin)
            let figures = try await client.execute(uri: "/workforce/caseloads", method: .get, headers: admin.headers)
            #expect(figures.status == .ok && figures.text.contains("North") && !figures.text.contains("Ada Testwick"))
        }
    }

    @Test func aManagerReallocatesOnThePageAndTheChildsPageShowsTheHistory() async throws {
        try await WebFixture.withApp { f, client in
            let system = AuditContext(system: "test")
            let team = try #require(f.north.teamId)
            let other = User(
                id: f.store.ids.next(), username: "north2", displayName: "Nell Second", role: .socialWorker,
                agencyId: f.north.agencyId, teamId: team)
            _ = try await f.store.createUser(other, passwordHash: "x", mustChangePassword: false, context: system)
            let manager = try await f.session(f.manager)
            let version = try await Self.version(f)
            let form = try await client.execute(
                uri: "/people/\(f.child.id)/allocation", method: .get, headers: manager.headers)
            #expect(form.status == .ok && form.text.contains("Allocate or reallocate") && form.text.contains(version))
            // No reason: 422 naming it, nothing written.
            let before = try await f.count("allocations")
            let missing = try await client.execute(
                uri: "/people/\(f.child.id)/allocation", method: .post, headers: manager.formHeaders(),
                body: manager.form([("workerId", other.id.uuidString), ("reason", ""), ("version", version)]))
            #expect(missing.status == .unprocessableContent && missing.text.contains("data-field=\"reason\""))
            #expect(try await f.count("allocations") == before)
            let done = try await client.execute(
                uri: "/people/\(f.child.id)/allocation", method: .post, headers: manager.formHeaders(),
                body: manager.form([
                    ("workerId", other.id.uuidString), ("reason", "North is on leave"), ("version", version),
                ]))
            #expect(done.status == .seeOther)
            // The same version again: someone else reallocated first.
            let stale = try await client.execute(
                uri: "/people/\(f.child.id)/allocation", method: .post, headers: manager.formHeaders(),
                body: manager.form([("workerId", f.north.id.uuidString), ("reason", "Back"), ("version", version)]))
            #expect(stale.status == .conflict && stale.text.contains("changed since you opened the page"))
            let child = try await client.execute(uri: "/people/\(f.child.id)", method: .get, headers: manager.headers)
            #expect(child.text.contains("Nell Second") && child.text.contains("North is on leave"))
            // A worker of the team sees the history but not the form; another team's worker nothing.
            let north = try await f.session(f.north)
            let read = try await client.execute(
                uri: "/people/\(f.child.id)/allocation", method: .get, headers: north.headers)
            #expect(read.status == .ok && !read.text.contains("Allocate or reallocate"))
            let refused = try await client.execute(
                uri: "/people/\(f.child.id)/allocation", method: .post, headers: north.formHeaders(),
                body: north.form([("workerId", f.north.id.uuidString), ("reason", "Mine"), ("version", version)]))
            #expect(refused.status == .forbidden)
        }
    }

    @Test func theAPIAndThePageRefuseTheSameGrantsNamingTheField() async throws {
        try await WebFixture.withApp { f, client in
            let token = try await f.apiToken(f.manager)
            let manager = try await f.session(f.manager)
            for (json, form, field) in [
                (
                    #"{"userId":"\#(f.south.id)","reason":"Cover"}"#,
                    [("userId", f.south.id.uuidString), ("grantReason", "Cover")], "expiresOn"
                ),
                (
                    #"{"userId":"\#(f.analyst.id)","reason":"Cover","expiresOn":"2026-12-01"}"#,
                    [("userId", f.analyst.id.uuidString), ("grantReason", "Cover"), ("expiresOn", "2026-12-01")],
                    "userId"
                ),
                (
                    #"{"userId":"not-an-id","reason":"Cover","expiresOn":"2026-12-01"}"#,
                    [("userId", "not-an-id"), ("grantReason", "Cover"), ("expiresOn", "2026-12-01")], "userId"
                ),
            ] {
                let api = try await client.execute(
                    uri: "/api/v1/people/\(f.child.id)/grants", method: .post, headers: bearer(token),
                    body: jsonBody(json))
                #expect(
                    api.status == .unprocessableContent && api.text.contains("\"\(field)\""), "\(json): \(api.text)")
                let page = try await client.execute(
                    uri: "/people/\(f.child.id)/grants", method: .post, headers: manager.formHeaders(),
                    body: manager.form(form))
                #expect(page.status == .unprocessableContent && page.text.contains("data-field=\"\(field)\""))
            }
            #expect(try await f.count("access_grants") == 0)
            let granted = try await client.execute(
                uri: "/api/v1/people/\(f.child.id)/grants", method: .post, headers: bearer(token),
                body: jsonBody(#"{"userId":"\#(f.south.id)","reason":"Joint visit","expiresOn":"2026-12-01"}"#))
            #expect(granted.status == .created && granted.text.contains("\"status\":\"active\""))
            let southToken = try await f.apiToken(f.south)
            let opened = try await client.execute(
                uri: "/api/v1/people/\(f.child.id)", method: .get, headers: bearer(southToken))
            #expect(opened.status == .ok)
        }
    }

    @Test func theAdministratorIsToldToReallocateBeforeDeactivatingAndMovesAUserToAnotherAgencysTeam() async throws {
        try await WebFixture.withApp { f, client in
            let admin = try await f.session(f.admin)
            let refused = try await client.execute(
                uri: "/admin/users/\(f.north.id)/active", method: .post, headers: admin.formHeaders(),
                body: admin.form([("active", "false")]))
            #expect(refused.status == .conflict)
            #expect(
                refused.text.contains("still has 1 child and 1 other person allocated")
                    && refused.text.contains("reallocate"))
            #expect(try await f.store.account(id: f.north.id)?.user.active == true)
            // The social worker south moves into the police team, keeping the council and the role.
            let cait = try #require(f.police.teamId)
            let moved = try await client.execute(
                uri: "/admin/users/\(f.south.id)/team", method: .post, headers: admin.formHeaders(),
                body: admin.form([("team", cait.uuidString)]))
            #expect(moved.status == .seeOther)
            let user = try #require(try await f.store.account(id: f.south.id)?.user)
            #expect(user.teamId == cait && user.agencyId == f.south.agencyId && user.role == .socialWorker)
            let list = try await client.execute(uri: "/admin/users", method: .get, headers: admin.headers)
            #expect(list.text.contains("Embedded"))
            let officer = try await f.apiToken(f.police)
            let members = try await client.execute(
                uri: "/api/v1/team-members", method: .get, headers: bearer(officer))
            #expect(members.status == .ok && members.text.contains("\"embedded\":true"))
        }
    }

    @Test func aWorkerWhoFindsAChildByNameAsksForAccessAndTheManagerApproves() async throws {
        try await WebFixture.withApp { f, client in
            let south = try await f.session(f.south)
            let search = try await client.execute(uri: "/search?q=Testwick", method: .get, headers: south.headers)
            #expect(search.text.contains("Ask for access"))
            let form = try await client.execute(
                uri: "/access-requests?person=\(f.child.id)", method: .get, headers: south.headers)
            #expect(form.status == .ok && form.text.contains("Ada Testwick") && !form.text.contains("9434765919"))
            let missing = try await client.execute(
                uri: "/access-requests", method: .post, headers: south.formHeaders(),
                body: south.form([("personId", f.child.id.uuidString), ("reason", "Joint visit")]))
            #expect(missing.status == .unprocessableContent && missing.text.contains("data-field=\"expiresOn\""))
            #expect(try await f.count("access_grants") == 0)
            let sent = try await client.execute(
                uri: "/access-requests", method: .post, headers: south.formHeaders(),
                body: south.form([
                    ("personId", f.child.id.uuidString), ("reason", "Joint visit"), ("expiresOn", "2026-12-10"),
                ]))
            #expect(sent.status == .created && sent.text.contains("Your request was sent"))
            let closed = try await client.execute(uri: "/people/\(f.child.id)", method: .get, headers: south.headers)
            #expect(closed.status == .notFound)
            let manager = try await f.session(f.manager)
            let list = try await client.execute(uri: "/workforce/caseloads", method: .get, headers: manager.headers)
            #expect(list.text.contains("Requests for access to decide") && list.text.contains("Joint visit"))
            let grant = try #require(
                try await f.store.pendingGrants(context: AuditContext(actor: f.manager.actor, ipAddress: nil)).first)
            let approved = try await client.execute(
                uri: "/grants/\(grant.id)/approve", method: .post, headers: manager.formHeaders(),
                body: manager.form([]))
            #expect(approved.status == .seeOther)
            let open = try await client.execute(uri: "/people/\(f.child.id)", method: .get, headers: south.headers)
            #expect(open.status == .ok)
            // The DPO finds by name but does not work with records: refused.
            let dpo = try await f.session(f.dpo)
            let refused = try await client.execute(
                uri: "/access-requests", method: .post, headers: dpo.formHeaders(),
                body: dpo.form([("personId", f.child.id.uuidString), ("reason", "Audit"), ("expiresOn", "2026-12-10")]))
            #expect(refused.status == .forbidden)
        }
    }
}
