import Foundation
import SQLKit
import SafeholdCore
import SafeholdStore
import Testing

@Suite("Account changes that need a second administrator")
struct AccountRequestStoreTests {
    func newWorker(_ w: World, role: Role = .socialWorker) -> User {
        User(
            id: w.store.ids.next(), username: "new.worker", displayName: "New Worker", role: role,
            agencyId: w.council.id, teamId: w.teamA.id)
    }

    @Test(
        "An administrator cannot open an account that reaches records, nor approve their own request",
        arguments: TestBackend.all)
    func createNeedsASecondAdministrator(_ backend: TestBackend) async throws {
        try await withWorld(backend) { w in
            let second = try await w.env.createUser(
                "admin2", "Second Admin", role: .administrator, agency: w.council, team: nil)
            var before = try await accountFootprint(w.env)
            for role in [Role.socialWorker, .dataProtectionOfficer, .auditor, .administrator] {
                await expectRefusal(.forbidden) {
                    try await w.store.createUser(
                        newWorker(w, role: role), passwordHash: "x", mustChangePassword: true,
                        context: w.ctx(w.admin))
                }
            }
            before["audit_log"]! += 4
            #expect(try await accountFootprint(w.env) == before, "four denied entries and no account")

            let request = try await w.store.requestAccountChange(
                .createUser, for: newWorker(w), context: w.ctx(w.admin))
            #expect(try await w.store.account(username: "new.worker") == nil, "nothing exists until approved")
            #expect(try await w.store.pendingAccountRequests().map(\.id) == [request.id])
            #expect(try await w.env.recentAudit(1).first?.event.action == .accountRequested)
            await expectRefusal(.conflict) {
                try await w.store.requestAccountChange(
                    .createUser, for: newWorker(w, role: .lado), context: w.ctx(second))
            }

            before = try await accountFootprint(w.env)
            await expectRefusal(.forbidden) {
                try await w.store.approveAccountRequest(
                    request.id, newPassword: ("h", testNow), context: w.ctx(w.admin))
            }
            await expectRefusal(.forbidden) {
                try await w.store.approveAccountRequest(
                    request.id, newPassword: ("h", testNow), context: w.ctx(w.alice))
            }
            before["audit_log"]! += 2
            #expect(try await accountFootprint(w.env) == before)
            await expectRefusal(.notFound) {
                try await w.store.approveAccountRequest(UUID(), newPassword: ("h", testNow), context: w.ctx(second))
            }

            let expires = testNow.addingTimeInterval(72 * 3_600)
            try await w.store.approveAccountRequest(
                request.id, newPassword: ("sha256$new", expires), context: w.ctx(second))
            let account = try #require(try await w.store.account(username: "new.worker"))
            #expect(account.user.role == .socialWorker)
            #expect(account.mustChangePassword)
            #expect(account.passwordExpiresAt == expires)
            #expect(try await w.store.pendingAccountRequests().isEmpty)
            let actions = try await w.env.recentAudit(2).map(\.event.action)
            #expect(actions == [.accountApproved, .userCreated])
            let decided = try await accountFootprint(w.env)
            await expectRefusal(.conflict) {
                try await w.store.approveAccountRequest(request.id, newPassword: ("h", testNow), context: w.ctx(second))
            }
            #expect(try await accountFootprint(w.env) == decided)
        }
    }

    @Test(
        "Nobody changes their own role; roles that reach records wait for approval; others change at once",
        arguments: TestBackend.all)
    func roleChanges(_ backend: TestBackend) async throws {
        try await withWorld(backend) { w in
            let second = try await w.env.createUser(
                "admin2", "Second Admin", role: .administrator, agency: w.council, team: nil)
            var me = w.admin
            me.role = .socialWorker
            var before = try await accountFootprint(w.env)
            await expectRefusal(.forbidden) {
                try await w.store.requestAccountChange(.changeRole, for: me, context: w.ctx(w.admin))
            }
            await expectRefusal(.forbidden) {
                try await w.store.changeRole(w.admin.id, to: .performanceAnalyst, context: w.ctx(w.admin))
            }
            await expectRefusal(.forbidden) {
                try await w.store.changeRole(w.bob.id, to: .teamManager, context: w.ctx(w.admin))
            }
            before["audit_log"]! += 3
            #expect(try await accountFootprint(w.env) == before)

            // A second administrator asks to give the first access to records: the first cannot approve it.
            let request = try await w.store.requestAccountChange(.changeRole, for: me, context: w.ctx(second))
            before = try await accountFootprint(w.env)
            await expectRefusal(.forbidden) {
                try await w.store.approveAccountRequest(request.id, newPassword: nil, context: w.ctx(w.admin))
            }
            before["audit_log"]! += 1
            #expect(try await accountFootprint(w.env) == before)
            #expect(try await w.store.account(id: w.admin.id)?.user.role == .administrator)
            try await w.store.rejectAccountRequest(request.id, context: w.ctx(second))
            #expect(try await w.env.recentAudit(1).first?.event.action == .accountRejected)

            // Bob to team manager, approved by the other administrator: his sessions end.
            let session = try await w.store.createSession(
                userId: w.bob.id, secondFactorDone: true, ipAddress: nil, context: w.ctx(w.bob))
            var promoted = w.bob
            promoted.role = .teamManager
            let promotion = try await w.store.requestAccountChange(.changeRole, for: promoted, context: w.ctx(w.admin))
            try await w.store.approveAccountRequest(promotion.id, newPassword: nil, context: w.ctx(second))
            #expect(try await w.store.account(id: w.bob.id)?.user.role == .teamManager)
            #expect(try await w.store.session(token: session) == nil)
            #expect(try await w.env.recentAudit(2).map(\.event.action) == [.accountApproved, .roleChanged])

            // Carol to performance analyst (no records): at once.
            try await w.store.changeRole(w.carol.id, to: .performanceAnalyst, context: w.ctx(w.admin))
            #expect(try await w.store.account(id: w.carol.id)?.user.role == .performanceAnalyst)
            await expectRefusal(.conflict) {
                try await w.store.changeRole(w.carol.id, to: .performanceAnalyst, context: w.ctx(w.admin))
            }
        }
    }

    @Test(
        "A new one-time password for an account that reaches records needs a second administrator",
        arguments: TestBackend.all)
    func passwordResets(_ backend: TestBackend) async throws {
        try await withWorld(backend) { w in
            let second = try await w.env.createUser(
                "admin2", "Second Admin", role: .administrator, agency: w.council, team: nil)
            let analyst = try await w.env.createUser(
                "ana", "Ana Lyst", role: .performanceAnalyst, agency: w.council, team: nil)
            let before = try await accountFootprint(w.env)
            await expectRefusal(.forbidden) {
                try await w.store.resetPassword(
                    w.dpo.id, passwordHash: "h", expiresAt: testNow, context: w.ctx(w.admin))
            }
            #expect(try await w.store.account(id: w.dpo.id)?.passwordHash != "h")
            #expect(try await accountFootprint(w.env)["users"] == before["users"])

            try await w.store.resetPassword(
                analyst.id, passwordHash: "sha256$reset", expiresAt: testNow.addingTimeInterval(60),
                context: w.ctx(w.admin))
            let reset = try #require(try await w.store.account(id: analyst.id))
            #expect(reset.mustChangePassword)
            #expect(reset.passwordExpiresAt == testNow.addingTimeInterval(60))

            let request = try await w.store.requestAccountChange(.resetPassword, for: w.dpo, context: w.ctx(w.admin))
            try await w.store.approveAccountRequest(
                request.id, newPassword: ("sha256$dpo", testNow.addingTimeInterval(60)),
                context: w.ctx(second))
            #expect(try await w.store.account(id: w.dpo.id)?.passwordHash == "sha256$dpo")
            #expect(
                try await w.store.account(id: w.dpo.id)?.totpSecret == nil,
                "a lost device is the usual reason: set up again")
            #expect(try await w.env.recentAudit(2).map(\.event.action) == [.accountApproved, .passwordReset])
        }
    }
}
