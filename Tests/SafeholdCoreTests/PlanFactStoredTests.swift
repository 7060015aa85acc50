import Foundation
import Testing

@testable import SafeholdCore

/// `PlanFact.stored` reads a stored step's plan fact through `JSONEnvelope` rather than `JSONDecoder`, and must give
/// exactly the fact the full decoder gives, or refuse exactly when it does.
struct PlanFactStoredTests {
    private func full(_ json: String) throws -> PlanFact {
        try JSONDecoder().decode(PlanFact.self, from: Data(json.utf8))
    }

    @Test func everyKindOfStepGivesTheFactTheFullDecoderGivesWithoutIt() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        var read = Set<String>()
        for step in JSONEnvelopeTests.steps {
            let json = String(decoding: try encoder.encode(step), as: UTF8.self)
            let envelope = try #require(JSONEnvelope(json))
            let fact = try #require(PlanFact(envelope: envelope), "read without the full decoder: \(json)")
            #expect(fact == (try full(json)), "\(json)")
            #expect(try PlanFact.stored(json, decoder: JSONDecoder()) == (try full(json)))
            read.insert(envelope.name)
        }
        #expect(read.isSuperset(of: ["planStarted", "planEnded", "conference"]))
    }

    @Test(arguments: [
        #"{"planStarted":{"kind":"no_such_plan"}}"#, #"{"planEnded":{"plan":"not an id"}}"#,
        #"{"conference":{"decision":7}}"#, #"{"planStarted":{}}"#, #"{"conference":{"decision":"end_plan"}}"#,
        #"{"planEnded":{"plan":"01a2208a-8687-7925-8d22-b6b42299aad2"}}"#, #"{"visit":5}"#, "", "[]", "{}", "null",
        #"{"planStarted":{"kind":"child_protection"},"closed":{}}"#,
    ])
    func unexpectedTextIsReadOrRefusedAsTheFullDecoderDoes(_ json: String) {
        StoredReaders.agree(json, fast: { try PlanFact.stored($0, decoder: JSONDecoder()) }, full: full)
    }

    @Test func randomDamageToStoredStepsNeverMakesTheReadersDisagree() throws {
        for json in try StoredReaders.damaged(JSONEnvelopeTests.steps) {
            StoredReaders.agree(json, fast: { try PlanFact.stored($0, decoder: JSONDecoder()) }, full: full)
        }
    }
}
