import Foundation

/// A concern reaching the service about one or more children, and the front door's decision on it.
public struct Contact: Identifiable, Hashable, Codable, Sendable {
    public let id: UUID
    public let receivedAt: Date
    public let source: ReferralSource
    /// Who raised it, unless anonymous.
    public let referrerName: String?
    public let referrerAgency: String?
    public let childIds: [UUID]
    public let concern: String
    public var triage: Triage?
    public var version: Int

    public init(id: UUID, receivedAt: Date, source: ReferralSource, referrerName: String?, referrerAgency: String?,
                childIds: [UUID], concern: String, triage: Triage?, version: Int) {
        self.id = id
        self.receivedAt = receivedAt
        self.source = source
        self.referrerName = referrerName
        self.referrerAgency = referrerAgency
        self.childIds = childIds
        self.concern = concern
        self.triage = triage
        self.version = version
    }

    public var receivedOn: LocalDate { LocalDate(receivedAt) }
    public var isAnonymous: Bool { source == .anonymous }

    /// The decision is due one working day after receipt.
    public func decisionDue(_ ruleset: Ruleset) -> LocalDate { ruleset.due(ruleset.contactDecision, from: receivedOn) }
}

/// The front door's decision: what happens, why, how urgent, and whether the referrer was told.
public struct Triage: Hashable, Codable, Sendable {
    public var decision: TriageDecision
    public var reason: String
    public var urgency: Urgency
    public var decidedAt: Date
    public var decidedBy: String
    public var referrerInformedOn: LocalDate?

    public init(decision: TriageDecision, reason: String, urgency: Urgency, decidedAt: Date, decidedBy: String,
                referrerInformedOn: LocalDate?) {
        self.decision = decision
        self.reason = reason
        self.urgency = urgency
        self.decidedAt = decidedAt
        self.decidedBy = decidedBy
        self.referrerInformedOn = referrerInformedOn
    }
}

/// The input of a new contact.
public struct ContactDraft: Hashable, Codable, Sendable {
    public var receivedAt: Date
    public var source: ReferralSource
    public var referrerName: String?
    public var referrerAgency: String?
    public var childIds: [UUID]
    public var concern: String

    public init(receivedAt: Date, source: ReferralSource, referrerName: String?, referrerAgency: String?,
                childIds: [UUID], concern: String) {
        self.receivedAt = receivedAt
        self.source = source
        self.referrerName = referrerName
        self.referrerAgency = referrerAgency
        self.childIds = childIds
        self.concern = concern
    }

    /// Refuses a contact from the future, about nobody, or with no concern written down.
    public func validated(now: Date) throws(SafeholdError) -> ContactDraft {
        var v = Validation()
        if receivedAt > now.addingTimeInterval(300) { v.add("receivedAt", "cannot be in the future") }
        if childIds.isEmpty { v.add("childIds", "name at least one child the concern is about") }
        if Set(childIds).count != childIds.count { v.add("childIds", "lists a child twice") }
        v.text("concern", concern, required: true, max: 10_000)
        v.text("referrerName", referrerName, max: 100)
        v.text("referrerAgency", referrerAgency, max: 100)
        if source == .anonymous && (referrerName != nil || referrerAgency != nil) {
            v.add("referrerName", "an anonymous contact has no referrer name or agency")
        }
        try v.check()
        return self
    }
}
