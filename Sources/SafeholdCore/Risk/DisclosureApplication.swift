import Foundation

/// How the person applying under the child sex offender disclosure scheme stands to the child.
public enum ApplicantRelationship: String, CaseIterable, Codable, Sendable {
    case parent, carer, guardian
    /// Anyone else (a grandparent, a neighbour): said in words.
    case other

    public var label: String {
        switch self {
        case .parent: "Parent"
        case .carer: "Carer"
        case .guardian: "Guardian"
        case .other: "Other"
        }
    }
}

/// An application under the child sex offender disclosure scheme ("Sarah's law") as the police record it:
/// who applied, how to reach them and how they stand to the child, the adult it asks about and the child
/// it is for, and the day it was received (the scheme's clock runs from it).
public struct DisclosureApplicationDraft: Hashable, Sendable {
    public var applicantName: String
    public var applicantContact: String
    public var relationship: ApplicantRelationship
    /// The relationship in words when it is `other`.
    public var relationshipOther: String?
    /// The adult the application asks about (who may or may not have a risk profile).
    public var subjectId: UUID
    public var childId: UUID
    public var receivedOn: LocalDate

    public init(
        applicantName: String, applicantContact: String, relationship: ApplicantRelationship,
        relationshipOther: String? = nil, subjectId: UUID, childId: UUID, receivedOn: LocalDate
    ) {
        self.applicantName = applicantName
        self.applicantContact = applicantContact
        self.relationship = relationship
        self.relationshipOther = relationshipOther
        self.subjectId = subjectId
        self.childId = childId
        self.receivedOn = receivedOn
    }

    /// Reads a form or a JSON body; missing and unreadable values are named.
    public static func read(_ input: TextFields, today: LocalDate) throws(SafeholdError) -> DisclosureApplicationDraft {
        var v = Validation()
        let relationship = input.choice("relationship", ApplicantRelationship.self, into: &v)
        let subject = input.uuid("subjectId", into: &v)
        let child = input.uuid("childId", into: &v)
        let received = input.date("receivedOn", fallback: today, into: &v)
        try v.check()
        return DisclosureApplicationDraft(
            applicantName: input["applicantName"] ?? "", applicantContact: input["applicantContact"] ?? "",
            relationship: relationship!, relationshipOther: input["relationshipOther"], subjectId: subject!,
            childId: child!, receivedOn: received!)
    }

    /// Checks what needs no database: names and contact within limits, the relationship in words when it
    /// is "other" (and only then), a received day not in the future, and a child who is not the person
    /// asked about.
    public func validated(today: LocalDate) throws(SafeholdError) -> DisclosureApplicationDraft {
        var v = Validation()
        v.text("applicantName", applicantName, required: true, max: 200)
        v.text("applicantContact", applicantContact, required: true, max: 500, multiline: true)
        v.text("relationshipOther", relationshipOther, required: relationship == .other, max: 200)
        if relationship != .other && !(relationshipOther ?? "").trimmingCharacters(in: .whitespaces).isEmpty {
            v.add("relationshipOther", "is only for a relationship of \"other\": leave it empty")
        }
        v.date("receivedOn", receivedOn, required: true, notAfter: today)
        if subjectId == childId {
            v.add("subjectId", "is the child the application is for: name the adult it asks about")
        }
        try v.check()
        var clean = self
        clean.applicantName = applicantName.trimmingCharacters(in: .whitespaces)
        clean.applicantContact = applicantContact.trimmingCharacters(in: .whitespacesAndNewlines)
        clean.relationshipOther = relationshipOther?.trimmingCharacters(in: .whitespaces).nilIfEmpty
        return clean
    }

    /// When the decision is due: the scheme's timescale (data in the ruleset) from the day of receipt.
    public static func decisionDue(receivedOn: LocalDate, ruleset: Ruleset) -> LocalDate {
        ruleset.due(ruleset.risk.disclosureSchemeDecision, from: receivedOn)
    }
}

/// An application as kept and shown to the police team that holds it and the MAPPA coordinator.
public struct DisclosureApplication: Identifiable, Hashable, Sendable {
    public let id: UUID
    public let applicantName: String
    public let applicantContact: String
    public let relationship: ApplicantRelationship
    public let relationshipOther: String?
    public let subject: PersonSummary
    public let child: PersonSummary
    public let receivedOn: LocalDate
    public let dueOn: LocalDate
    public let teamName: String
    public let recordedBy: String
    public let recordedAt: Date
    public let checks: [DisclosureCheck]
    public let decision: DisclosureSchemeDecision?
    public let disclosure: SchemeDisclosure?
    public let version: Int

    public init(
        id: UUID, applicantName: String, applicantContact: String, relationship: ApplicantRelationship,
        relationshipOther: String?, subject: PersonSummary, child: PersonSummary,
        receivedOn: LocalDate, dueOn: LocalDate, teamName: String, recordedBy: String, recordedAt: Date,
        checks: [DisclosureCheck], decision: DisclosureSchemeDecision?, disclosure: SchemeDisclosure?, version: Int
    ) {
        self.id = id
        self.applicantName = applicantName
        self.applicantContact = applicantContact
        self.relationship = relationship
        self.relationshipOther = relationshipOther
        self.subject = subject
        self.child = child
        self.receivedOn = receivedOn
        self.dueOn = dueOn
        self.teamName = teamName
        self.recordedBy = recordedBy
        self.recordedAt = recordedAt
        self.checks = checks
        self.decision = decision
        self.disclosure = disclosure
        self.version = version
    }

    /// How the applicant stands to the child, in words.
    public var relationshipText: String { relationshipOther ?? relationship.label }

    /// Where the application stands.
    public var stage: DisclosureApplicationStage {
        guard let decision else { return .awaitingDecision }
        if decision.outcome == .disclose && disclosure == nil { return .awaitingDisclosure }
        return .closed
    }
}

/// Where an application stands: the decision is awaited (and due), a decision to disclose awaits the
/// disclosure itself, or it is finished.
public enum DisclosureApplicationStage: String, CaseIterable, Codable, Sendable {
    case awaitingDecision = "awaiting_decision"
    case awaitingDisclosure = "awaiting_disclosure"
    case closed

    public var label: String {
        switch self {
        case .awaitingDecision: "Awaiting decision"
        case .awaitingDisclosure: "Decided to disclose: disclosure to be made"
        case .closed: "Closed"
        }
    }
}
