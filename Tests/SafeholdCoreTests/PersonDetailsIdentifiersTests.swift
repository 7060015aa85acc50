import Foundation
import Testing

@testable import SafeholdCore

@Suite("PersonDetails.validated: identifiers and code sets")
struct PersonDetailsIdentifiersTests {
    static let validUPN = UniquePupilNumber.withCheckLetter(body: "201512345678")!.value

    @Test("A valid NHS number is accepted and stored as ten digits")
    func validNHSNumber() throws {
        var details = Fixture.child()
        details.nhsNumber = " 943 476 5919 "
        #expect(try details.validated(today: Fixture.today).nhsNumber == "9434765919")
    }

    @Test(
        "A bad NHS number is reported against 'nhsNumber'",
        arguments: [
            "9434765910", "943476591", "943-476-5919", "NHS1234567", "0000000060",
        ])
    func badNHSNumber(text: String) {
        var details = Fixture.child()
        details.nhsNumber = text
        #expect(
            fieldErrors(details) == [
                FieldError("nhsNumber", "is not a valid NHS number (10 digits with a correct check digit)")
            ])
    }

    @Test("A blank NHS number or UPN is stored as nil")
    func blankIdentifiersBecomeNil() throws {
        var details = Fixture.child()
        details.nhsNumber = "   "
        details.upn = ""
        let valid = try details.validated(today: Fixture.today)
        #expect(valid.nhsNumber == nil)
        #expect(valid.upn == nil)
    }

    @Test("A valid UPN is accepted for a child, stored in upper case")
    func validUPN() throws {
        var details = Fixture.child()
        details.upn = Self.validUPN.lowercased()
        #expect(try details.validated(today: Fixture.today).upn == Self.validUPN)
    }

    @Test("A bad UPN is reported against 'upn'", arguments: ["A12345678901", "X201512345678", "upn"])
    func badUPN(text: String) {
        var details = Fixture.child()
        details.upn = text
        #expect(
            fieldErrors(details) == [
                FieldError("upn", "is not a valid UPN (13 characters with a correct check letter)")
            ])
    }

    @Test(
        "A UPN on an adult or a professional is refused, even a valid one",
        arguments: [
            PersonKind.adult, .professional,
        ])
    func upnOnlyForChildren(kind: PersonKind) {
        var details = Fixture.adult()
        details.kind = kind
        details.upn = Self.validUPN
        #expect(fieldErrors(details) == [FieldError("upn", "is only for a child")])
        details.upn = "not-a-upn"
        #expect(failingFields(details) == ["upn", "upn"])
    }

    @Test(
        "Ethnicity must be a CIN code; case is normalised",
        arguments: [
            ("WBRI", "WBRI"), ("wbri", "WBRI"), (" aoth ", "AOTH"), ("NOBT", "NOBT"),
        ])
    func validEthnicity(text: String, stored: String) throws {
        var details = Fixture.child()
        details.ethnicity = text
        #expect(try details.validated(today: Fixture.today).ethnicity == stored)
    }

    @Test("An unknown ethnicity code is refused")
    func unknownEthnicity() {
        var details = Fixture.child()
        details.ethnicity = "XXXX"
        #expect(fieldErrors(details) == [FieldError("ethnicity", "'XXXX' is not an ethnicity code")])
    }

    @Test("Every listed ethnicity code validates")
    func everyEthnicityCode() {
        for (code, label) in CodeSets.ethnicity {
            var details = Fixture.child()
            details.ethnicity = code
            #expect(fieldErrors(details).isEmpty, "\(code)")
            #expect(CodeSets.ethnicityLabel(code) == label)
        }
    }

    @Test("Disability codes are checked and normalised")
    func disabilityCodes() throws {
        var details = Fixture.child()
        details.disabilities = [" mob ", "HEAR", "aut"]
        #expect(try details.validated(today: Fixture.today).disabilities == ["MOB", "HEAR", "AUT"])
        details.disabilities = ["NONE"]
        #expect(fieldErrors(details).isEmpty)
        details.disabilities = ["WINGS"]
        #expect(fieldErrors(details) == [FieldError("disabilities", "'WINGS' is not a disability code")])
    }

    @Test("NONE cannot be combined with another disability code")
    func noneWithAnother() {
        var details = Fixture.child()
        details.disabilities = ["NONE", "MOB"]
        #expect(fieldErrors(details) == [FieldError("disabilities", "NONE cannot be combined with a disability")])
    }

    @Test("A disability code listed twice is refused, whatever its case")
    func duplicateDisability() {
        var details = Fixture.child()
        details.disabilities = ["MOB", "mob"]
        #expect(fieldErrors(details) == [FieldError("disabilities", "lists a code twice")])
    }
}
