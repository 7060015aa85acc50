import Foundation

/// The kinds of distressing work after which a worker may record a welfare check-in (a code list).
public enum DistressingEvent: String, CaseIterable, Codable, Sendable {
    case indecentImages = "indecent_images", childDeath = "child_death", violentIncident = "violent_incident"
    case other

    public var label: String {
        switch self {
        case .indecentImages: "Viewing indecent images of children"
        case .childDeath: "The death or serious injury of a child"
        case .violentIncident: "A violent or threatening incident"
        case .other: "Other distressing work"
        }
    }
}

/// The support a worker may ask for after distressing work, each with the offer the page shows.
public enum WelfareSupport: String, CaseIterable, Codable, Sendable {
    case occupationalHealth = "occupational_health", counselling, debrief, none

    public var label: String {
        switch self {
        case .occupationalHealth: "Occupational health"
        case .counselling: "Counselling"
        case .debrief: "A debrief"
        case .none: "None for now"
        }
    }

    /// What is offered, in words for the worker (the service's own arrangements, as data).
    public var offer: String {
        switch self {
        case .occupationalHealth:
            "You can refer yourself to occupational health in confidence; nobody is told unless you choose."
        case .counselling:
            "The employee assistance programme offers up to six confidential counselling sessions, any time of day."
        case .debrief:
            "A trauma-informed debrief can be arranged with a practitioner outside your team."
        case .none:
            "Support stays available: you can record another check-in or ask for support at any time."
        }
    }
}

/// A worker's private check-in after distressing work, as they record it.
public struct WelfareCheckInDraft: Hashable, Codable, Sendable {
    public var occurredOn: LocalDate
    public var event: String
    public var howIAm: String
    public var support: String
    public var shareWithSupervisor: Bool

    public init(occurredOn: LocalDate, event: String, howIAm: String, support: String, shareWithSupervisor: Bool) {
        self.occurredOn = occurredOn
        self.event = event
        self.howIAm = howIAm
        self.support = support
        self.shareWithSupervisor = shareWithSupervisor
    }

    /// Checks the draft: a date not in the future, known codes, text within limits without control or
    /// bidirectional characters. Returns the event and support codes.
    public func validate(today: LocalDate) throws(SafeholdError) -> (DistressingEvent, WelfareSupport) {
        var v = Validation()
        v.date("occurredOn", occurredOn, required: true, notAfter: today)
        let kind = DistressingEvent(rawValue: event)
        if kind == nil {
            v.add("event", "must be one of \(DistressingEvent.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        let wanted = WelfareSupport(rawValue: support)
        if wanted == nil {
            v.add("support", "must be one of \(WelfareSupport.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        v.text("howIAm", howIAm, max: 4000, multiline: true)
        try v.check()
        return (kind!, wanted!)
    }
}

/// A welfare check-in as its own worker reads it; nobody else ever reads this value.
public struct WelfareCheckIn: Identifiable, Hashable, Sendable {
    public let id: UUID
    public let occurredOn: LocalDate
    public let event: DistressingEvent
    public let howIAm: String
    public let support: WelfareSupport
    public let shareWithSupervisor: Bool

    public init(
        id: UUID, occurredOn: LocalDate, event: DistressingEvent, howIAm: String, support: WelfareSupport,
        shareWithSupervisor: Bool
    ) {
        self.id = id
        self.occurredOn = occurredOn
        self.event = event
        self.howIAm = howIAm
        self.support = support
        self.shareWithSupervisor = shareWithSupervisor
    }
}

/// What a supervisor sees of a check-in the worker chose to share: that it happened, and when.
public struct SharedCheckIn: Hashable, Sendable {
    public let workerId: UUID
    public let workerName: String
    public let occurredOn: LocalDate

    public init(workerId: UUID, workerName: String, occurredOn: LocalDate) {
        self.workerId = workerId
        self.workerName = workerName
        self.occurredOn = occurredOn
    }
}

/// How many check-ins a team's workers recorded in a month (`YYYY-MM`): all a manager ever sees.
public struct WelfareCount: Hashable, Sendable {
    public let teamId: UUID
    public let teamName: String
    public let month: String
    public let count: Int

    public init(teamId: UUID, teamName: String, month: String, count: Int) {
        self.teamId = teamId
        self.teamName = teamName
        self.month = month
        self.count = count
    }
}
