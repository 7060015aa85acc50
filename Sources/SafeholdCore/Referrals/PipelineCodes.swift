import Foundation

/// Who raised a concern (CIN census referral source codes).
public enum ReferralSource: String, CaseIterable, Codable, Sendable {
    case individualFamily = "1A", individualSchoolPupil = "1B", individualOther = "1C", individualSelf = "1D"
    case schools = "2A", educationOther = "2B"
    case healthGP = "3A", healthVisitor = "3B", schoolNurse = "3C", healthOther = "3D", hospitalAandE = "3E",
        healthOtherPrimary = "3F"
    case housing = "4"
    case laSocialCare = "5A", laOtherDepartment = "5B", laExternal = "5C", laEarlyHelp = "5D"
    case police = "6", otherLegalAgency = "7", other = "8", anonymous = "9", unknown = "10"

    public var label: String {
        switch self {
        case .individualFamily: "Individual: family member, relative or carer"
        case .individualSchoolPupil: "Individual: acquaintance (including pupils)"
        case .individualOther: "Individual: other"
        case .individualSelf: "Individual: self"
        case .schools: "Schools"
        case .educationOther: "Education services"
        case .healthGP: "Health: GP"
        case .healthVisitor: "Health: health visitor"
        case .schoolNurse: "Health: school nurse"
        case .healthOther: "Health: other primary health services"
        case .hospitalAandE: "Health: A&E"
        case .healthOtherPrimary: "Health: other"
        case .housing: "Housing"
        case .laSocialCare: "LA services: social care"
        case .laOtherDepartment: "LA services: other internal"
        case .laExternal: "LA services: external"
        case .laEarlyHelp: "LA services: early help"
        case .police: "Police"
        case .otherLegalAgency: "Other legal agency"
        case .other: "Other"
        case .anonymous: "Anonymous"
        case .unknown: "Unknown"
        }
    }
}

/// The front door's decision on a contact.
public enum TriageDecision: String, CaseIterable, Codable, Sendable {
    case noFurtherAction = "nfa", earlyHelp = "early_help", assessment, strategyDiscussion = "strategy_discussion"
    case immediateProtection = "immediate_protection"
    /// A referral accepted by children's social care that led to no further action after the front door's
    /// checks: unlike a contact with no further action, it is returned in the CIN census (`ReferralNFA`).
    case referralNoFurtherAction = "referral_nfa"

    public var label: String {
        switch self {
        case .noFurtherAction: "No further action"
        case .earlyHelp: "Early help"
        case .assessment: "Child and family assessment (s17)"
        case .strategyDiscussion: "Strategy discussion (s47)"
        case .immediateProtection: "Immediate protection"
        case .referralNoFurtherAction: "Referral, then no further action (counted in the CIN census)"
        }
    }

    /// Decisions that open an episode of need for each child.
    public var opensEpisode: Bool { self == .assessment || self == .strategyDiscussion || self == .immediateProtection }
}

/// The MASH urgency rating.
public enum Urgency: String, CaseIterable, Codable, Sendable {
    case red, amber, green
}

/// Primary need codes N0-N9.
public enum PrimaryNeed: String, CaseIterable, Codable, Sendable {
    case n0 = "N0", n1 = "N1", n2 = "N2", n3 = "N3", n4 = "N4", n5 = "N5", n6 = "N6", n7 = "N7", n8 = "N8", n9 = "N9"

    public var label: String {
        [
            "Not stated", "Abuse or neglect", "Child's disability or illness", "Parent's disability or illness",
            "Family in acute stress", "Family dysfunction", "Socially unacceptable behaviour", "Low income",
            "Absent parenting", "Cases other than children in need",
        ][Int(rawValue.dropFirst())!]
    }
}

/// Reasons an episode of need closes (RC1-RC9).
public enum ClosureReason: String, CaseIterable, Codable, Sendable {
    case rc1 = "RC1", rc2 = "RC2", rc3 = "RC3", rc4 = "RC4", rc5 = "RC5", rc6 = "RC6", rc7 = "RC7", rc8 = "RC8", rc9 =
        "RC9"

    public var label: String {
        [
            "Adopted", "Died", "Child arrangements order", "Special guardianship order",
            "Transferred to another local authority",
            "Transferred to adult social care",
            "Services ceased for any other reason, including child no longer in need",
            "Case closed after assessment, no further action", "Case closed after assessment, referred to early help",
        ][Int(rawValue.dropFirst(2))! - 1]
    }
}

/// Category of abuse on a child protection plan.
public enum AbuseCategory: String, CaseIterable, Codable, Sendable {
    case neglect = "NEG", physical = "PHY", sexual = "SAB", emotional = "EMO", multiple = "MUL"

    public var label: String {
        switch self {
        case .neglect: "Neglect"
        case .physical: "Physical abuse"
        case .sexual: "Sexual abuse"
        case .emotional: "Emotional abuse"
        case .multiple: "Multiple (discouraged)"
        }
    }
}

/// Factors identified at assessment (CIN census codes).
public enum AssessmentFactors {
    public static let codes: [(code: String, label: String)] = [
        ("1A", "Alcohol misuse: child"), ("1B", "Alcohol misuse: parent"), ("1C", "Alcohol misuse: other"),
        ("2A", "Drug misuse: child"), ("2B", "Drug misuse: parent"), ("2C", "Drug misuse: other"),
        ("3A", "Domestic abuse: child"), ("3B", "Domestic abuse: parent"), ("3C", "Domestic abuse: other"),
        ("4A", "Mental health: child"), ("4B", "Mental health: parent"), ("4C", "Mental health: other"),
        ("5A", "Learning disability: child"), ("5B", "Learning disability: parent"),
        ("5C", "Learning disability: other"),
        ("6A", "Physical disability or illness: child"), ("6B", "Physical disability or illness: parent"),
        ("6C", "Physical disability or illness: other"), ("7A", "Young carer"),
        ("8B", "Private fostering: overseas"), ("8C", "Private fostering: UK education"),
        ("8D", "Private fostering: family breakdown"),
        ("8E", "Private fostering: relationship"), ("8F", "Private fostering: other"),
        ("9A", "Unaccompanied asylum-seeking child"),
        ("10A", "Going or being missing"), ("11A", "Child sexual exploitation"), ("12A", "Trafficking"),
        ("13A", "Gangs"),
        ("14A", "Socially unacceptable behaviour"), ("15A", "Self-harm"), ("16A", "Neglect"),
        ("17A", "Emotional abuse"),
        ("18B", "Physical abuse: by adult"), ("18C", "Physical abuse: by child"), ("19B", "Sexual abuse: by adult"),
        ("19C", "Sexual abuse: by child"), ("20", "Other"), ("21", "No factors identified"),
        ("22A", "Female genital mutilation"),
        ("23A", "Abuse linked to faith or belief"), ("24A", "Child criminal exploitation"),
    ]

    public static func isCode(_ code: String) -> Bool { codes.contains { $0.code == code } }
}
