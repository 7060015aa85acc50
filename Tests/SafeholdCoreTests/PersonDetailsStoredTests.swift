import Foundation
import Testing

@testable import SafeholdCore

/// `PersonDetails.stored` reads stored details through `JSONEnvelope` rather than `JSONDecoder`, and must give
/// exactly the details decoding them in full gives, or refuse exactly when the full decoder does.
struct PersonDetailsStoredTests {
    private func full(_ json: String) throws -> PersonDetails {
        try JSONDecoder().decode(PersonDetails.self, from: Data(json.utf8))
    }

    private func stored(_ json: String) throws -> PersonDetails {
        try PersonDetails.stored(json, decoder: JSONDecoder())
    }

    private func agree(_ json: String, sourceLocation: SourceLocation = #_sourceLocation) {
        StoredReaders.agree(json, fast: stored, full: full, sourceLocation: sourceLocation)
    }

    static var details: [PersonDetails] {
        JSONEnvelopeTests.awkward.flatMap { text -> [PersonDetails] in
            [
                PersonDetails(kind: .child, givenName: nil, familyName: text),
                PersonDetails(
                    kind: .unborn, givenName: text, familyName: text, middleNames: text, preferredName: text,
                    aliases: [
                        Alias(givenName: text, familyName: text), Alias(givenName: "", familyName: "", kind: .former),
                    ],
                    dateOfBirth: d("2019-02-28"), dateOfBirthEstimated: true, expectedDateOfBirth: d("2026-12-01"),
                    dateOfDeath: d("2025-01-01"), sex: .female, gender: text, ethnicity: "WBRI", firstLanguage: text,
                    interpreterNeeded: true, religion: text, disabilities: ["HAND", text], nhsNumber: "9434765919",
                    upn: text, pncReference: text,
                    addresses: [
                        Address(line1: text, town: text, postcode: "AB1 2CD"),
                        Address(
                            line1: text, line2: text, town: text, postcode: text, from: d("2020-01-01"),
                            to: d("2021-01-01")),
                    ],
                    phone: text, email: text),
            ]
        }
    }

    @Test func storedDetailsAreReadWithoutTheFullDecoderWhateverTheirTextHolds() throws {
        for formatting in [JSONEncoder.OutputFormatting.sortedKeys, [], .prettyPrinted] {
            let encoder = JSONEncoder()
            encoder.outputFormatting = formatting
            for details in Self.details {
                let json = String(decoding: try encoder.encode(details), as: UTF8.self)
                let envelope = try #require(JSONEnvelope(object: json), "\(json)")
                #expect(PersonDetails(envelope: envelope) == details, "read without the full decoder: \(json)")
                #expect(try stored(json) == details)
            }
        }
    }

    @Test func whatACallerMayLeaveOutTakesTheFullDecodersDefaults() throws {
        let bare = #"{"kind":"adult","familyName":"Okafor"}"#
        #expect(PersonDetails(envelope: try #require(JSONEnvelope(object: bare))) != nil)
        #expect(try stored(bare) == PersonDetails(kind: .adult, givenName: nil, familyName: "Okafor"))
        let nulls =
            #"{"kind":"adult","familyName":"Okafor","aliases":null,"sex":null,"disabilities":null,"#
            + #""interpreterNeeded":null,"addresses":null,"givenName":null,"dateOfBirth":null}"#
        #expect(PersonDetails(envelope: try #require(JSONEnvelope(object: nulls))) != nil)
        agree(nulls)
    }

    @Test(
        "Malformed or surprising details are refused by both readers alike",
        arguments: [
            #"{"kind":"adult"}"#, #"{"kind":"alien","familyName":"A"}"#, #"{"kind":"adult","familyName":1}"#,
            #"{"kind":"adult","familyName":"A","sex":"X"}"#, #"{"kind":"adult","familyName":"A","dateOfBirth":"x"}"#,
            #"{"kind":"adult","familyName":"A","dateOfBirth":"2025-02-29"}"#,
            #"{"kind":"adult","familyName":"A","aliases":[{"givenName":"B","familyName":"C"}]}"#,
            #"{"kind":"adult","familyName":"A","aliases":[{"givenName":"B","familyName":"C","kind":"nick"}]}"#,
            #"{"kind":"adult","familyName":"A","addresses":[{"line1":"1","town":"T"}]}"#,
            #"{"kind":"adult","familyName":"A","addresses":{"line1":"1","town":"T","postcode":"P"}}"#,
            #"{"kind":"adult","familyName":"A","disabilities":["A",1]}"#,
            #"{"kind":"adult","familyName":"A","interpreterNeeded":"yes"}"#,
            #"{"kind":"adult","familyName":"A","kind":"child"}"#, #"{"kind":"adult","familyName":"A"} {}"#,
            #"{"kind":"adult","familyName":"A\u0041","extra":{"x":[1,2,{"y":null}]}}"#, "", "[]", "{}", "null",
        ])
    func malformedDetailsAreRefusedAlike(_ json: String) {
        agree(json)
    }

    @Test func randomDamageToStoredDetailsNeverMakesTheReadersDisagree() throws {
        for json in try StoredReaders.damaged(Self.details) { agree(json) }
    }
}
