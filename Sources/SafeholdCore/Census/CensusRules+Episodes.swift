import Foundation

extension CensusRules {
    /// Episodes (CINdetails) and what they hold: assessments, CIN plans, section 47 enquiries,
    /// child protection plans and their reviews.
    static var episodes: [CensusRule] { [] }
}
