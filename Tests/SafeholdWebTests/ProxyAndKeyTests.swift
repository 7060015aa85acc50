import Foundation
import HTTPTypes
import HummingbirdBcrypt
import HummingbirdTesting
import SQLKit
import SafeholdCore
import SafeholdStore
import SafeholdWeb
import Testing

@Suite struct TrustedProxyTests {
    let proxies = try! TrustedProxies(["10.0.0.0/8", "192.0.2.1", "2001:db8::/32"])

    @Test func forwardedHeadersAreIgnoredUnlessThePeerIsATrustedProxy() {
        #expect(
            proxies.clientAddress(peer: "203.0.113.5", forwarded: nil, xForwardedFor: "198.51.100.7") == "203.0.113.5")
        #expect(
            proxies.clientAddress(peer: "203.0.113.5", forwarded: "for=198.51.100.7", xForwardedFor: nil)
                == "203.0.113.5")
        let none = try! TrustedProxies([])
        #expect(none.clientAddress(peer: "10.1.2.3", forwarded: nil, xForwardedFor: "198.51.100.7") == "10.1.2.3")
    }

    @Test func theClientIsTheNearestUntrustedAddressSoASpoofedLeftEntryIsNeverTaken() {
        #expect(
            proxies.clientAddress(peer: "10.1.2.3", forwarded: nil, xForwardedFor: "198.51.100.7") == "198.51.100.7")
        #expect(
            proxies.clientAddress(peer: "10.1.2.3", forwarded: nil, xForwardedFor: "1.2.3.4, 198.51.100.7, 10.9.9.9")
                == "198.51.100.7")
        #expect(
            proxies.clientAddress(peer: "192.0.2.1", forwarded: nil, xForwardedFor: "not-an-ip, 198.51.100.7")
                == "198.51.100.7")
        #expect(proxies.clientAddress(peer: "192.0.2.1", forwarded: nil, xForwardedFor: "garbage") == "192.0.2.1")
        #expect(proxies.clientAddress(peer: "10.1.2.3", forwarded: nil, xForwardedFor: nil) == "10.1.2.3")
    }

    @Test func theForwardedHeaderIsReadWithQuotesBracketsAndPorts() {
        #expect(
            proxies.clientAddress(
                peer: "10.1.2.3", forwarded: "for=192.0.2.60;proto=https;by=10.1.2.3", xForwardedFor: "6.6.6.6")
                == "192.0.2.60")
        #expect(
            proxies.clientAddress(peer: "2001:db8::9", forwarded: "for=\"[2001:db9::1]:4711\"", xForwardedFor: nil)
                == "2001:db9::1")
        #expect(
            proxies.clientAddress(
                peer: "10.1.2.3", forwarded: "for=1.1.1.1, for=\"198.51.100.8:443\"", xForwardedFor: nil)
                == "198.51.100.8")
    }

    @Test func rangesMatchByPrefixAndBadEntriesAreRefused() throws {
        #expect(proxies.trusts("10.255.0.1"))
        #expect(!proxies.trusts("11.0.0.1"))
        #expect(proxies.trusts("2001:db8:ffff::1"))
        #expect(!proxies.trusts("2001:db9::1"))
        #expect(!proxies.trusts("192.0.2.2"))
        #expect(throws: (any Error).self) { try TrustedProxies(["10.0.0.0/33"]) }
        #expect(throws: (any Error).self) { try TrustedProxies(["proxy.example"]) }
    }
}

@Suite struct PasswordHashingTests {
    let passwords = Passwords(cost: 4)

    @Test func bytesBeyondTheSeventySecondStillCount() async throws {
        let base = String(repeating: "a", count: 72)
        let hash = try await passwords.hash(base)
        #expect(hash.hasPrefix("sha256$"))
        #expect(try await passwords.verify(base, hash: hash))
        #expect(try await !passwords.verify(base + "b", hash: hash), "73 bytes is a different password")
        let long = try await passwords.hash(base + "b")
        #expect(try await passwords.verify(base + "b", hash: long))
        #expect(try await !passwords.verify(base + "c", hash: long))
    }

    @Test func aMultibyteCharacterCutAtByteSeventyTwoIsNotConfusedWithAnother() async throws {
        // 71 ASCII bytes, then é (C3 A9) or è (C3 A8): bcrypt alone would see the same 72 bytes.
        let prefix = String(repeating: "x", count: 71)
        let hash = try await passwords.hash(prefix + "é")
        #expect(try await passwords.verify(prefix + "é", hash: hash))
        #expect(try await !passwords.verify(prefix + "è", hash: hash))
        let seventy = String(repeating: "x", count: 70) + "é"
        #expect(seventy.utf8.count == 72)
        #expect(try await !passwords.verify(seventy, hash: try await passwords.hash(seventy + "z")))
    }

    @Test func hashesFromOlderReleasesStillVerify() async throws {
        let legacy = Bcrypt.hash("legacy-password-123", cost: 4)
        #expect(!legacy.hasPrefix("sha256$"))
        #expect(try await passwords.verify("legacy-password-123", hash: legacy))
        #expect(try await !passwords.verify("legacy-password-124", hash: legacy))
    }

    @Test func anUnknownUserNeverMatches() async throws {
        #expect(try await !passwords.verify("anything-at-all-123", hash: nil))
    }
}

@Suite struct SecretKeyTests {
    func configuration() -> AppConfiguration {
        var c = AppConfiguration()
        c.dataDirectory =
            FileManager.default.temporaryDirectory.appendingPathComponent("safehold-key-\(UUID().uuidString)").path
        c.bcryptCost = 4
        return c
    }

    @Test func aMissingKeyFileIsCreatedReadableByItsOwnerOnly() async throws {
        let c = configuration()
        defer { try? FileManager.default.removeItem(atPath: c.dataDirectory) }
        let services = try await AppServices.make(c)
        await services.store.database.shutdown()
        let path = c.dataDirectory + "/keys/secrets.key"
        let mode = try #require(try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? NSNumber)
            .intValue
        #expect(mode == 0o600)
        #expect(
            Data(base64Encoded: try String(contentsOfFile: path, encoding: .utf8).trimmingCharacters(in: .newlines))?
                .count == 32)
    }

    @Test func aKeyFileOthersMayReadIsRefused() async throws {
        let c = configuration()
        defer { try? FileManager.default.removeItem(atPath: c.dataDirectory) }
        let path = c.dataDirectory + "/keys/secrets.key"
        try FileManager.default.createDirectory(atPath: c.dataDirectory + "/keys", withIntermediateDirectories: true)
        FileManager.default.createFile(
            atPath: path, contents: Data(SecretBox.newKeyData().base64EncodedString().utf8),
            attributes: [.posixPermissions: 0o644])
        await #expect(throws: (any Error).self) { _ = try await AppServices.make(c) }
        #expect(
            !FileManager.default.fileExists(atPath: c.dataDirectory + "/safehold.sqlite"),
            "refused before opening the database")
    }

    @Test func theKeyMayComeFromTheEnvironmentAndMustBeThirtyTwoBytes() async throws {
        var c = configuration()
        defer { try? FileManager.default.removeItem(atPath: c.dataDirectory) }
        c.secretKey = Data(repeating: 9, count: 16).base64EncodedString()
        await #expect(throws: (any Error).self) { _ = try await AppServices.make(c) }
        c.secretKey = Data(repeating: 9, count: 32).base64EncodedString()
        let services = try await AppServices.make(c)
        await services.store.database.shutdown()
        #expect(!FileManager.default.fileExists(atPath: c.dataDirectory + "/keys/secrets.key"))
        let env = try AppConfiguration.fromEnvironment([
            "SAFEHOLD_SECRET_KEY": "abc", "SAFEHOLD_SECRET_KEY_FILE": "/k",
            "SAFEHOLD_TRUSTED_PROXIES": "10.0.0.0/8, 192.0.2.1",
            "SAFEHOLD_BEHIND_TLS": "true", "SAFEHOLD_API_TOKEN_DAYS": "30",
            "SAFEHOLD_ONE_TIME_PASSWORD_HOURS": "24",
        ])
        #expect(env.secretKey == "abc")
        #expect(env.secretKeyFile == "/k")
        #expect(env.trustedProxies == ["10.0.0.0/8", "192.0.2.1"])
        #expect(env.behindTLS)
        #expect(env.apiTokenLifetime == 30 * 86_400)
        #expect(env.oneTimePasswordLifetime == 24 * 3_600)
        #expect(
            try AppConfiguration.fromEnvironment(["SAFEHOLD_SECURE_COOKIES": "true"]).behindTLS,
            "the older name still works")
    }

    @Test func aPlaintextSecretLeftByAnOlderReleaseIsSealedAtStart() async throws {
        let c = configuration()
        defer { try? FileManager.default.removeItem(atPath: c.dataDirectory) }
        let first = try await AppServices.make(c)
        let system = AuditContext(system: "test")
        let agency = try await first.store.createAgency("Old Council", kind: .localAuthority, context: system)
        let user = User(
            id: first.store.ids.next(), username: "old.dpo", displayName: "Old DPO", role: .dataProtectionOfficer,
            agencyId: agency.id, teamId: nil)
        _ = try await first.store.createUser(user, passwordHash: "unused", mustChangePassword: false, context: system)
        try await first.store.database.withConnection { db in
            try await db.raw("UPDATE users SET totp_secret = 'OldPlaintextSecret01'").run()
        }
        await first.store.database.shutdown()
        let second = try await AppServices.make(c)
        let sealed = try #require(try await second.store.account(username: "old.dpo")?.totpSecret)
        #expect(second.secrets.open(sealed) == "OldPlaintextSecret01")
        await second.store.database.shutdown()
    }
}
