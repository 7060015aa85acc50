import Foundation
import Testing

@testable import SafeholdCore

@Suite("PersonDetails.validated: dates")
struct PersonDetailsDatesTests {
    let today = Fixture.today

    func unborn(expected: LocalDate?) -> PersonDetails {
        PersonDetails(kind: .unborn, givenName: nil, familyName: "Testfamily", expectedDateOfBirth: expected)
    }

    @Test("A date of birth in the future is refused; today is fine")
    func dateOfBirthInFuture() {
        var details = Fixture.child()
        details.dateOfBirth = today.adding(days: 1)
        #expect(fieldErrors(details) == [FieldError("dateOfBirth", "cannot be in the future")])
        details.dateOfBirth = today
        #expect(fieldErrors(details).isEmpty)
    }

    @Test("A date of birth more than 120 years ago is refused")
    func dateOfBirthTooLongAgo() {
        var details = Fixture.adult()
        details.dateOfBirth = Fixture.day("1904-12-31")
        #expect(failingFields(details) == ["dateOfBirth"])
        details.dateOfBirth = Fixture.day("1905-01-01")
        #expect(fieldErrors(details).isEmpty)
    }

    @Test("A child aged 26 or more must be recorded as an adult")
    func childTooOld() {
        var details = Fixture.child()
        details.dateOfBirth = Fixture.day("1999-06-16")  // 25 today
        #expect(fieldErrors(details).isEmpty)
        details.dateOfBirth = Fixture.day("1999-06-15")  // 26 today
        #expect(failingFields(details) == ["dateOfBirth"])
        details.kind = .adult
        #expect(fieldErrors(details).isEmpty)
    }

    @Test("An unborn child needs an expected date of birth")
    func unbornNeedsExpectedDate() {
        #expect(
            fieldErrors(unborn(expected: nil)) == [FieldError("expectedDateOfBirth", "is required for an unborn child")]
        )
        #expect(fieldErrors(unborn(expected: today.adding(days: 90))).isEmpty)
    }

    @Test("An unborn child may not have a date of birth")
    func unbornRefusesDateOfBirth() {
        var details = unborn(expected: today.adding(days: 90))
        details.dateOfBirth = today.adding(days: -1)
        #expect(failingFields(details) == ["dateOfBirth"])
    }

    @Test("The expected date of birth is at most 300 days away and at most 31 days past")
    func expectedDateWindow() {
        #expect(fieldErrors(unborn(expected: today.adding(days: 300))).isEmpty)
        #expect(
            fieldErrors(unborn(expected: today.adding(days: 301))) == [
                FieldError("expectedDateOfBirth", "is more than 10 months away")
            ])
        #expect(fieldErrors(unborn(expected: today.adding(days: -31))).isEmpty)
        #expect(failingFields(unborn(expected: today.adding(days: -32))) == ["expectedDateOfBirth"])
        #expect(failingFields(unborn(expected: Fixture.day("2030-01-01"))) == ["expectedDateOfBirth"])
    }

    @Test(
        "Only an unborn child has an expected date of birth",
        arguments: [
            PersonKind.child, .adult, .professional,
        ])
    func expectedDateOnlyForUnborn(kind: PersonKind) {
        var details = Fixture.adult()
        details.kind = kind
        details.dateOfBirth = Fixture.day("2015-03-10")
        details.expectedDateOfBirth = today.adding(days: 30)
        #expect(fieldErrors(details) == [FieldError("expectedDateOfBirth", "is only for an unborn child")])
    }

    @Test("A date of death before the date of birth is refused")
    func deathBeforeBirth() {
        var details = Fixture.adult()
        details.dateOfDeath = Fixture.day("1985-11-01")
        #expect(fieldErrors(details) == [FieldError("dateOfDeath", "is before the date of birth")])
        details.dateOfDeath = Fixture.day("1985-11-02")
        #expect(fieldErrors(details).isEmpty)
    }

    @Test("A date of death in the future is refused")
    func deathInFuture() {
        var details = Fixture.adult()
        details.dateOfDeath = today.adding(days: 1)
        #expect(fieldErrors(details) == [FieldError("dateOfDeath", "cannot be in the future")])
        details.dateOfDeath = today
        #expect(fieldErrors(details).isEmpty)
    }

    @Test("An address's end date may not come before its start date")
    func addressToBeforeFrom() {
        var details = Fixture.adult()
        details.addresses = [
            Address(
                line1: "1 Test Street", town: "Testtown", postcode: "AB1 2CD",
                from: Fixture.day("2020-01-01"), to: Fixture.day("2021-01-01")),
            Address(
                line1: "2 Test Street", town: "Testtown", postcode: "AB1 2CD",
                from: Fixture.day("2022-05-01"), to: Fixture.day("2022-04-30")),
            Address(
                line1: "3 Test Street", town: "Testtown", postcode: "AB1 2CD",
                from: Fixture.day("2023-01-01"), to: Fixture.day("2023-01-01")),
        ]
        #expect(fieldErrors(details) == [FieldError("addresses[1].to", "is before the date the person moved in")])
    }

    @Test("An address's start date may not be in the future")
    func addressFromInFuture() {
        var details = Fixture.adult()
        details.addresses = [
            Address(
                line1: "1 Test Street", town: "Testtown", postcode: "AB1 2CD",
                from: today.adding(days: 1))
        ]
        #expect(fieldErrors(details) == [FieldError("addresses[0].from", "cannot be in the future")])
    }

    @Test("At most 50 addresses")
    func tooManyAddresses() {
        var details = Fixture.adult()
        details.addresses = Array(
            repeating: Address(line1: "1 Test Street", town: "Testtown", postcode: "AB1 2CD"),
            count: 50)
        #expect(fieldErrors(details).isEmpty)
        details.addresses.append(details.addresses[0])
        #expect(failingFields(details) == ["addresses"])
    }
}
