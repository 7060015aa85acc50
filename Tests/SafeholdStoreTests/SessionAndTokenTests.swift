import Foundation
import SQLKit
import SafeholdCore
import SafeholdStore
import Testing

@Suite("Sessions, API tokens and sign-in failures")
struct SessionAndTokenTests {
    @Test(
        "createSession / session(token:) / endSession; the cookie is stored only as its hash",
        arguments: TestBackend.all)
    func sessionLifecycle(_ backend: TestBackend) async throws {
        try await withWorld(backend) { w in
            let before = try await w.env.count("audit_log")
            let token = try await w.store.createSession(
                userId: w.alice.id, secondFactorDone: true, ipAddress: "10.1.2.3",
                context: w.ctx(w.alice))
            #expect(token.count >= 43, "256 random bits as base64url")
            #expect(try await w.env.count("audit_log") == before + 1)
            let login = try #require(try await w.env.recentAudit(1).first)
            #expect(login.event.action == .login)
            #expect(login.event.actorId == w.alice.id)

            let session = try #require(try await w.store.session(token: token))
            #expect(session.userId == w.alice.id)
            #expect(session.secondFactorDone)
            #expect(session.createdAt == testNow)
            #expect(session.lastSeenAt == testNow)
            #expect(session.csrfToken.count >= 43)
            #expect(session.csrfToken != token)

            let stored = try await w.env.database.withConnection { db in
                try await db.raw("SELECT id_hash, ip_address FROM sessions").all()
            }
            #expect(stored.count == 1)
            let idHash = try stored[0].decode(column: "id_hash", as: String.self)
            #expect(idHash != token)
            #expect(idHash == Secrets.hash(token))
            #expect(idHash.count == 64)
            #expect(try stored[0].decode(column: "ip_address", as: String.self) == "10.1.2.3")

            // Looking a session up by its stored hash, or by anything else, finds nothing.
            #expect(try await w.store.session(token: idHash) == nil)
            #expect(try await w.store.session(token: "not-a-session") == nil)

            // Activity is noted at most once a minute.
            w.env.clock.advance(by: 30)
            try await w.store.touchSession(token: token, lastSeen: session.lastSeenAt)
            #expect(try await w.store.session(token: token)?.lastSeenAt == testNow)
            w.env.clock.advance(by: 60)
            try await w.store.touchSession(token: token, lastSeen: session.lastSeenAt)
            #expect(try await w.store.session(token: token)?.lastSeenAt == testNow.addingTimeInterval(90))

            // A half-finished sign-in (no second factor yet) is not audited as a login.
            let pending = try await w.store.createSession(
                userId: w.bob.id, secondFactorDone: false, ipAddress: nil,
                context: w.ctx(w.bob))
            #expect(pending != token)
            #expect(try await w.store.session(token: pending)?.secondFactorDone == false)
            #expect(try await w.env.count("audit_log") == before + 1)

            let beforeLogout = try await w.env.count("audit_log")
            try await w.store.endSession(token: token, context: w.ctx(w.alice))
            #expect(try await w.store.session(token: token) == nil)
            #expect(try await w.store.session(token: pending) != nil, "ending one session leaves the others")
            #expect(try await w.env.count("audit_log") == beforeLogout + 1)
            #expect(try await w.env.recentAudit(1).first?.event.action == .logout)
            try await w.store.endSession(token: pending, context: nil)
            #expect(try await w.env.count("sessions") == 0)
            #expect(try await w.store.audit.verify() == .intact(entries: try await w.env.count("audit_log")))
        }
    }

    @Test(
        "API tokens: stored hashed, userForAPIToken finds the user, unknown tokens and inactive users get nil",
        arguments: TestBackend.all)
    func apiTokens(_ backend: TestBackend) async throws {
        try await withWorld(backend) { w in
            let token = try await w.store.createAPIToken(
                userId: w.alice.id, name: "case export script", context: w.ctx(w.alice))
            #expect(token.hasPrefix("shk_"))
            let audit = try #require(try await w.env.recentAudit(1).first)
            #expect(audit.event.action == .tokenCreated)
            #expect(audit.event.detail == "case export script")
            #expect(audit.event.detail?.contains(token) == false)

            let rows = try await w.env.database.withConnection { db in
                try await db.raw("SELECT token_hash, name, user_id FROM api_tokens").all()
            }
            #expect(rows.count == 1)
            let tokenHash = try rows[0].decode(column: "token_hash", as: String.self)
            #expect(tokenHash != token)
            #expect(tokenHash == Secrets.hash(token))
            #expect(try rows[0].decode(column: "user_id", as: String.self) == w.alice.id.uuidString)

            let account = try #require(try await w.store.userForAPIToken(token))
            #expect(account.user == w.alice)
            #expect(try await w.store.userForAPIToken("shk_unknown") == nil)
            #expect(try await w.store.userForAPIToken(tokenHash) == nil)
            #expect(try await w.store.userForAPIToken("") == nil)

            let idle = try await w.env.createUser(
                "idle", "Idle User", role: .socialWorker, agency: w.council,
                team: w.teamA, active: false)
            let idleToken = try await w.store.createAPIToken(userId: idle.id, name: "old", context: w.env.system)
            #expect(try await w.store.userForAPIToken(idleToken) == nil, "an inactive user's token does not sign in")

            let error = await expectRefusal(.invalid) {
                try await w.store.createAPIToken(userId: w.alice.id, name: "   ", context: w.ctx(w.alice))
            }
            #expect(error?.fields == ["name"])
        }
    }

    @Test(
        "Users: usernames are unique and well formed; accounts read back with their role and team",
        arguments: TestBackend.all)
    func usersReadBack(_ backend: TestBackend) async throws {
        try await withWorld(backend) { w in
            let account = try #require(try await w.store.account(username: "carol"))
            #expect(account.user == w.carol)
            #expect(account.user.actor == w.carol.actor)
            #expect(account.passwordHash.hasPrefix("$2b$"))
            #expect(account.mustChangePassword == false)
            #expect(try await w.store.account(username: "nobody") == nil)
            #expect(try await w.store.userCount() == 7)
            #expect(
                Set(try await w.store.users().map(\.id))
                    == Set([w.alice, w.bob, w.manager, w.carol, w.officer, w.admin, w.dpo].map(\.id)))
            #expect(Set(try await w.store.teams().map(\.id)) == [w.teamA.id, w.teamB.id])
            #expect(Set(try await w.store.agencies().map(\.id)) == [w.council.id, w.police.id])

            await expectRefusal(.conflict) {
                try await w.env.createUser(
                    "carol", "Another Carol", role: .socialWorker, agency: w.council, team: w.teamB)
            }
            await expectRefusal(.invalid) {
                try await w.env.createUser(
                    "Bad Name!", "Bad Name", role: .socialWorker, agency: w.council, team: w.teamB)
            }
            #expect(try await w.store.userCount() == 7)
        }
    }
}
