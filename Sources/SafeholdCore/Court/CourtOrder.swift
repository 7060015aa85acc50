import Foundation

/// What the court decided on an application.
public enum CourtOrderOutcome: String, CaseIterable, Codable, Sendable {
    case granted, refused, withdrawn

    public var label: String {
        switch self {
        case .granted: "Granted"
        case .refused: "Refused"
        case .withdrawn: "Withdrawn"
        }
    }
}

/// Why an order in force came to an end before (or at) its expiry.
public enum CourtOrderEnding: String, CaseIterable, Codable, Sendable {
    case discharged
    case expired
    case replaced
    case proceedingsConcluded = "proceedings_concluded"
    case childReturnedHome = "child_returned_home"
    case other

    public var label: String {
        switch self {
        case .discharged: "Discharged by the court"
        case .expired: "Expired"
        case .replaced: "Replaced by another order"
        case .proceedingsConcluded: "The proceedings concluded"
        case .childReturnedHome: "The child returned home"
        case .other: "Other"
        }
    }
}

/// One extension of an order: when, to when, and why.
public struct CourtOrderExtension: Hashable, Codable, Sendable {
    public let extendedOn: LocalDate
    public let previousExpiry: LocalDate
    public let newExpiry: LocalDate
    public let reason: String
    public let byName: String

    public init(extendedOn: LocalDate, previousExpiry: LocalDate, newExpiry: LocalDate, reason: String, byName: String)
    {
        self.extendedOn = extendedOn
        self.previousExpiry = previousExpiry
        self.newExpiry = newExpiry
        self.reason = reason
        self.byName = byName
    }
}

/// Where an order stands on a given day.
public enum CourtOrderStatus: String, Codable, Sendable {
    case applied, refused, withdrawn
    case inForce = "in_force"
    case expired, ended

    public var label: String {
        switch self {
        case .applied: "Applied for"
        case .refused: "Refused"
        case .withdrawn: "Withdrawn"
        case .inForce: "In force"
        case .expired: "Expired"
        case .ended: "Ended"
        }
    }
}

/// A court order on a child's record: the application, the court's decision, the period it runs for,
/// its extensions and how it ended.
public struct CourtOrder: Identifiable, Hashable, Codable, Sendable {
    public let id: UUID
    public let childId: UUID
    public let kind: CourtOrderKind
    public let application: CourtOrderApplication
    public var outcome: CourtOrderOutcome?
    public var outcomeOn: LocalDate?
    public var startsOn: LocalDate?
    public var expiresOn: LocalDate?
    public var extensions: [CourtOrderExtension]
    public var endedOn: LocalDate?
    public var endReason: CourtOrderEnding?
    public var endNote: String?
    /// The police protection this application ended, when there was one.
    public var policeProtectionId: UUID?
    /// The care proceedings it was made in, when there are any.
    public var proceedingsId: UUID?
    public var version: Int

    public init(
        id: UUID, childId: UUID, kind: CourtOrderKind, application: CourtOrderApplication, outcome: CourtOrderOutcome?,
        outcomeOn: LocalDate?, startsOn: LocalDate?, expiresOn: LocalDate?, extensions: [CourtOrderExtension],
        endedOn: LocalDate?, endReason: CourtOrderEnding?, endNote: String?, policeProtectionId: UUID?,
        proceedingsId: UUID?, version: Int
    ) {
        self.id = id
        self.childId = childId
        self.kind = kind
        self.application = application
        self.outcome = outcome
        self.outcomeOn = outcomeOn
        self.startsOn = startsOn
        self.expiresOn = expiresOn
        self.extensions = extensions
        self.endedOn = endedOn
        self.endReason = endReason
        self.endNote = endNote
        self.policeProtectionId = policeProtectionId
        self.proceedingsId = proceedingsId
        self.version = version
    }

    /// The order's standing on `today`.
    public func status(today: LocalDate) -> CourtOrderStatus {
        switch outcome {
        case nil: return .applied
        case .refused: return .refused
        case .withdrawn: return .withdrawn
        case .granted:
            if endedOn != nil { return .ended }
            if let expiresOn, expiresOn < today { return .expired }
            return .inForce
        }
    }

    /// Days from `today` to the expiry (negative once expired); nil without an expiry.
    public func daysLeft(today: LocalDate) -> Int? {
        expiresOn.map { $0.daysSinceEpoch - today.daysSinceEpoch }
    }
}

/// The application for an order: when, to which court, by whom.
public struct CourtOrderApplication: Hashable, Codable, Sendable {
    public let appliedOn: LocalDate
    public let court: String
    public let applicant: String

    public init(appliedOn: LocalDate, court: String, applicant: String) {
        self.appliedOn = appliedOn
        self.court = court
        self.applicant = applicant
    }
}
