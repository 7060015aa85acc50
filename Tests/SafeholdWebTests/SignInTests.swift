import Foundation
import HTTPTypes
import HummingbirdOTP
import HummingbirdTesting
import SafeholdCore
import SafeholdStore
import SafeholdWeb
import Testing

/// The hidden CSRF token of a page's forms.
func csrfToken(_ html: String) -> String? {
    html.range(of: "name=\"_csrf\" value=\"").map { String(html[$0.upperBound...].prefix { $0 != "\"" }) }
}

/// The TOTP secret shown (base32) on the enrolment page, decoded to the bytes the app uses.
func enrolmentSecret(_ html: String) -> String? {
    guard let range = html.range(of: "id=\"totp-key\">") else { return nil }
    let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567")
    var bits = 0, value = 0, bytes: [UInt8] = []
    for c in html[range.upperBound...].prefix(while: { $0 != "<" }) {
        guard let index = alphabet.firstIndex(of: c) else { return nil }
        value = (value << 5) | index
        bits += 5
        if bits >= 8 { bytes.append(UInt8((value >> (bits - 8)) & 0xFF)); bits -= 8 }
    }
    return String(bytes: bytes, encoding: .utf8)
}

/// Signs in through the real forms: fetches the login page's token and cookie, then posts.
func signIn(
    _ client: some TestClientProtocol, username: String, password: String,
    headers extra: HTTPFields = [:]
) async throws -> TestResponse {
    let page = try await client.execute(uri: "/login", method: .get, headers: extra)
    let html = page.text
    let token = try #require(
        html.range(of: "name=\"_login\" value=\"").map { html[$0.upperBound...].prefix { $0 != "\"" } })
    let cookie = try #require(page.headers[values: .setCookie].first { $0.hasPrefix("safehold_login=") })
    var headers = extra
    headers[.cookie] = String(cookie.prefix { $0 != ";" })
    headers[.contentType] = "application/x-www-form-urlencoded"
    return try await client.execute(
        uri: "/login", method: .post, headers: headers,
        body: Form.encode([("_login", String(token)), ("username", username), ("password", password)]))
}

func sessionCookie(_ response: TestResponse) -> String? {
    response.headers[values: .setCookie].first {
        $0.hasPrefix("safehold_session=") && !$0.hasPrefix("safehold_session=;")
    }
    .map { String($0.prefix { $0 != ";" }) }
}

@Suite struct SignInTests {
    @Test func aGoodPasswordStartsAStrictHttpOnlySessionAndLandsOnTheCaseload() async throws {
        try await WebFixture.withApp { f, client in
            let response = try await signIn(client, username: "north", password: WebFixture.password)
            #expect(response.status == .found)
            #expect(response.headers[.location] == "/")
            let setCookie = try #require(
                response.headers[values: .setCookie].first { $0.hasPrefix("safehold_session=") })
            #expect(setCookie.contains("HttpOnly"))
            #expect(setCookie.contains("SameSite=Strict"))
            let home = try await client.execute(
                uri: "/", method: .get, headers: [.cookie: try #require(sessionCookie(response))])
            #expect(home.status == .ok)
            #expect(home.text.contains("Ada Testwick"))
        }
    }

    @Test func aWrongPasswordAndAnUnknownUserGetTheSameAnswer() async throws {
        try await WebFixture.withApp { f, client in
            let wrong = try await signIn(client, username: "north", password: "not-the-password")
            let unknown = try await signIn(client, username: "nobody-here", password: "not-the-password")
            #expect(wrong.status == .unauthorized)
            #expect(unknown.status == .unauthorized)
            #expect(wrong.text.contains("The username or password is not right"))
            func main(_ html: String) -> String { html.components(separatedBy: "name=\"_login\"")[0] }
            #expect(main(wrong.text) == main(unknown.text))
            #expect(sessionCookie(wrong) == nil)
        }
    }

    @Test func failuresBeyondTheAllowanceDelayTheNextAttemptWithoutLockingTheAccount() async throws {
        try await WebFixture.withApp { f, client in
            for _ in 0..<6 {
                #expect(
                    try await signIn(client, username: "north", password: "wrong-password-1").status == .unauthorized)
            }
            let before = try await f.footprint()
            let delayed = try await signIn(client, username: "north", password: WebFixture.password)
            #expect(delayed.status == .tooManyRequests)
            #expect(delayed.text.contains("Wait 2 seconds"))
            #expect(sessionCookie(delayed) == nil)
            #expect(try await f.footprint() == before, "an attempt refused while waiting writes nothing")
            let entries = try await f.store.audit.recent(limit: 20).map(\.event.action)
            #expect(entries.contains(.lockedOut))
            #expect(entries.contains(.loginFailed))
            f.clock.advance(by: 2)
            let later = try await signIn(client, username: "north", password: WebFixture.password)
            #expect(later.status == .found)
            // A success clears the counter: the next mistake is free again.
            #expect(try await signIn(client, username: "north", password: "wrong-password-1").status == .unauthorized)
            #expect(try await signIn(client, username: "north", password: WebFixture.password).status == .found)
        }
    }

    @Test func anUnknownUsernameIsDelayedExactlyLikeAKnownOne() async throws {
        try await WebFixture.withApp { f, client in
            for _ in 0..<6 {
                _ = try await signIn(client, username: "north", password: "wrong-password-1")
                _ = try await signIn(client, username: "nobody-here", password: "wrong-password-1")
            }
            let known = try await signIn(client, username: "north", password: "wrong-password-1")
            let unknown = try await signIn(client, username: "nobody-here", password: "wrong-password-1")
            #expect(known.status == .tooManyRequests)
            #expect(unknown.status == .tooManyRequests)
            func main(_ html: String) -> String { html.components(separatedBy: "name=\"_login\"")[0] }
            #expect(
                main(known.text).replacingOccurrences(of: "north", with: "")
                    == main(unknown.text).replacingOccurrences(of: "nobody-here", with: ""))
        }
    }

    @Test func aLoginPostWithoutItsPageTokenIsRefused() async throws {
        try await WebFixture.withApp { f, client in
            let response = try await client.execute(
                uri: "/login", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
                body: Form.encode([("username", "north"), ("password", WebFixture.password)]))
            #expect(response.status == .forbidden)
            #expect(sessionCookie(response) == nil)
        }
    }

    @Test func theDataProtectionOfficerMustGiveACodeBeforeSeeingAnything() async throws {
        try await WebFixture.withApp { f, client in
            let response = try await signIn(client, username: "dpo", password: WebFixture.password)
            #expect(response.headers[.location] == "/login/code")
            let pending = try #require(sessionCookie(response))
            let blocked = try await client.execute(uri: "/search?q=Testwick", method: .get, headers: [.cookie: pending])
            #expect(blocked.status == .found)
            #expect(blocked.headers[.location] == "/login/code")
            let codePage = try await client.execute(uri: "/login/code", method: .get, headers: [.cookie: pending])
            let html = codePage.text
            let csrf = try #require(
                html.range(of: "name=\"_csrf\" value=\"").map { String(html[$0.upperBound...].prefix { $0 != "\"" }) })
            let wrong = try await client.execute(
                uri: "/login/code", method: .post,
                headers: [.cookie: pending, .contentType: "application/x-www-form-urlencoded"],
                body: Form.encode([("_csrf", csrf), ("code", "000000")]))
            #expect(wrong.status == .unauthorized)
            let code = String(format: "%06d", TOTP(secret: WebFixture.dpoSecret).compute(date: f.clock.now()))
            let right = try await client.execute(
                uri: "/login/code", method: .post,
                headers: [.cookie: pending, .contentType: "application/x-www-form-urlencoded"],
                body: Form.encode([("_csrf", csrf), ("code", code)]))
            #expect(right.status == .found)
            let rotated = try #require(sessionCookie(right))
            #expect(rotated != pending)
            let search = try await client.execute(uri: "/search?q=Testwick", method: .get, headers: [.cookie: rotated])
            #expect(search.status == .ok)
            let old = try await client.execute(uri: "/", method: .get, headers: [.cookie: pending])
            #expect(old.headers[.location] == "/login")
            // The same code cannot be used twice.
            let again = try #require(
                sessionCookie(try await signIn(client, username: "dpo", password: WebFixture.password)))
            let againPage = try await client.execute(uri: "/login/code", method: .get, headers: [.cookie: again]).text
            let againCSRF = try #require(
                againPage.range(of: "name=\"_csrf\" value=\"").map {
                    String(againPage[$0.upperBound...].prefix { $0 != "\"" })
                })
            let replay = try await client.execute(
                uri: "/login/code", method: .post,
                headers: [.cookie: again, .contentType: "application/x-www-form-urlencoded"],
                body: Form.encode([("_csrf", againCSRF), ("code", code)]))
            #expect(replay.status == .unauthorized)
        }
    }

    @Test func anAdministratorWithoutASecondFactorMustEnrolOne() async throws {
        try await WebFixture.withApp { f, client in
            let response = try await signIn(client, username: "admin", password: WebFixture.password)
            #expect(response.headers[.location] == "/account/second-factor")
            let cookie = try #require(sessionCookie(response))
            let page = try await client.execute(uri: "/account/second-factor", method: .get, headers: [.cookie: cookie])
            #expect(page.status == .ok)
            #expect(!page.text.contains("name=\"secret\""), "the form never carries the secret")
            let secret = try #require(enrolmentSecret(page.text)), csrf = try #require(csrfToken(page.text))
            let code = String(format: "%06d", TOTP(secret: secret).compute(date: f.clock.now()))
            let done = try await client.execute(
                uri: "/account/second-factor", method: .post,
                headers: [.cookie: cookie, .contentType: "application/x-www-form-urlencoded"],
                body: Form.encode([("_csrf", csrf), ("code", code)]))
            #expect(done.status == .found)
            let sealed = try #require(try await f.store.account(username: "admin")?.totpSecret)
            #expect(!sealed.text.contains(secret), "the database holds the secret sealed, never in plaintext")
            #expect(f.services.secrets.open(sealed) == secret)
        }
    }

    @Test func signingOutEndsTheSessionAndNeedsTheFormToken() async throws {
        try await WebFixture.withApp { f, client in
            let session = try await f.session(f.north)
            let forged = try await client.execute(
                uri: "/logout", method: .post, headers: session.formHeaders(),
                body: session.form([], csrf: false))
            #expect(forged.status == .forbidden)
            let out = try await client.execute(
                uri: "/logout", method: .post, headers: session.formHeaders(), body: session.form([]))
            #expect(out.status == .found)
            let after = try await client.execute(uri: "/", method: .get, headers: session.headers)
            #expect(after.headers[.location] == "/login")
        }
    }

    @Test func anIdleSessionExpires() async throws {
        try await WebFixture.withApp { f, client in
            let session = try await f.session(f.north)
            f.clock.advance(by: 31 * 60)
            let response = try await client.execute(uri: "/", method: .get, headers: session.headers)
            #expect(response.headers[.location] == "/login")
        }
    }

    @Test func everyResponseCarriesTheSecurityHeaders() async throws {
        try await WebFixture.withApp { f, client in
            for uri in ["/login", "/no-such-page", "/static/safehold.css", "/api/v1/me"] {
                let response = try await client.execute(uri: uri, method: .get)
                let csp = try #require(response.headers[.contentSecurityPolicy])
                #expect(csp.contains("script-src 'self'"))
                #expect(!csp.contains("unsafe-inline"))
                #expect(csp.contains("frame-ancestors 'none'"))
                #expect(response.headers[.xContentTypeOptions] == "nosniff")
            }
        }
    }
}

@Suite struct UserAdminTests {
    @Test func anAdministratorOpensAnAccountWithAOneTimePasswordAndOthersCannot() async throws {
        try await WebFixture.withApp { f, client in
            let admin = try await f.session(f.admin)
            let teams = try await f.store.teams()
            let north = try #require(teams.first { $0.name == "North" })
            let created = try await client.execute(
                uri: "/admin/users", method: .post, headers: admin.formHeaders(),
                body: admin.form([
                    ("username", "new.analyst"), ("displayName", "New Analyst"),
                    ("role", "performance_analyst"), ("team", north.id.uuidString),
                ]))
            #expect(created.status == .created)
            #expect(created.text.contains("one-time-password"))
            let account = try #require(try await f.store.account(username: "new.analyst"))
            #expect(account.mustChangePassword)
            #expect(account.passwordExpiresAt == f.clock.now().addingTimeInterval(72 * 3_600))
            let taken = try await client.execute(
                uri: "/admin/users", method: .post, headers: admin.formHeaders(),
                body: admin.form([
                    ("username", "new.analyst"), ("displayName", "Again"),
                    ("role", "performance_analyst"), ("team", north.id.uuidString),
                ]))
            #expect(taken.status == .conflict)
            let bad = try await client.execute(
                uri: "/admin/users", method: .post, headers: admin.formHeaders(),
                body: admin.form([("username", "Bad Name!"), ("displayName", "x"), ("role", "wizard")]))
            #expect(bad.status == .unprocessableContent)
            let worker = try await f.session(f.north)
            let refused = try await client.execute(uri: "/admin/users", method: .get, headers: worker.headers)
            #expect(refused.status == .forbidden)
            let refusedPost = try await client.execute(
                uri: "/admin/users", method: .post, headers: worker.formHeaders(),
                body: worker.form([
                    ("username", "sneaky"), ("displayName", "S"),
                    ("role", "administrator"), ("team", north.id.uuidString),
                ]))
            #expect(refusedPost.status == .forbidden)
            #expect(try await f.store.account(username: "sneaky") == nil)
        }
    }
}
