import Foundation
import SafeholdCore
import Testing

/// Timestamps are written and read byte by byte: the text is Foundation's ISO 8601 form with milliseconds, it reads
/// back to the same instant, and anything but that exact form is refused.
@Suite struct TimestampTextTests {
    @Test("Across 1900 to 2100 the text is ISO 8601 with milliseconds and reads back to the same instant")
    func writesAndReadsBack() throws {
        let iso = Date.ISO8601FormatStyle(includingFractionalSeconds: true, timeZone: .gmt)
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        let low = Int64(Timestamp.acceptedRange.lowerBound.timeIntervalSince1970 * 1000)
        let high = Int64(Timestamp.acceptedRange.upperBound.timeIntervalSince1970 * 1000)
        for _ in 0..<20_000 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            let ms = low + Int64((state >> 1) % UInt64(high - low))
            let instant = Date(timeIntervalSince1970: Double(ms) / 1000)
            let text = Timestamp.string(instant)
            // Foundation's formatter cuts the fraction off rather than rounding it (it reads 0.27 s as 0.26999...):
            // half a millisecond more gives it the millisecond meant.
            #expect(text == iso.format(Date(timeIntervalSince1970: (Double(ms) + 0.5) / 1000)), "\(ms)")
            #expect(Timestamp.date(text).map { Int64(($0.timeIntervalSince1970 * 1000).rounded()) } == ms, "\(text)")
        }
    }

    @Test(
        "Anything but the exact form, or a time that does not exist, is refused",
        arguments: [
            "2026-02-30T00:00:00.000Z", "2026-11-24T24:00:00.000Z", "2026-11-24T09:60:00.000Z",
            "2026-11-24T09:00:60.000Z", "2026-11-24T09:00:00.000", "2026-11-24 09:00:00.000Z",
            "2026-11-24T09:00:00Z", "2026-11-24T09:00:00.0000Z", "\u{202E}2026-11-24T09:00:00.000Z",
            "２０２６-11-24T09:00:00.000Z", "2026-11-24T0\u{301}9:00:00.000Z", "-026-11-24T09:00:00.000Z", "",
        ])
    func refusesOtherForms(_ text: String) {
        #expect(Timestamp.date(text) == nil)
    }
}
