import Foundation

/// The lawful basis for sharing personal information (UK GDPR and the Data Protection Act 2018), as
/// named when the police share police-only information with social care.
public enum LawfulBasis: String, CaseIterable, Codable, Sendable {
    case safeguardingChildren = "dpa2018_sch8_para18"
    case publicTask = "ukgdpr_6_1_e"
    case lawEnforcement = "dpa2018_part3_s35"
    case legalObligation = "ukgdpr_6_1_c"
    case consent = "ukgdpr_6_1_a"

    public var label: String {
        switch self {
        case .safeguardingChildren: "Safeguarding of children and individuals at risk (DPA 2018 Sch 8 para 18)"
        case .publicTask: "Public task (UK GDPR Article 6(1)(e))"
        case .lawEnforcement: "Law enforcement processing (DPA 2018 Part 3, s35)"
        case .legalObligation: "Legal obligation (UK GDPR Article 6(1)(c))"
        case .consent: "Consent (UK GDPR Article 6(1)(a))"
        }
    }
}

/// Police-only information a police user decided to share with social care.
public struct DisclosureDraft: Hashable, Sendable {
    public var field: String
    public var text: String
    public var lawfulBasis: LawfulBasis
    public var reason: String

    public init(field: String, text: String, lawfulBasis: LawfulBasis, reason: String) {
        self.field = field
        self.text = text
        self.lawfulBasis = lawfulBasis
        self.reason = reason
    }

    /// What may be shared: the intelligence held, or the child's account from an ABE interview.
    public static let fields = ["intelligence", "interview_account"]

    public func validated() throws(SafeholdError) -> DisclosureDraft {
        var v = Validation()
        if !Self.fields.contains(field) { v.add("field", "must be one of \(Self.fields.joined(separator: ", "))") }
        v.text("text", text, required: true, max: 10_000, multiline: true)
        v.text("reason", reason, required: true, max: 2000, multiline: true)
        try v.check()
        return self
    }
}

/// A disclosure as kept: what was shared, on which basis, why, when and by whom.
public struct PoliceDisclosure: Identifiable, Hashable, Sendable {
    public let id: UUID
    public let field: String
    public let text: String
    public let lawfulBasis: LawfulBasis
    public let reason: String
    public let sharedAt: Date
    public let sharedBy: String

    public init(
        id: UUID, field: String, text: String, lawfulBasis: LawfulBasis, reason: String, sharedAt: Date,
        sharedBy: String
    ) {
        self.id = id
        self.field = field
        self.text = text
        self.lawfulBasis = lawfulBasis
        self.reason = reason
        self.sharedAt = sharedAt
        self.sharedBy = sharedBy
    }
}
