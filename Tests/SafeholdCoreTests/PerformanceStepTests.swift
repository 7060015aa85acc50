import Foundation
import Testing

@testable import SafeholdCore

/// `PerformanceStep` reads a stored step's timeliness facts without decoding the rest; what it reads must be
/// what the full decoder reads, for every kind of step and for text the quick reader leaves to the decoder.
struct PerformanceStepTests {
    private let id = UUID()

    private func stored(_ step: EpisodeStep) throws -> PerformanceStep {
        let text = String(decoding: try JSONEncoder().encode(step), as: UTF8.self)
        return try PerformanceStep.stored(id: id, payload: text, decoder: JSONDecoder())
    }

    @Test func everyKindOfStepReadsAsTheFullDecoderReadsIt() throws {
        let steps: [EpisodeStep] = [
            .assessmentStarted(on: d("2025-04-02")),
            .assessmentCompleted(
                assessment: UUID(), on: d("2025-04-03"), factors: ["21", "3A"], childSeen: true,
                developmentalNeeds: "d", parentingCapacity: "p", familyAndEnvironment: "f", outcome: "o"),
            strategy("2025-04-04"), .section47Started(on: d("2025-04-04"), strategyDiscussion: UUID()),
            .section47Completed(
                enquiry: UUID(), on: d("2025-04-10"), substantiated: true, conferenceNeeded: false,
                reasonNoConference: "Safety plan agreed"),
            conference(initial: true, "2025-04-20", .plan), conference(initial: false, "2025-07-20", .endPlan, nil),
            .planStarted(kind: .childProtection, on: d("2025-04-20"), category: .neglect, visitIntervalWorkingDays: 10),
            .planEnded(plan: UUID(), on: d("2025-09-01"), reason: "Needs met"),
            .coreGroupMeeting(plan: UUID(), on: d("2025-05-01"), attendees: people, notes: "n"),
            .visit(
                on: d("2025-05-02"), visitor: "SW", childSeen: true, seenAlone: true, location: "Home",
                observations: "o", childsWords: "w"),
            .visit(
                on: d("2025-05-03"), visitor: "SW", childSeen: false, seenAlone: false, location: "Home",
                observations: "o", childsWords: ""),
            .closed(on: d("2025-10-01"), reason: .rc1),
        ]
        for step in steps {
            #expect(try stored(step) == PerformanceStep(id: id, step: step), "\(step.kind)")
        }
    }

    @Test func aPlansVisitIntervalAndAVisitsSeeingAreRead() throws {
        let plan = try stored(
            .planStarted(kind: .childInNeed, on: d("2025-04-20"), category: nil, visitIntervalWorkingDays: 20))
        #expect(plan.visitIntervalWorkingDays == 20)
        let visit = try stored(
            .visit(
                on: d("2025-05-02"), visitor: "SW", childSeen: true, seenAlone: false, location: "School",
                observations: "He said \"I'm fine\"\n\u{202E}reversed", childsWords: "e\u{301}"))
        #expect(visit.seen == PerformanceStep.SeenVisit(on: d("2025-05-02"), alone: false))
    }

    @Test func textTheQuickReaderLeavesIsDecodedInFullAndNonsenseIsRefused() throws {
        let spaced = """
            { "visit" : { "on" : "2025-05-02", "visitor" : "SW", "childSeen" : true, "seenAlone" : true,
              "location" : "Home", "observations" : "", "childsWords" : "" } }
            """
        #expect(
            try PerformanceStep.stored(id: id, payload: spaced, decoder: JSONDecoder()).seen
                == PerformanceStep.SeenVisit(on: d("2025-05-02"), alone: true))
        // An escaped key: the quick reader gives up and the decoder reads it.
        let escaped = #"{"planStarted":{"kind":"cin","\u006fn":"2025-04-20","visitIntervalWorkingDays":20}}"#
        let plan = try PerformanceStep.stored(id: id, payload: escaped, decoder: JSONDecoder())
        #expect(plan.visitIntervalWorkingDays == 20)
        #expect(plan.fact == .planStarted(kind: .childInNeed, on: d("2025-04-20"), category: nil))
        #expect(throws: DecodingError.self) {
            try PerformanceStep.stored(id: id, payload: #"{"visit":{"on":"yesterday"}}"#, decoder: JSONDecoder())
        }
    }
}
