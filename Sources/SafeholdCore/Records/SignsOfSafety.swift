import Foundation

/// A Signs of Safety mapping of a child's situation: what we are worried about, what is working well,
/// and what needs to happen.
public struct SafetyMapping: Identifiable, Hashable, Codable, Sendable {
    public let id: UUID
    public let personId: UUID
    public let mappedOn: LocalDate
    public let worries: String
    public let workingWell: String
    public let needsToHappen: String
    public let recordedBy: String

    public init(
        id: UUID, personId: UUID, mappedOn: LocalDate, worries: String, workingWell: String, needsToHappen: String,
        recordedBy: String
    ) {
        self.id = id
        self.personId = personId
        self.mappedOn = mappedOn
        self.worries = worries
        self.workingWell = workingWell
        self.needsToHappen = needsToHappen
        self.recordedBy = recordedBy
    }
}

/// The input of a new mapping.
public struct SafetyMappingDraft: Hashable, Codable, Sendable {
    public var mappedOn: LocalDate
    public var worries: String
    public var workingWell: String
    public var needsToHappen: String

    public init(mappedOn: LocalDate, worries: String, workingWell: String, needsToHappen: String) {
        self.mappedOn = mappedOn
        self.worries = worries
        self.workingWell = workingWell
        self.needsToHappen = needsToHappen
    }

    /// Refuses a date outside 1900-2100 or after `today`, and any of the three texts missing or
    /// breaking `TextRules` (10,000 characters each, line breaks allowed).
    public func validated(today: LocalDate) throws(SafeholdError) -> SafetyMappingDraft {
        var v = Validation()
        v.date("mappedOn", mappedOn, notAfter: today)
        v.text("worries", worries, required: true, max: 10_000, multiline: true)
        v.text("workingWell", workingWell, required: true, max: 10_000, multiline: true)
        v.text("needsToHappen", needsToHappen, required: true, max: 10_000, multiline: true)
        try v.check()
        return self
    }
}

/// Who gave a rating on the safety scale.
public enum SafetyRaterRole: String, CaseIterable, Codable, Sendable {
    case child, parent, socialWorker = "social_worker", otherProfessional = "other_professional"

    public var label: String {
        switch self {
        case .child: "Child"
        case .parent: "Parent or carer"
        case .socialWorker: "Social worker"
        case .otherProfessional: "Other professional"
        }
    }
}

/// One participant's rating on the 0-10 safety scale (0: the child is certain to be harmed again;
/// 10: everyone agrees the child is safe enough to close the case), on a date.
public struct SafetyRating: Identifiable, Hashable, Codable, Sendable {
    public let id: UUID
    public let personId: UUID
    public let ratedOn: LocalDate
    public let participantName: String
    public let role: SafetyRaterRole
    public let value: Int
    public let recordedBy: String

    public init(
        id: UUID, personId: UUID, ratedOn: LocalDate, participantName: String, role: SafetyRaterRole, value: Int,
        recordedBy: String
    ) {
        self.id = id
        self.personId = personId
        self.ratedOn = ratedOn
        self.participantName = participantName
        self.role = role
        self.value = value
        self.recordedBy = recordedBy
    }
}

/// The input of a new rating.
public struct SafetyRatingDraft: Hashable, Codable, Sendable {
    public var ratedOn: LocalDate
    public var participantName: String
    public var role: SafetyRaterRole
    public var value: Int

    public init(ratedOn: LocalDate, participantName: String, role: SafetyRaterRole, value: Int) {
        self.ratedOn = ratedOn
        self.participantName = participantName
        self.role = role
        self.value = value
    }

    /// The scale's range.
    public static let scale = 0...10

    /// Refuses a date outside 1900-2100 or after `today`, a missing or unsafe name, and a value
    /// outside 0-10.
    public func validated(today: LocalDate) throws(SafeholdError) -> SafetyRatingDraft {
        var v = Validation()
        v.date("ratedOn", ratedOn, notAfter: today)
        v.text("participantName", participantName, required: true, max: 200)
        v.number("value", value, in: Self.scale)
        try v.check()
        return self
    }
}
