import Foundation

/// Someone at a MAPPA meeting: a name and the agency they came from, and the Safehold user when they
/// are one (a panel member, who reads the minutes).
public struct MappaAttendee: Hashable, Sendable {
    public let name: String
    public let agencyId: UUID
    public let agencyName: String
    public let userId: UUID?

    public init(name: String, agencyId: UUID, agencyName: String, userId: UUID?) {
        self.name = name
        self.agencyId = agencyId
        self.agencyName = agencyName
        self.userId = userId
    }
}

/// Where an action of the risk management plan stands.
public enum MappaActionStatus: String, CaseIterable, Codable, Sendable {
    case open
    case inProgress = "in_progress"
    case done
    case cancelled

    public var label: String {
        switch self {
        case .open: "Not started"
        case .inProgress: "In progress"
        case .done: "Done"
        case .cancelled: "Cancelled"
        }
    }

    /// Reads a status a form or a caller sent, naming `field` when it is not one.
    public static func checked(_ text: String?, field: String = "status") throws(SafeholdError) -> Self {
        var v = Validation()
        let status = RiskField.code(field, text, Self.self, "open, in_progress, done or cancelled", into: &v)
        try v.check()
        return status!
    }

    /// Whether the action is still to do (and so can be overdue).
    public var isOutstanding: Bool { self == .open || self == .inProgress }
}

/// An action of the risk management plan agreed at a meeting: what, who owns it (a name and agency,
/// optionally a Safehold user), by when, and where it stands.
public struct MappaAction: Identifiable, Hashable, Sendable {
    public let id: UUID
    public let meetingId: UUID
    public let profileId: UUID
    public let what: String
    public let ownerName: String
    public let ownerAgencyId: UUID
    public let ownerAgencyName: String
    public let ownerUserId: UUID?
    public let dueOn: LocalDate
    public let status: MappaActionStatus
    public let version: Int

    public init(
        id: UUID, meetingId: UUID, profileId: UUID, what: String, ownerName: String, ownerAgencyId: UUID,
        ownerAgencyName: String, ownerUserId: UUID?, dueOn: LocalDate, status: MappaActionStatus, version: Int
    ) {
        self.id = id
        self.meetingId = meetingId
        self.profileId = profileId
        self.what = what
        self.ownerName = ownerName
        self.ownerAgencyId = ownerAgencyId
        self.ownerAgencyName = ownerAgencyName
        self.ownerUserId = ownerUserId
        self.dueOn = dueOn
        self.status = status
        self.version = version
    }

    public func isOverdue(on today: LocalDate) -> Bool { status.isOutstanding && dueOn < today }
}

/// A disclosure from the information-sharing record made at (or for) a meeting: the facts the panel needs
/// (when, to which agency, under which lawful basis, by whom), never the child's record itself.
public struct MappaSharedInformation: Hashable, Sendable {
    public let disclosureId: UUID
    public let sharedOn: LocalDate
    public let recipientAgencyName: String
    public let lawfulBasis: String?
    public let recordedByName: String

    public init(
        disclosureId: UUID, sharedOn: LocalDate, recipientAgencyName: String, lawfulBasis: String?,
        recordedByName: String
    ) {
        self.disclosureId = disclosureId
        self.sharedOn = sharedOn
        self.recipientAgencyName = recipientAgencyName
        self.lawfulBasis = lawfulBasis
        self.recordedByName = recordedByName
    }
}

/// The MAPPA-restricted part of a meeting: the minutes, the risk management plan and its actions, and the
/// information shared. Only the panel's members, the agencies they named and the coordinator read it.
public struct MappaMinutes: Hashable, Sendable {
    public let minutes: String
    public let plan: String
    public let actions: [MappaAction]
    public let sharedInformation: [MappaSharedInformation]

    public init(minutes: String, plan: String, actions: [MappaAction], sharedInformation: [MappaSharedInformation]) {
        self.minutes = minutes
        self.plan = plan
        self.actions = actions
        self.sharedInformation = sharedInformation
    }
}

/// A MAPPA level 2 or 3 meeting (or a level 1 review) on a risk profile. `minutes` is nil for a reader
/// who may see the profile but is not on this meeting's panel.
public struct MappaMeeting: Identifiable, Hashable, Sendable {
    public let id: UUID
    public let profileId: UUID
    public let heldOn: LocalDate
    public let level: MappaLevel
    public let chairName: String
    public let chairUserId: UUID?
    public let attendees: [MappaAttendee]
    public let nextReviewOn: LocalDate?
    public let minutes: MappaMinutes?
    public let version: Int

    public init(
        id: UUID, profileId: UUID, heldOn: LocalDate, level: MappaLevel, chairName: String, chairUserId: UUID?,
        attendees: [MappaAttendee], nextReviewOn: LocalDate?, minutes: MappaMinutes?, version: Int
    ) {
        self.id = id
        self.profileId = profileId
        self.heldOn = heldOn
        self.level = level
        self.chairName = chairName
        self.chairUserId = chairUserId
        self.attendees = attendees
        self.nextReviewOn = nextReviewOn
        self.minutes = minutes
        self.version = version
    }

    /// The panel `RiskAccess` reads the minutes' access from.
    public var panel: MappaPanel {
        MappaPanel(
            memberUserIds: Set(attendees.compactMap(\.userId) + [chairUserId].compactMap { $0 }),
            agencyIds: Set(attendees.map(\.agencyId)))
    }
}
