import Foundation
import Testing

@testable import SafeholdCore

@Suite("PersonDetails.validated: contact details and addresses")
struct PersonDetailsContactTests {
    func adult(email: String? = nil, phone: String? = nil, addresses: [Address] = []) -> PersonDetails {
        var details = Fixture.adult()
        details.email = email
        details.phone = phone
        details.addresses = addresses
        return details
    }

    @Test(
        "Plausible email addresses are accepted",
        arguments: [
            "worker@example.org", "first.last+tag@sub.example.co.uk", "o'brien@example.org",
        ])
    func validEmail(email: String) {
        #expect(fieldErrors(adult(email: email)).isEmpty)
    }

    @Test(
        "Implausible email addresses are refused",
        arguments: [
            "no-at-sign.example.org", "@example.org", "worker@example", "a@@example.org", "a@b@example.org",
            "a b@example.org", "worker@exa mple.org", String(repeating: "a", count: 250) + "@x.org",
        ])
    func invalidEmail(email: String) {
        #expect(fieldErrors(adult(email: email)) == [FieldError("email", "is not an email address")])
    }

    @Test(
        "Control characters in an email address are refused", arguments: ["a\u{0}b@example.org", "ab@exa\u{7}mple.org"])
    func emailControlCharacters(email: String) {
        #expect(failingFields(adult(email: email)) == ["email"])
    }

    @Test(
        "Phone numbers may contain digits, spaces and + ( ) -",
        arguments: [
            "01632 960123", "+44 (0)1632-960123", "07700900123",
        ])
    func validPhone(phone: String) {
        #expect(fieldErrors(adult(phone: phone)).isEmpty)
    }

    @Test(
        "Anything else in a phone number is refused",
        arguments: [
            "call me", "01632 960123 ext 4", "01632.960123", "+44 1632 960123 1234567890123456",
            "٠١٦٣٢٩٦٠١٢٣",
        ])
    func invalidPhone(phone: String) {
        #expect(
            fieldErrors(adult(phone: phone)) == [
                FieldError("phone", "may contain only digits, spaces and + ( ) -, up to 30 characters")
            ])
    }

    @Test(
        "Postcodes are formatted as 'AB1 2CD'",
        arguments: [
            ("ab12cd", "AB1 2CD"), ("AB1 2CD", "AB1 2CD"), (" ab1  2cd ", "AB1 2CD"), ("sw1a1aa", "SW1A 1AA"),
            ("M11AE", "M1 1AE"), ("b338th", "B33 8TH"),
        ])
    func postcodeFormatted(input: String, formatted: String) throws {
        let details = try adult(addresses: [Address(line1: "1 Test Street", town: "Testtown", postcode: input)])
            .validated(today: Fixture.today)
        #expect(details.addresses.first?.postcode == formatted)
    }

    @Test(
        "Text that is not a UK postcode is refused",
        arguments: [
            "", "12345", "AB1", "AB12CDEF", "AB1 22D", "1B1 2CD", "AB1 2C!", "ÅB1 2CD",
        ])
    func postcodeRefused(postcode: String) {
        let details = adult(addresses: [Address(line1: "1 Test Street", town: "Testtown", postcode: postcode)])
        #expect(fieldErrors(details) == [FieldError("addresses[0].postcode", "is not a UK postcode")])
    }

    @Test("Address lines and town are required, trimmed and limited")
    func addressLines() throws {
        let blank = adult(addresses: [Address(line1: "  ", town: "", postcode: "AB1 2CD")])
        #expect(failingFields(blank) == ["addresses[0].line1", "addresses[0].town"])
        let long = adult(addresses: [
            Address(
                line1: String(repeating: "x", count: 101),
                line2: String(repeating: "y", count: 101),
                town: String(repeating: "z", count: 61), postcode: "AB1 2CD")
        ])
        #expect(failingFields(long) == ["addresses[0].line1", "addresses[0].line2", "addresses[0].town"])
        let messy = try adult(addresses: [
            Address(
                line1: " 1 Test Street ", line2: "  ", town: " Testtown ",
                postcode: "ab1 2cd")
        ]).validated(today: Fixture.today)
        #expect(messy.addresses == [Address(line1: "1 Test Street", line2: nil, town: "Testtown", postcode: "AB1 2CD")])
    }

    @Test("isCurrent is true until an end date is recorded")
    func isCurrent() {
        #expect(Address(line1: "1 Test Street", town: "Testtown", postcode: "AB1 2CD").isCurrent)
        #expect(
            !Address(
                line1: "1 Test Street", town: "Testtown", postcode: "AB1 2CD",
                to: Fixture.day("2024-01-01")
            ).isCurrent)
    }
}
