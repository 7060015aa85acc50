import Foundation

/// What the data protection officer narrows the register of sharing to: a date range (the date shared,
/// or received for requests), the agency, the decision and the lawful basis. Read from text the same way
/// for the page and the API.
public struct SharingRegisterFilter: Hashable, Sendable {
    public var from: LocalDate?
    public var to: LocalDate?
    public var agencyId: UUID?
    public var decision: SharingDecision?
    public var lawfulBasis: String?

    public init(
        from: LocalDate? = nil, to: LocalDate? = nil, agencyId: UUID? = nil, decision: SharingDecision? = nil,
        lawfulBasis: String? = nil
    ) {
        self.from = from
        self.to = to
        self.agencyId = agencyId
        self.decision = decision
        self.lawfulBasis = lawfulBasis
    }

    /// Reads the filter from query text; an empty value is no filter, anything unreadable a field error.
    public static func parse(
        from: String?, to: String?, agencyId: String?, decision: String?, lawfulBasis: String?
    ) throws(SafeholdError) -> SharingRegisterFilter {
        func given(_ s: String?) -> String? {
            let t = s?.trimmingCharacters(in: .whitespaces) ?? ""
            return t.isEmpty ? nil : t
        }
        var v = Validation()
        var filter = SharingRegisterFilter()
        if let text = given(from) { filter.from = v.isoDate("from", text) }
        if let text = given(to) {
            filter.to = v.isoDate("to", text, notBefore: filter.from, beforeMessage: "cannot be before the start")
        }
        if let text = given(agencyId) {
            filter.agencyId = UUID(uuidString: text)
            if filter.agencyId == nil { v.add("agencyId", "is not an agency id") }
        }
        if let text = given(decision) {
            filter.decision = SharingDecision(rawValue: text)
            if filter.decision == nil {
                v.add("decision", "must be one of \(SharingDecision.allCases.map(\.rawValue).joined(separator: ", "))")
            }
        }
        if let text = given(lawfulBasis) {
            v.text("lawfulBasis", text, max: 64)
            filter.lawfulBasis = text
        }
        try v.check()
        return filter
    }
}
