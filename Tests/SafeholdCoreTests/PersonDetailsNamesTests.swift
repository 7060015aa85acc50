import Foundation
import Testing

@testable import SafeholdCore

@Suite("PersonDetails.validated: names and free text")
struct PersonDetailsNamesTests {
    @Test("A complete child passes")
    func validChildPasses() throws {
        let details = try Fixture.child().validated(today: Fixture.today)
        #expect(details.givenName == "Amelia")
        #expect(details.familyName == "Testchild")
    }

    @Test(
        "Given name is required for a child, an adult and a professional",
        arguments: [
            PersonKind.child, .adult, .professional,
        ])
    func givenNameRequired(kind: PersonKind) {
        for given in [nil, "", "   ", "\n\t"] as [String?] {
            var details = Fixture.adult()
            details.kind = kind
            details.givenName = given
            let errors = fieldErrors(details)
            #expect(errors.contains(FieldError("givenName", "is required")), "given name \(String(describing: given))")
        }
    }

    @Test("Given name is optional for an unborn child, family name is not")
    func unbornNeedsOnlyFamilyName() {
        let unborn = PersonDetails(
            kind: .unborn, givenName: nil, familyName: "  ",
            expectedDateOfBirth: Fixture.today.adding(days: 60))
        #expect(failingFields(unborn) == ["familyName"])
        #expect(fieldErrors(unborn) == [FieldError("familyName", "is required")])
    }

    @Test("Names longer than 100 characters are refused; 100 is fine")
    func overLongNames() {
        var details = Fixture.child(
            givenName: String(repeating: "a", count: 100),
            familyName: String(repeating: "b", count: 100))
        #expect(fieldErrors(details).isEmpty)
        details.givenName = String(repeating: "a", count: 101)
        details.familyName = String(repeating: "b", count: 101)
        details.middleNames = String(repeating: "c", count: 101)
        details.preferredName = String(repeating: "d", count: 101)
        let errors = fieldErrors(details)
        for field in ["givenName", "familyName", "middleNames", "preferredName"] {
            #expect(errors.contains(FieldError(field, "must be 100 characters or fewer")), "\(field)")
        }
    }

    @Test("Length is counted in characters, not bytes")
    func lengthInCharacters() {
        let details = Fixture.child(
            givenName: String(repeating: "ñ", count: 100),
            familyName: String(repeating: "👩🏽‍👧", count: 100))
        #expect(fieldErrors(details).isEmpty)
    }

    @Test("Shorter limits apply to gender, language, religion and PNC reference")
    func shorterLimits() {
        var details = Fixture.child()
        details.gender = String(repeating: "g", count: 51)
        details.firstLanguage = String(repeating: "l", count: 51)
        details.religion = String(repeating: "r", count: 51)
        details.pncReference = String(repeating: "9", count: 31)
        #expect(Set(failingFields(details)) == ["gender", "firstLanguage", "religion", "pncReference"])
    }

    @Test(
        "Control characters inside a name are refused",
        arguments: [
            "Ann\u{0}a", "Ann\u{7}a", "Ann\na", "Ann\ta", "Ann\u{1B}[31ma", "Ann\u{7F}a", "Ann\u{85}a",
        ])
    func controlCharactersRefused(name: String) {
        var details = Fixture.child(givenName: name, familyName: "Fam\(name)")
        details.aliases = [Alias(givenName: name, familyName: "Other")]
        let errors = fieldErrors(details)
        for field in ["givenName", "familyName", "aliases[0].givenName"] {
            #expect(errors.contains(FieldError(field, "contains control characters")), "\(field)")
        }
    }

    @Test(
        "HTML and SQL metacharacters in names are accepted and kept exactly",
        arguments: [
            "<script>alert(1)</script>", "Robert'); DROP TABLE persons;--", "O'Brien-Nuñez",
            "\"quoted\" & <b>bold</b>", "50% _under_ \\back\\", "{{mustache}} ${shell}", "Zoë Ångström-Łukasz",
        ])
    func metacharactersKeptExactly(name: String) throws {
        var input = Fixture.child(givenName: name, familyName: name)
        input.preferredName = name
        input.aliases = [Alias(givenName: name, familyName: name, kind: .former)]
        let details = try input.validated(today: Fixture.today)
        #expect(details.givenName == name)
        #expect(details.familyName == name)
        #expect(details.preferredName == name)
        #expect(details.aliases == [Alias(givenName: name, familyName: name, kind: .former)])
        #expect(details.givenName?.unicodeScalars.elementsEqual(name.unicodeScalars) == true)
    }

    @Test("Aliases need both names, and at most 20 are kept")
    func aliases() {
        var details = Fixture.child()
        details.aliases = [Alias(givenName: "", familyName: "Other"), Alias(givenName: "Al", familyName: " ")]
        #expect(Set(failingFields(details)) == ["aliases[0].givenName", "aliases[1].familyName"])
        details.aliases = (1...20).map { Alias(givenName: "Given\($0)", familyName: "Family") }
        #expect(fieldErrors(details).isEmpty)
        details.aliases.append(Alias(givenName: "Given21", familyName: "Family"))
        #expect(fieldErrors(details) == [FieldError("aliases", "at most 20 other names")])
    }
}
