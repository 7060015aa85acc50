import Foundation
import HTTPTypes
import HummingbirdTesting
import SafeholdCore
import SafeholdStore
import SafeholdWeb
import Testing

@Suite("The idle-session warning and its 'Stay signed in' check")
struct SessionCheckWebTests {
    @Test("A live session answers JSON with its idle time; none, an ended or a token-only caller is sent to sign in")
    func checkAnswersOnlyALiveSession() async throws {
        try await WebFixture.withApp { f, client in
            let north = try await f.session(f.north)
            let live = try await client.execute(uri: "/account/session", method: .get, headers: north.headers)
            #expect(live.status == .ok)
            #expect(live.headers[.contentType]?.hasPrefix("application/json") == true)
            #expect(live.headers[.cacheControl] == "no-store")
            #expect(live.text.contains(#""signedIn":true"#) && live.text.contains(#""idleSeconds":1800"#))

            let nobody = try await client.execute(uri: "/account/session", method: .get)
            #expect(nobody.status == .found)
            #expect(nobody.headers[.location] == "/login")
            let token = try await f.apiToken(f.north)
            let bearerOnly = try await client.execute(uri: "/account/session", method: .get, headers: bearer(token))
            #expect(bearerOnly.headers[.location] == "/login", "the page routes never read an API token")

            try await f.store.endSession(
                token: String(north.cookie.dropFirst("safehold_session=".count)), context: nil)
            let ended = try await client.execute(uri: "/account/session", method: .get, headers: north.headers)
            #expect(ended.headers[.location] == "/login")
            #expect(ended.headers[.contentType]?.hasPrefix("application/json") != true)
        }
    }

    @Test("Asking counts as activity: an idle session is touched, so its idle time starts again")
    func checkKeepsTheSessionAlive() async throws {
        try await WebFixture.withApp { f, client in
            let north = try await f.session(f.north)
            let token = String(north.cookie.dropFirst("safehold_session=".count))
            f.clock.advance(by: 25 * 60)
            let asked = try await client.execute(uri: "/account/session", method: .get, headers: north.headers)
            #expect(asked.status == .ok)
            #expect(try await f.store.session(token: token)?.lastSeenAt == f.clock.now())
            f.clock.advance(by: 25 * 60)
            let later = try await client.execute(uri: "/account/session", method: .get, headers: north.headers)
            #expect(later.status == .ok, "50 minutes after sign-in, 25 after the check: still live")
        }
    }

    @Test("Signed-in pages carry the warning with the idle time and the check's address; the sign-in page does not")
    func pagesCarryTheWarning() async throws {
        try await WebFixture.withApp { f, client in
            let north = try await f.session(f.north)
            let page = try await client.execute(uri: "/account", method: .get, headers: north.headers).text
            #expect(page.contains(#"id="session-warning""#))
            #expect(page.contains(#"data-idle-seconds="1800""#))
            #expect(page.contains(#"data-check="/account/session""#))
            let login = try await client.execute(uri: "/login", method: .get).text
            #expect(!login.contains("session-warning"))
        }
    }
}
