import Foundation

/// What one recorded step says for the timeliness measures, and nothing more: the census's fact of the
/// step, a plan's visit interval, and whether a visit saw the child (alone or not).
///
/// The whole service's dashboard reads every step of twenty thousand children's histories; decoding each
/// step in full (a conference's attendees and views, a visit's observations) was most of its time. This is
/// read from the stored text by `JSONEnvelope`, falling back to the full decoder, which stays the authority.
public struct PerformanceStep: Hashable, Sendable {
    /// A visit in which the child was seen.
    public struct SeenVisit: Hashable, Sendable {
        public let on: LocalDate
        public let alone: Bool

        public init(on: LocalDate, alone: Bool) {
            self.on = on
            self.alone = alone
        }
    }

    /// The step's id (a plan's id when it starts one, an assessment's when it starts one).
    public let id: UUID
    public let fact: CensusStepFact
    /// A plan's start: how many working days may pass between visits.
    public let visitIntervalWorkingDays: Int?
    /// A visit that saw the child; nil for any other step and for a visit that did not.
    public let seen: SeenVisit?

    public init(id: UUID, fact: CensusStepFact, visitIntervalWorkingDays: Int? = nil, seen: SeenVisit? = nil) {
        self.id = id
        self.fact = fact
        self.visitIntervalWorkingDays = visitIntervalWorkingDays
        self.seen = seen
    }

    /// The measures' reading of a step decoded in full.
    public init(id: UUID, step: EpisodeStep) {
        var interval: Int?, seen: SeenVisit?
        switch step {
        case .planStarted(_, _, _, let days): interval = days
        case .visit(let on, _, let childSeen, let alone, _, _, _) where childSeen:
            seen = SeenVisit(on: on, alone: alone)
        default: break
        }
        self.init(id: id, fact: CensusStepFact(step), visitIntervalWorkingDays: interval, seen: seen)
    }

    public init(_ recorded: RecordedStep) { self.init(id: recorded.id, step: recorded.step) }

    /// A stored step's reading: from its members where they are plain, else from the step decoded in full.
    public static func stored(id: UUID, payload: String, decoder: JSONDecoder) throws -> PerformanceStep {
        if let envelope = JSONEnvelope(payload), let step = PerformanceStep(id: id, envelope: envelope) {
            return step
        }
        return PerformanceStep(id: id, step: try decoder.decode(EpisodeStep.self, from: Data(payload.utf8)))
    }

    /// nil when a member the reading needs is missing or not plain.
    private init?(id: UUID, envelope e: JSONEnvelope) {
        switch e.name {
        case "visit":
            guard let on = e.date("on"), let childSeen = e.bool("childSeen"), let alone = e.bool("seenAlone") else {
                return nil
            }
            self.init(id: id, fact: .other, seen: childSeen ? SeenVisit(on: on, alone: alone) : nil)
        case "planStarted":
            guard let fact = CensusStepFact(envelope: e), let days = e.int("visitIntervalWorkingDays") else {
                return nil
            }
            self.init(id: id, fact: fact, visitIntervalWorkingDays: days)
        default:
            guard let fact = CensusStepFact(envelope: e) else { return nil }
            self.init(id: id, fact: fact)
        }
    }
}
