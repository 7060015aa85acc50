import Foundation

extension PlanFact {
    /// The fact a stored step's text holds, read through `JSONEnvelope` (the step's name and the one field a fact
    /// needs), falling back to `decoder` on anything it does not expect; the full decoder stays the authority.
    /// A caseload page reads the plan steps of a team's 200 children, and decoding each with `JSONDecoder` cost
    /// more than the query that found them.
    public static func stored(_ payload: String, decoder: JSONDecoder) throws -> PlanFact {
        try JSONEnvelope.decode(payload, decoder: decoder, reading: PlanFact.init(envelope:))
    }

    /// The fact the envelope holds; nil when the field it needs is not as the synthesised encoder writes it.
    init?(envelope e: JSONEnvelope) {
        switch e.name {
        case "planStarted":
            guard let kind = e.string("kind").flatMap(PlanKind.init(rawValue:)) else { return nil }
            self = .started(kind)
        case "planEnded":
            guard let plan = e.uuid("plan") else { return nil }
            self = .ended(plan: plan)
        case "conference":
            guard let decision = e.string("decision").flatMap(ConferenceDecision.init(rawValue:)) else { return nil }
            self = .conference(decision)
        default:
            self = .other
        }
    }
}
