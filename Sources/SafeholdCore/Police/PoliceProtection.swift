import Foundation

/// How police protection ended (Children Act 1989 s46).
public enum PoliceProtectionOutcome: String, CaseIterable, Codable, Sendable {
    case returnedHome = "returned_home"
    case releasedToLocalAuthority = "released_to_la"
    case emergencyProtectionOrder = "epo_applied"

    public var label: String {
        switch self {
        case .returnedHome: "Returned home"
        case .releasedToLocalAuthority: "Released to the local authority's care"
        case .emergencyProtectionOrder: "Emergency protection order applied for"
        }
    }
}

/// Where the 72-hour clock stands.
public enum ProtectionClock: Hashable, Sendable {
    /// Running, with the hours since removal.
    case running(hours: Int)
    /// 48 hours or more have passed: the end must be arranged now.
    case dueSoon(hours: Int)
    /// More than 72 hours: the child is held without lawful power.
    case overdue(hours: Int)
    case ended

    public var label: String {
        switch self {
        case .running(let h): "\(h) of 72 hours"
        case .dueSoon(let h): "Due soon: \(h) of 72 hours"
        case .overdue(let h): "Overdue: \(h) hours, more than the 72 the law allows"
        case .ended: "Ended"
        }
    }

    public var code: String {
        switch self {
        case .running: "running"
        case .dueSoon: "due_soon"
        case .overdue: "overdue"
        case .ended: "ended"
        }
    }
}

/// A child taken into police protection: when, from where, to where, who was told, and how it ended.
public struct PoliceProtection: Identifiable, Hashable, Sendable {
    public let id: UUID
    public var childId: UUID
    public var agencyId: UUID
    public var teamId: UUID
    public var investigationId: UUID?
    public var details: PoliceProtectionDraft
    public var ending: PoliceProtectionEnding?
    /// The contact raised to children's services when no episode was open, if any.
    public var contactId: UUID?
    public var version: Int

    public init(
        id: UUID, childId: UUID, agencyId: UUID, teamId: UUID, investigationId: UUID?,
        details: PoliceProtectionDraft, ending: PoliceProtectionEnding?, contactId: UUID?, version: Int
    ) {
        self.id = id
        self.childId = childId
        self.agencyId = agencyId
        self.teamId = teamId
        self.investigationId = investigationId
        self.details = details
        self.ending = ending
        self.contactId = contactId
        self.version = version
    }

    /// The longest police protection may last, counted in hours from removal (s46(6)).
    public static let limit: TimeInterval = 72 * 3600
    /// From here the clock shows due soon.
    public static let dueSoonAfter: TimeInterval = 48 * 3600

    /// The moment the 72 hours run out.
    public var expiresAt: Date { details.removedAt.addingTimeInterval(Self.limit) }

    /// Police protection starts the social care pipeline: from the moment of removal a strategy
    /// discussion is due, by the front door's own decision timescale (the next working day) counted
    /// from the UK date of the removal, until one is recorded for the child.
    public func strategyDiscussionDue(ruleset: Ruleset, today: LocalDate) -> DueItem {
        let due = ruleset.due(ruleset.contactDecision, from: ruleset.date(of: details.removedAt))
        return DueItem(
            what: Self.strategyDiscussionDue, dueOn: due,
            status: Timeliness.status(of: due, today: today, calendar: ruleset.calendar))
    }

    /// What the due item is called on the child's page.
    public static let strategyDiscussionDue = "Strategy discussion (police protection)"

    /// The clock at `now`: hours are whole hours since removal, rounded down.
    public func clock(at now: Date) -> ProtectionClock {
        guard ending == nil else { return .ended }
        let elapsed = max(0, now.timeIntervalSince(details.removedAt))
        let hours = Int(min(elapsed / 3600, 1_000_000))
        if elapsed > Self.limit { return .overdue(hours: hours) }
        if elapsed >= Self.dueSoonAfter { return .dueSoon(hours: hours) }
        return .running(hours: hours)
    }
}

/// The record of a removal into police protection, as first written.
public struct PoliceProtectionDraft: Hashable, Sendable {
    public var removedAt: Date
    public var removedFrom: String
    public var placeOfSafety: String
    public var reason: String
    public var designatedOfficerId: UUID
    public var localAuthorityToldAt: Date?
    public var parentsToldAt: Date?
    public var childToldAt: Date?
    /// How the child was told, in words they understand.
    public var childToldHow: String?

    public init(
        removedAt: Date, removedFrom: String, placeOfSafety: String, reason: String, designatedOfficerId: UUID,
        localAuthorityToldAt: Date? = nil, parentsToldAt: Date? = nil, childToldAt: Date? = nil,
        childToldHow: String? = nil
    ) {
        self.removedAt = removedAt
        self.removedFrom = removedFrom
        self.placeOfSafety = placeOfSafety
        self.reason = reason
        self.designatedOfficerId = designatedOfficerId
        self.localAuthorityToldAt = localAuthorityToldAt
        self.parentsToldAt = parentsToldAt
        self.childToldAt = childToldAt
        self.childToldHow = childToldHow
    }

    /// Refuses a removal in the future, a notification before the removal or in the future, or a
    /// child told with no words of how.
    public func validated(now: Date) throws(SafeholdError) -> PoliceProtectionDraft {
        var v = Validation()
        let removedOK = v.instant("removedAt", removedAt, notAfter: now.addingTimeInterval(300))
        v.text("removedFrom", removedFrom, required: true, max: 200)
        v.text("placeOfSafety", placeOfSafety, required: true, max: 200)
        v.text("reason", reason, required: true, max: 4000, multiline: true)
        for (field, told) in [
            ("localAuthorityToldAt", localAuthorityToldAt), ("parentsToldAt", parentsToldAt),
            ("childToldAt", childToldAt),
        ] {
            guard let told, v.instant(field, told, notAfter: now.addingTimeInterval(300)) else { continue }
            if removedOK && told < removedAt { v.add(field, "cannot be before the child was removed") }
        }
        v.text("childToldHow", childToldHow, required: childToldAt != nil, max: 2000, multiline: true)
        try v.check()
        return self
    }
}

/// How and when police protection ended.
public struct PoliceProtectionEnding: Hashable, Sendable {
    public var endedAt: Date
    public var outcome: PoliceProtectionOutcome
    public var court: String?
    public var applicationDate: LocalDate?

    public init(
        endedAt: Date, outcome: PoliceProtectionOutcome, court: String? = nil, applicationDate: LocalDate? = nil
    ) {
        self.endedAt = endedAt
        self.outcome = outcome
        self.court = court
        self.applicationDate = applicationDate
    }

    /// Refuses an end before the removal, in the future, or more than 72 hours after the removal:
    /// police protection cannot be extended, and an order must have been sought by then.
    public func validated(
        removedAt: Date, now: Date, ruleset: Ruleset = .england2025
    ) throws(SafeholdError) -> PoliceProtectionEnding {
        var v = Validation()
        if v.instant("endedAt", endedAt, notAfter: now.addingTimeInterval(300)) {
            if endedAt < removedAt {
                v.add("endedAt", "cannot be before the child was removed")
            } else if endedAt.timeIntervalSince(removedAt) > PoliceProtection.limit {
                v.add(
                    "endedAt",
                    "is more than 72 hours after the removal: police protection cannot last longer "
                        + "(Children Act 1989 s46(6)); an emergency protection order had to be sought within 72 hours")
            }
        }
        let isOrder = outcome == .emergencyProtectionOrder
        v.text("court", court, required: isOrder, max: 200)
        if isOrder {
            v.date(
                "applicationDate", applicationDate, required: true, notAfter: ruleset.date(of: now),
                notBefore: ruleset.date(of: removedAt), beforeMessage: "cannot be before the child was removed")
        } else if court != nil || applicationDate != nil {
            v.add(
                "court",
                "a court and application date are given only when an emergency protection order was applied for")
        }
        try v.check()
        return self
    }
}
