import Foundation
import HTTPTypes
import HummingbirdOTP
import HummingbirdTesting
import SafeholdCore
import SafeholdStore
import SafeholdWeb
import Testing

/// Posts a form as a pending (half-signed-in) browser, taking the CSRF token from `page`.
func postPending(
    _ client: some TestClientProtocol, _ uri: String, cookie: String, page: String,
    _ fields: [(String, String)]
) async throws -> TestResponse {
    let html = try await client.execute(uri: page, method: .get, headers: [.cookie: cookie]).text
    let csrf = try #require(csrfToken(html))
    return try await client.execute(
        uri: uri, method: .post, headers: [.cookie: cookie, .contentType: "application/x-www-form-urlencoded"],
        body: Form.encode(fields + [("_csrf", csrf)]))
}

func code(_ secret: String, _ f: WebFixture) -> String {
    String(format: "%06d", TOTP(secret: secret).compute(date: f.clock.now()))
}

@Suite struct SecondFactorWebTests {
    @Test func aDeactivatedUserIsStoppedAtTheCodeStepAndAtThePassword() async throws {
        try await WebFixture.withApp { f, client in
            let pending = try #require(
                sessionCookie(try await signIn(client, username: "dpo", password: WebFixture.password)))
            let csrf = try #require(
                csrfToken(try await client.execute(uri: "/login/code", method: .get, headers: [.cookie: pending]).text))
            let token = try await f.apiToken(f.dpo)
            try await f.store.setActive(
                f.dpo.id, active: false, context: AuditContext(actor: f.admin.actor, ipAddress: nil))
            let before = try await f.footprint()
            let late = try await client.execute(
                uri: "/login/code", method: .post,
                headers: [.cookie: pending, .contentType: "application/x-www-form-urlencoded"],
                body: Form.encode([("_csrf", csrf), ("code", code(WebFixture.dpoSecret, f))]))
            #expect(late.headers[.location] == "/login")
            #expect(sessionCookie(late) == nil)
            #expect(try await f.footprint() == before)
            let again = try await signIn(client, username: "dpo", password: WebFixture.password)
            #expect(again.status == .unauthorized)
            #expect(sessionCookie(again) == nil)
            let api = try await client.execute(uri: "/api/v1/me", method: .get, headers: bearer(token))
            #expect(api.status == .unauthorized)
        }
    }

    @Test func wrongCodesDelayTheNextAttemptAndEndTheHalfFinishedSignIn() async throws {
        try await WebFixture.withApp { f, client in
            let pending = try #require(
                sessionCookie(try await signIn(client, username: "dpo", password: WebFixture.password)))
            for _ in 0..<5 {
                let wrong = try await postPending(
                    client, "/login/code", cookie: pending, page: "/login/code", [("code", "000000")])
                #expect(wrong.status == .unauthorized)
            }
            // The sixth attempt (password plus five codes) made the counter wait and ended the pending session.
            let gone = try await client.execute(uri: "/login/code", method: .get, headers: [.cookie: pending])
            #expect(gone.headers[.location] == "/login")
            let before = try await f.footprint()
            let delayed = try await signIn(client, username: "dpo", password: WebFixture.password)
            #expect(delayed.status == .tooManyRequests)
            #expect(try await f.footprint() == before)
            f.clock.advance(by: 2)
            let fresh = try #require(
                sessionCookie(try await signIn(client, username: "dpo", password: WebFixture.password)))
            // The password counted too, so the code waits its turn (4 s) rather than jumping the queue.
            let early = try await postPending(
                client, "/login/code", cookie: fresh, page: "/login/code",
                [("code", code(WebFixture.dpoSecret, f))])
            #expect(early.status == .tooManyRequests)
            #expect(early.text.contains("Wait 4 seconds"))
            f.clock.advance(by: 4)
            let right = try await postPending(
                client, "/login/code", cookie: fresh, page: "/login/code",
                [("code", code(WebFixture.dpoSecret, f))])
            #expect(right.status == .found)
            #expect(right.headers[.location] == "/")
        }
    }

    @Test func theEnrolmentSecretIsKeptOnTheServerAndASecretSentInTheFormIsIgnored() async throws {
        try await WebFixture.withApp { f, client in
            let pending = try #require(
                sessionCookie(try await signIn(client, username: "admin", password: WebFixture.password)))
            let page = try await client.execute(
                uri: "/account/second-factor", method: .get, headers: [.cookie: pending]
            ).text
            let secret = try #require(enrolmentSecret(page))
            let reload = try await client.execute(
                uri: "/account/second-factor", method: .get, headers: [.cookie: pending]
            ).text
            #expect(enrolmentSecret(reload) == secret, "the same secret until it is proven")
            let stored = try #require(
                try await f.store.sessionWithAccount(token: String(pending.dropFirst("safehold_session=".count)))?
                    .0.pendingTOTPSecret)
            #expect(!stored.text.contains(secret))

            let attacker = "AttackerChosenSecret"
            let forged = try await postPending(
                client, "/account/second-factor", cookie: pending, page: "/account/second-factor",
                [("secret", attacker), ("code", code(attacker, f))])
            #expect(forged.status == .unprocessableContent)
            #expect(try await f.store.account(id: f.admin.id)?.totpSecret == nil)

            let done = try await postPending(
                client, "/account/second-factor", cookie: pending, page: "/account/second-factor",
                [("code", code(secret, f))])
            #expect(done.status == .found)
            #expect(try await f.store.account(id: f.admin.id)?.totpSecret.flatMap(f.services.secrets.open) == secret)
        }
    }

    @Test func anyRoleMayOptInToASecondFactorAndSignInThenAsksForIt() async throws {
        try await WebFixture.withApp { f, client in
            let north = try await f.session(f.north)
            let account = try await client.execute(uri: "/account", method: .get, headers: north.headers)
            #expect(account.text.contains("Not set up."))
            let page = try await client.execute(uri: "/account/second-factor", method: .get, headers: north.headers)
            #expect(page.status == .ok)
            let secret = try #require(enrolmentSecret(page.text))
            let done = try await client.execute(
                uri: "/account/second-factor", method: .post, headers: north.formHeaders(),
                body: north.form([("code", code(secret, f))]))
            #expect(done.status == .seeOther)
            #expect(done.headers[.location] == "/account")
            #expect(try await f.store.account(id: f.north.id)?.totpSecret != nil)
            #expect(try await f.store.audit.recent(limit: 1).first?.event.action == .secondFactorEnrolled)
            let next = try await signIn(client, username: "north", password: WebFixture.password)
            #expect(next.headers[.location] == "/login/code")
        }
    }

    @Test func anAuditorMustEnrolBeforeSeeingAnything() async throws {
        try await WebFixture.withApp { f, client in
            let governance = try #require(try await f.store.teams().first { $0.name == "Governance" })
            let auditor = User(
                id: f.store.ids.next(), username: "auditor", displayName: "Auditor", role: .auditor,
                agencyId: governance.agencyId, teamId: governance.id)
            _ = try await f.store.createUser(
                auditor, passwordHash: try await f.services.passwords.hash(WebFixture.password),
                mustChangePassword: false, context: AuditContext(system: "test"))
            let response = try await signIn(client, username: "auditor", password: WebFixture.password)
            #expect(response.headers[.location] == "/account/second-factor")
            let blocked = try await client.execute(
                uri: "/", method: .get, headers: [.cookie: try #require(sessionCookie(response))])
            #expect(blocked.headers[.location] == "/account/second-factor")
        }
    }
}
