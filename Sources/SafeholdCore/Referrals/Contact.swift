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

    public init(
        id: UUID, receivedAt: Date, source: ReferralSource, referrerName: String?, referrerAgency: String?,
        childIds: [UUID], concern: String, triage: Triage?, version: Int
    ) {
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

    /// The date the contact came in, in the ruleset's zone: 00:30 BST on a Saturday is a Saturday contact.
    public func receivedOn(_ ruleset: Ruleset) -> LocalDate { ruleset.date(of: receivedAt) }
    public var isAnonymous: Bool { source == .anonymous }

    /// The decision is due one working day after the (UK) date of receipt.
    public func decisionDue(_ ruleset: Ruleset) -> LocalDate {
        ruleset.due(ruleset.contactDecision, from: receivedOn(ruleset))
    }
}

/// The front door's decision: what happens, why, how urgent, and whether the referrer was told.
public struct Triage: Hashable, Codable, Sendable {
    public var decision: TriageDecision
    public var reason: String
    public var urgency: Urgency
    public var decidedAt: Date
    public var decidedBy: String
    public var referrerInformedOn: LocalDate?
    /// What the front door chose to tell the referrer (a partner who raised the concern sees it).
    public var referrerFeedback: String?

    public init(
        decision: TriageDecision, reason: String, urgency: Urgency, decidedAt: Date, decidedBy: String,
        referrerInformedOn: LocalDate?, referrerFeedback: String? = nil
    ) {
        self.referrerFeedback = referrerFeedback
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

    public init(
        receivedAt: Date, source: ReferralSource, referrerName: String?, referrerAgency: String?,
        childIds: [UUID], concern: String
    ) {
        self.receivedAt = receivedAt
        self.source = source
        self.referrerName = referrerName
        self.referrerAgency = referrerAgency
        self.childIds = childIds
        self.concern = concern
    }

    /// The most children one contact can be about.
    public static let maxChildren = 50

    /// Refuses a contact from the future or before 1900, about nobody, or with no concern written down.
    public func validated(now: Date) throws(SafeholdError) -> ContactDraft {
        var v = Validation()
        v.instant("receivedAt", receivedAt, notAfter: now.addingTimeInterval(300))
        if childIds.isEmpty { v.add("childIds", "name at least one child the concern is about") }
        v.count("childIds", childIds.count, max: Self.maxChildren, noun: "children")
        if Set(childIds).count != childIds.count { v.add("childIds", "lists a child twice") }
        v.text("concern", concern, required: true, max: 10_000, multiline: true)
        v.text("referrerName", referrerName, max: 100)
        v.text("referrerAgency", referrerAgency, max: 100)
        if source == .anonymous && (referrerName != nil || referrerAgency != nil) {
            v.add("referrerName", "an anonymous contact has no referrer name or agency")
        }
        try v.check()
        return self
    }
}

/// The front door's decision as submitted, before it is checked.
public struct TriageDraft: Hashable, Sendable {
    public var decision: TriageDecision
    public var reason: String
    public var urgency: Urgency
    public var referrerInformedOn: LocalDate?
    /// The team that will hold the case, when the decision opens an episode for a child no team holds
    /// (never a team with front-door workers: the front door's part ends with its decision).
    public var allocateTo: UUID?
    /// What to tell the referrer (shown to a partner who raised the concern); telling them dates the
    /// referrer informed today unless a date is given.
    public var referrerFeedback: String?

    public init(
        decision: TriageDecision, reason: String, urgency: Urgency, referrerInformedOn: LocalDate?,
        allocateTo: UUID? = nil, referrerFeedback: String? = nil
    ) {
        self.referrerFeedback = referrerFeedback.nonBlank
        self.decision = decision
        self.reason = reason
        self.urgency = urgency
        self.referrerInformedOn = referrerInformedOn
        self.allocateTo = allocateTo
    }

    /// Refuses a decision with no reason, or a referrer told on a date outside 1900-2100 or after `today`
    /// (the UK date). Whether the referrer could be told at all depends on the contact and is checked there.
    public func validated(today: LocalDate) throws(SafeholdError) -> TriageDraft {
        var v = Validation()
        v.text("reason", reason, required: true, max: 4000, multiline: true)
        v.date("referrerInformedOn", referrerInformedOn, notAfter: today)
        v.text("referrerFeedback", referrerFeedback, max: 2000, multiline: true)
        try v.check()
        var draft = self
        if referrerFeedback != nil && referrerInformedOn == nil { draft.referrerInformedOn = today }
        return draft
    }
}
