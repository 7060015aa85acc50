import Foundation

/// A meeting about a child that partner agencies are invited to: a child protection conference
/// (initial or review) or a core group meeting, on one day, on one episode of need.
public enum MeetingKind: String, CaseIterable, Codable, Sendable {
    case initialConference = "initial_conference"
    case reviewConference = "review_conference"
    case coreGroup = "core_group"

    public var label: String {
        switch self {
        case .initialConference: "Initial child protection conference"
        case .reviewConference: "Review child protection conference"
        case .coreGroup: "Core group meeting"
        }
    }
}

/// Whether an invited professional came, recorded after the meeting (report-only is an agency that
/// sent a report but nobody to the meeting).
public enum Attendance: String, CaseIterable, Codable, Sendable {
    case attended
    case apologies
    case didNotAttend = "did_not_attend"
    case reportOnly = "report_only"

    public var label: String {
        switch self {
        case .attended: "Attended"
        case .apologies: "Sent apologies"
        case .didNotAttend: "Did not attend"
        case .reportOnly: "Sent a report only"
        }
    }
}

/// Who is invited: a Safehold user of a partner agency, or a named professional who has no account.
public enum Invitee: Hashable, Sendable {
    case user(UUID)
    case named(name: String, agency: String, agencyKind: Agency.Kind)
}

/// An invitation as a worker asks for it: the meeting (kind and day) and the invitee. Built from
/// what was typed, so a missing or wrong field is named.
public struct InvitationRequest: Hashable, Sendable {
    public let kind: MeetingKind
    public let meetsOn: LocalDate
    public let invitee: Invitee

    /// Checks a request: a known kind, a real date, and either a user id or a name with an agency
    /// (never both).
    public static func validated(
        kind: String?, meetsOn: String?, inviteeUserId: String?, name: String?, agency: String?,
        agencyKind: String?
    ) throws(SafeholdError) -> InvitationRequest {
        var v = Validation()
        let meetingKind = kind.flatMap(MeetingKind.init(rawValue:))
        if kind?.isEmpty ?? true {
            v.add("meetingKind", "is required")
        } else if meetingKind == nil {
            v.add("meetingKind", "must be one of \(MeetingKind.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        let day = v.isoDate("meetsOn", meetsOn)
        let userText = inviteeUserId?.trimmingCharacters(in: .whitespaces) ?? ""
        let typedName = !(name?.trimmingCharacters(in: .whitespaces).isEmpty ?? true)
        var invitee: Invitee?
        if !userText.isEmpty {
            if typedName {
                v.add("name", "leave empty when you choose a Safehold user")
            } else if let id = UUID(uuidString: userText) {
                invitee = .user(id)
            } else {
                v.add("inviteeUserId", "is not a Safehold user")
            }
        } else if !typedName {
            v.add("inviteeUserId", "choose a Safehold user, or give the professional's name and agency")
        } else {
            v.text("name", name, required: true, max: 200)
            v.text("agency", agency, required: true, max: 200)
            let kindOfAgency = agencyKind.flatMap(Agency.Kind.init(rawValue:))
            if kindOfAgency == nil { v.add("agencyKind", "choose the kind of agency") }
            if let name, let agency, let kindOfAgency {
                invitee = .named(name: name, agency: agency, agencyKind: kindOfAgency)
            }
        }
        try v.check()
        return InvitationRequest(kind: meetingKind!, meetsOn: day!, invitee: invitee!)
    }

    public init(kind: MeetingKind, meetsOn: LocalDate, invitee: Invitee) {
        self.kind = kind
        self.meetsOn = meetsOn
        self.invitee = invitee
    }
}

/// One invitation to a meeting, with the invitee's attendance once recorded.
public struct Invitation: Hashable, Sendable, Identifiable {
    public let id: UUID
    public let meetingId: UUID
    /// The invited user, when they have a Safehold account.
    public let inviteeUserId: UUID?
    public let inviteeName: String
    public let agencyName: String
    public let agencyKind: Agency.Kind
    public let invitedBy: String
    public let invitedAt: Date
    public let attendance: Attendance?

    public init(
        id: UUID, meetingId: UUID, inviteeUserId: UUID?, inviteeName: String, agencyName: String,
        agencyKind: Agency.Kind, invitedBy: String, invitedAt: Date, attendance: Attendance?
    ) {
        self.id = id
        self.meetingId = meetingId
        self.inviteeUserId = inviteeUserId
        self.inviteeName = inviteeName
        self.agencyName = agencyName
        self.agencyKind = agencyKind
        self.invitedBy = invitedBy
        self.invitedAt = invitedAt
        self.attendance = attendance
    }
}
