import Foundation

/// Where an episode of need stands, derived from its recorded steps by a pure fold. Nothing here
/// is stored as truth; it is rebuilt from the facts every time.
public struct EpisodeState: Hashable, Sendable {
    public struct Assessment: Hashable, Sendable {
        public let id: UUID; public let startedOn: LocalDate
        public var completedOn: LocalDate?; public var authorised: Bool
    }
    public struct Enquiry: Hashable, Sendable {
        public let id: UUID; public let startedOn: LocalDate; public let strategyOn: LocalDate
        public var completedOn: LocalDate?; public var conferenceNeeded: Bool?
    }
    public struct Plan: Hashable, Sendable {
        public let id: UUID; public let kind: PlanKind; public let startedOn: LocalDate; public var authorised: Bool
        public var initialCategory: AbuseCategory?; public var latestCategory: AbuseCategory?
        public var visitIntervalWorkingDays: Int; public var lastVisit: LocalDate?;
        public var coreGroups: [LocalDate] = []
        public var endedOn: LocalDate?
    }

    public struct Strategy: Hashable, Sendable {
        public let id: UUID; public let on: LocalDate; public let decision: StrategyDecision
    }
    public struct ConferenceOutcome: Hashable, Sendable {
        public let on: LocalDate; public let initial: Bool; public let decision: ConferenceDecision
    }
    public struct Closure: Hashable, Sendable {
        public let on: LocalDate; public let reason: ClosureReason; public let authorised: Bool
    }

    public let referralDate: LocalDate
    public private(set) var assessments: [Assessment] = []
    public private(set) var lastStrategy: Strategy?
    public private(set) var enquiries: [Enquiry] = []
    public private(set) var initialConference: LocalDate?
    public private(set) var lastConference: ConferenceOutcome?
    public private(set) var reviewConferences: [LocalDate] = []
    public private(set) var plans: [Plan] = []
    public private(set) var lastVisit: LocalDate?
    public private(set) var closed: Closure?
    /// A closure recorded but not yet authorised by a manager.
    public private(set) var pendingClosure: Closure?

    public init(referralDate: LocalDate) { self.referralDate = referralDate }

    /// Folds recorded steps (in the order recorded) into a state.
    public static func derive(referralDate: LocalDate, steps: [RecordedStep]) -> EpisodeState {
        var state = EpisodeState(referralDate: referralDate)
        for step in steps { state.apply(step) }
        return state
    }

    public var openAssessment: Assessment? { assessments.last { $0.completedOn == nil } }
    public var openEnquiry: Enquiry? { enquiries.last { $0.completedOn == nil } }
    public func openPlan(_ kind: PlanKind) -> Plan? { plans.last { $0.kind == kind && $0.endedOn == nil } }
    public var isClosed: Bool { closed != nil }
    /// Whether the episode is open with a plan running: services are referred to from it.
    public var hasOpenPlan: Bool { !isClosed && plans.contains { $0.endedOn == nil } }

    /// The enquiry awaiting an initial conference, if any.
    public var enquiryAwaitingConference: Enquiry? {
        guard let last = enquiries.last else { return nil }
        if let initial = initialConference, initial >= last.startedOn { return nil }
        return last.conferenceNeeded == false ? nil : last
    }

    mutating func apply(_ recorded: RecordedStep) {
        switch recorded.step {
        case .assessmentStarted(let on):
            assessments.append(Assessment(id: recorded.id, startedOn: on, completedOn: nil, authorised: false))
        case .assessmentCompleted(let id, let on, _, _, _, _, _, _):
            if let i = assessments.lastIndex(where: { $0.id == id }) {
                assessments[i].completedOn = on
                assessments[i].authorised = recorded.isAuthorised
            }
        case .strategyDiscussion(let on, _, _, _, let decision, _):
            lastStrategy = Strategy(id: recorded.id, on: on, decision: decision)
        case .section47Started(let on, let strategyId):
            let strategyOn = lastStrategy?.id == strategyId ? lastStrategy!.on : on
            enquiries.append(
                Enquiry(id: recorded.id, startedOn: on, strategyOn: strategyOn, completedOn: nil, conferenceNeeded: nil)
            )
        case .section47Completed(let id, let on, _, let needed, _):
            if let i = enquiries.lastIndex(where: { $0.id == id }) {
                enquiries[i].completedOn = on
                enquiries[i].conferenceNeeded = needed
            }
        case .conference(let initial, let on, _, _, _, _, _, let decision, let category, _):
            if initial { initialConference = on } else { reviewConferences.append(on) }
            lastConference = ConferenceOutcome(on: on, initial: initial, decision: decision)
            if let i = plans.lastIndex(where: { $0.kind == .childProtection && $0.endedOn == nil }) {
                if let category { plans[i].latestCategory = category }
                if decision == .endPlan { plans[i].endedOn = on }
            }
        case .planStarted(let kind, let on, let category, let interval):
            plans.append(
                Plan(
                    id: recorded.id, kind: kind, startedOn: on, authorised: recorded.isAuthorised,
                    initialCategory: category, latestCategory: category, visitIntervalWorkingDays: interval))
        case .planEnded(let id, let on, _):
            if let i = plans.lastIndex(where: { $0.id == id }) { plans[i].endedOn = on }
        case .coreGroupMeeting(let id, let on, _, _):
            if let i = plans.lastIndex(where: { $0.id == id }) { plans[i].coreGroups.append(on) }
        case .visit(let on, _, let seen, _, _, _, _):
            if seen {
                lastVisit = max(lastVisit ?? on, on)
                for i in plans.indices where plans[i].endedOn == nil {
                    plans[i].lastVisit = max(plans[i].lastVisit ?? on, on)
                }
            }
        case .closed(let on, let reason):
            let closure = Closure(on: on, reason: reason, authorised: recorded.isAuthorised)
            if recorded.isAuthorised { closed = closure; pendingClosure = nil } else { pendingClosure = closure }
        }
    }
}
