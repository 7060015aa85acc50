import Foundation

extension CensusRules {
    /// The header, the child's identifiers and characteristics, and rules across the whole return.
    static var headerAndChild: [CensusRule] { [] }
}
