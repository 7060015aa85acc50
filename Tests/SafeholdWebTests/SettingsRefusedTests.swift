import Foundation
import SafeholdWeb
import Testing

/// A setting that is given but cannot be used stops the start with its name, never the default in its place.
@Suite struct SettingsRefusedTests {
    @Test(
        "Numbers that are not numbers or out of range are refused, each named with the range to give",
        arguments: [
            ("SAFEHOLD_DB_POOL_SIZE", "abc", "from 1 to 200"), ("SAFEHOLD_DB_POOL_SIZE", "0", "from 1 to 200"),
            ("SAFEHOLD_AUTH_CACHE_SECONDS", "99", "from 0 to 10"), ("SAFEHOLD_PORT", "70000", "from 1 to 65535"),
            ("SAFEHOLD_PORT", "99999999999999999999999", "from 1 to 65535"),
            ("SAFEHOLD_BCRYPT_COST", "3", "from 4 to 31"), ("SAFEHOLD_API_TOKEN_DAYS", "-1", "from 1 to 3650"),
            ("SAFEHOLD_SMTP_PORT", "25x", "from 1 to 65535"),
            ("SAFEHOLD_DOCUMENT_MAX_BYTES", "1e9", "from 1 to 2000000000"),
        ])
    func numbersOutOfRangeAreRefused(_ name: String, _ value: String, _ range: String) {
        let refusal = #expect(throws: SettingsRefused.self) { try AppConfiguration.fromEnvironment([name: value]) }
        #expect(refusal?.problems == ["\(name) is \"\(value)\": give a whole number \(range)."])
    }

    @Test func flagsAndChoicesOutsideTheirWordsAreRefused() {
        let refusal = #expect(throws: SettingsRefused.self) {
            try AppConfiguration.fromEnvironment([
                "SAFEHOLD_DEMO": "ture", "SAFEHOLD_BEHIND_TLS": "maybe", "SAFEHOLD_LOG_FORMAT": "xml",
                "SAFEHOLD_LOG_LEVEL": "loud",
            ])
        }
        let problems = refusal?.problems ?? []
        #expect(problems.count == 4, "every problem at once, so one correction is enough")
        #expect(problems.contains { $0.hasPrefix("SAFEHOLD_DEMO is \"ture\": give yes or no") })
        #expect(problems.contains { $0.hasPrefix("SAFEHOLD_BEHIND_TLS is \"maybe\"") })
        #expect(problems.contains("SAFEHOLD_LOG_FORMAT is \"xml\": give one of text, json."))
        #expect(problems.contains { $0.hasPrefix("SAFEHOLD_LOG_LEVEL is \"loud\": give one of trace, debug") })
    }

    @Test func wordsForYesAndNoAreReadInAnyCaseAndEmptyMeansUnset() throws {
        #expect(try AppConfiguration.fromEnvironment(["SAFEHOLD_DEMO": "YES"]).demo)
        #expect(try AppConfiguration.fromEnvironment(["SAFEHOLD_DEMO": "on"]).demo)
        #expect(try !AppConfiguration.fromEnvironment(["SAFEHOLD_DEMO": "off"]).demo)
        #expect(try !AppConfiguration.fromEnvironment(["SAFEHOLD_DEMO": "0"]).demo)
        let unset = try AppConfiguration.fromEnvironment(["SAFEHOLD_DB_POOL_SIZE": "", "SAFEHOLD_PORT": ""])
        #expect(unset.databasePoolSize == AppConfiguration().databasePoolSize)
        #expect(unset.port == AppConfiguration().port)
        #expect(try AppConfiguration.fromEnvironment(["SAFEHOLD_DB_POOL_SIZE": " 12 "]).databasePoolSize == 12)
    }

    @Test func aValueWithHiddenCharactersIsShownEscapedAndLongOnesCut() {
        let bidi = "1\u{202E}0"
        let refusal = #expect(throws: SettingsRefused.self) {
            try AppConfiguration.fromEnvironment([
                "SAFEHOLD_DB_POOL_SIZE": bidi, "SAFEHOLD_PORT": String(repeating: "9", count: 500),
            ])
        }
        let problems = refusal?.problems ?? []
        #expect(problems.contains("SAFEHOLD_DB_POOL_SIZE is \"1\\u{202E}0\": give a whole number from 1 to 200."))
        #expect(problems.contains { $0.hasPrefix("SAFEHOLD_PORT is \"" + String(repeating: "9", count: 40) + "…\"") })
        #expect(refusal?.description.hasPrefix("Safehold cannot start with these settings") == true)
    }

    @Test func smtpSettingsAreCheckedEvenWithoutAHost() {
        #expect(throws: SettingsRefused.self) {
            try AppConfiguration.fromEnvironment(["SAFEHOLD_SMTP_INTERVAL_SECONDS": "0"])
        }
    }
}
