import Foundation

/// What one recorded step says for the census, decoded from the stored step on its own: dates, the ids a
/// step names, factors, decisions and categories, never the participants, views or notes (as `PlanFact`
/// does for caseloads). Encoded steps are `EpisodeStep`'s synthesised form, `{"<case>": {<labels>}}`.
public enum CensusStepFact: Decodable, Hashable, Sendable {
    case assessmentStarted(on: LocalDate)
    case assessmentCompleted(assessment: UUID, on: LocalDate, factors: [String])
    case strategyDiscussion(on: LocalDate)
    case section47Started(on: LocalDate, strategyDiscussion: UUID)
    case section47Completed(enquiry: UUID, on: LocalDate, conferenceNeeded: Bool)
    case conference(initial: Bool, on: LocalDate, decision: ConferenceDecision, category: AbuseCategory?)
    case planStarted(kind: PlanKind, on: LocalDate, category: AbuseCategory?)
    case planEnded(plan: UUID, on: LocalDate)
    case closed(on: LocalDate)
    case other

    enum Envelope: String, CodingKey {
        case assessmentStarted, assessmentCompleted, strategyDiscussion, section47Started, section47Completed
        case conference, planStarted, planEnded, closed
    }
    private enum Field: String, CodingKey {
        case on, assessment, factors, strategyDiscussion, enquiry, conferenceNeeded, initial, decision, category
        case kind, plan
    }

    public init(from decoder: any Decoder) throws {
        let envelope = try decoder.container(keyedBy: Envelope.self)
        guard let key = envelope.allKeys.first else {
            self = .other
            return
        }
        let f = try envelope.nestedContainer(keyedBy: Field.self, forKey: key)
        let on = try f.decode(LocalDate.self, forKey: .on)
        switch key {
        case .assessmentStarted: self = .assessmentStarted(on: on)
        case .assessmentCompleted:
            self = .assessmentCompleted(
                assessment: try f.decode(UUID.self, forKey: .assessment), on: on,
                factors: try f.decodeIfPresent([String].self, forKey: .factors) ?? [])
        case .strategyDiscussion: self = .strategyDiscussion(on: on)
        case .section47Started:
            self = .section47Started(on: on, strategyDiscussion: try f.decode(UUID.self, forKey: .strategyDiscussion))
        case .section47Completed:
            self = .section47Completed(
                enquiry: try f.decode(UUID.self, forKey: .enquiry), on: on,
                conferenceNeeded: try f.decode(Bool.self, forKey: .conferenceNeeded))
        case .conference:
            self = .conference(
                initial: try f.decode(Bool.self, forKey: .initial), on: on,
                decision: try f.decode(ConferenceDecision.self, forKey: .decision),
                category: try f.decodeIfPresent(AbuseCategory.self, forKey: .category))
        case .planStarted:
            self = .planStarted(
                kind: try f.decode(PlanKind.self, forKey: .kind), on: on,
                category: try f.decodeIfPresent(AbuseCategory.self, forKey: .category))
        case .planEnded: self = .planEnded(plan: try f.decode(UUID.self, forKey: .plan), on: on)
        case .closed: self = .closed(on: on)
        }
    }

    /// The fact of a step already decoded in full (tests, and callers holding `RecordedStep`s).
    public init(_ step: EpisodeStep) {
        switch step {
        case .assessmentStarted(let on): self = .assessmentStarted(on: on)
        case .assessmentCompleted(let id, let on, let factors, _, _, _, _, _):
            self = .assessmentCompleted(assessment: id, on: on, factors: factors)
        case .strategyDiscussion(let on, _, _, _, _, _): self = .strategyDiscussion(on: on)
        case .section47Started(let on, let strategy): self = .section47Started(on: on, strategyDiscussion: strategy)
        case .section47Completed(let id, let on, _, let needed, _):
            self = .section47Completed(enquiry: id, on: on, conferenceNeeded: needed)
        case .conference(let initial, let on, _, _, _, _, _, let decision, let category, _):
            self = .conference(initial: initial, on: on, decision: decision, category: category)
        case .planStarted(let kind, let on, let category, _):
            self = .planStarted(kind: kind, on: on, category: category)
        case .planEnded(let plan, let on, _): self = .planEnded(plan: plan, on: on)
        case .closed(let on, _): self = .closed(on: on)
        case .coreGroupMeeting, .visit: self = .other
        }
    }

    /// The date the step happened (nil for the steps the census does not read).
    public var date: LocalDate? {
        switch self {
        case .assessmentStarted(let on), .assessmentCompleted(_, let on, _), .strategyDiscussion(let on),
            .section47Started(let on, _), .section47Completed(_, let on, _), .conference(_, let on, _, _),
            .planStarted(_, let on, _), .planEnded(_, let on), .closed(let on):
            on
        case .other: nil
        }
    }
}
