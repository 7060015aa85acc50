import Foundation

/// The DfE's validation rules for the 2025-26 CIN census, as data: each a `CensusRule` (number, message,
/// predicate). They are grouped in files by what they check; `all` lists every one, in number order.
public enum CensusRules {
    public static var all: [CensusRule] {
        (headerAndChild + episodes).sorted { ($0.number, $0.code) < ($1.number, $1.code) }
    }
}

extension CensusRule {
    /// The rule's number without its "Q" (for ordering).
    var number: Int { Int(code.filter(\.isNumber)) ?? 0 }
}
