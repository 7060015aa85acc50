import Foundation

/// A participant in a strategy discussion or conference, with their agency.
public struct Participant: Hashable, Codable, Sendable {
    public var name: String
    public var agency: String
    public var agencyKind: Agency.Kind

    public init(name: String, agency: String, agencyKind: Agency.Kind) {
        self.name = name
        self.agency = agency
        self.agencyKind = agencyKind
    }
}

/// What a strategy discussion decided.
public enum StrategyDecision: String, CaseIterable, Codable, Sendable {
    case singleAgencyS47 = "s47_single", jointS47 = "s47_joint", noS47 = "no_s47"

    public var startsSection47: Bool { self != .noS47 }

    public var label: String {
        switch self {
        case .singleAgencyS47: "Section 47 enquiry, single agency"
        case .jointS47: "Section 47 enquiry, joint with police"
        case .noS47: "No section 47 enquiry"
        }
    }
}

/// What a conference decided.
public enum ConferenceDecision: String, CaseIterable, Codable, Sendable {
    case plan, noPlan = "no_plan", continuePlan = "continue_plan", endPlan = "end_plan"

    public var label: String {
        switch self {
        case .plan: "Child protection plan"
        case .noPlan: "No plan"
        case .continuePlan: "Plan continues"
        case .endPlan: "Plan ends"
        }
    }
}

/// The kinds of plan a child may be on.
public enum PlanKind: String, CaseIterable, Codable, Sendable {
    case childProtection = "cp", childInNeed = "cin"

    public var label: String { self == .childProtection ? "Child protection plan" : "Child in need plan" }
}

/// One statutory step recorded on an episode of need: the fact that it happened, once.
public enum EpisodeStep: Hashable, Codable, Sendable {
    case assessmentStarted(on: LocalDate)
    case assessmentCompleted(
        assessment: UUID, on: LocalDate, factors: [String], childSeen: Bool,
        developmentalNeeds: String, parentingCapacity: String, familyAndEnvironment: String, outcome: String)
    case strategyDiscussion(
        on: LocalDate, participants: [Participant], absentAgencyReason: String?, informationShared: String,
        decision: StrategyDecision, safetyActions: String)
    case section47Started(on: LocalDate, strategyDiscussion: UUID)
    case section47Completed(
        enquiry: UUID, on: LocalDate, substantiated: Bool, conferenceNeeded: Bool, reasonNoConference: String?)
    case conference(
        initial: Bool, on: LocalDate, chair: String, attendees: [Participant], apologies: [String],
        childViews: String, howViewsObtained: String, decision: ConferenceDecision, category: AbuseCategory?,
        nextReview: LocalDate?)
    case planStarted(kind: PlanKind, on: LocalDate, category: AbuseCategory?, visitIntervalWorkingDays: Int)
    case planEnded(plan: UUID, on: LocalDate, reason: String)
    case coreGroupMeeting(plan: UUID, on: LocalDate, attendees: [Participant], notes: String)
    case visit(
        on: LocalDate, visitor: String, childSeen: Bool, seenAlone: Bool, location: String, observations: String,
        childsWords: String)
    case closed(on: LocalDate, reason: ClosureReason)

    /// The step's name as stored and shown.
    public var kind: String {
        switch self {
        case .assessmentStarted: "assessment_started"
        case .assessmentCompleted: "assessment_completed"
        case .strategyDiscussion: "strategy_discussion"
        case .section47Started: "s47_started"
        case .section47Completed: "s47_completed"
        case .conference(let initial, _, _, _, _, _, _, _, _, _): initial ? "initial_conference" : "review_conference"
        case .planStarted: "plan_started"
        case .planEnded: "plan_ended"
        case .coreGroupMeeting: "core_group"
        case .visit: "visit"
        case .closed: "closed"
        }
    }

    /// The date the step happened.
    public var date: LocalDate {
        switch self {
        case .assessmentStarted(let d), .section47Started(let d, _), .planStarted(_, let d, _, _), .closed(let d, _): d
        case .assessmentCompleted(_, let d, _, _, _, _, _, _), .strategyDiscussion(let d, _, _, _, _, _),
            .section47Completed(_, let d, _, _, _), .planEnded(_, let d, _), .coreGroupMeeting(_, let d, _, _),
            .visit(let d, _, _, _, _, _, _):
            d
        case .conference(_, let d, _, _, _, _, _, _, _, _): d
        }
    }

    /// Steps a manager must authorise before they take effect on the record's status.
    public var needsManagerAuthorisation: Bool {
        switch self {
        case .assessmentCompleted, .planStarted, .closed: true
        default: false
        }
    }
}

/// A step as recorded: its id, the episode, who recorded it and when, and its authorisation.
public struct RecordedStep: Hashable, Sendable, Identifiable {
    public let id: UUID
    public let episodeId: UUID
    public let step: EpisodeStep
    public let recordedAt: Date
    public let recordedBy: String
    public var authorisedBy: String?
    public var authorisedAt: Date?
    public var managerComment: String?

    public init(
        id: UUID, episodeId: UUID, step: EpisodeStep, recordedAt: Date, recordedBy: String,
        authorisedBy: String? = nil, authorisedAt: Date? = nil, managerComment: String? = nil
    ) {
        self.id = id
        self.episodeId = episodeId
        self.step = step
        self.recordedAt = recordedAt
        self.recordedBy = recordedBy
        self.authorisedBy = authorisedBy
        self.authorisedAt = authorisedAt
        self.managerComment = managerComment
    }

    public var isAuthorised: Bool { authorisedAt != nil }
}
