import Foundation

/// Whether information was shared with another agency, or a decision was taken not to share it (the
/// seventh golden rule: record the decision and the reasons, whether or not you share).
public enum SharingDecision: String, CaseIterable, Codable, Sendable {
    case disclosed
    case notDisclosed = "not_disclosed"

    public var label: String {
        switch self {
        case .disclosed: "Shared"
        case .notDisclosed: "Decided not to share"
        }
    }
}

/// Where the family's consent stood when the decision was taken.
public enum ConsentStatus: String, CaseIterable, Codable, Sendable {
    /// Not asked (for instance because asking would put the child at risk): the reason is required.
    case notSought = "not_sought"
    case sought
    case given
    case refused
    /// Refused, or not asked for, and shared anyway because the child's safety required it: the reason
    /// is required.
    case overridden

    public var label: String {
        switch self {
        case .notSought: "Not sought"
        case .sought: "Sought, no answer yet"
        case .given: "Given"
        case .refused: "Refused"
        case .overridden: "Overridden"
        }
    }

    /// Statuses whose reason must be written down.
    public var needsReason: Bool { self == .notSought || self == .overridden }
}

/// A kind of record on the child's file a disclosure can point to as what was shared.
public enum SharedRecordKind: String, CaseIterable, Codable, Sendable {
    case contact, step, note
    /// An agency's report to a conference or core group.
    case report

    public var label: String {
        switch self {
        case .contact: "Contact"
        case .step: "Recorded step"
        case .note: "Case note"
        case .report: "Agency report"
        }
    }
}

/// A link from a disclosure to a record on the same child's file that was shared.
public struct SharedRecordLink: Hashable, Codable, Sendable {
    public let kind: SharedRecordKind
    public let id: UUID

    public init(kind: SharedRecordKind, id: UUID) {
        self.kind = kind
        self.id = id
    }
}

/// A disclosure (or a decision not to disclose) about a child, as a worker records it; `validated`
/// checks everything that needs no database (the lawful basis is then checked against the code list).
public struct SharingDraft: Hashable, Sendable {
    public var decision: SharingDecision
    /// What was shared, or what was asked for and not shared.
    public var what: String
    public var records: [SharedRecordLink]
    public var recipientAgencyId: UUID
    public var recipientUserId: UUID?
    /// A named person at the agency who is not a Safehold user.
    public var recipientName: String?
    public var sharedOn: LocalDate
    /// Who took the decision; the recorder when nil.
    public var decisionMakerId: UUID?
    public var lawfulBasis: String?
    public var consent: ConsentStatus
    public var consentReason: String?
    public var reasons: String

    public init(
        decision: SharingDecision, what: String, records: [SharedRecordLink] = [], recipientAgencyId: UUID,
        recipientUserId: UUID? = nil, recipientName: String? = nil, sharedOn: LocalDate, decisionMakerId: UUID? = nil,
        lawfulBasis: String?, consent: ConsentStatus, consentReason: String? = nil, reasons: String
    ) {
        self.decision = decision
        self.what = what
        self.records = records
        self.recipientAgencyId = recipientAgencyId
        self.recipientUserId = recipientUserId
        self.recipientName = recipientName
        self.sharedOn = sharedOn
        self.decisionMakerId = decisionMakerId
        self.lawfulBasis = lawfulBasis
        self.consent = consent
        self.consentReason = consentReason
        self.reasons = reasons
    }

    /// At most this many records linked to one disclosure.
    public static let maxRecords = 50

    /// Checks the draft against `bases` (the code list): a disclosure names an active basis for sharing;
    /// a decision not to share names none; overriding consent, or not seeking it, needs its reason;
    /// sharing against a refusal is recorded as an override; consent as the basis needs consent given.
    public func validated(bases: [LawfulBasis], today: LocalDate) throws(SafeholdError) -> SharingDraft {
        var v = Validation()
        v.text("what", what, required: true, max: 10_000, multiline: true)
        v.text("reasons", reasons, required: true, max: 4000, multiline: true)
        v.text("recipientName", recipientName, max: 200)
        v.text("consentReason", consentReason, max: 2000, multiline: true)
        v.date("sharedOn", sharedOn, required: true, notAfter: today)
        if v.count("records", records.count, max: Self.maxRecords, noun: "records linked"),
            Set(records).count != records.count
        {
            v.add("records", "names the same record twice")
        }
        if consent.needsReason && (consentReason ?? "").trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            v.add(
                "consentReason",
                consent == .overridden
                    ? "is required: say why consent was overridden" : "is required: say why consent was not sought")
        }
        switch decision {
        case .disclosed:
            do {
                let basis = try LawfulBasis.choose(lawfulBasis, for: .sharing, from: bases)
                if basis.isConsent && consent != .given {
                    v.add("lawfulBasis", "is consent, but consent was not given: choose another basis")
                }
            } catch let error { if case .invalid(let errors) = error { v.merge(errors) } }
            if consent == .refused {
                v.add("consent", "was refused: sharing anyway is an override, recorded with its reason")
            }
        case .notDisclosed:
            if !(lawfulBasis ?? "").trimmingCharacters(in: .whitespaces).isEmpty {
                v.add("lawfulBasis", "is recorded only when information is shared: leave it empty")
            }
            if consent == .overridden { v.add("consent", "cannot be overridden when nothing is shared") }
        }
        try v.check()
        var clean = self
        clean.recipientName = recipientName?.trimmingCharacters(in: .whitespaces).nilIfEmpty
        clean.consentReason = consentReason?.trimmingCharacters(in: .whitespacesAndNewlines).nilIfEmpty
        clean.lawfulBasis = decision == .disclosed ? lawfulBasis?.trimmingCharacters(in: .whitespaces) : nil
        return clean
    }
}

/// A disclosure or decision not to disclose, as kept and shown.
public struct Disclosure: Identifiable, Hashable, Sendable {
    public let id: UUID
    public let personId: UUID
    public let childName: String
    public let decision: SharingDecision
    public let what: String
    public let records: [SharedRecordLink]
    public let recipientAgencyId: UUID
    public let recipientAgency: String
    public let recipientUserId: UUID?
    /// The named recipient: a Safehold user's name or the name typed in.
    public let recipientName: String?
    public let sharedOn: LocalDate
    public let recordedBy: String
    public let recordedAt: Date
    public let decisionMaker: String
    public let lawfulBasis: LawfulBasis?
    public let consent: ConsentStatus
    public let consentReason: String?
    public let reasons: String
    /// The request this answered, when it answered one.
    public let requestId: UUID?

    public init(
        id: UUID, personId: UUID, childName: String, decision: SharingDecision, what: String,
        records: [SharedRecordLink], recipientAgencyId: UUID, recipientAgency: String, recipientUserId: UUID?,
        recipientName: String?, sharedOn: LocalDate, recordedBy: String, recordedAt: Date, decisionMaker: String,
        lawfulBasis: LawfulBasis?, consent: ConsentStatus, consentReason: String?, reasons: String, requestId: UUID?
    ) {
        self.id = id
        self.personId = personId
        self.childName = childName
        self.decision = decision
        self.what = what
        self.records = records
        self.recipientAgencyId = recipientAgencyId
        self.recipientAgency = recipientAgency
        self.recipientUserId = recipientUserId
        self.recipientName = recipientName
        self.sharedOn = sharedOn
        self.recordedBy = recordedBy
        self.recordedAt = recordedAt
        self.decisionMaker = decisionMaker
        self.lawfulBasis = lawfulBasis
        self.consent = consent
        self.consentReason = consentReason
        self.reasons = reasons
        self.requestId = requestId
    }
}

/// What a receiving agency sees of a disclosure made to it: what was shared, when, by whom and on which
/// basis. Never the linked records, the reasons about the family, or anything else on the child's file.
public struct SharedWithAgency: Identifiable, Hashable, Sendable {
    public let id: UUID
    public let personId: UUID
    public let childName: String
    public let what: String
    public let sharedOn: LocalDate
    public let sharedBy: String
    public let recipientName: String?
    public let lawfulBasis: String

    public init(
        id: UUID, personId: UUID, childName: String, what: String, sharedOn: LocalDate, sharedBy: String,
        recipientName: String?, lawfulBasis: String
    ) {
        self.id = id
        self.personId = personId
        self.childName = childName
        self.what = what
        self.sharedOn = sharedOn
        self.sharedBy = sharedBy
        self.recipientName = recipientName
        self.lawfulBasis = lawfulBasis
    }
}
