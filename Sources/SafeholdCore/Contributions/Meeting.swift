import Foundation

/// A conference or core group meeting on an episode: its day, whether it has been held, and what
/// the chair or social worker shared with the invited agencies afterwards.
public struct Meeting: Hashable, Sendable, Identifiable {
    public let id: UUID
    public let episodeId: UUID
    public let kind: MeetingKind
    public let meetsOn: LocalDate
    /// When the meeting was recorded as held (attendance or the shared decision recorded): reports
    /// can no longer be changed.
    public let heldAt: Date?
    /// What was shared with the invited agencies after the meeting (the decision summary).
    public let sharedDecision: String?
    public let sharedBy: String?
    public let sharedAt: Date?
    public let version: Int

    public init(
        id: UUID, episodeId: UUID, kind: MeetingKind, meetsOn: LocalDate, heldAt: Date?, sharedDecision: String?,
        sharedBy: String?, sharedAt: Date?, version: Int
    ) {
        self.id = id
        self.episodeId = episodeId
        self.kind = kind
        self.meetsOn = meetsOn
        self.heldAt = heldAt
        self.sharedDecision = sharedDecision
        self.sharedBy = sharedBy
        self.sharedAt = sharedAt
        self.version = version
    }

    public var isHeld: Bool { heldAt != nil }

    /// What the meeting is called in a sentence: "Initial child protection conference on 3 December 2026".
    public var title: String { "\(kind.label) on \(meetsOn.display)" }

    /// Attendance and the decisions shared are recorded once the meeting's day has come.
    public func requireDayCome(today: LocalDate, what: String) throws(SafeholdError) {
        if meetsOn > today {
            throw .conflict("The meeting is on \(meetsOn.display): \(what) is recorded on or after that day.")
        }
    }

    /// Reports may be written and changed until the meeting has been held.
    public func requireOpenForReports() throws(SafeholdError) {
        if isHeld {
            throw .conflict(
                "The \(kind.label.lowercased()) on \(meetsOn.display) has been held, so its reports can no "
                    + "longer be changed. Speak to the chair or the social worker if something needs correcting.")
        }
    }

    /// Checks the summary of decisions shared with the invited agencies.
    public static func validatedDecision(_ summary: String?) throws(SafeholdError) -> String {
        var v = Validation()
        v.text("summary", summary, required: true, max: 8000, multiline: true)
        try v.check()
        return summary!.trimmingCharacters(in: .whitespacesAndNewlines)
    }
}

/// An agency's report to a meeting, in the structured form conferences use (Signs of Safety's
/// questions with the agency's view): what we know, what we are worried about, what is working
/// well, and our view and recommendation.
public struct AgencyReport: Hashable, Sendable {
    public let invitationId: UUID
    public let whatWeKnow: String
    public let worries: String
    public let workingWell: String
    public let recommendation: String
    public let authorName: String
    public let agencyName: String
    public let submittedAt: Date
    public let updatedAt: Date
    public let version: Int

    public init(
        invitationId: UUID, whatWeKnow: String, worries: String, workingWell: String, recommendation: String,
        authorName: String, agencyName: String, submittedAt: Date, updatedAt: Date, version: Int
    ) {
        self.invitationId = invitationId
        self.whatWeKnow = whatWeKnow
        self.worries = worries
        self.workingWell = workingWell
        self.recommendation = recommendation
        self.authorName = authorName
        self.agencyName = agencyName
        self.submittedAt = submittedAt
        self.updatedAt = updatedAt
        self.version = version
    }

    /// The report as typed: every section required, each up to 8,000 characters.
    public struct Draft: Hashable, Sendable {
        public let whatWeKnow: String
        public let worries: String
        public let workingWell: String
        public let recommendation: String

        public static func validated(
            whatWeKnow: String?, worries: String?, workingWell: String?, recommendation: String?
        ) throws(SafeholdError) -> Draft {
            var v = Validation()
            v.text("whatWeKnow", whatWeKnow, required: true, max: 8000, multiline: true)
            v.text("worries", worries, required: true, max: 8000, multiline: true)
            v.text("workingWell", workingWell, required: true, max: 8000, multiline: true)
            v.text("recommendation", recommendation, required: true, max: 8000, multiline: true)
            try v.check()
            let trim = { (s: String?) in s!.trimmingCharacters(in: .whitespacesAndNewlines) }
            return Draft(
                whatWeKnow: trim(whatWeKnow), worries: trim(worries), workingWell: trim(workingWell),
                recommendation: trim(recommendation))
        }
    }

    /// The version a report write expects: 0 for a first report, else the version the writer read.
    public static func validatedVersion(_ version: Int?) throws(SafeholdError) -> Int {
        guard let version, (0...Int(Int32.max)).contains(version) else {
            throw .invalid([FieldError("version", "is missing: reload the page")])
        }
        return version
    }
}
