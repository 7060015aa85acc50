import Foundation
import Testing

@testable import SafeholdCore

/// `EpisodeStep.stored` reads a stored step through `JSONEnvelope` rather than `JSONDecoder`, and must give
/// exactly the step decoding it in full gives, or refuse exactly when the full decoder does.
struct EpisodeStepStoredTests {
    private func full(_ json: String) throws -> EpisodeStep {
        try JSONDecoder().decode(EpisodeStep.self, from: Data(json.utf8))
    }

    private func stored(_ json: String) throws -> EpisodeStep {
        try EpisodeStep.stored(json, decoder: JSONDecoder())
    }

    private func agree(_ json: String, sourceLocation: SourceLocation = #_sourceLocation) {
        StoredReaders.agree(json, fast: stored, full: full, sourceLocation: sourceLocation)
    }

    @Test func everyKindOfStepIsReadWithoutTheFullDecoderWhateverItsFreeTextHolds() throws {
        for formatting in [JSONEncoder.OutputFormatting.sortedKeys, [], .prettyPrinted, .withoutEscapingSlashes] {
            let encoder = JSONEncoder()
            encoder.outputFormatting = formatting
            for step in JSONEnvelopeTests.steps + [Self.slashes] {
                let json = String(decoding: try encoder.encode(step), as: UTF8.self)
                let envelope = try #require(JSONEnvelope(json), "the scanner reads what the store writes: \(json)")
                #expect(EpisodeStep(envelope: envelope) == step, "read without the full decoder: \(json)")
                #expect(try stored(json) == step)
            }
        }
    }

    /// Foundation writes `/` as `\/` unless told not to.
    static let slashes = EpisodeStep.visit(
        on: d("2025-05-02"), visitor: "A/B", childSeen: true, seenAlone: true, location: "http://x/y",
        observations: "1/2", childsWords: "\\/")

    @Test func escapesAreDecodedAsJSONDefinesThem() throws {
        let visit = { (words: String) in
            #"{"visit":{"on":"2025-05-02","visitor":"v","childSeen":true,"seenAlone":false,"location":"l","#
                + #""observations":"o","childsWords":"\#(words)"}}"#
        }
        let cases: [(String, String)] = [
            (#"caf\u00e9"#, "café"), (#"\ud83d\ude00"#, "😀"), (#"a\/b"#, "a/b"), (#"\"q\" \\"#, "\"q\" \\"),
            (#"\b\f\n\r\t"#, "\u{8}\u{C}\n\r\t"), (#"\u0000"#, "\u{0}"), (#"\u202E"#, "\u{202E}"),
            (#"e\u0301"#, "e\u{301}"),
        ]
        for (escaped, text) in cases {
            let json = visit(escaped)
            let envelope = try #require(JSONEnvelope(json))
            guard case .visit(_, _, _, _, _, _, let words)? = EpisodeStep(envelope: envelope) else {
                Issue.record("not read without the full decoder: \(json)")
                continue
            }
            #expect(words == text, "\(json)")
            agree(json)
        }
        // A lone surrogate is left to the full decoder, which has the last word on it.
        for lone in [#"\ud83d"#, #"\ude00"#, #"\ud83dx"#, #"\ud83d\u0041"#] {
            #expect(EpisodeStep(envelope: try #require(JSONEnvelope(visit(lone)))) == nil, "\(lone)")
            agree(visit(lone))
        }
    }

    @Test(
        "Malformed or surprising text is refused by both readers alike",
        arguments: [
            #"{"closed":{"on":"2025-04-01"}}"#, #"{"closed":{"on":"2025-04-01","reason":"RC99"}}"#,
            #"{"closed":{"on":"2025-04-01","reason":"RC1","on":"2025-04-02"}}"#,
            #"{"visit":{"on":"2025-05-02","visitor":1,"childSeen":true,"seenAlone":false,"location":"l","#
                + #""observations":"o","childsWords":"w"}}"#,
            #"{"conference":{"initial":true,"on":"2025-04-20","chair":"c","attendees":[{"name":"n","agency":"a","#
                + #""agencyKind":"police"}],"apologies":[],"childViews":"v","howViewsObtained":"h","decision":"plan","#
                + #""category":null,"nextReview":null}}"#,
            #"{"conference":{"initial":true,"on":"2025-04-20","chair":"c","attendees":[{"name":"n","agency":"a","#
                + #""agencyKind":"army"}],"apologies":[],"childViews":"v","howViewsObtained":"h","decision":"plan"}}"#,
            #"{"conference":{"initial":true,"on":"2025-04-20","chair":"c","attendees":[{"name":"n"}],"#
                + #""apologies":[],"childViews":"v","howViewsObtained":"h","decision":"plan"}}"#,
            #"{"planStarted":{"kind":"cp","on":"2025-04-20","category":"neglect","visitIntervalWorkingDays":1.5}}"#,
            #"{"planStarted":{"kind":"cp","on":"2025-04-20","category":7,"visitIntervalWorkingDays":10}}"#,
            #"{"planStarted":{"kind":"cp","on":"2025-04-20","visitIntervalWorkingDays":10,"extra":[1,{"a":2}]}}"#,
            #"{"section47Completed":{"enquiry":"\#(UUID())","on":"2025-04-10","substantiated":true,"#
                + #""conferenceNeeded":false,"reasonNoConference":null}}"#,
            #"{"assessmentStarted":{"on":"2025-04-02"},"closed":{}}"#, "", "[]", "{}", "null",
        ])
    func malformedTextIsRefusedAlike(_ json: String) {
        agree(json)
    }

    @Test func randomDamageToStoredStepsNeverMakesTheReadersDisagree() throws {
        for json in try StoredReaders.damaged(JSONEnvelopeTests.steps) { agree(json) }
    }
}
