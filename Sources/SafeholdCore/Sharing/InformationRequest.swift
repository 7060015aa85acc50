import Foundation

/// How a request for information reached children's social care.
public enum RequestChannel: String, CaseIterable, Codable, Sendable {
    /// Raised by a partner agency's user in Safehold.
    case safehold
    case phone, letter, email, meeting

    public var label: String {
        switch self {
        case .safehold: "Raised in Safehold"
        case .phone: "Telephone"
        case .letter: "Letter"
        case .email: "Email"
        case .meeting: "In a meeting"
        }
    }
}

/// How a request for information was answered.
public enum RequestOutcome: String, CaseIterable, Codable, Sendable {
    case disclosedInFull = "disclosed_in_full"
    case disclosedInPart = "disclosed_in_part"
    case declined

    public var label: String {
        switch self {
        case .disclosedInFull: "Disclosed in full"
        case .disclosedInPart: "Disclosed in part"
        case .declined: "Declined"
        }
    }

    /// The sharing decision an outcome must be answered with.
    public var decision: SharingDecision { self == .declined ? .notDisclosed : .disclosed }
}

/// A request from another agency for information about a child, as received.
public struct InformationRequestDraft: Hashable, Sendable {
    public var personId: UUID
    /// The agency asking; a partner's own agency when they raise it themselves.
    public var agencyId: UUID
    /// The person at that agency who asked.
    public var requesterName: String
    public var channel: RequestChannel
    public var receivedOn: LocalDate
    public var what: String
    public var why: String

    public init(
        personId: UUID, agencyId: UUID, requesterName: String, channel: RequestChannel, receivedOn: LocalDate,
        what: String, why: String
    ) {
        self.personId = personId
        self.agencyId = agencyId
        self.requesterName = requesterName
        self.channel = channel
        self.receivedOn = receivedOn
        self.what = what
        self.why = why
    }

    public func validated(today: LocalDate) throws(SafeholdError) -> InformationRequestDraft {
        var v = Validation()
        v.text("requesterName", requesterName, required: true, max: 200)
        v.text("what", what, required: true, max: 4000, multiline: true)
        v.text("why", why, required: true, max: 4000, multiline: true)
        v.date("receivedOn", receivedOn, required: true, notAfter: today)
        try v.check()
        return self
    }

    /// The date a response is due: `workingDays` after receipt on the ruleset's working calendar (the
    /// first working day after receipt is day 1, as for every due date shown to workers).
    public func dueOn(workingDays: Int, ruleset: Ruleset) -> LocalDate {
        ruleset.due(.workingDays(workingDays), from: receivedOn)
    }
}

/// The answer to a request: its outcome and, when disclosed in part or declined, why; the disclosure
/// (or decision not to disclose) recorded with it carries the rest.
public struct InformationResponse: Hashable, Sendable {
    public var outcome: RequestOutcome
    public var outcomeReason: String?
    /// The request's version as the responder saw it.
    public var version: Int

    public init(outcome: RequestOutcome, outcomeReason: String?, version: Int) {
        self.outcome = outcome
        self.outcomeReason = outcomeReason
        self.version = version
    }

    /// Checks the response together with the decision it is recorded with: a declined request goes with a
    /// decision not to share, a disclosure with an outcome of "in full" or "in part"; "in part" and
    /// "declined" say why.
    public func validated(with decision: SharingDecision) throws(SafeholdError) -> InformationResponse {
        var v = Validation()
        v.version("version", version)
        v.text("outcomeReason", outcomeReason, required: outcome != .disclosedInFull, max: 4000, multiline: true)
        if outcome.decision != decision {
            v.add(
                "outcome",
                outcome == .declined
                    ? "is declined, so record a decision not to share" : "shares information, so record what was shared"
            )
        }
        try v.check()
        return self
    }
}

/// A request for information about a child, with its due date and, once answered, its outcome.
public struct InformationRequest: Identifiable, Hashable, Sendable {
    public let id: UUID
    public let personId: UUID
    public let childName: String
    public let agencyId: UUID
    public let agencyName: String
    public let requesterName: String
    public let channel: RequestChannel
    public let receivedOn: LocalDate
    public let dueOn: LocalDate
    public let what: String
    public let why: String
    public let recordedBy: String
    public let version: Int
    public let outcome: RequestOutcome?
    public let outcomeReason: String?
    public let disclosureId: UUID?
    public let respondedAt: Date?
    public let respondedBy: String?

    public init(
        id: UUID, personId: UUID, childName: String, agencyId: UUID, agencyName: String, requesterName: String,
        channel: RequestChannel, receivedOn: LocalDate, dueOn: LocalDate, what: String, why: String,
        recordedBy: String, version: Int, outcome: RequestOutcome?, outcomeReason: String?, disclosureId: UUID?,
        respondedAt: Date?, respondedBy: String?
    ) {
        self.id = id
        self.personId = personId
        self.childName = childName
        self.agencyId = agencyId
        self.agencyName = agencyName
        self.requesterName = requesterName
        self.channel = channel
        self.receivedOn = receivedOn
        self.dueOn = dueOn
        self.what = what
        self.why = why
        self.recordedBy = recordedBy
        self.version = version
        self.outcome = outcome
        self.outcomeReason = outcomeReason
        self.disclosureId = disclosureId
        self.respondedAt = respondedAt
        self.respondedBy = respondedBy
    }

    public var isAnswered: Bool { outcome != nil }

    /// Unanswered after its due date.
    public func isOverdue(today: LocalDate) -> Bool { !isAnswered && dueOn < today }

    /// Refuses a second answer, or an answer to a version someone else has since changed.
    public func checkAnswerable(version expected: Int) throws(SafeholdError) {
        if isAnswered {
            throw .conflict("This request has already been answered. Reload the page to see the answer.")
        }
        if expected != version {
            throw .conflict("Someone else changed this request after you opened it. Reload the page and check.")
        }
    }
}
