import Foundation

/// Where a police investigation stands (DOMAIN.md section 4). The history of statuses is kept; a
/// decision not to prosecute never closes the child protection case, which has its own episode.
public enum InvestigationStatus: String, CaseIterable, Codable, Sendable {
    case reported
    case underInvestigation = "under_investigation"
    case suspectInterviewed = "suspect_interviewed"
    case fileToCPS = "file_to_cps"
    case charged
    case noFurtherAction = "no_further_action"
    case courtOutcome = "court_outcome"

    public var label: String {
        switch self {
        case .reported: "Reported"
        case .underInvestigation: "Under investigation"
        case .suspectInterviewed: "Suspect interviewed"
        case .fileToCPS: "File to CPS"
        case .charged: "Charged"
        case .noFurtherAction: "No further action"
        case .courtOutcome: "Court outcome"
        }
    }

    /// Whether the investigation is finished (no further action, or the court has decided).
    public var isFinal: Bool { self == .noFurtherAction || self == .courtOutcome }

    /// The statuses an investigation may move to from this one.
    public var next: [InvestigationStatus] {
        switch self {
        case .reported: [.underInvestigation, .noFurtherAction]
        case .underInvestigation: [.suspectInterviewed, .fileToCPS, .noFurtherAction]
        case .suspectInterviewed: [.underInvestigation, .fileToCPS, .noFurtherAction]
        case .fileToCPS: [.charged, .noFurtherAction, .underInvestigation]
        case .charged: [.courtOutcome]
        case .noFurtherAction, .courtOutcome: []
        }
    }

    /// Refuses a move this status does not allow: a conflict naming both statuses in a worker's words.
    /// Every change of status (a move by hand, a charging decision) goes through it.
    public func checkMove(to status: InvestigationStatus) throws(SafeholdError) {
        guard next.contains(status) else {
            let allowed = next.map(\.label).joined(separator: ", ").lowercased()
            let onward = allowed.isEmpty ? " (it is finished)" : "; it can move to \(allowed)"
            throw .conflict(
                "The investigation is \(label.lowercased()): it cannot move to \(status.label.lowercased())\(onward).")
        }
    }

    /// Whether moving to `status` needs a reason written down (no further action, a court outcome).
    public var needsReason: Bool { self == .noFurtherAction || self == .courtOutcome }
}

/// How a person is part of an investigation.
public enum InvestigationRole: String, CaseIterable, Codable, Sendable {
    case victim, witness
    case victimAndWitness = "victim_witness"
    case suspect

    public var label: String {
        switch self {
        case .victim: "Victim"
        case .witness: "Witness"
        case .victimAndWitness: "Victim and witness"
        case .suspect: "Suspect"
        }
    }

    /// Victims and witnesses are the children the investigation concerns.
    public var isChild: Bool { self != .suspect }
}

/// A person on an investigation: a child (victim, witness or both) or a suspect with their role to
/// the child ("mother's partner", "swimming coach").
public struct InvestigationPerson: Hashable, Codable, Sendable {
    public var personId: UUID
    public var role: InvestigationRole
    public var relationshipToChild: String?

    public init(personId: UUID, role: InvestigationRole, relationshipToChild: String? = nil) {
        self.personId = personId
        self.role = role
        self.relationshipToChild = relationshipToChild
    }
}

/// A police investigation as recorded by the investigating team.
public struct Investigation: Identifiable, Hashable, Sendable {
    public let id: UUID
    public var agencyId: UUID
    public var teamId: UUID
    public var crimeReference: String?
    public var incidentReference: String?
    public var offences: [String]
    /// Nil while an investigation opened by a strategy discussion awaits the police team's allocation.
    public var officerId: UUID?
    public var supervisorId: UUID?
    public var status: InvestigationStatus
    public var people: [InvestigationPerson]
    /// The episode whose strategy discussion decided a joint enquiry, when it is joint.
    public var episodeId: UUID?
    public var strategyDiscussionId: UUID?
    /// Whether the joint section 47 enquiry is still open (its outcome not yet recorded).
    public var jointEnquiryOpen: Bool
    public var operationId: UUID?
    /// What social care may read: the allegation in outline.
    public var summary: String
    /// Police-only intelligence: never leaves the police side unless a police user shares it.
    public var intelligence: String?
    public var openedAt: Date
    public var version: Int

    public init(
        id: UUID, agencyId: UUID, teamId: UUID, crimeReference: String?, incidentReference: String?,
        offences: [String], officerId: UUID?, supervisorId: UUID?, status: InvestigationStatus,
        people: [InvestigationPerson], episodeId: UUID?, strategyDiscussionId: UUID?, jointEnquiryOpen: Bool,
        operationId: UUID?, summary: String, intelligence: String?, openedAt: Date, version: Int
    ) {
        self.id = id
        self.agencyId = agencyId
        self.teamId = teamId
        self.crimeReference = crimeReference
        self.incidentReference = incidentReference
        self.offences = offences
        self.officerId = officerId
        self.supervisorId = supervisorId
        self.status = status
        self.people = people
        self.episodeId = episodeId
        self.strategyDiscussionId = strategyDiscussionId
        self.jointEnquiryOpen = jointEnquiryOpen
        self.operationId = operationId
        self.summary = summary
        self.intelligence = intelligence
        self.openedAt = openedAt
        self.version = version
    }

    /// The children (victims and witnesses) the investigation concerns.
    public var childIds: [UUID] { people.filter { $0.role.isChild }.map(\.personId) }
    public var suspectIds: [UUID] { people.filter { $0.role == .suspect }.map(\.personId) }
    public var isJoint: Bool { episodeId != nil }
}

/// One change of an investigation's status, as kept in its history.
public struct InvestigationStatusChange: Hashable, Sendable {
    public let status: InvestigationStatus
    public let reason: String?
    public let changedAt: Date
    public let changedBy: String

    public init(status: InvestigationStatus, reason: String?, changedAt: Date, changedBy: String) {
        self.status = status
        self.reason = reason
        self.changedAt = changedAt
        self.changedBy = changedBy
    }
}
