import Foundation
import Testing

@testable import SafeholdCore

@Suite("NHSNumber")
struct NHSNumberTests {
    @Test(
        "Accepts valid numbers, with or without spaces",
        arguments: [
            ("9434765919", "9434765919"), ("943 476 5919", "9434765919"), ("4010232137", "4010232137"),
            ("401 023 2137", "4010232137"), (" 9434765919 ", "9434765919"), ("94347 65919", "9434765919"),
        ])
    func acceptsValid(text: String, digits: String) throws {
        let nhs = try #require(NHSNumber(text))
        #expect(nhs.digits == digits)
    }

    @Test("Prints in the 3-3-4 grouping")
    func description() throws {
        #expect(try #require(NHSNumber("9434765919")).description == "943 476 5919")
    }

    @Test("Refuses a wrong check digit")
    func refusesWrongCheckDigit() {
        for last in 0...9 where last != 9 {
            #expect(NHSNumber("943476591\(last)") == nil, "check digit \(last)")
        }
    }

    @Test("Refuses nine digits whose check digit would be 10")
    func refusesCheckDigitTen() {
        // 6 × 2 = 12, and 11 − (12 mod 11) = 10: no tenth digit can be right.
        for last in 0...9 {
            #expect(NHSNumber("000000006\(last)") == nil)
        }
        #expect(NHSNumber.withCheckDigit(nine: "000000006") == nil)
    }

    @Test(
        "Refuses non-digits and the wrong length",
        arguments: [
            "", "943476591", "94347659190", "943-476-5919", "943476591X", "ABCDEFGHIJ", "9434765919\n",
            "943\t476\t5919", "٩٤٣٤٧٦٥٩١٩", "９４３４７６５９１９", "+943476591",
        ])
    func refusesMalformed(text: String) {
        #expect(NHSNumber(text) == nil)
    }

    @Test("withCheckDigit(nine:) appends the one check digit that fits")
    func withCheckDigit() throws {
        #expect(try #require(NHSNumber.withCheckDigit(nine: "943476591")).digits == "9434765919")
        #expect(try #require(NHSNumber.withCheckDigit(nine: "401023213")).digits == "4010232137")
        #expect(NHSNumber.withCheckDigit(nine: "12345678") == nil)
        #expect(NHSNumber.withCheckDigit(nine: "12345678A") == nil)
    }

    @Test("Every nine-digit stem has exactly one check digit, or none when it would be 10")
    func exactlyOneCheckDigit() {
        var impossible = 0
        for stem in stride(from: 100_000_000, to: 100_002_000, by: 1) {
            let nine = String(stem)
            let valid = (0...9).filter { NHSNumber(nine + String($0)) != nil }
            #expect(valid.count <= 1, "\(nine) has \(valid)")
            if valid.isEmpty {
                impossible += 1
                #expect(NHSNumber.withCheckDigit(nine: nine) == nil)
            } else {
                #expect(NHSNumber.withCheckDigit(nine: nine)?.digits == nine + String(valid[0]))
            }
        }
        // About one stem in eleven has no possible check digit.
        #expect((150...220).contains(impossible))
    }
}
