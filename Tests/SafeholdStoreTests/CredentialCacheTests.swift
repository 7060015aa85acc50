import Foundation
import SQLKit
import SafeholdCore
import SafeholdStore
import Testing

@Suite("Credential cache: sessions and tokens remembered briefly, forgotten at once on a change")
struct CredentialCacheTests {
    /// A second store on the test's database that remembers credentials for an hour, so that what it answers
    /// from memory is told apart from what it reads, whatever the machine's speed.
    private func remembering(_ w: World, lifetime: Duration = .seconds(3_600)) -> Store {
        Store(
            database: w.env.database, auditKey: testAuditKey, clock: w.env.clock,
            credentials: CredentialCache(lifetime: lifetime))
    }

    @Test(
        "A session or token found once is answered from memory; with no lifetime, from the database",
        arguments: TestBackend.all)
    func remembersFoundCredentials(_ backend: TestBackend) async throws {
        try await withWorld(backend) { w in
            let store = remembering(w)
            let cookie = try await store.createSession(
                userId: w.alice.id, secondFactorDone: true, ipAddress: nil, context: w.ctx(w.alice))
            let token = try await store.createAPIToken(userId: w.alice.id, name: "script", context: w.ctx(w.alice))
            #expect(try await store.sessionWithAccount(token: cookie)?.1.user == w.alice)
            #expect(try await store.userForAPIToken(token)?.user == w.alice)
            #expect(store.credentials.count == 2)

            // Removed behind the store's back: this store still knows them, one that remembers nothing does not.
            try await w.env.execute("DELETE FROM sessions")
            try await w.env.execute("DELETE FROM api_tokens")
            #expect(try await store.sessionWithAccount(token: cookie)?.1.user == w.alice)
            #expect(try await store.userForAPIToken(token)?.user == w.alice)
            let forgetful = remembering(w, lifetime: .zero)
            #expect(try await forgetful.sessionWithAccount(token: cookie) == nil)
            #expect(try await forgetful.userForAPIToken(token) == nil)
            #expect(forgetful.credentials.count == 0)
        }
    }

    @Test("A wrong cookie or token is never remembered", arguments: TestBackend.all)
    func missesAreNotKept(_ backend: TestBackend) async throws {
        try await withWorld(backend) { w in
            let store = remembering(w)
            for guess in ["", "shk_unknown", String(repeating: "a", count: 4_096), "sess\u{202E}ion\u{0301}"] {
                let session = try await store.sessionWithAccount(token: guess)
                let account = try await store.userForAPIToken(guess)
                #expect(session == nil && account == nil)
            }
            #expect(store.credentials.count == 0)
        }
    }

    @Test(
        "Signing out, a revoked token, a new password or a deactivated account take effect at once",
        arguments: TestBackend.all)
    func changesForgetAtOnce(_ backend: TestBackend) async throws {
        try await withWorld(backend) { w in
            let store = remembering(w)
            let signIn = { (user: User) in
                try await store.createSession(
                    userId: user.id, secondFactorDone: true, ipAddress: nil, context: w.ctx(user))
            }
            let aliceCookie = try await signIn(w.alice)
            #expect(try await store.sessionWithAccount(token: aliceCookie) != nil)
            try await store.endSession(token: aliceCookie, context: w.ctx(w.alice))
            #expect(try await store.sessionWithAccount(token: aliceCookie) == nil, "signed out")

            let token = try await store.createAPIToken(userId: w.alice.id, name: "script", context: w.ctx(w.alice))
            #expect(try await store.userForAPIToken(token) != nil)
            let tokenId = try #require(try await store.apiTokens(userId: w.alice.id).first?.id)
            try await store.revokeAPIToken(tokenId, userId: w.alice.id, context: w.ctx(w.alice))
            #expect(try await store.userForAPIToken(token) == nil, "revoked")

            let bobCookie = try await signIn(w.bob), bobOther = try await signIn(w.bob)
            #expect(try await store.sessionWithAccount(token: bobOther) != nil)
            try await store.setPassword(
                w.bob.id, hash: "$2b$04$synthetic", keepSession: bobCookie, context: w.ctx(w.bob))
            #expect(
                try await store.sessionWithAccount(token: bobOther) == nil, "a new password ends the other sessions")
            #expect(try await store.sessionWithAccount(token: bobCookie) != nil, "and keeps the one that changed it")

            let carolCookie = try await signIn(w.carol)
            let carolToken = try await store.createAPIToken(userId: w.carol.id, name: "x", context: w.ctx(w.carol))
            #expect(try await store.sessionWithAccount(token: carolCookie) != nil)
            #expect(try await store.userForAPIToken(carolToken) != nil)
            try await store.setActive(w.carol.id, active: false, context: w.ctx(w.admin))
            #expect(try await store.sessionWithAccount(token: carolCookie) == nil, "deactivated")
            #expect(try await store.userForAPIToken(carolToken) == nil, "deactivated")
        }
    }

    @Test("Marking notifications read shows at once in the session's count", arguments: TestBackend.all)
    func notificationsReadAtOnce(_ backend: TestBackend) async throws {
        try await withWorld(backend) { w in
            let store = remembering(w)
            let cookie = try await store.createSession(
                userId: w.alice.id, secondFactorDone: true, ipAddress: nil, context: w.ctx(w.alice))
            try await w.env.execute(
                """
                INSERT INTO notifications (id, user_id, kind, text, created_at)
                VALUES ('\(UUID().uuidString)', '\(w.alice.id.uuidString)', 'due', 'synthetic', '2025-06-01T09:00:00Z')
                """)
            #expect(try await store.sessionWithAccount(token: cookie)?.0.unreadNotifications == 1)
            #expect(try await store.markNotificationsRead(context: w.ctx(w.alice)) == 1)
            #expect(try await store.sessionWithAccount(token: cookie)?.0.unreadNotifications == 0)
        }
    }
}
