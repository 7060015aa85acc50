import Foundation

extension CensusStepFact {
    /// The fact of a stored step (`EpisodeStep`'s JSON): read from the few members the census needs by
    /// `JSONEnvelope`, or decoded in full with `decoder` when the text is anything but the plain shape the
    /// store writes (an escaped string, an unexpected member), so both ways always agree.
    public static func stored(_ json: String, decoder: JSONDecoder) throws -> CensusStepFact {
        if let fact = JSONEnvelope(json).flatMap(CensusStepFact.init(envelope:)) { return fact }
        return try decoder.decode(CensusStepFact.self, from: Data(json.utf8))
    }

    /// The fact the envelope holds; nil when a member the fact needs is missing or not plain.
    init?(envelope e: JSONEnvelope) {
        guard let key = Envelope(rawValue: e.name) else {
            self = .other
            return
        }
        guard let on = e.date("on") else { return nil }
        switch key {
        case .assessmentStarted: self = .assessmentStarted(on: on)
        case .assessmentCompleted:
            guard let id = e.uuid("assessment") else { return nil }
            let factors = e.isMissing("factors") ? [] : e.strings("factors")
            guard let factors else { return nil }
            self = .assessmentCompleted(assessment: id, on: on, factors: factors)
        case .strategyDiscussion: self = .strategyDiscussion(on: on)
        case .section47Started:
            guard let strategy = e.uuid("strategyDiscussion") else { return nil }
            self = .section47Started(on: on, strategyDiscussion: strategy)
        case .section47Completed:
            guard let id = e.uuid("enquiry"), let needed = e.bool("conferenceNeeded") else { return nil }
            self = .section47Completed(enquiry: id, on: on, conferenceNeeded: needed)
        case .conference:
            guard let initial = e.bool("initial"),
                let decision = e.string("decision").flatMap({ ConferenceDecision(rawValue: $0) }),
                let category = Self.category(e)
            else { return nil }
            self = .conference(initial: initial, on: on, decision: decision, category: category)
        case .planStarted:
            guard let kind = e.string("kind").flatMap({ PlanKind(rawValue: $0) }),
                let category = Self.category(e)
            else { return nil }
            self = .planStarted(kind: kind, on: on, category: category)
        case .planEnded:
            guard let plan = e.uuid("plan") else { return nil }
            self = .planEnded(plan: plan, on: on)
        case .closed: self = .closed(on: on)
        }
    }

    /// `.some(nil)` when the category is absent or null, `.some(code)` when it reads, nil when it does not.
    private static func category(_ e: JSONEnvelope) -> AbuseCategory?? {
        if e.isMissing("category") { return .some(nil) }
        guard let code = e.string("category").flatMap({ AbuseCategory(rawValue: $0) }) else { return nil }
        return .some(code)
    }
}
