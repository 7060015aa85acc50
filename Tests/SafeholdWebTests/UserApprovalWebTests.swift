import Foundation
import HTTPTypes
import HummingbirdTesting
import SafeholdCore
import SafeholdStore
import SafeholdWeb
import Testing

/// A second administrator for the approval tests, signed in.
func secondAdministrator(_ f: WebFixture) async throws -> (User, BrowserSession) {
    let governance = try #require(try await f.store.teams().first { $0.name == "Governance" })
    let user = User(
        id: f.store.ids.next(), username: "admin2", displayName: "Second Admin", role: .administrator,
        agencyId: governance.agencyId, teamId: governance.id)
    _ = try await f.store.createUser(
        user, passwordHash: "unused", mustChangePassword: false, context: AuditContext(system: "test"))
    return (user, try await f.session(user))
}

@Suite struct UserApprovalWebTests {
    @Test func aNewDPOWaitsForASecondAdministratorWhoAloneSeesTheOneTimePassword() async throws {
        try await WebFixture.withApp { f, client in
            let admin = try await f.session(f.admin)
            let (_, second) = try await secondAdministrator(f)
            let governance = try #require(try await f.store.teams().first { $0.name == "Governance" })
            let asked = try await client.execute(
                uri: "/admin/users", method: .post, headers: admin.formHeaders(),
                body: admin.form([
                    ("username", "new.dpo"), ("displayName", "New DPO"),
                    ("role", "data_protection_officer"),
                    ("team", governance.id.uuidString),
                ]))
            #expect(asked.status == .accepted)
            #expect(asked.text.contains("Waiting for a second administrator"))
            #expect(!asked.text.contains("one-time-password"))
            #expect(try await f.store.account(username: "new.dpo") == nil)
            let request = try #require(try await f.store.pendingAccountRequests().first)
            #expect(
                !(try await client.execute(uri: "/admin/users", method: .get, headers: admin.headers).text
                    .contains("/admin/requests/\(request.id.uuidString)/approve")),
                "no approve button for the requester")

            let before = try await f.footprint()
            let own = try await client.execute(
                uri: "/admin/requests/\(request.id.uuidString)/approve", method: .post,
                headers: admin.formHeaders(), body: admin.form([]))
            #expect(own.status == .forbidden)
            var after = try await f.footprint()
            #expect(after["audit_log"] == before["audit_log"]! + 1, "the refusal is audited")
            after["audit_log"] = before["audit_log"]
            #expect(after == before)

            let approved = try await client.execute(
                uri: "/admin/requests/\(request.id.uuidString)/approve", method: .post,
                headers: second.formHeaders(), body: second.form([]))
            #expect(approved.status == .ok)
            #expect(approved.text.contains("id=\"one-time-password\""))
            let account = try #require(try await f.store.account(username: "new.dpo"))
            #expect(account.user.role == .dataProtectionOfficer)
            #expect(account.mustChangePassword)
            let twice = try await client.execute(
                uri: "/admin/requests/\(request.id.uuidString)/approve", method: .post,
                headers: second.formHeaders(), body: second.form([]))
            #expect(twice.status == .conflict)
            #expect(try await f.store.users().filter { $0.username == "new.dpo" }.count == 1)
        }
    }

    @Test func anAdministratorCannotChangeTheirOwnRoleNorGiveAnotherRecordAccessAlone() async throws {
        try await WebFixture.withApp { f, client in
            let admin = try await f.session(f.admin)
            let (_, second) = try await secondAdministrator(f)
            let before = try await f.footprint()
            let selfChange = try await client.execute(
                uri: "/admin/users/\(f.admin.id.uuidString)/role", method: .post,
                headers: admin.formHeaders(), body: admin.form([("role", "social_worker")]))
            #expect(selfChange.status == .forbidden)
            #expect(try await f.store.account(id: f.admin.id)?.user.role == .administrator)
            #expect(try await f.footprint()["account_requests"] == before["account_requests"])

            let promote = try await client.execute(
                uri: "/admin/users/\(f.analyst.id.uuidString)/role", method: .post,
                headers: admin.formHeaders(), body: admin.form([("role", "social_worker")]))
            #expect(promote.status == .accepted)
            #expect(try await f.store.account(id: f.analyst.id)?.user.role == .performanceAnalyst)
            let request = try #require(try await f.store.pendingAccountRequests().first)
            let approved = try await client.execute(
                uri: "/admin/requests/\(request.id.uuidString)/approve", method: .post,
                headers: second.formHeaders(), body: second.form([]))
            #expect(approved.status == .seeOther)
            #expect(try await f.store.account(id: f.analyst.id)?.user.role == .socialWorker)

            // Taking record access away needs nobody else, and ends the worker's sessions at once.
            let north = try await f.session(f.north)
            let demote = try await client.execute(
                uri: "/admin/users/\(f.north.id.uuidString)/role", method: .post,
                headers: admin.formHeaders(), body: admin.form([("role", "performance_analyst")]))
            #expect(demote.status == .seeOther)
            #expect(
                try await client.execute(uri: "/", method: .get, headers: north.headers).headers[.location] == "/login")
            let entries = try await f.store.audit.recent(limit: 5).map(\.event.action)
            #expect(entries.contains(.roleChanged))
        }
    }

    @Test func deactivationFromTheUsersPageEndsSessionsAndSelfDeactivationIsRefused() async throws {
        try await WebFixture.withApp { f, client in
            let admin = try await f.session(f.admin)
            let north = try await f.session(f.north)
            let before = try await f.footprint()
            let selfOff = try await client.execute(
                uri: "/admin/users/\(f.admin.id.uuidString)/active", method: .post,
                headers: admin.formHeaders(), body: admin.form([("active", "false")]))
            #expect(selfOff.status == .forbidden)
            #expect(try await f.footprint()["users"] == before["users"])
            #expect(try await f.store.account(id: f.admin.id)?.user.active == true)
            let worker = try await client.execute(
                uri: "/admin/users/\(f.admin.id.uuidString)/active", method: .post,
                headers: north.formHeaders(), body: north.form([("active", "false")]))
            #expect(worker.status == .forbidden)

            // North still holds the child and the mother: refused until the manager reallocates them.
            let held = try await client.execute(
                uri: "/admin/users/\(f.north.id.uuidString)/active", method: .post,
                headers: admin.formHeaders(), body: admin.form([("active", "false")]))
            #expect(held.status == .conflict)
            let manager = AuditContext(actor: f.manager.actor, ipAddress: nil)
            for person in [f.child.id, f.mother.id] {
                let current = try await f.store.allocationHistory(of: person, context: manager).first { $0.isCurrent }
                try await f.store.allocate(
                    person,
                    AllocationDraft(
                        workerId: nil, teamId: f.north.teamId, reason: "North leaves", expected: current?.id),
                    context: manager)
            }
            let off = try await client.execute(
                uri: "/admin/users/\(f.north.id.uuidString)/active", method: .post,
                headers: admin.formHeaders(), body: admin.form([("active", "false")]))
            #expect(off.status == .seeOther)
            #expect(
                try await client.execute(uri: "/", method: .get, headers: north.headers).headers[.location] == "/login")
            #expect(try await signIn(client, username: "north", password: WebFixture.password).status == .unauthorized)
            let again = try await client.execute(
                uri: "/admin/users/\(f.north.id.uuidString)/active", method: .post,
                headers: admin.formHeaders(), body: admin.form([("active", "false")]))
            #expect(again.status == .conflict)
            let on = try await client.execute(
                uri: "/admin/users/\(f.north.id.uuidString)/active", method: .post,
                headers: admin.formHeaders(), body: admin.form([("active", "true")]))
            #expect(on.status == .seeOther)
            #expect(try await signIn(client, username: "north", password: WebFixture.password).status == .found)
        }
    }
}
