import Foundation
import Testing

@testable import SafeholdCore

@Suite("PersonDetails.validated: normalisation and reporting every error at once")
struct PersonDetailsNormalisationTests {
    @Test("Text is trimmed and blank optional fields become nil")
    func trimsAndBlanksToNil() throws {
        var input = Fixture.child(givenName: "  Amelia \n", familyName: "\tTestchild  ")
        input.middleNames = "  Rose  Mary "
        input.preferredName = "   "
        input.gender = ""
        input.firstLanguage = " English "
        input.religion = "\n"
        input.pncReference = " 25/123456A "
        input.email = "  worker@example.org  "
        input.phone = " 01632 960123 "
        input.aliases = [Alias(givenName: " Amy ", familyName: " Testchild ")]
        let details = try input.validated(today: Fixture.today)
        #expect(details.givenName == "Amelia")
        #expect(details.familyName == "Testchild")
        #expect(details.middleNames == "Rose  Mary")
        #expect(details.preferredName == nil)
        #expect(details.gender == nil)
        #expect(details.firstLanguage == "English")
        #expect(details.religion == nil)
        #expect(details.pncReference == "25/123456A")
        #expect(details.email == "worker@example.org")
        #expect(details.phone == "01632 960123")
        #expect(details.aliases == [Alias(givenName: "Amy", familyName: "Testchild")])
    }

    @Test("Identifiers and codes are put in their standard form")
    func identifiersStandardised() throws {
        let upn = try #require(UniquePupilNumber.withCheckLetter(body: "201512345678")).value
        var input = Fixture.child()
        input.nhsNumber = "943 476 5919"
        input.upn = " " + upn.lowercased() + " "
        input.ethnicity = " wbri"
        input.disabilities = ["hear "]
        input.addresses = [Address(line1: "1 Test Street", town: "Testtown", postcode: "ab12cd")]
        let details = try input.validated(today: Fixture.today)
        #expect(details.nhsNumber == "9434765919")
        #expect(details.upn == upn)
        #expect(details.ethnicity == "WBRI")
        #expect(details.disabilities == ["HEAR"])
        #expect(details.addresses.map(\.postcode) == ["AB1 2CD"])
    }

    @Test("Validating twice gives the same result as validating once")
    func idempotent() throws {
        var input = Fixture.child(givenName: " Amelia ", familyName: " Testchild ")
        input.nhsNumber = "943 476 5919"
        input.addresses = [Address(line1: " 1 Test Street ", town: "Testtown", postcode: "ab12cd")]
        let once = try input.validated(today: Fixture.today)
        #expect(try once.validated(today: Fixture.today) == once)
    }

    @Test("Fields the validation does not touch are kept as given")
    func untouchedFieldsKept() throws {
        var input = Fixture.child()
        input.sex = .male
        input.dateOfBirthEstimated = true
        input.interpreterNeeded = true
        let details = try input.validated(today: Fixture.today)
        #expect(details.sex == .male)
        #expect(details.dateOfBirthEstimated)
        #expect(details.interpreterNeeded)
        #expect(details.dateOfBirth == input.dateOfBirth)
        #expect(details.kind == .child)
    }

    @Test("Every wrong field is reported in one SafeholdError.invalid")
    func allErrorsAtOnce() throws {
        let adultUPN = try #require(UniquePupilNumber.withCheckLetter(body: "201512345678")).value
        let input = PersonDetails(
            kind: .adult, givenName: "  ", familyName: String(repeating: "f", count: 101),
            middleNames: "Mid\u{0}dle", aliases: [Alias(givenName: "", familyName: "Other")],
            dateOfBirth: Fixture.today.adding(days: 10), expectedDateOfBirth: Fixture.today.adding(days: 30),
            dateOfDeath: Fixture.today.adding(days: 5), ethnicity: "XXXX", disabilities: ["NONE", "MOB"],
            nhsNumber: "9434765910", upn: adultUPN,
            addresses: [
                Address(
                    line1: "1 Test Street", town: "Testtown", postcode: "12345",
                    from: Fixture.day("2024-01-01"), to: Fixture.day("2023-01-01"))
            ],
            phone: "call me", email: "not-an-email")
        var thrown: SafeholdError?
        do { _ = try input.validated(today: Fixture.today) } catch { thrown = error }
        guard case .invalid(let errors) = try #require(thrown) else {
            Issue.record("expected .invalid, got \(String(describing: thrown))")
            return
        }
        let expected: [FieldError] = [
            FieldError("givenName", "is required"),
            FieldError("familyName", "must be 100 characters or fewer"),
            FieldError("middleNames", "contains control characters"),
            FieldError("aliases[0].givenName", "is required"),
            FieldError("dateOfBirth", "cannot be in the future"),
            FieldError("expectedDateOfBirth", "is only for an unborn child"),
            FieldError("dateOfDeath", "cannot be in the future"),
            FieldError("dateOfDeath", "is before the date of birth"),
            FieldError("addresses[0].to", "is before the date the person moved in"),
            FieldError("nhsNumber", "is not a valid NHS number (10 digits with a correct check digit)"),
            FieldError("upn", "is only for a child"),
            FieldError("ethnicity", "'XXXX' is not an ethnicity code"),
            FieldError("disabilities", "NONE cannot be combined with a disability"),
            FieldError("phone", "may contain only digits, spaces and + ( ) -, up to 30 characters"),
            FieldError("email", "is not an email address"),
            FieldError("addresses[0].postcode", "is not a UK postcode"),
        ]
        #expect(errors == expected)
        let message = SafeholdError.invalid(errors).message
        #expect(message.hasPrefix("givenName: is required; familyName: must be 100 characters or fewer"))
        #expect(message.components(separatedBy: "; ").count == expected.count)
    }

    @Test("A failed validation throws nothing but .invalid")
    func onlyInvalidIsThrown() {
        #expect(throws: SafeholdError.invalid([FieldError("familyName", "is required")])) {
            try Fixture.child(familyName: "").validated(today: Fixture.today)
        }
    }
}
