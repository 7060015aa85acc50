import Foundation

/// Who took a charging decision.
public enum ChargingDecider: String, CaseIterable, Codable, Sendable {
    case cps, police

    public var label: String { self == .cps ? "Crown Prosecution Service" : "Police" }
}

/// The test a charging decision was taken under (the Code for Crown Prosecutors).
public enum ChargingTest: String, CaseIterable, Codable, Sendable {
    case fullCode = "full_code", threshold

    public var label: String { self == .fullCode ? "Full Code Test" : "Threshold Test" }
}

/// What was decided.
public enum ChargingOutcome: String, CaseIterable, Codable, Sendable {
    case charge, caution
    case communityResolution = "community_resolution"
    case nfaEvidential = "nfa_evidential"
    case nfaPublicInterest = "nfa_public_interest"

    public var label: String {
        switch self {
        case .charge: "Charge"
        case .caution: "Caution"
        case .communityResolution: "Community resolution"
        case .nfaEvidential: "No further action: evidential stage not met"
        case .nfaPublicInterest: "No further action: not in the public interest"
        }
    }

    /// The investigation status the decision moves to.
    public var status: InvestigationStatus {
        switch self {
        case .charge: .charged
        case .caution, .communityResolution, .nfaEvidential, .nfaPublicInterest: .noFurtherAction
        }
    }
}

/// A suspect's position while the case continues: bail with a return date and conditions, or
/// released under investigation with a review date. Each date becomes a due item.
public enum BailKind: String, CaseIterable, Codable, Sendable {
    case none
    case bail
    case releasedUnderInvestigation = "rui"

    public var label: String {
        switch self {
        case .none: "Neither"
        case .bail: "Bail"
        case .releasedUnderInvestigation: "Released under investigation"
        }
    }
}

/// A charging decision on an investigation. The child's views must be sought and recorded before it
/// can be saved, with how the child's best interests were weighed.
public struct ChargingDecision: Hashable, Sendable {
    public var suspectId: UUID?
    public var decidedOn: LocalDate
    public var decider: ChargingDecider
    public var test: ChargingTest
    public var outcome: ChargingOutcome
    public var childViews: String
    public var bestInterests: String
    public var bail: BailKind
    public var bailUntil: LocalDate?
    public var bailConditions: String?

    public init(
        suspectId: UUID?, decidedOn: LocalDate, decider: ChargingDecider, test: ChargingTest,
        outcome: ChargingOutcome, childViews: String, bestInterests: String, bail: BailKind = .none,
        bailUntil: LocalDate? = nil, bailConditions: String? = nil
    ) {
        self.suspectId = suspectId
        self.decidedOn = decidedOn
        self.decider = decider
        self.test = test
        self.outcome = outcome
        self.childViews = childViews
        self.bestInterests = bestInterests
        self.bail = bail
        self.bailUntil = bailUntil
        self.bailConditions = bailConditions
    }

    public func validated(today: LocalDate) throws(SafeholdError) -> ChargingDecision {
        var v = Validation()
        let decidedOK = v.date("decidedOn", decidedOn, required: true, notAfter: today)
        // Blank views get one sentence saying what to do, not also "is required".
        if childViews.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            v.add("childViews", "seek the child's views and record them before the decision is saved")
        } else {
            v.text("childViews", childViews, max: 4000, multiline: true)
        }
        v.text("bestInterests", bestInterests, required: true, max: 4000, multiline: true)
        if test == .threshold && outcome != .charge {
            v.add("test", "the Threshold Test is used only to charge")
        }
        switch bail {
        case .none:
            if bailUntil != nil || bailConditions != nil {
                v.add("bailUntil", "a date and conditions are given only for bail or release under investigation")
            }
        case .bail, .releasedUnderInvestigation:
            v.date(
                "bailUntil", bailUntil, required: true, notBefore: decidedOK ? decidedOn : nil,
                beforeMessage: "cannot be before the decision")
            v.text("bailConditions", bailConditions, required: bail == .bail, max: 2000, multiline: true)
        }
        try v.check()
        var decision = self
        decision.childViews = childViews.trimmingCharacters(in: .whitespacesAndNewlines)
        return decision
    }
}
