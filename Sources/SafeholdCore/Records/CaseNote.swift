import Foundation

/// A dated note on a child's record; a significant one goes onto the chronology.
public struct CaseNote: Identifiable, Hashable, Codable, Sendable {
    public enum Kind: String, CaseIterable, Codable, Sendable {
        case phoneCall = "phone_call", email, meeting, observation, letter, other

        public var label: String {
            switch self {
            case .phoneCall: "Phone call"
            case .email: "Email"
            case .meeting: "Meeting"
            case .observation: "Observation"
            case .letter: "Letter"
            case .other: "Other"
            }
        }
    }

    public let id: UUID
    public let personId: UUID
    public let notedOn: LocalDate
    public let kind: Kind
    public let significant: Bool
    public let body: String
    public let authorName: String

    public init(
        id: UUID, personId: UUID, notedOn: LocalDate, kind: Kind, significant: Bool, body: String, authorName: String
    ) {
        self.id = id
        self.personId = personId
        self.notedOn = notedOn
        self.kind = kind
        self.significant = significant
        self.body = body
        self.authorName = authorName
    }
}

/// The input of a new case note.
public struct CaseNoteDraft: Hashable, Codable, Sendable {
    public var notedOn: LocalDate
    public var kind: CaseNote.Kind
    public var significant: Bool
    public var body: String

    public init(notedOn: LocalDate, kind: CaseNote.Kind, significant: Bool, body: String) {
        self.notedOn = notedOn
        self.kind = kind
        self.significant = significant
        self.body = body
    }

    /// Refuses a note dated outside 1900-2100 or after `today` (the UK date), or with no text.
    public func validated(today: LocalDate) throws(SafeholdError) -> CaseNoteDraft {
        var v = Validation()
        v.date("notedOn", notedOn, notAfter: today)
        v.text("body", body, required: true, max: 20_000, multiline: true)
        try v.check()
        return self
    }
}
