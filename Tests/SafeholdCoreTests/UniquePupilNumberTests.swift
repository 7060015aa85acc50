import Foundation
import Testing

@testable import SafeholdCore

@Suite("UniquePupilNumber")
struct UniquePupilNumberTests {
    static let bodies = ["123456789012", "000000000000", "999999999999", "201512345678", "930123456701"]
    static let digitsOnly = Array("0123456789")

    @Test("withCheckLetter(body:) makes a UPN that validates", arguments: bodies)
    func withCheckLetterValidates(body: String) throws {
        let upn = try #require(UniquePupilNumber.withCheckLetter(body: body))
        #expect(upn.value.count == 13)
        #expect(upn.value.dropFirst() == Substring(body))
        #expect(UniquePupilNumber.alphabet.contains(upn.value.first!))
        #expect(UniquePupilNumber(upn.value) == upn)
        #expect(upn.description == upn.value)
    }

    @Test("Changing any one digit makes a valid UPN invalid", arguments: bodies)
    func oneDigitChangeInvalidates(body: String) throws {
        let upn = Array(try #require(UniquePupilNumber.withCheckLetter(body: body)).value)
        for position in 1..<13 {
            for digit in Self.digitsOnly where digit != upn[position] {
                var changed = upn
                changed[position] = digit
                #expect(UniquePupilNumber(String(changed)) == nil, "\(String(changed))")
            }
        }
    }

    @Test("Changing the check letter makes a valid UPN invalid")
    func checkLetterChangeInvalidates() throws {
        let upn = try #require(UniquePupilNumber.withCheckLetter(body: "123456789012")).value
        for letter in UniquePupilNumber.alphabet where letter != upn.first {
            #expect(UniquePupilNumber(String(letter) + upn.dropFirst()) == nil)
        }
    }

    @Test("Lower case is accepted and normalised to upper case")
    func lowerCaseNormalised() throws {
        let upn = try #require(UniquePupilNumber.withCheckLetter(body: "123456789012")).value
        let parsed = try #require(UniquePupilNumber(upn.lowercased()))
        #expect(parsed.value == upn)
        let temporary = try #require(UniquePupilNumber.withCheckLetter(body: "12345678901A")).value
        #expect(try #require(UniquePupilNumber(temporary.lowercased())).value == temporary)
    }

    @Test("Spaces are ignored")
    func spacesIgnored() throws {
        let upn = try #require(UniquePupilNumber.withCheckLetter(body: "123456789012")).value
        let spaced = "\(upn.prefix(4)) \(upn.dropFirst(4).prefix(4)) \(upn.dropFirst(8))"
        #expect(try #require(UniquePupilNumber(spaced)).value == upn)
    }

    @Test("A temporary UPN ends in a letter from the check alphabet")
    func temporaryUPN() throws {
        for final in UniquePupilNumber.alphabet {
            let upn = try #require(UniquePupilNumber.withCheckLetter(body: "20151234567" + String(final)))
            #expect(upn.value.last == final)
            // Changing the final letter to another one breaks the check.
            let other = UniquePupilNumber.alphabet.first { $0 != final }!
            #expect(UniquePupilNumber(String(upn.value.dropLast()) + String(other)) == nil)
        }
        // I, O and S are not in the alphabet, so no check letter can make them valid.
        for bad in ["I", "O", "S"] {
            #expect(UniquePupilNumber.withCheckLetter(body: "20151234567" + bad) == nil)
        }
    }

    @Test(
        "Refuses the wrong length, letters in the body and bad check characters",
        arguments: [
            "", "A12345678901", "A1234567890123", "A12345B789012", "AB2345678901C", "1123456789012",
            "I123456789012", "O123456789012", "S123456789012", "A12345678901!", "A１23456789012",
        ])
    func refusesMalformed(text: String) {
        #expect(UniquePupilNumber(text) == nil)
    }

    @Test(
        "withCheckLetter(body:) refuses a body that cannot be valid",
        arguments: [
            "12345678901", "1234567890123", "12345X789012", "1234567890I1",
        ])
    func withCheckLetterRefuses(body: String) {
        #expect(UniquePupilNumber.withCheckLetter(body: body) == nil)
    }
}
