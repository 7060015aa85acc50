import Foundation

/// Why an adult is managed as a person who poses a risk (DOMAIN.md section 5).
public enum RiskPersonKind: String, CaseIterable, Codable, Sendable {
    /// Subject to the notification requirements of the Sexual Offences Act 2003, Part 2.
    case registeredSexOffender = "registered_sex_offender"
    case violentOffender = "violent_offender"
    /// Not convicted of a qualifying offence, but assessed as posing a risk of serious harm.
    case potentiallyDangerousPerson = "potentially_dangerous_person"

    public var label: String {
        switch self {
        case .registeredSexOffender: "Registered sex offender"
        case .violentOffender: "Violent offender"
        case .potentiallyDangerousPerson: "Other potentially dangerous person"
        }
    }
}

/// The risk of serious harm scale (OASys): low, medium, high, very high.
public enum RiskOfSeriousHarm: String, CaseIterable, Codable, Sendable, Comparable {
    case low, medium, high
    case veryHigh = "very_high"

    public var label: String {
        switch self {
        case .low: "Low"
        case .medium: "Medium"
        case .high: "High"
        case .veryHigh: "Very high"
        }
    }

    private var rank: Int { Self.allCases.firstIndex(of: self)! }
    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rank < rhs.rank }
}

/// Whom the risk of serious harm is to.
public enum RiskGroup: String, CaseIterable, Codable, Sendable {
    case children
    case knownAdults = "known_adults"
    case `public`
    case staff

    public var label: String {
        switch self {
        case .children: "Children"
        case .knownAdults: "Known adults"
        case .public: "The public"
        case .staff: "Staff"
        }
    }
}

/// MAPPA category: 1 registered sex offenders, 2 violent offenders, 3 other dangerous offenders.
public enum MappaCategory: Int, CaseIterable, Codable, Sendable {
    case one = 1, two = 2, three = 3

    public var label: String {
        switch self {
        case .one: "Category 1: registered sex offender"
        case .two: "Category 2: violent offender"
        case .three: "Category 3: other dangerous offender"
        }
    }
}

/// MAPPA level of management: 1 ordinary agency management, 2 multi-agency meetings, 3 senior
/// management with special resources. Levels 2 and 3 meet and are reviewed.
public enum MappaLevel: Int, CaseIterable, Codable, Sendable {
    case one = 1, two = 2, three = 3

    public var label: String {
        switch self {
        case .one: "Level 1: ordinary agency management"
        case .two: "Level 2: multi-agency management"
        case .three: "Level 3: senior multi-agency management"
        }
    }

    /// Whether cases at this level are managed through panel meetings (and so need a meeting date).
    public var meets: Bool { self != .one }
}

/// How long a registered sex offender's notification requirements last.
public enum RegistrationPeriod: Hashable, Sendable {
    case years(Int)
    case indefinite

    /// The text a form and the API exchange: a number of years, or `indefinite`.
    public var text: String {
        switch self {
        case .years(let n): String(n)
        case .indefinite: "indefinite"
        }
    }

    public var label: String {
        switch self {
        case .years(let n): n == 1 ? "1 year" : "\(n) years"
        case .indefinite: "Indefinite"
        }
    }
}
