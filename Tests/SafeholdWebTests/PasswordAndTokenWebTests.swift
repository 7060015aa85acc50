import Foundation
import HTTPTypes
import HummingbirdTesting
import SafeholdCore
import SafeholdStore
import SafeholdWeb
import Testing

@Suite struct PasswordWebTests {
    @Test func aNewPasswordWithAControlCharacterIsRefusedAndNothingChanges() async throws {
        try await WebFixture.withApp { f, client in
            let north = try await f.session(f.north)
            let hash = try await f.store.account(id: f.north.id)?.passwordHash
            let before = try await f.footprint()
            let bad = "new-password\u{0}-with-nul"
            let response = try await client.execute(
                uri: "/account/password", method: .post, headers: north.formHeaders(),
                body: north.form([("current", WebFixture.password), ("new", bad), ("confirm", bad)]))
            #expect(response.status == .unprocessableContent)
            #expect(response.text.contains("control characters"))
            #expect(try await f.store.account(id: f.north.id)?.passwordHash == hash)
            var after = try await f.footprint()
            after["sign_in_limits"] = before["sign_in_limits"]
            #expect(after == before, "only the attempt counter for the current password was touched, and taken back")
        }
    }

    @Test func guessingTheCurrentPasswordIsDelayedLikeSigningIn() async throws {
        try await WebFixture.withApp { f, client in
            let north = try await f.session(f.north)
            func change(_ current: String) async throws -> TestResponse {
                try await client.execute(
                    uri: "/account/password", method: .post, headers: north.formHeaders(),
                    body: north.form([
                        ("current", current), ("new", "brand-new-password-1"),
                        ("confirm", "brand-new-password-1"),
                    ]))
            }
            for _ in 0..<6 { #expect(try await change("a-wrong-guess-123").status == .unprocessableContent) }
            let hash = try await f.store.account(id: f.north.id)?.passwordHash
            let before = try await f.footprint()
            let delayed = try await change(WebFixture.password)
            #expect(delayed.status == .tooManyRequests)
            #expect(try await f.store.account(id: f.north.id)?.passwordHash == hash)
            #expect(try await f.footprint() == before)
            #expect(try await f.store.audit.recent(limit: 10).contains { $0.event.detail == "current password" })
        }
    }

    @Test func changingThePasswordRevokesEveryTokenAndEndsEveryOtherSession() async throws {
        try await WebFixture.withApp { f, client in
            let here = try await f.session(f.north), elsewhere = try await f.session(f.north)
            let token = try await f.apiToken(f.north)
            let response = try await client.execute(
                uri: "/account/password", method: .post, headers: here.formHeaders(),
                body: here.form([
                    ("current", WebFixture.password), ("new", "brand-new-password-1"),
                    ("confirm", "brand-new-password-1"),
                ]))
            #expect(response.status == .seeOther)
            #expect(try await client.execute(uri: "/", method: .get, headers: here.headers).status == .ok)
            #expect(
                try await client.execute(uri: "/", method: .get, headers: elsewhere.headers).headers[.location]
                    == "/login")
            #expect(
                try await client.execute(uri: "/api/v1/me", method: .get, headers: bearer(token)).status
                    == .unauthorized)
        }
    }

    @Test func aOneTimePasswordStopsWorkingAfterItsLifetime() async throws {
        try await WebFixture.withApp { f, client in
            let admin = try await f.session(f.admin)
            let north = try #require(try await f.store.teams().first { $0.name == "North" })
            let created = try await client.execute(
                uri: "/admin/users", method: .post, headers: admin.formHeaders(),
                body: admin.form([
                    ("username", "temp.analyst"), ("displayName", "Temp Analyst"),
                    ("role", "performance_analyst"), ("team", north.id.uuidString),
                ]))
            let html = created.text
            let password = try #require(
                html.range(of: "id=\"one-time-password\">").map {
                    String(html[$0.upperBound...].prefix { $0 != "<" })
                })
            f.clock.advance(by: 72 * 3_600 + 1)
            let before = try await f.footprint()
            let late = try await signIn(client, username: "temp.analyst", password: password)
            #expect(late.status == .unauthorized)
            #expect(late.text.contains("one-time password has expired"))
            #expect(sessionCookie(late) == nil)
            #expect(try await f.footprint()["sessions"] == before["sessions"])
        }
    }
}

@Suite struct TokenWebTests {
    @Test func tokensAreListedWithTheirLastUseAndCanBeRevokedOnlyByTheirOwner() async throws {
        try await WebFixture.withApp { f, client in
            let north = try await f.session(f.north), south = try await f.session(f.south)
            let token = try await f.apiToken(f.north)
            #expect(try await client.execute(uri: "/api/v1/me", method: .get, headers: bearer(token)).status == .ok)
            let page = try await client.execute(uri: "/account/tokens", method: .get, headers: north.headers).text
            #expect(!page.contains("<td>never</td>"), "when it was last used is shown")
            #expect(page.contains("2027-02-22"), "when it expires: 90 days")
            let id = try #require(try await f.store.apiTokens(userId: f.north.id).first?.id)

            let before = try await f.footprint()
            let foreign = try await client.execute(
                uri: "/account/tokens/\(id.uuidString)/revoke", method: .post,
                headers: south.formHeaders(), body: south.form([]))
            #expect(foreign.status == .notFound)
            #expect(try await f.footprint() == before)
            let forged = try await client.execute(
                uri: "/account/tokens/\(id.uuidString)/revoke", method: .post,
                headers: north.formHeaders(), body: north.form([], csrf: false))
            #expect(forged.status == .forbidden)
            #expect(try await f.footprint() == before)

            let revoked = try await client.execute(
                uri: "/account/tokens/\(id.uuidString)/revoke", method: .post,
                headers: north.formHeaders(), body: north.form([]))
            #expect(revoked.status == .seeOther)
            #expect(
                try await client.execute(uri: "/api/v1/me", method: .get, headers: bearer(token)).status
                    == .unauthorized)
            #expect(
                try await client.execute(uri: "/account/tokens", method: .get, headers: north.headers).text.contains(
                    "Revoked"))
        }
    }

    @Test func anExpiredTokenIsRefused() async throws {
        try await WebFixture.withApp { f, client in
            let token = try await f.apiToken(f.north)
            f.clock.advance(by: 90 * 86_400 + 1)
            #expect(
                try await client.execute(uri: "/api/v1/me", method: .get, headers: bearer(token)).status
                    == .unauthorized)
        }
    }
}
