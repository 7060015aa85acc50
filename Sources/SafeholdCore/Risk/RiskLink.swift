import Foundation

/// How a person who poses a risk comes into a child's life.
public enum RiskLinkNature: String, CaseIterable, Codable, Sendable {
    case livesWith = "lives_with"
    case visits
    case contact

    public var label: String {
        switch self {
        case .livesWith: "Lives with the child"
        case .visits: "Visits the household"
        case .contact: "Has contact with the child"
        }
    }
}

/// How a link was made: recorded by a worker, or found when an address change brought the person and the
/// child into one household.
public enum RiskLinkOrigin: String, CaseIterable, Codable, Sendable {
    case recorded
    case addressChange = "address_change"

    public var label: String {
        switch self {
        case .recorded: "Recorded"
        case .addressChange: "Found from a change of address"
        }
    }
}

/// Children's social care's decision, after a new link, whether to hold a strategy discussion.
public enum LinkStrategyOutcome: String, CaseIterable, Codable, Sendable {
    case hold = "hold_strategy_discussion"
    case notNeeded = "not_needed"

    public var label: String {
        switch self {
        case .hold: "Hold a strategy discussion"
        case .notNeeded: "No strategy discussion needed"
        }
    }
}

/// A link between a person who poses a risk and a child, as a worker records it.
public struct RiskLinkDraft: Hashable, Sendable {
    public var personId: UUID
    public var childId: UUID
    public var nature: RiskLinkNature
    public var startedOn: LocalDate
    public var endedOn: LocalDate?
    public var note: String?

    public init(
        personId: UUID, childId: UUID, nature: RiskLinkNature, startedOn: LocalDate, endedOn: LocalDate? = nil,
        note: String? = nil
    ) {
        self.personId = personId
        self.childId = childId
        self.nature = nature
        self.startedOn = startedOn
        self.endedOn = endedOn
        self.note = note
    }

    /// Reads a form or a JSON body; missing and unreadable values are named.
    public static func read(_ input: TextFields, today: LocalDate) throws(SafeholdError) -> RiskLinkDraft {
        var v = Validation()
        let person = input.uuid("personId", into: &v)
        let child = input.uuid("childId", into: &v)
        let nature = input.choice("nature", RiskLinkNature.self, into: &v)
        let from = input.date("startedOn", fallback: today, into: &v)
        let to = input.given("endedOn") == nil ? nil : input.date("endedOn", into: &v)
        try v.check()
        return RiskLinkDraft(
            personId: person!, childId: child!, nature: nature!, startedOn: from!, endedOn: to, note: input["note"])
    }

    /// Checks what needs no database: a person is never linked to themselves (422 naming `personId`), the
    /// dates are real, not in the future, and the end is not before the start.
    public func validated(today: LocalDate) throws(SafeholdError) -> RiskLinkDraft {
        var v = Validation()
        if personId == childId {
            v.add("personId", "is the child: a person cannot be linked to themselves")
        }
        v.date("startedOn", startedOn, required: true, notAfter: today)
        if let endedOn {
            v.date(
                "endedOn", endedOn, notAfter: today, notBefore: startedOn,
                beforeMessage: "cannot be before the link started")
        }
        v.text("note", note, max: 2000, multiline: true)
        try v.check()
        var clean = self
        clean.note = (note?.trimmingCharacters(in: .whitespacesAndNewlines)).nonBlank
        return clean
    }

    /// When the strategy discussion decision on a new link is due: the ruleset's timescale (data) from the
    /// day the link was made.
    public static func strategyDecisionDue(madeOn: LocalDate, ruleset: Ruleset) -> LocalDate {
        ruleset.due(ruleset.risk.linkStrategyDecision, from: madeOn)
    }
}

/// The strategy discussion decision on a link, with its reasons.
public struct LinkStrategyDecision: Hashable, Codable, Sendable {
    public let outcome: LinkStrategyOutcome
    public let reasons: String
    public let decidedBy: String
    public let decidedAt: Date

    public init(outcome: LinkStrategyOutcome, reasons: String, decidedBy: String, decidedAt: Date) {
        self.outcome = outcome
        self.reasons = reasons
        self.decidedBy = decidedBy
        self.decidedAt = decidedAt
    }

    /// Checks the reasons a decision is recorded with (always required).
    public static func validateReasons(_ reasons: String) throws(SafeholdError) {
        var v = Validation()
        v.text("reasons", reasons, required: true, max: 4000, multiline: true)
        try v.check()
    }
}

/// A link as the child's page shows it. `personName` is nil unless the reader may see the person's risk
/// profile: everyone who may open the child learns that a person who may pose a risk is linked and whom to
/// contact, not who the person is, nor anything of the MAPPA record.
public struct RiskLink: Identifiable, Hashable, Sendable {
    public let id: UUID
    public let childId: UUID
    public let personName: String?
    public let nature: RiskLinkNature
    public let startedOn: LocalDate
    public let endedOn: LocalDate?
    public let note: String?
    public let origin: RiskLinkOrigin
    public let createdBy: String
    public let createdAt: Date
    public let strategyDueOn: LocalDate
    public let strategyDecision: LinkStrategyDecision?
    public let version: Int

    public init(
        id: UUID, childId: UUID, personName: String?, nature: RiskLinkNature, startedOn: LocalDate,
        endedOn: LocalDate?, note: String?, origin: RiskLinkOrigin, createdBy: String, createdAt: Date,
        strategyDueOn: LocalDate, strategyDecision: LinkStrategyDecision?, version: Int
    ) {
        self.id = id
        self.childId = childId
        self.personName = personName
        self.nature = nature
        self.startedOn = startedOn
        self.endedOn = endedOn
        self.note = note
        self.origin = origin
        self.createdBy = createdBy
        self.createdAt = createdAt
        self.strategyDueOn = strategyDueOn
        self.strategyDecision = strategyDecision
        self.version = version
    }

    public var isOpen: Bool { endedOn == nil }
}

/// The warning on a linked child's page and API record: that a person who may pose a risk to children is
/// linked, and the named officer to contact (the offender manager of each linked person). Nothing of the
/// MAPPA record: no category, level, offences or minutes.
public struct RiskWarning: Hashable, Codable, Sendable {
    public struct Officer: Hashable, Codable, Sendable {
        public let name: String
        public let phone: String

        public init(name: String, phone: String) {
            self.name = name
            self.phone = phone
        }
    }

    public let officers: [Officer]

    public init(officers: [Officer]) { self.officers = officers }

    public static let text =
        "A person who may pose a risk to children is linked to this child; contact the named officer"
}
