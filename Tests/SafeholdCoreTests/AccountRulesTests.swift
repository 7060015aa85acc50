import Foundation
import SafeholdCore
import Testing

@Suite struct SignInLimitTests {
    @Test func theUsernameAndAddressCounterAllowsFiveThenDoublesUpToFifteenMinutes() {
        let limit = SignInLimit.usernameAndAddress
        #expect((0...5).map(limit.delay(afterAttempts:)) == [0, 0, 0, 0, 0, 0])
        #expect(limit.delay(afterAttempts: 6) == 2)
        #expect(limit.delay(afterAttempts: 7) == 4)
        #expect(limit.delay(afterAttempts: 8) == 8)
        #expect(limit.delay(afterAttempts: 14) == 512)
        #expect(limit.delay(afterAttempts: 15) == 900)
        #expect(limit.delay(afterAttempts: 10_000) == 900, "never more than the cap, never a fixed lock")
    }

    @Test func theUsernameCounterIsGentlerAndNeverExceedsAMinute() {
        let limit = SignInLimit.username
        #expect(limit.delay(afterAttempts: 20) == 0)
        #expect(limit.delay(afterAttempts: 21) == 1)
        #expect(limit.delay(afterAttempts: 26) == 32)
        #expect(limit.delay(afterAttempts: 27) == 60)
        #expect(limit.delay(afterAttempts: Int.max) == 60)
    }
}

@Suite struct SecretBoxTests {
    let box = try! SecretBox(keyData: Data(repeating: 7, count: 32))

    @Test func aSealedSecretOpensOnlyWithItsKeyAndHidesThePlaintext() throws {
        let sealed = try box.seal("WebTestDPOSecret0001")
        #expect(sealed.text.hasPrefix("v1:"))
        #expect(!sealed.text.contains("WebTestDPOSecret0001"))
        #expect(box.open(sealed) == "WebTestDPOSecret0001")
        #expect(try box.seal("WebTestDPOSecret0001") != sealed, "a fresh nonce each time")
        let other = try SecretBox(keyData: Data(repeating: 8, count: 32))
        #expect(other.open(sealed) == nil)
    }

    @Test func anAlteredSealedSecretDoesNotOpen() throws {
        let sealed = try box.seal("WebTestDPOSecret0001")
        var bytes = Data(base64Encoded: String(sealed.text.dropFirst(3)))!
        bytes[bytes.count - 1] ^= 1
        #expect(box.open(try #require(SealedSecret(stored: "v1:" + bytes.base64EncodedString()))) == nil)
        #expect(box.open(try #require(SealedSecret(stored: "v1:not base64"))) == nil)
        #expect(SealedSecret(stored: "WebTestDPOSecret0001") == nil, "plaintext is not taken for a sealed secret")
    }

    @Test func aKeyMustBeThirtyTwoBytes() {
        #expect(throws: SafeholdError.self) { try SecretBox(keyData: Data(repeating: 1, count: 16)) }
        #expect(SecretBox.newKeyData().count == 32)
    }
}

@Suite struct AccountRuleTests {
    @Test func passwordsRefuseControlCharacters() {
        #expect(User.passwordProblem("correct-horse-battery") == nil)
        for bad in [
            "correct-horse\tbattery", "correct-horse\nbattery", "correct-horse\u{0}battery",
            "correct-horse\u{7F}battery",
        ] {
            #expect(User.passwordProblem(bad)?.contains("control characters") == true, "\(bad.debugDescription)")
        }
        #expect(User.passwordProblem("short") != nil)
        #expect(
            User.passwordProblem(String(repeating: "é", count: 200)) == nil, "400 bytes but 200 characters is allowed")
        #expect(User.passwordProblem(String(repeating: "a", count: 201)) != nil)
    }

    @Test func roleChangesThatReachRecordsOrTheAuditNeedASecondAdministrator() {
        for role in Role.allCases {
            #expect(
                role.needsSecondAdministrator
                    == (role.worksWithRecords || role.readsAccessLog || role == .administrator))
        }
        #expect(!Role.performanceAnalyst.needsSecondAdministrator)
        #expect(Role.dataProtectionOfficer.needsSecondAdministrator)
    }

    @Test func administratorsTheDPOAndAuditorsMustUseASecondFactor() {
        #expect(
            Set(Role.allCases.filter(\.requiresSecondFactor)) == [.administrator, .dataProtectionOfficer, .auditor])
    }
}
