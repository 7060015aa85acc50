import Foundation
import SQLKit
import SafeholdCore
import SafeholdStore
import Testing

/// Counts of everything an account change writes.
func accountFootprint(_ env: TestEnv) async throws -> [String: Int] {
    var counts: [String: Int] = [:]
    for table in ["users", "sessions", "api_tokens", "account_requests", "audit_log"] {
        counts[table] = try await env.count(table)
    }
    counts["active"] = try await env.database.withConnection { db in
        try await db.raw("SELECT COUNT(*) AS n FROM users WHERE active = 1").first()!.decode(column: "n", as: Int.self)
    }
    counts["revoked"] = try await env.database.withConnection { db in
        try await db.raw("SELECT COUNT(*) AS n FROM api_tokens WHERE revoked_at IS NOT NULL").first()!.decode(
            column: "n", as: Int.self)
    }
    return counts
}

@Suite("Deactivation, tokens and passwords")
struct AccountStoreTests {
    @Test(
        "Deactivating ends every session and revokes every token; refusals write only their audit entry",
        arguments: TestBackend.all)
    func deactivation(_ backend: TestBackend) async throws {
        try await withWorld(backend) { w in
            let full = try await w.store.createSession(
                userId: w.alice.id, secondFactorDone: true, ipAddress: nil, context: w.ctx(w.alice))
            let pending = try await w.store.createSession(
                userId: w.alice.id, secondFactorDone: false, ipAddress: nil,
                context: w.ctx(w.alice))
            let token = try await w.store.createAPIToken(userId: w.alice.id, name: "export", context: w.ctx(w.alice))

            var before = try await accountFootprint(w.env)
            await expectRefusal(.forbidden) {
                try await w.store.setActive(w.alice.id, active: false, context: w.ctx(w.bob))
            }
            await expectRefusal(.forbidden) {
                try await w.store.setActive(w.admin.id, active: false, context: w.ctx(w.admin))
            }
            before["audit_log"]! += 2
            #expect(try await accountFootprint(w.env) == before, "two denied entries and nothing else")
            #expect(try await w.env.recentAudit(1).first?.event.action == .denied)
            await expectRefusal(.notFound) {
                try await w.store.setActive(UUID(), active: false, context: w.ctx(w.admin))
            }
            await expectRefusal(.conflict) {
                try await w.store.setActive(w.alice.id, active: true, context: w.ctx(w.admin))
            }
            #expect(try await accountFootprint(w.env) == before)

            try await w.store.setActive(w.alice.id, active: false, context: w.ctx(w.admin))
            #expect(try await w.store.account(id: w.alice.id)?.user.active == false)
            #expect(try await w.store.session(token: full) == nil)
            #expect(try await w.store.session(token: pending) == nil)
            #expect(try await w.store.userForAPIToken(token) == nil)
            let entry = try #require(try await w.env.recentAudit(1).first)
            #expect(entry.event.action == .userDeactivated)
            #expect(entry.event.detail == "alice: 2 sessions ended, 1 API tokens revoked")

            try await w.store.setActive(w.alice.id, active: true, context: w.ctx(w.admin))
            #expect(try await w.store.userForAPIToken(token) == nil, "reactivating does not bring a token back")
            #expect(try await w.env.recentAudit(1).first?.event.action == .userReactivated)
        }
    }

    @Test("The last active administrator cannot be deactivated", arguments: TestBackend.all)
    func lastAdministrator(_ backend: TestBackend) async throws {
        try await withWorld(backend) { w in
            let second = try await w.env.createUser(
                "admin2", "Second Admin", role: .administrator, agency: w.council, team: nil)
            try await w.store.setActive(w.admin.id, active: false, context: w.ctx(second))
            let before = try await accountFootprint(w.env)
            try await w.store.setActive(w.admin.id, active: true, context: w.ctx(second))
            try await w.store.setActive(second.id, active: false, context: w.ctx(w.admin))
            let now = try await accountFootprint(w.env)
            await expectRefusal(.conflict) {
                try await w.store.setActive(w.admin.id, active: false, context: w.env.system)
            }
            #expect(try await accountFootprint(w.env) == now)
            #expect(before["active"] == now["active"])
        }
    }

    @Test(
        "API tokens expire, record their last use once a minute, list, and revoke only their owner's",
        arguments: TestBackend.all)
    func tokens(_ backend: TestBackend) async throws {
        try await withWorld(backend) { w in
            let token = try await w.store.createAPIToken(
                userId: w.alice.id, name: "export", lifetime: 86_400, context: w.ctx(w.alice))
            let other = try await w.store.createAPIToken(userId: w.bob.id, name: "bob's", context: w.ctx(w.bob))
            var list = try await w.store.apiTokens(userId: w.alice.id)
            #expect(list.map(\.name) == ["export"])
            #expect(list[0].expiresAt == testNow.addingTimeInterval(86_400))
            #expect(list[0].lastUsedAt == nil)

            #expect(try await w.store.userForAPIToken(token)?.user.id == w.alice.id)
            #expect(try await w.store.apiTokens(userId: w.alice.id)[0].lastUsedAt == testNow)
            w.env.clock.advance(by: 30)
            _ = try await w.store.userForAPIToken(token)
            #expect(
                try await w.store.apiTokens(userId: w.alice.id)[0].lastUsedAt == testNow, "at most one write a minute")
            w.env.clock.advance(by: 31)
            _ = try await w.store.userForAPIToken(token)
            #expect(try await w.store.apiTokens(userId: w.alice.id)[0].lastUsedAt == testNow.addingTimeInterval(61))

            let bobsId = try await w.store.apiTokens(userId: w.bob.id)[0].id
            let before = try await accountFootprint(w.env)
            await expectRefusal(.notFound) {
                try await w.store.revokeAPIToken(bobsId, userId: w.alice.id, context: w.ctx(w.alice))
            }
            #expect(try await accountFootprint(w.env) == before)
            #expect(try await w.store.userForAPIToken(other) != nil)

            try await w.store.revokeAPIToken(list[0].id, userId: w.alice.id, context: w.ctx(w.alice))
            #expect(try await w.store.userForAPIToken(token) == nil)
            #expect(try await w.env.recentAudit(1).first?.event.action == .tokenRevoked)
            let revoked = try await accountFootprint(w.env)
            await expectRefusal(.conflict) {
                try await w.store.revokeAPIToken(list[0].id, userId: w.alice.id, context: w.ctx(w.alice))
            }
            #expect(try await accountFootprint(w.env) == revoked)
            list = try await w.store.apiTokens(userId: w.alice.id)
            #expect(list[0].revokedAt == testNow.addingTimeInterval(61))

            let short = try await w.store.createAPIToken(
                userId: w.alice.id, name: "short", lifetime: 86_400, context: w.ctx(w.alice))
            w.env.clock.advance(by: 86_400)
            #expect(try await w.store.userForAPIToken(short) == nil, "an expired token does not sign in")
            #expect(try await w.store.userForAPIToken(other) != nil, "the default lifetime is 90 days")
            w.env.clock.advance(by: 90 * 86_400)
            #expect(try await w.store.userForAPIToken(other) == nil)
        }
    }

    @Test("A new password revokes every token and ends every other session", arguments: TestBackend.all)
    func passwordChange(_ backend: TestBackend) async throws {
        try await withWorld(backend) { w in
            let here = try await w.store.createSession(
                userId: w.alice.id, secondFactorDone: true, ipAddress: nil, context: w.ctx(w.alice))
            let elsewhere = try await w.store.createSession(
                userId: w.alice.id, secondFactorDone: true, ipAddress: nil,
                context: w.ctx(w.alice))
            let bobs = try await w.store.createSession(
                userId: w.bob.id, secondFactorDone: true, ipAddress: nil, context: w.ctx(w.bob))
            let token = try await w.store.createAPIToken(userId: w.alice.id, name: "export", context: w.ctx(w.alice))
            try await w.store.setPassword(
                w.alice.id, hash: "sha256$synthetic", keepSession: here, context: w.ctx(w.alice))
            #expect(try await w.store.session(token: here) != nil)
            #expect(try await w.store.session(token: elsewhere) == nil)
            #expect(try await w.store.session(token: bobs) != nil)
            #expect(try await w.store.userForAPIToken(token) == nil)
            let entry = try #require(try await w.env.recentAudit(1).first)
            #expect(entry.event.action == .passwordChanged)
            #expect(entry.event.detail == "1 sessions ended, 1 API tokens revoked")
            let account = try #require(try await w.store.account(id: w.alice.id))
            #expect(account.passwordHash == "sha256$synthetic")
            #expect(account.passwordExpiresAt == nil)
        }
    }

    @Test(
        "Plaintext TOTP secrets are sealed at start; none is left; an unsealed one is corrupt",
        arguments: TestBackend.all)
    func sealing(_ backend: TestBackend) async throws {
        try await withWorld(backend) { w in
            let box = try SecretBox(keyData: Data(repeating: 3, count: 32))
            try await w.env.execute("UPDATE users SET totp_secret = 'PlainOldSecret000001' WHERE username = 'dpo'")
            await #expect(throws: StoreError.self) { try await w.store.account(username: "dpo") }
            #expect(try await w.store.sealPlaintextTOTPSecrets(with: box) == 1)
            #expect(try await w.store.sealPlaintextTOTPSecrets(with: box) == 0)
            let plaintext = try await w.env.database.withConnection { db in
                try await db.raw("SELECT COUNT(*) AS n FROM users WHERE totp_secret NOT LIKE 'v1:%'").first()!
                    .decode(column: "n", as: Int.self)
            }
            #expect(plaintext == 0)
            let sealed = try #require(try await w.store.account(username: "dpo")?.totpSecret)
            #expect(box.open(sealed) == "PlainOldSecret000001")
            #expect(try await w.store.sealedSecretsOpen(with: box))
            #expect(
                try await w.store.sealedSecretsOpen(with: try SecretBox(keyData: Data(repeating: 4, count: 32)))
                    == false)
        }
    }
}
