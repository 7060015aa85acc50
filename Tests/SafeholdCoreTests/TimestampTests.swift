import Foundation
import Testing
@testable import SafeholdCore

@Suite("Timestamp")
struct TimestampTests {
    @Test("string is fixed-width UTC with milliseconds and Z")
    func fixedFormat() {
        #expect(Timestamp.string(Date(timeIntervalSince1970: 0)) == "1970-01-01T00:00:00.000Z")
        #expect(Timestamp.string(Date(timeIntervalSince1970: 86_399.5)) == "1970-01-01T23:59:59.500Z")
        let text = Timestamp.string(Date(timeIntervalSince1970: 1_744_900_000.25))
        #expect(text == "2025-04-17T14:26:40.250Z")
        #expect(text.count == 24)
    }

    @Test("string handles instants before 1970")
    func beforeEpoch() {
        #expect(Timestamp.string(Date(timeIntervalSince1970: -1)) == "1969-12-31T23:59:59.000Z")
        #expect(Timestamp.string(Date(timeIntervalSince1970: -86_400)) == "1969-12-31T00:00:00.000Z")
        #expect(Timestamp.string(Date(timeIntervalSince1970: -0.5)) == "1969-12-31T23:59:59.500Z")
    }

    @Test("string truncates below the millisecond")
    func truncatesSubMillisecond() {
        #expect(Timestamp.string(Date(timeIntervalSince1970: 10.0009)) == "1970-01-01T00:00:10.000Z")
    }

    @Test("date parses the fixed format")
    func parses() throws {
        let date = try #require(Timestamp.date("2025-04-17T14:26:40.250Z"))
        #expect(abs(date.timeIntervalSince1970 - 1_744_900_000.25) < 0.000_5)
        let epoch = try #require(Timestamp.date("1970-01-01T00:00:00.000Z"))
        #expect(epoch.timeIntervalSince1970 == 0)
    }

    @Test("string then date then string gives back the same text, for every millisecond value")
    func roundTripEveryMillisecond() throws {
        var mismatches: [String] = []
        for (n, millis) in (0..<1000).enumerated() {
            // Spread the instants over several decades so large and small epochs are both covered.
            let base = 1_000_000_000 + n * 1_234_567
            let seconds = Double(base) + Double(millis) / 1000
            let text = Timestamp.string(Date(timeIntervalSince1970: seconds))
            let expectedMillis = String(format: ".%03dZ", millis)
            let parsed = try #require(Timestamp.date(text))
            let again = Timestamp.string(parsed)
            if !text.hasSuffix(expectedMillis) || again != text { mismatches.append("\(seconds): \(text) -> \(again)") }
        }
        #expect(mismatches.isEmpty, "\(mismatches.count) mismatches, first: \(mismatches.prefix(3))")
    }

    @Test("Text sorts in the same order as the instants")
    func sortsAsText() {
        let instants = [-86_400.0, -0.001, 0, 0.001, 59.999, 60, 1_744_900_000, 4_102_444_800]
        let texts = instants.map { Timestamp.string(Date(timeIntervalSince1970: $0)) }
        #expect(texts == texts.sorted())
    }

    @Test("date refuses text that is not the fixed format", arguments: [
        "", "2025-04-17T14:26:40Z", "2025-04-17T14:26:40.250", "2025-04-17T14:26:40.250+00:00",
        "2025-02-31T14:26:40.250Z", "2025-04-17 14:26:40.25Z", "25-04-17T14:26:40.250000Z",
        "2025-04-17T14-26-40.250Z", "2025-04-17Taa:26:40.250Z",
    ])
    func refusesMalformed(text: String) {
        #expect(Timestamp.date(text) == nil)
    }

    @Test("date refuses a time of day that does not exist or a wrong separator",
        arguments: ["2025-04-17X14:26:40.250Z", "2025-04-17T25:00:00.000Z", "2025-04-17T14:61:00.000Z",
                    "2025-04-17T14:26:61.000Z", "2025-04-17T-1:26:40.250Z"])
    func refusesImpossibleTimeOfDay(text: String) {
        #expect(Timestamp.date(text) == nil)
    }
}
