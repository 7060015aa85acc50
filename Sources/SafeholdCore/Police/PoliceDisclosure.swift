import Foundation

/// Police-only information a police user decided to share with social care.
public struct DisclosureDraft: Hashable, Sendable {
    public var field: String
    public var text: String
    /// A code from the lawful bases kept as data (`LawfulBasis`), usable by the police.
    public var lawfulBasis: String
    public var reason: String

    public init(field: String, text: String, lawfulBasis: String, reason: String) {
        self.field = field
        self.text = text
        self.lawfulBasis = lawfulBasis
        self.reason = reason
    }

    /// What may be shared: the intelligence held, or the child's account from an ABE interview.
    public static let fields = ["intelligence", "interview_account"]

    /// Checks the draft, its lawful basis against `bases` (the code list kept as data).
    public func validated(bases: [LawfulBasis]) throws(SafeholdError) -> DisclosureDraft {
        var v = Validation()
        do { _ = try LawfulBasis.choose(lawfulBasis, for: .police, from: bases) } catch let error {
            if case .invalid(let errors) = error { v.merge(errors) }
        }
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
    /// The basis's code and, as the code list names it, its label.
    public let lawfulBasis: String
    public let lawfulBasisLabel: String
    public let reason: String
    public let sharedAt: Date
    public let sharedBy: String

    public init(
        id: UUID, field: String, text: String, lawfulBasis: String, lawfulBasisLabel: String, reason: String,
        sharedAt: Date, sharedBy: String
    ) {
        self.id = id
        self.field = field
        self.text = text
        self.lawfulBasis = lawfulBasis
        self.lawfulBasisLabel = lawfulBasisLabel
        self.reason = reason
        self.sharedAt = sharedAt
        self.sharedBy = sharedBy
    }
}
