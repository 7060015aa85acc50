import Foundation

/// The kinds of court order (and the police power that ends in an application) a child's record holds.
public enum CourtOrderKind: String, CaseIterable, Codable, Sendable {
    case emergencyProtection = "emergency_protection"
    case childAssessment = "child_assessment"
    case interimCare = "interim_care"
    case interimSupervision = "interim_supervision"
    case care
    case supervision
    case placement
    case specialGuardianship = "special_guardianship"
    case childArrangements = "child_arrangements"
    /// Police protection (s46) is a police power, recorded on the police side; it is in the limits
    /// table so that its 72 hours sit beside the orders, and an application that ends it links to it.
    case policeProtection = "police_protection"

    public var label: String {
        switch self {
        case .emergencyProtection: "Emergency protection order"
        case .childAssessment: "Child assessment order"
        case .interimCare: "Interim care order"
        case .interimSupervision: "Interim supervision order"
        case .care: "Care order"
        case .supervision: "Supervision order"
        case .placement: "Placement order"
        case .specialGuardianship: "Special guardianship order"
        case .childArrangements: "Child arrangements order"
        case .policeProtection: "Police protection"
        }
    }

    /// The kinds a worker records here (police protection is recorded by the police).
    public static let recordable: [CourtOrderKind] = allCases.filter { $0 != .policeProtection }

    /// Whether the order is interim: it cannot outlast the proceedings it was made in.
    public var isInterim: Bool { self == .interimCare || self == .interimSupervision }
}

/// How long an order may last from the day it starts.
public enum OrderTerm: Hashable, Sendable {
    /// At most this many calendar days from the start.
    case days(Int)
    /// At most this many hours from the start (counted as whole days on the calendar).
    case hours(Int)
    /// At most this many calendar years from the start.
    case years(Int)
    /// Until the child's 18th birthday unless discharged earlier.
    case untilEighteen
    /// For the period the court sets: no statutory maximum.
    case setByCourt

    /// The latest date `term` allows from `start`; nil when the law sets none.
    func latest(from start: LocalDate, ruleset: Ruleset) -> LocalDate? {
        switch self {
        case .days(let n): ruleset.due(.calendarDays(n), from: start)
        case .hours(let n): ruleset.due(.hours(n), from: start)
        case .years(let n): start.adding(months: 12 * n)
        case .untilEighteen, .setByCourt: nil
        }
    }

    /// The term in a worker's words: "8 days", "1 year".
    public var words: String {
        switch self {
        case .days(let n): n == 1 ? "1 day" : "\(n) days"
        case .hours(let n): "\(n) hours"
        case .years(let n): n == 1 ? "1 year" : "\(n) years"
        case .untilEighteen: "until the child's 18th birthday"
        case .setByCourt: "for the period the court sets"
        }
    }
}

/// How an order may be extended: how many times (nil: as often as the court decides), by at most
/// how much each time, and up to what total from the day it started.
public struct OrderExtensionRule: Hashable, Sendable {
    public let times: Int?
    public let each: OrderTerm?
    public let total: OrderTerm?

    public static let none = OrderExtensionRule(times: 0, each: nil, total: nil)

    public init(times: Int?, each: OrderTerm?, total: OrderTerm?) {
        self.times = times
        self.each = each
        self.total = total
    }
}

/// One row of the legal limits table: an order kind, how long it may last, how it may be extended,
/// and the provision that says so.
public struct CourtOrderLimit: Hashable, Sendable {
    public let kind: CourtOrderKind
    public let term: OrderTerm
    public let extensions: OrderExtensionRule
    public let basis: String

    /// The limit in one sentence, as a refusal names it.
    public var sentence: String {
        var text = "\(kind.label): \(term.words)"
        if let times = extensions.times, times > 0, let each = extensions.each {
            text += times == 1 ? ", one extension of up to \(each.words)" : ", \(times) extensions of \(each.words)"
        }
        if extensions.times == nil, let total = extensions.total {
            text += ", extendable up to \(total.words) in all"
        }
        return text + " (\(basis))"
    }
}
