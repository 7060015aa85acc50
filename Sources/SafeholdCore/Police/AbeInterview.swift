import Foundation

/// The kind of interview planned for a child (Achieving Best Evidence guidance).
public enum InterviewType: String, CaseIterable, Codable, Sendable {
    case videoRecorded = "video_recorded"
    case writtenStatement = "written_statement"
    case audioOnly = "audio_only"

    public var label: String {
        switch self {
        case .videoRecorded: "Video-recorded interview (evidence in chief)"
        case .writtenStatement: "Written statement"
        case .audioOnly: "Audio-recorded interview"
        }
    }
}

/// Special measures for a vulnerable or intimidated witness (Youth Justice and Criminal Evidence Act 1999).
public enum SpecialMeasure: String, CaseIterable, Codable, Sendable {
    case screens, liveLink = "live_link", evidenceInPrivate = "evidence_in_private"
    case wigsAndGowns = "wigs_and_gowns", videoEvidenceInChief = "video_evidence_in_chief"
    case preRecordedCrossExamination = "pre_recorded_cross_examination", intermediary
    case communicationAids = "communication_aids"

    public var label: String {
        switch self {
        case .screens: "Screens"
        case .liveLink: "Live link"
        case .evidenceInPrivate: "Evidence given in private"
        case .wigsAndGowns: "Removal of wigs and gowns"
        case .videoEvidenceInChief: "Video-recorded evidence in chief"
        case .preRecordedCrossExamination: "Pre-recorded cross-examination (s28)"
        case .intermediary: "Examination through an intermediary"
        case .communicationAids: "Aids to communication"
        }
    }
}

/// The planning decision for an ABE interview: who, when, why this type of interview.
public struct InterviewPlan: Hashable, Sendable {
    public var childId: UUID
    public var plannedFor: Date
    public var type: InterviewType
    public var rationale: String
    public var interviewerIds: [UUID]
    public var intermediary: String?
    public var specialMeasures: [SpecialMeasure]
    /// The police protection this interview follows, if any: it cannot be before that removal.
    public var followsProtectionId: UUID?

    public init(
        childId: UUID, plannedFor: Date, type: InterviewType, rationale: String, interviewerIds: [UUID],
        intermediary: String?, specialMeasures: [SpecialMeasure], followsProtectionId: UUID? = nil
    ) {
        self.childId = childId
        self.plannedFor = plannedFor
        self.type = type
        self.rationale = rationale
        self.interviewerIds = interviewerIds
        self.intermediary = intermediary
        self.specialMeasures = specialMeasures
        self.followsProtectionId = followsProtectionId
    }

    public func validated() throws(SafeholdError) -> InterviewPlan {
        var v = Validation()
        v.instant("plannedFor", plannedFor)
        v.text("rationale", rationale, required: true, max: 4000, multiline: true)
        if interviewerIds.isEmpty { v.add("interviewerIds", "name at least one interviewer") }
        v.count("interviewerIds", interviewerIds.count, max: 4, noun: "interviewers")
        if Set(interviewerIds).count != interviewerIds.count { v.add("interviewerIds", "names an interviewer twice") }
        v.text("intermediary", intermediary, max: 200)
        if specialMeasures.contains(.intermediary) && (intermediary ?? "").isEmpty {
            v.add("intermediary", "name the intermediary when examination through an intermediary is planned")
        }
        try v.check()
        return self
    }

    /// Refuses an interviewer without an ABE accreditation current on `date`, naming them.
    public static func checkAccreditation(
        _ interviewers: [UUID], names: [UUID: String], accreditations: [Accreditation], on date: LocalDate
    ) throws(SafeholdError) {
        let lacking = interviewers.filter { id in
            !accreditations.contains { $0.userId == id && $0.kind == .abeInterviewing && $0.isCurrent(on: date) }
        }
        guard lacking.isEmpty else {
            let who = lacking.map { names[$0] ?? "an interviewer" }.joined(separator: ", ")
            let message = "\(who) holds no ABE interviewing accreditation current on \(date.display)"
            throw .invalid([FieldError("interviewerIds", message)])
        }
    }
}

/// What happened at the interview: consent, who was present, the recording's reference and where it
/// is kept (never the recording itself), its review and destruction dates, and the child's account.
public struct InterviewRecord: Hashable, Sendable {
    public var heldAt: Date
    public var consentGiven: Bool
    /// Who gave consent (the child, with a parent or carer where appropriate).
    public var consentBy: String
    public var present: String
    public var recordingReference: String
    public var storageLocation: String
    public var reviewOn: LocalDate
    public var destroyOn: LocalDate
    /// Police-only until shared: a summary of the child's account.
    public var accountSummary: String

    public init(
        heldAt: Date, consentGiven: Bool, consentBy: String, present: String, recordingReference: String,
        storageLocation: String, reviewOn: LocalDate, destroyOn: LocalDate, accountSummary: String
    ) {
        self.heldAt = heldAt
        self.consentGiven = consentGiven
        self.consentBy = consentBy
        self.present = present
        self.recordingReference = recordingReference
        self.storageLocation = storageLocation
        self.reviewOn = reviewOn
        self.destroyOn = destroyOn
        self.accountSummary = accountSummary
    }

    public func validated(now: Date, ruleset: Ruleset = .england2025) throws(SafeholdError) -> InterviewRecord {
        var v = Validation()
        let heldOK = v.instant("heldAt", heldAt, notAfter: now.addingTimeInterval(300))
        if !consentGiven { v.add("consentGiven", "an interview is recorded only with consent") }
        v.text("consentBy", consentBy, required: true, max: 200)
        v.text("present", present, required: true, max: 1000, multiline: true)
        v.text("recordingReference", recordingReference, required: true, max: 60)
        v.text("storageLocation", storageLocation, required: true, max: 200)
        let heldOn = ruleset.date(of: heldOK ? heldAt : now)
        let reviewOK = v.date(
            "reviewOn", reviewOn, required: true, notBefore: heldOn,
            beforeMessage: "cannot be before the interview")
        if v.date("destroyOn", destroyOn, required: true), reviewOK, destroyOn < reviewOn {
            v.add("destroyOn", "cannot be before the review date")
        }
        v.text("accountSummary", accountSummary, required: true, max: 10_000, multiline: true)
        try v.check()
        return self
    }
}

/// An interview as kept: its plan, and what happened once it is held.
public struct AbeInterview: Identifiable, Hashable, Sendable {
    public let id: UUID
    public let investigationId: UUID
    public var plan: InterviewPlan
    public var record: InterviewRecord?
    public var version: Int

    public init(id: UUID, investigationId: UUID, plan: InterviewPlan, record: InterviewRecord?, version: Int) {
        self.id = id
        self.investigationId = investigationId
        self.plan = plan
        self.record = record
        self.version = version
    }

    public var isHeld: Bool { record != nil }
}
