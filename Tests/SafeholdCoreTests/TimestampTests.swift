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

    @Test("string rounds to the nearest millisecond")
    func roundsSubMillisecond() {
        #expect(Timestamp.string(Date(timeIntervalSince1970: 10.0009)) == "1970-01-01T00:00:10.001Z")
        #expect(Timestamp.string(Date(timeIntervalSince1970: 10.0004)) == "1970-01-01T00:00:10.000Z")
    }

    @Test("date parses the fixed format")
    func parses() throws {
        let date = try #require(Timestamp.date("2025-04-17T14:26:40.250Z"))
        #expect(abs(date.timeIntervalSince1970 - 1_744_900_000.25) < 0.000_5)
        let epoch = try #require(Timestamp.date("1970-01-01T00:00:00.000Z"))
        #expect(epoch.timeIntervalSince1970 == 0)
    }

    /// Every millisecond value at seconds spread over `years`, written as text directly (not via `string`).
    static func texts(years: ClosedRange<Int>) -> [String] {
        var texts: [String] = []
        for millis in 0..<1000 {
            let year = years.lowerBound + millis % (years.count)
            let month = millis % 12 + 1, day = millis % 28 + 1
            let (h, m, s) = (millis % 24, (millis * 7) % 60, (millis * 13) % 60)
            texts.append(String(format: "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", year, month, day, h, m, s, millis))
        }
        return texts
    }

    static func roundTripFailures(_ texts: [String]) -> [String] {
        texts.compactMap { text in
            guard let date = Timestamp.date(text) else { return "\(text) does not parse" }
            let again = Timestamp.string(date)
            return again == text ? nil : "\(text) -> \(again)"
        }
    }

    @Test("text -> date -> text is the identity for every millisecond, 2005 to 2037")
    func textRoundTripCurrentEra() {
        let failures = Self.roundTripFailures(Self.texts(years: 2005...2037))
        #expect(failures.isEmpty, "\(failures.count) failures, first: \(failures.prefix(3))")
    }

    @Test("text -> date -> text is the identity for every millisecond, 1970 to 2004 and 2038 to 2099")
    func textRoundTripOtherEras() {
        let failures = Self.roundTripFailures(Self.texts(years: 1970...2004) + Self.texts(years: 2038...2099))
        #expect(failures.isEmpty, "\(failures.count) failures, first: \(failures.prefix(3))")
    }

    @Test("date -> text -> date moves by at most half a millisecond")
    func dateRoundTrip() throws {
        for n in 0..<2000 {
            let instant = Date(timeIntervalSince1970: 1_100_000_000 + Double(n) * 12_345.678_9)
            let back = try #require(Timestamp.date(Timestamp.string(instant)))
            let lost = instant.timeIntervalSince1970 - back.timeIntervalSince1970
            #expect(abs(lost) <= 0.000_501, "\(instant.timeIntervalSince1970) lost \(lost)")
        }
    }

    @Test("Text sorts in the same order as the instants")
    func sortsAsText() {
        let instants = [-86_400.0, -0.001, 0, 0.001, 59.999, 60, 1_744_900_000, 4_102_444_800]
        let texts = instants.map { Timestamp.string(Date(timeIntervalSince1970: $0)) }
        #expect(texts == texts.sorted())
    }

    @Test(
        "date refuses text that is not the fixed format",
        arguments: [
            "", "2025-04-17T14:26:40Z", "2025-04-17T14:26:40.250", "2025-04-17T14:26:40.250+00:00",
            "2025-02-31T14:26:40.250Z", "2025-04-17 14:26:40.25Z", "25-04-17T14:26:40.250000Z",
            "2025-04-17T14-26-40.250Z", "2025-04-17Taa:26:40.250Z",
        ])
    func refusesMalformed(text: String) {
        #expect(Timestamp.date(text) == nil)
    }

    @Test(
        "date refuses a time of day that does not exist or a wrong separator",
        arguments: [
            "2025-04-17X14:26:40.250Z", "2025-04-17T25:00:00.000Z", "2025-04-17T14:61:00.000Z",
            "2025-04-17T14:26:61.000Z", "2025-04-17T-1:26:40.250Z",
        ])
    func refusesImpossibleTimeOfDay(text: String) {
        #expect(Timestamp.date(text) == nil)
    }
}
