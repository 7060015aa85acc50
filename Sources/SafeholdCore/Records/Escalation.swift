import Foundation

/// A stage of the escalation of professional disagreement (DOMAIN.md section 11): 1 worker to worker,
/// 2 managers, 3 senior leaders or the safeguarding partnership, each answered within the working
/// days held as data (the `escalation_stages` table).
public struct EscalationStage: Hashable, Codable, Sendable {
    public let number: Int
    public let label: String
    public let responseWorkingDays: Int

    public init(number: Int, label: String, responseWorkingDays: Int) {
        self.number = number
        self.label = label
        self.responseWorkingDays = responseWorkingDays
    }
}

/// A professional's disagreement with a decision about a child, taken through the stages until it is
/// resolved. The raiser sees its progress; the child's social care team answers it.
public struct Escalation: Identifiable, Hashable, Sendable {
    /// One stage as it was reached and answered.
    public struct Step: Hashable, Sendable {
        public let stage: EscalationStage
        public let startedOn: LocalDate
        public let dueOn: LocalDate
        /// Why it was taken to this stage (the disagreement itself for stage 1).
        public let reason: String
        public let movedBy: String
        public var response: String?
        public var respondedBy: String?
        public var respondedOn: LocalDate?

        public init(
            stage: EscalationStage, startedOn: LocalDate, dueOn: LocalDate, reason: String, movedBy: String,
            response: String? = nil, respondedBy: String? = nil, respondedOn: LocalDate? = nil
        ) {
            self.stage = stage
            self.startedOn = startedOn
            self.dueOn = dueOn
            self.reason = reason
            self.movedBy = movedBy
            self.response = response
            self.respondedBy = respondedBy
            self.respondedOn = respondedOn
        }
    }

    /// How it ended.
    public struct Resolution: Hashable, Sendable {
        public let outcome: EscalationOutcome
        public let note: String
        public let byName: String
        public let on: LocalDate

        public init(outcome: EscalationOutcome, note: String, byName: String, on: LocalDate) {
            self.outcome = outcome
            self.note = note
            self.byName = byName
            self.on = on
        }
    }

    public let id: UUID
    public let personId: UUID
    /// The child's name: all of the child's record a raiser without access is shown.
    public let childName: String
    public let raisedBy: UUID
    public let raisedByName: String
    public let raisedByAgency: String
    public let raisedOn: LocalDate
    public let decision: String
    /// A contact or step on this child's record the disagreement is about, and how it read then.
    public let linkedRecordId: UUID?
    public let linkedRecordLabel: String?
    public let disagreement: String
    public let desiredOutcome: String
    /// Every stage reached, in order; the last is the current one.
    public let steps: [Step]
    public let resolution: Resolution?
    public let version: Int

    public init(
        id: UUID, personId: UUID, childName: String, raisedBy: UUID, raisedByName: String, raisedByAgency: String,
        raisedOn: LocalDate, decision: String, linkedRecordId: UUID?, linkedRecordLabel: String?,
        disagreement: String, desiredOutcome: String, steps: [Step], resolution: Resolution?, version: Int
    ) {
        self.id = id
        self.personId = personId
        self.childName = childName
        self.raisedBy = raisedBy
        self.raisedByName = raisedByName
        self.raisedByAgency = raisedByAgency
        self.raisedOn = raisedOn
        self.decision = decision
        self.linkedRecordId = linkedRecordId
        self.linkedRecordLabel = linkedRecordLabel
        self.disagreement = disagreement
        self.desiredOutcome = desiredOutcome
        self.steps = steps
        self.resolution = resolution
        self.version = version
    }

    public var current: Step? { steps.last }
    public var isResolved: Bool { resolution != nil }

    /// The current stage's response is due and not given, and the escalation is still open.
    public var awaitsResponse: Bool { !isResolved && current?.response == nil }

    /// The words of a status a raiser reads on their list.
    public var statusLabel: String {
        if let resolution { return "Resolved: \(resolution.outcome.label)" }
        guard let current else { return "Open" }
        return current.response == nil
            ? "Stage \(current.stage.number): awaiting a response by \(current.dueOn.display)"
            : "Stage \(current.stage.number): responded"
    }
}

/// How an escalation ended.
public enum EscalationOutcome: String, CaseIterable, Codable, Sendable {
    case decisionStands = "decision_stands"
    case decisionChanged = "decision_changed"
    case withdrawn

    public var label: String {
        switch self {
        case .decisionStands: "The decision stands, with reasons given"
        case .decisionChanged: "The decision was changed"
        case .withdrawn: "Withdrawn by the professional who raised it"
        }
    }
}
