import Foundation
import Testing

@testable import SafeholdCore

/// The hand-written formatting must write exactly what `String(format:)` wrote before it.
@Suite struct DigitsTests {
    @Test func paddedNumbersMatchPrintf() {
        for (value, width) in [(0, 2), (7, 2), (42, 2), (123, 2), (5, 4), (2026, 4), (12345, 4), (9, 3), (0, 3)] {
            #expect(Digits.padded(value, width: width) == String(format: "%0\(width)d", value))
        }
        #expect(Digits.padded(-5, width: 2) == "-05")
    }

    @Test func hexIsTwoLowerCaseDigitsAByte() {
        let bytes: [UInt8] = [0, 1, 0x0f, 0x10, 0xab, 0xff]
        #expect(Digits.hex(bytes) == bytes.map { String(format: "%02x", $0) }.joined())
        #expect(Digits.hex([UInt8]()) == "")
    }

    @Test func datesAndTimestampsKeepTheirFormat() {
        #expect(LocalDate(year: 2026, month: 3, day: 9)?.description == "2026-03-09")
        #expect(Timestamp.string(Date(timeIntervalSince1970: 1_774_000_000.5)) == "2026-03-20T09:46:40.500Z")
        #expect(Timestamp.string(Date(timeIntervalSince1970: -1)) == "1969-12-31T23:59:59.000Z")
    }
}
