import Foundation

/// A manager's decision to give a child to a worker (or to pass the case to another team), with the
/// reason kept in the allocation history. `expected` is the current allocation the manager saw: a
/// reallocation naming one that has since ended is refused as stale (409).
public struct AllocationDraft: Hashable, Sendable {
    public var workerId: UUID?
    public var teamId: UUID?
    public var reason: String
    public var expected: UUID?

    public init(workerId: UUID?, teamId: UUID? = nil, reason: String, expected: UUID?) {
        self.workerId = workerId
        self.teamId = teamId
        self.reason = reason
        self.expected = expected
    }

    /// The draft with its reason trimmed, or the field errors: a reason (1-500 characters, no control
    /// or bidirectional characters), the allocation being replaced, and a worker or a team to give it to.
    /// `unread` are problems found while reading the request (an id that is not one), reported with these.
    public func validated(unread: [FieldError] = []) throws -> AllocationDraft {
        var v = Validation()
        v.merge(unread)
        let named = Set(unread.map(\.field))
        v.text("reason", reason, required: true, max: 500, multiline: true)
        if expected == nil && !named.contains("version") {
            v.add("version", "is required: reload the page and try again")
        }
        if workerId == nil && teamId == nil && !named.contains("workerId") && !named.contains("teamId") {
            v.add("workerId", "choose the worker to allocate the child to")
        }
        try v.check()
        var clean = self
        clean.reason = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        return clean
    }
}

/// One line of a child's allocation history: who held the child, from when to when, and why.
public struct AllocationEntry: Hashable, Sendable, Identifiable {
    public let id: UUID
    public let teamId: UUID?
    public let teamName: String?
    public let workerId: UUID?
    public let workerName: String?
    public let startedAt: Date
    public let endedAt: Date?
    public let reason: String?
    public let allocatedByName: String?
    public let endedByName: String?
    public let endReason: String?

    public init(
        id: UUID, teamId: UUID?, teamName: String?, workerId: UUID?, workerName: String?, startedAt: Date,
        endedAt: Date?, reason: String?, allocatedByName: String?, endedByName: String?, endReason: String?
    ) {
        self.id = id
        self.teamId = teamId
        self.teamName = teamName
        self.workerId = workerId
        self.workerName = workerName
        self.startedAt = startedAt
        self.endedAt = endedAt
        self.reason = reason
        self.allocatedByName = allocatedByName
        self.endedByName = endedByName
        self.endReason = endReason
    }

    public var isCurrent: Bool { endedAt == nil }
}

/// How long an explicit access grant may run, as data a service can change.
public struct AccessGrantRules: Hashable, Sendable {
    /// The longest a grant may last from the day it is made, in days.
    public let maximumDays: Int

    public init(maximumDays: Int) { self.maximumDays = maximumDays }

    /// Ninety days: long enough for a piece of work, short enough to be looked at again.
    public static let england = AccessGrantRules(maximumDays: 90)
}

/// A request (or a manager's decision) to let one named user open a child's record until a date.
public struct AccessGrantDraft: Hashable, Sendable {
    public var userId: UUID?
    public var canEdit: Bool
    public var reason: String
    public var expiresOn: String

    public init(userId: UUID?, canEdit: Bool, reason: String, expiresOn: String) {
        self.userId = userId
        self.canEdit = canEdit
        self.reason = reason
        self.expiresOn = expiresOn
    }

    /// The last day the grant works, or the field errors: a user, a reason, and an expiry after today
    /// and no more than `rules.maximumDays` away.
    public func validated(
        today: LocalDate, rules: AccessGrantRules, unread: [FieldError] = []
    ) throws -> (AccessGrantDraft, LocalDate) {
        var v = Validation()
        v.merge(unread)
        if userId == nil && !unread.contains(where: { $0.field == "userId" }) {
            v.add("userId", "choose the user to grant access to")
        }
        v.text("reason", reason, required: true, max: 500, multiline: true)
        let latest = today.adding(days: rules.maximumDays)
        let expiry = v.isoDate(
            "expiresOn", expiresOn, notBefore: today.adding(days: 1),
            beforeMessage: "must be in the future: a grant ends on a day after today")
        if let expiry, expiry > latest {
            v.add("expiresOn", "must be no more than \(rules.maximumDays) days away (\(latest) at the latest)")
        }
        try v.check()
        var clean = self
        clean.reason = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        return (clean, expiry!)
    }
}

/// An explicit grant of access to one child's record, as its history shows it.
public struct AccessGrant: Hashable, Sendable, Identifiable {
    public enum Status: String, Sendable {
        case requested, active, expired, revoked
    }

    public let id: UUID
    public let personId: UUID
    public let userId: UUID
    public let userName: String
    public let canEdit: Bool
    public let reason: String
    public let requestedByName: String?
    public let grantedByName: String?
    public let grantedAt: Date
    public let expiresAt: Date?
    public let revokedAt: Date?
    public let status: Status

    public init(
        id: UUID, personId: UUID, userId: UUID, userName: String, canEdit: Bool, reason: String,
        requestedByName: String?, grantedByName: String?, grantedAt: Date, expiresAt: Date?, revokedAt: Date?,
        status: Status
    ) {
        self.id = id
        self.personId = personId
        self.userId = userId
        self.userName = userName
        self.canEdit = canEdit
        self.reason = reason
        self.requestedByName = requestedByName
        self.grantedByName = grantedByName
        self.grantedAt = grantedAt
        self.expiresAt = expiresAt
        self.revokedAt = revokedAt
        self.status = status
    }
}
