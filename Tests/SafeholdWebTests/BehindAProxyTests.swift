import Foundation
import HTTPTypes
import HummingbirdTesting
import SafeholdCore
import SafeholdStore
import SafeholdWeb
import Testing

func forwardedFor(_ address: String) -> HTTPFields { [HTTPField.Name("X-Forwarded-For")!: address] }

/// Over a real socket from 127.0.0.1, with and without that address configured as a trusted proxy.
@Suite struct BehindAProxyTests {
    static func trusted(_ c: inout AppConfiguration) {
        c.port = 0
        c.trustedProxies = ["127.0.0.1", "::1"]
    }

    @Test func aTrustedProxysForwardedAddressIsTheOneAuditedAndLimited() async throws {
        try await WebFixture.withApp(.live, configure: Self.trusted) { f, client in
            let response = try await signIn(
                client, username: "north", password: WebFixture.password,
                headers: forwardedFor("198.51.100.23"))
            #expect(response.status == .found)
            let login = try #require(try await f.store.audit.recent(limit: 5).first { $0.event.action == .login })
            #expect(login.event.ipAddress == "198.51.100.23")
        }
    }

    @Test func withoutATrustedProxyTheForwardedHeaderIsIgnored() async throws {
        try await WebFixture.withApp(.live, configure: { $0.port = 0 }) { f, client in
            let response = try await signIn(
                client, username: "north", password: WebFixture.password,
                headers: forwardedFor("198.51.100.23"))
            #expect(response.status == .found)
            let login = try #require(try await f.store.audit.recent(limit: 5).first { $0.event.action == .login })
            #expect(login.event.ipAddress == "127.0.0.1")
        }
    }

    @Test func guessingFromOneAddressDoesNotKeepTheUserOutFromAnother() async throws {
        try await WebFixture.withApp(.live, configure: Self.trusted) { f, client in
            let attacker = forwardedFor("203.0.113.66")
            for _ in 0..<6 {
                _ = try await signIn(client, username: "north", password: "wrong-password-1", headers: attacker)
            }
            let before = try await f.footprint()
            #expect(
                try await signIn(client, username: "north", password: WebFixture.password, headers: attacker).status
                    == .tooManyRequests)
            #expect(try await f.footprint() == before)
            let user = try await signIn(
                client, username: "north", password: WebFixture.password, headers: forwardedFor("198.51.100.23"))
            #expect(user.status == .found)
            #expect(user.headers[.location] == "/")
        }
    }
}

@Suite struct TransportSecurityTests {
    @Test func behindTLSEveryResponseCarriesHSTSAndCookiesAreSecure() async throws {
        try await WebFixture.withApp(configure: { $0.behindTLS = true }) { f, client in
            for uri in ["/login", "/no-such-page", "/api/v1/me"] {
                let response = try await client.execute(uri: uri, method: .get)
                #expect(
                    response.headers[HTTPField.Name("Strict-Transport-Security")!]
                        == "max-age=31536000; includeSubDomains")
            }
            let response = try await signIn(client, username: "north", password: WebFixture.password)
            let cookie = try #require(response.headers[values: .setCookie].first { $0.hasPrefix("safehold_session=") })
            #expect(cookie.contains("Secure"))
        }
    }

    @Test func overPlainHTTPThereIsNoHSTSAndNoSecureFlag() async throws {
        try await WebFixture.withApp { f, client in
            let response = try await signIn(client, username: "north", password: WebFixture.password)
            #expect(response.headers[HTTPField.Name("Strict-Transport-Security")!] == nil)
            let cookie = try #require(response.headers[values: .setCookie].first { $0.hasPrefix("safehold_session=") })
            #expect(!cookie.contains("Secure"))
        }
    }
}
