import Foundation
import SafeholdCore

/// A dated event on an investigation: a status with its reason, or another change. `shared` events
/// reach the child's chronology.
public struct InvestigationEvent: Hashable, Sendable {
    public let kind: String
    public let status: InvestigationStatus?
    public let detail: String?
    public let occurredAt: Date
    public let recordedBy: String
    public let shared: Bool
}

/// A person on an investigation, with their name.
public struct InvestigationPersonView: Hashable, Sendable {
    public let person: InvestigationPerson
    public let summary: PersonSummary
}

/// A charging decision as recorded.
public struct RecordedChargingDecision: Hashable, Sendable, Identifiable {
    public let id: UUID
    public let investigationId: UUID
    public let decision: ChargingDecision
    public let recordedAt: Date
    public let recordedBy: String
}

/// The next date that matters on an investigation: an interview, a bail or review date, the end of
/// police protection.
public struct KeyDate: Hashable, Sendable, Comparable {
    public let what: String
    public let at: Date

    public static func < (lhs: KeyDate, rhs: KeyDate) -> Bool { lhs.at < rhs.at }
}

/// An investigation as its reader may see it. For social care (`view == .shared`) police-only fields
/// are removed: the intelligence, the children's accounts in interviews, and unshared events.
public struct InvestigationFile: Sendable {
    public let investigation: Investigation
    public let view: PoliceRecordView
    public let teamName: String
    public let officerName: String?
    public let supervisorName: String?
    public let people: [InvestigationPersonView]
    public let history: [InvestigationEvent]
    public let interviews: [AbeInterview]
    public let decisions: [RecordedChargingDecision]
    public let protections: [PoliceProtection]
    public let disclosures: [PoliceDisclosure]
    public let nextKeyDate: KeyDate?
    public let offences: [OffenceCode]
}

/// One line of the police home or a child's police panel: an investigation in outline.
public struct InvestigationLine: Hashable, Sendable, Identifiable {
    public let id: UUID
    public let reference: String
    public let status: InvestigationStatus
    public let officerName: String?
    public let joint: Bool
    public let children: [PersonSummary]
    public let nextKeyDate: KeyDate?
    /// Whether the reader sees the whole investigation (its team) or what is shared.
    public let view: PoliceRecordView
}

/// A police protection with the child's name and its clock, for lists and panels.
public struct ProtectionLine: Hashable, Sendable, Identifiable {
    public let protection: PoliceProtection
    public let child: PersonSummary
    public let clock: ProtectionClock
    public var id: UUID { protection.id }

    public init(protection: PoliceProtection, child: PersonSummary, clock: ProtectionClock) {
        self.protection = protection
        self.child = child
        self.clock = clock
    }
}

/// An interview still to be held, for the police home.
public struct InterviewLine: Hashable, Sendable, Identifiable {
    public let interview: AbeInterview
    public let child: PersonSummary
    public let reference: String
    public var id: UUID { interview.id }
}

/// A bail or release-under-investigation date coming up, for the police home.
public struct BailLine: Hashable, Sendable, Identifiable {
    public let decisionId: UUID
    public let investigationId: UUID
    public let reference: String
    public let kind: BailKind
    public let until: LocalDate
    public var id: UUID { decisionId }
}

/// The police officer's home: their team's work.
public struct PoliceHome: Sendable {
    public let investigations: [InvestigationLine]
    public let protections: [ProtectionLine]
    public let interviewsToPlan: [InterviewLine]
    public let bail: [BailLine]
    /// Investigations at file-to-CPS, where a charging decision is awaited.
    public let decisionsDue: [InvestigationLine]
    /// Joint investigations opened by a strategy discussion that await an officer.
    public let toAllocate: [InvestigationLine]
}
