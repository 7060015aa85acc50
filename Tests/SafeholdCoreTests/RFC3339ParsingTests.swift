import Foundation
import Testing

@testable import SafeholdCore

/// API times are parsed strictly: a lenient parser would turn 30 February into 2 March.
@Suite struct RFC3339ParsingTests {
    @Test(arguments: [
        ("2026-11-24T09:30:00Z", "2026-11-24T09:30:00.000Z"),
        ("2026-11-24T09:30:00.5Z", "2026-11-24T09:30:00.500Z"),
        ("2026-11-24T09:30:00.123Z", "2026-11-24T09:30:00.123Z"),
        ("2026-06-27T00:30:00+01:00", "2026-06-26T23:30:00.000Z"),
        ("2026-06-26T20:30:00-03:00", "2026-06-26T23:30:00.000Z"),
        ("2026-11-24T09:30:00.000Z", "2026-11-24T09:30:00.000Z"),
    ])
    func wellFormedTimesParse(text: String, utc: String) {
        #expect(Timestamp.parseRFC3339(text).map(Timestamp.string) == utc)
    }

    @Test(arguments: [
        "2026-02-30T08:00:00Z", "99999-01-01T00:00:00Z", "2026-11-24T24:00:00Z", "2026-11-24T09:30:00",
        "2026-11-24 09:30:00Z", "2026-11-24T09:30:00+1:00", "2026-11-24T09:30:00.Z", "2026-11-24T09:30:00.1234567890Z",
        "2026-11-24T09:30:00+24:00", "2026-11-24T09:30Z", "", "2026-11-24T09:30:00ZZ",
    ])
    func malformedOrImpossibleTimesAreRefused(text: String) {
        #expect(Timestamp.parseRFC3339(text) == nil)
    }
}
