import Foundation

/// Sex as the CIN census records it.
public enum Sex: String, CaseIterable, Codable, Sendable {
    case male = "M", female = "F", unknown = "U"

    public var label: String {
        switch self {
        case .male: "Male"
        case .female: "Female"
        case .unknown: "Not known"
        }
    }
}

/// What kind of person a record is about.
public enum PersonKind: String, CaseIterable, Codable, Sendable {
    case child, unborn, adult, professional

    public var label: String {
        switch self {
        case .child: "Child"
        case .unborn: "Unborn child"
        case .adult: "Adult"
        case .professional: "Professional"
        }
    }
}

/// The code sets a person's record draws on (DfE CIN census codes).
public enum CodeSets {
    /// Ethnicity codes with their descriptions.
    public static let ethnicity: [(code: String, label: String)] = [
        ("WBRI", "White British"), ("WIRI", "White Irish"), ("WIRT", "Traveller of Irish heritage"),
        ("WOTH", "Any other White background"), ("WROM", "Gypsy/Roma"),
        ("MWBC", "White and Black Caribbean"), ("MWBA", "White and Black African"),
        ("MWAS", "White and Asian"), ("MOTH", "Any other mixed background"),
        ("AIND", "Indian"), ("APKN", "Pakistani"), ("ABAN", "Bangladeshi"),
        ("AOTH", "Any other Asian background"), ("BCRB", "Black Caribbean"), ("BAFR", "Black African"),
        ("BOTH", "Any other Black background"), ("CHNE", "Chinese"), ("OOTH", "Any other ethnic group"),
        ("REFU", "Refused"), ("NOBT", "Information not yet obtained"),
    ]

    /// Disability codes with their descriptions.
    public static let disability: [(code: String, label: String)] = [
        ("NONE", "No disability"), ("MOB", "Mobility"), ("HAND", "Hand function"),
        ("PC", "Personal care"), ("INC", "Incontinence"), ("COMM", "Communication"),
        ("LD", "Learning"), ("HEAR", "Hearing"), ("VIS", "Vision"), ("BEH", "Behaviour"),
        ("CON", "Consciousness"), ("AUT", "Autism/Asperger syndrome"), ("DDA", "Other DDA"),
    ]

    public static func ethnicityLabel(_ code: String?) -> String? {
        code.flatMap { c in ethnicity.first { $0.code == c }?.label }
    }

    public static func disabilityLabel(_ code: String) -> String {
        disability.first { $0.code == code }?.label ?? code
    }
}
