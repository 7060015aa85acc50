import Foundation

/// A partner professional's question to the front door, asked without making a referral: a
/// consultation, optionally about a named child (one they found by name) or a child they describe.
public struct AdviceRequestDraft: Hashable, Sendable {
    public var question: String
    public var childId: UUID?
    /// A few words about the child when they are not named from Safehold ("Year 4 pupil").
    public var childDescription: String?

    public init(question: String, childId: UUID?, childDescription: String?) {
        self.question = question
        self.childId = childId
        self.childDescription = childDescription
    }

    /// Refuses a request with no question, or one that both names a child and describes one.
    public func validated() throws(SafeholdError) -> AdviceRequestDraft {
        var v = Validation()
        v.text("question", question, required: true, max: 4000, multiline: true)
        v.text("childDescription", childDescription, max: 200)
        if childId != nil && childDescription.nonBlank != nil {
            v.add("childDescription", "either name a child from Safehold or describe one, not both")
        }
        try v.check()
        return self
    }

    /// Checks the advice the front door gives.
    public static func validateAdvice(_ advice: String) throws(SafeholdError) {
        var v = Validation()
        v.text("advice", advice, required: true, max: 4000, multiline: true)
        try v.check()
    }
}

/// A consultation and, once given, the front door's advice; kept and shown to the professional who asked.
public struct AdviceRequest: Identifiable, Hashable, Sendable {
    public let id: UUID
    public let askedAt: Date
    public let askedBy: UUID
    public let askedByName: String
    public let agencyName: String
    public let question: String
    public let childId: UUID?
    public let childName: String?
    public let childDescription: String?
    public let advice: String?
    public let advisedAt: Date?
    public let advisedByName: String?
    public let version: Int

    public init(
        id: UUID, askedAt: Date, askedBy: UUID, askedByName: String, agencyName: String, question: String,
        childId: UUID?, childName: String?, childDescription: String?, advice: String?, advisedAt: Date?,
        advisedByName: String?, version: Int
    ) {
        self.id = id
        self.askedAt = askedAt
        self.askedBy = askedBy
        self.askedByName = askedByName
        self.agencyName = agencyName
        self.question = question
        self.childId = childId
        self.childName = childName
        self.childDescription = childDescription
        self.advice = advice
        self.advisedAt = advisedAt
        self.advisedByName = advisedByName
        self.version = version
    }

    public var isAnswered: Bool { advice != nil }
}

extension ReferralSource {
    /// The census source of a concern a partner raises, from their agency's kind.
    public static func raisedBy(_ kind: Agency.Kind) -> ReferralSource {
        switch kind {
        case .school: .schools
        case .health: .healthOther
        case .police: .police
        case .probation: .otherLegalAgency
        case .localAuthority: .laExternal
        case .other: .other
        }
    }
}
