import Foundation
import Testing

@testable import SafeholdCore

/// `CensusStepFact.stored` reads the census's facts from a stored step through `JSONEnvelope`, and must
/// give exactly what decoding it in full gives, or refuse exactly when the full decoder does.
struct JSONEnvelopeTests {
    /// Free text that tries to confuse a scanner: quotes, escapes, a look-alike member, bidi and combining
    /// characters, text that looks like numbers and nesting.
    static let awkward = [
        "plain", "He said \"no\" \\ then left", #"{"decision":"end_plan","on":"1999-01-01"}"#, "\u{202E}reversed",
        "e\u{301}", "tab\tnew\nline", "١٢٣ -0.5e+3", "[[[{}]]]", "\u{0}\u{1F}", "😀 family",
    ]

    static var steps: [EpisodeStep] {
        let id = UUID(), other = UUID()
        return awkward.flatMap { text -> [EpisodeStep] in
            let people = [Participant(name: text, agency: text, agencyKind: .police)]
            return [
                .assessmentStarted(on: d("2025-04-02")),
                .assessmentCompleted(
                    assessment: id, on: d("2025-04-03"), factors: ["21", "3A"], childSeen: true,
                    developmentalNeeds: text, parentingCapacity: text, familyAndEnvironment: text, outcome: text),
                .assessmentCompleted(
                    assessment: id, on: d("2025-04-03"), factors: [], childSeen: false, developmentalNeeds: "",
                    parentingCapacity: "", familyAndEnvironment: "", outcome: ""),
                .strategyDiscussion(
                    on: d("2025-04-04"), participants: people, absentAgencyReason: text, informationShared: text,
                    decision: .jointS47, safetyActions: text),
                .section47Started(on: d("2025-04-04"), strategyDiscussion: other),
                .section47Completed(
                    enquiry: other, on: d("2025-04-10"), substantiated: true, conferenceNeeded: false,
                    reasonNoConference: text),
                .conference(
                    initial: true, on: d("2025-04-20"), chair: text, attendees: people, apologies: [text],
                    childViews: text, howViewsObtained: text, decision: .plan, category: .sexual,
                    nextReview: d("2025-07-20")),
                .conference(
                    initial: false, on: d("2025-07-20"), chair: text, attendees: [], apologies: [], childViews: text,
                    howViewsObtained: text, decision: .endPlan, category: nil, nextReview: nil),
                .planStarted(
                    kind: .childProtection, on: d("2025-04-20"), category: .neglect, visitIntervalWorkingDays: 10),
                .planStarted(kind: .childInNeed, on: d("2025-04-20"), category: nil, visitIntervalWorkingDays: 20),
                .planEnded(plan: id, on: d("2025-08-01"), reason: text),
                .coreGroupMeeting(plan: id, on: d("2025-05-01"), attendees: people, notes: text),
                .visit(
                    on: d("2025-05-02"), visitor: text, childSeen: true, seenAlone: false, location: text,
                    observations: text, childsWords: text),
                .closed(on: d("2026-01-05"), reason: .rc8),
            ]
        }
    }

    private func full(_ json: String) throws -> CensusStepFact {
        try JSONDecoder().decode(CensusStepFact.self, from: Data(json.utf8))
    }

    private func stored(_ json: String) throws -> CensusStepFact {
        try CensusStepFact.stored(json, decoder: JSONDecoder())
    }

    @Test func everyKindOfStepReadsAsItsFullDecodingWhateverItsFreeTextHolds() throws {
        for formatting in [JSONEncoder.OutputFormatting.sortedKeys, [], .prettyPrinted] {
            let encoder = JSONEncoder()
            encoder.outputFormatting = formatting
            for step in Self.steps {
                let json = String(decoding: try encoder.encode(step), as: UTF8.self)
                let envelope = try #require(JSONEnvelope(json), "the scanner reads what the store writes: \(json)")
                #expect(CensusStepFact(envelope: envelope) != nil, "read without the full decoder: \(json)")
                #expect(try stored(json) == full(json), "\(json)")
                #expect(try stored(json) == CensusStepFact(step))
            }
        }
    }

    @Test func textThatIsNotThePlainShapeFallsBackToTheFullDecoder() throws {
        let id = UUID().uuidString
        let escapedDate = #"{"closed":{"on":"2025-04-0\u0031","reason":"RC1"}}"#
        #expect(JSONEnvelope(escapedDate) != nil && CensusStepFact(envelope: JSONEnvelope(escapedDate)!) == nil)
        #expect(try stored(escapedDate) == .closed(on: d("2025-04-01")))
        let lower = #"{"planEnded":{"on":"2025-04-01","plan":"\#(id.lowercased())","reason":"r"}}"#
        #expect(try stored(lower) == full(lower))
        let unknown = #"{"somethingElse":{"on":"x"}}"#
        #expect(try stored(unknown) == .other)
        #expect(try full(unknown) == .other)
    }

    @Test(
        "Malformed or surprising text is refused by both readers alike",
        arguments: [
            #"{"closed":{"on":"2025-04-01"}} x"#, #"{"closed":{"on":"2025-04-01","on":"2025-04-02"}}"#,
            #"{"closed":{"on":"2025-02-30"}}"#, #"{"closed":{"on":20250401}}"#, #"{"closed":{"on":"2025-04-01""#,
            #"{"closed":{"on":"2025-04-01","x":01}}"#, #"{"closed":{"on":"2025-04-01","x":"\q"}}"#,
            #"{"closed":{"on":"2025-04-01","x":1.}}"#, #"{"closed":{"on":"2025-04-01","x":+1}}"#,
            #"{"conference":{"on":"2025-04-01","initial":"true","decision":"plan"}}"#,
            #"{"conference":{"on":"2025-04-01","initial":true,"decision":"maybe"}}"#,
            #"{"conference":{"on":"2025-04-01","initial":true,"decision":"plan","category":"XYZ"}}"#,
            #"{"section47Started":{"on":"2025-04-01","strategyDiscussion":"not-a-uuid"}}"#,
            #"{"assessmentCompleted":{"on":"2025-04-01","assessment":"\#(UUID())","factors":[1]}}"#, "", "[]", "{}",
            #"{"closed":{"on":"2025-04-01","x":"\#u{7}"}}"#,
        ])
    func malformedTextIsRefusedAlike(_ json: String) {
        StoredReaders.agree(json, fast: stored, full: full)
    }

    @Test func randomDamageToStoredStepsNeverMakesTheReadersDisagree() throws {
        for json in try StoredReaders.damaged(Self.steps) { StoredReaders.agree(json, fast: stored, full: full) }
    }
}
