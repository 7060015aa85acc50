import Foundation
import Testing

@testable import SafeholdCore

@Suite("Person.changedFields")
struct PersonChangedFieldsTests {
    let base: PersonDetails = {
        var details = Fixture.child()
        details.nhsNumber = "9434765919"
        details.addresses = [Address(line1: "1 Test Street", town: "Testtown", postcode: "AB1 2CD")]
        details.disabilities = ["MOB"]
        return details
    }()

    @Test("Identical details have no changed fields")
    func noChanges() {
        #expect(Person.changedFields(from: base, to: base).isEmpty)
    }

    @Test("One changed field is named by its property name")
    func oneField() {
        var new = base
        new.givenName = "Amelie"
        #expect(Person.changedFields(from: base, to: new) == ["givenName"])
    }

    @Test("Several changes are listed in declaration order")
    func severalFields() {
        var new = base
        new.email = "worker@example.org"
        new.familyName = "Otherfamily"
        new.sex = .unknown
        new.dateOfBirth = Fixture.day("2015-03-11")
        #expect(Person.changedFields(from: base, to: new) == ["familyName", "dateOfBirth", "sex", "email"])
    }

    @Test("Setting and clearing an optional both count as a change")
    func optionalSetAndCleared() {
        var new = base
        new.middleNames = "Rose"
        new.nhsNumber = nil
        #expect(Person.changedFields(from: base, to: new) == ["middleNames", "nhsNumber"])
        #expect(Person.changedFields(from: new, to: base) == ["middleNames", "nhsNumber"])
    }

    @Test("A nil value and the text 'nil' are different")
    func nilVersusTextNil() {
        var old = base
        old.preferredName = nil
        var new = base
        new.preferredName = "nil"
        #expect(Person.changedFields(from: old, to: new) == ["preferredName"])
    }

    @Test("Changes inside nested values are noticed")
    func nestedChanges() {
        var new = base
        new.addresses[0].postcode = "AB1 2CE"
        new.aliases = [Alias(givenName: "Amy", familyName: "Testchild")]
        new.disabilities = ["MOB", "HEAR"]
        new.interpreterNeeded = true
        #expect(
            Person.changedFields(from: base, to: new) == ["aliases", "interpreterNeeded", "disabilities", "addresses"])
    }

    @Test("Every field of PersonDetails is compared")
    func everyFieldCompared() {
        var new = base
        new.kind = .adult
        new.givenName = "X"; new.familyName = "X"; new.middleNames = "X"; new.preferredName = "X"
        new.aliases = [Alias(givenName: "X", familyName: "X")]
        new.dateOfBirth = Fixture.day("2000-01-01"); new.dateOfBirthEstimated = true
        new.expectedDateOfBirth = Fixture.day("2026-01-01"); new.dateOfDeath = Fixture.day("2025-01-01")
        new.sex = .male; new.gender = "X"; new.ethnicity = "WBRI"; new.firstLanguage = "X"
        new.interpreterNeeded = true; new.religion = "X"; new.disabilities = []
        new.nhsNumber = "4010232137"; new.upn = "X"; new.pncReference = "X"; new.addresses = []
        new.phone = "0"; new.email = "x@example.org"
        let changed = Person.changedFields(from: base, to: new)
        #expect(
            changed == [
                "kind", "givenName", "familyName", "middleNames", "preferredName", "aliases", "dateOfBirth",
                "dateOfBirthEstimated", "expectedDateOfBirth", "dateOfDeath", "sex", "gender", "ethnicity",
                "firstLanguage", "interpreterNeeded", "religion", "disabilities", "nhsNumber", "upn",
                "pncReference", "addresses", "phone", "email",
            ])
        // Every field counted once: the list covers the whole struct.
        #expect(changed.count == Mirror(reflecting: base).children.count)
    }

    @Test("A person's display name comes from the details")
    func displayName() {
        let person = Person(
            id: Fixture.id(1), localId: "SH-000001", details: base,
            createdAt: Date(timeIntervalSince1970: 0), updatedAt: Date(timeIntervalSince1970: 0))
        #expect(person.displayName == "Amelia Testchild")
        var preferred = base
        preferred.preferredName = "Millie"
        #expect(preferred.displayName == "Millie Testchild")
        let unborn = PersonDetails(kind: .unborn, givenName: nil, familyName: "Testfamily")
        #expect(unborn.displayName == "Unborn Testfamily")
    }
}
