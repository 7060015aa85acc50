import Foundation

/// A lawful basis for sharing personal information (UK GDPR and the Data Protection Act 2018), as a row of
/// the code list kept in the database (`lawful_bases`): the legal text lives there, not in code, so a data
/// protection officer can retire a basis or add one without a release. Social care's disclosures to
/// partner agencies and the police's sharing with social care choose from the same list.
public struct LawfulBasis: Hashable, Codable, Sendable {
    /// What a basis may be chosen for.
    public enum Use: String, CaseIterable, Codable, Sendable {
        /// Children's social care sharing with (or declining to share with) another agency.
        case sharing
        /// A police user sharing police-only information with social care.
        case police
    }

    /// The stable code kept on every record that names the basis.
    public let code: String
    /// What a worker reads when choosing it.
    public let label: String
    /// The legal provisions it rests on ("UK GDPR Art 6(1)(e)").
    public let reference: String
    public let uses: Set<Use>
    /// Whether the basis is the person's consent (then consent must have been given).
    public let isConsent: Bool
    /// Retired bases stay on the records that named them but cannot be chosen again.
    public let active: Bool

    public init(
        code: String, label: String, reference: String, uses: Set<Use>, isConsent: Bool, active: Bool
    ) {
        self.code = code
        self.label = label
        self.reference = reference
        self.uses = uses
        self.isConsent = isConsent
        self.active = active
    }

    /// Finds `code` among `list` when it may be chosen for `use`: an unknown, retired or other-use code is
    /// a field error on `field`, in words a worker understands.
    public static func choose(
        _ code: String?, for use: Use, from list: [LawfulBasis], field: String = "lawfulBasis"
    ) throws(SafeholdError) -> LawfulBasis {
        let given = code?.trimmingCharacters(in: .whitespaces) ?? ""
        guard !given.isEmpty else { throw .invalid([FieldError(field, "is required: choose the lawful basis")]) }
        guard let basis = list.first(where: { $0.code == given }) else {
            throw .invalid([FieldError(field, "is not a lawful basis on the list (\(Validation.shown(given)))")])
        }
        guard basis.active else {
            throw .invalid([FieldError(field, "has been retired from the list: choose a current lawful basis")])
        }
        guard basis.uses.contains(use) else {
            throw .invalid([FieldError(field, "cannot be used for this kind of sharing: choose another basis")])
        }
        return basis
    }
}
