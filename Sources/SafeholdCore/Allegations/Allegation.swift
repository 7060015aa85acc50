import Foundation

/// An allegation against a person who works with children (DOMAIN.md section 6), managed by the LADO
/// with the employer and the police: from the referral through the initial consideration, the strategy
/// meeting or evaluation, the actions agreed and the subject's employment, to the outcome.
public struct Allegation: Identifiable, Hashable, Sendable {
    /// A child the allegation concerns (the name only: the LADO may not hold the child's record).
    public struct Child: Hashable, Sendable {
        public let id: UUID
        public let name: String
        public init(id: UUID, name: String) {
            self.id = id
            self.name = name
        }
    }

    /// The initial consideration as recorded.
    public struct Consideration: Hashable, Sendable {
        public let decision: ConsiderationDecision
        public let reasons: String
        public let on: LocalDate
        public let byName: String
        public init(decision: ConsiderationDecision, reasons: String, on: LocalDate, byName: String) {
            self.decision = decision
            self.reasons = reasons
            self.on = on
            self.byName = byName
        }
    }

    /// The strategy meeting or evaluation, with who took part.
    public struct Meeting: Hashable, Sendable {
        public let kind: AllegationMeetingKind
        public let on: LocalDate
        public let attendees: [Attendee]
        public let notes: String
        public init(kind: AllegationMeetingKind, on: LocalDate, attendees: [Attendee], notes: String) {
            self.kind = kind
            self.on = on
            self.attendees = attendees
            self.notes = notes
        }
    }

    /// One action agreed for the employer, the police or children's social care.
    public struct Action: Identifiable, Hashable, Sendable {
        public let id: UUID
        public let owner: AllegationActionOwner
        public let what: String
        public let dueOn: LocalDate
        public let doneOn: LocalDate?
        public init(id: UUID, owner: AllegationActionOwner, what: String, dueOn: LocalDate, doneOn: LocalDate?) {
            self.id = id
            self.owner = owner
            self.what = what
            self.dueOn = dueOn
            self.doneOn = doneOn
        }
    }

    /// One entry of the subject's employment status history.
    public struct Employment: Hashable, Sendable {
        public let status: EmploymentStatus
        public let from: LocalDate
        public let note: String?
        public let byName: String
        public init(status: EmploymentStatus, from: LocalDate, note: String?, byName: String) {
            self.status = status
            self.from = from
            self.note = note
            self.byName = byName
        }
    }

    /// The outcome, with the referrals it needed and the retention flag of a malicious allegation.
    public struct Outcome: Hashable, Sendable {
        public let outcome: AllegationOutcome
        public let on: LocalDate
        public let notes: String
        public let dbsReferredOn: LocalDate?
        public let regulatorReferredOn: LocalDate?
        public let regulatorName: String?
        /// Malicious allegations are marked for removal under the retention rules on this date.
        public let markedForRemovalOn: LocalDate?
        public init(
            outcome: AllegationOutcome, on: LocalDate, notes: String, dbsReferredOn: LocalDate?,
            regulatorReferredOn: LocalDate?, regulatorName: String?, markedForRemovalOn: LocalDate?
        ) {
            self.outcome = outcome
            self.on = on
            self.notes = notes
            self.dbsReferredOn = dbsReferredOn
            self.regulatorReferredOn = regulatorReferredOn
            self.regulatorName = regulatorName
            self.markedForRemovalOn = markedForRemovalOn
        }
    }

    /// A contact the LADO raised to the front door about a child concerned.
    public struct RaisedContact: Hashable, Sendable {
        public let contactId: UUID
        public let childId: UUID
        public let childName: String
        public let raisedOn: LocalDate
        public init(contactId: UUID, childId: UUID, childName: String, raisedOn: LocalDate) {
            self.contactId = contactId
            self.childId = childId
            self.childName = childName
            self.raisedOn = raisedOn
        }
    }

    public let id: UUID
    public let subjectId: UUID
    public let subjectName: String
    /// The Safehold user who is the subject, when they are one (they never see this case).
    public let subjectUserId: UUID?
    public let details: AllegationDetails
    public let receivedAt: Date
    public let receivedOn: LocalDate
    public let considerationDue: LocalDate
    public let consideration: Consideration?
    public let meeting: Meeting?
    public let actions: [Action]
    public let employment: [Employment]
    public let outcome: Outcome?
    public let children: [Child]
    public let contacts: [RaisedContact]
    public let version: Int

    public init(
        id: UUID, subjectId: UUID, subjectName: String, subjectUserId: UUID?, details: AllegationDetails,
        receivedAt: Date, receivedOn: LocalDate, considerationDue: LocalDate, consideration: Consideration?,
        meeting: Meeting?, actions: [Action], employment: [Employment], outcome: Outcome?, children: [Child],
        contacts: [RaisedContact], version: Int
    ) {
        self.id = id
        self.subjectId = subjectId
        self.subjectName = subjectName
        self.subjectUserId = subjectUserId
        self.details = details
        self.receivedAt = receivedAt
        self.receivedOn = receivedOn
        self.considerationDue = considerationDue
        self.consideration = consideration
        self.meeting = meeting
        self.actions = actions
        self.employment = employment
        self.outcome = outcome
        self.children = children
        self.contacts = contacts
        self.version = version
    }

    /// The date the case was resolved: its outcome, or an initial consideration of no further action.
    public var resolvedOn: LocalDate? {
        if let outcome { return outcome.on }
        if let consideration, consideration.decision == .noFurtherAction { return consideration.on }
        return nil
    }

    public var isOpen: Bool { resolvedOn == nil }

    /// The subject's employment status now (the latest entry).
    public var currentEmployment: Employment? { employment.last }

    /// The stage the case is at, in a worker's words.
    public var stageLabel: String {
        if let outcome { return "Closed: \(outcome.outcome.label.lowercased())" }
        if let consideration, consideration.decision == .noFurtherAction { return "Closed: no further LADO action" }
        if let meeting { return "Awaiting the outcome (\(meeting.kind.label.lowercased()) held)" }
        if consideration != nil { return "Awaiting the strategy meeting or evaluation" }
        return "Awaiting the initial consideration"
    }
}
