import Foundation

/// A code list of the allegations module: a stored code and the words a worker reads.
public protocol AllegationCode: RawRepresentable, CaseIterable, Hashable, Sendable, Codable
where RawValue == String {
    var label: String { get }
}

extension AllegationCode {
    /// Reads a code sent by a form or a caller, adding a field error naming the choices when it is not one.
    static func read(_ field: String, _ text: String?, _ v: inout Validation, required: Bool = true) -> Self? {
        let trimmed = text?.trimmingCharacters(in: .whitespaces) ?? ""
        guard !trimmed.isEmpty else {
            if required { v.add(field, "is required") }
            return nil
        }
        guard let code = Self(rawValue: trimmed) else {
            v.add(field, "must be one of \(allCases.map(\.rawValue).joined(separator: ", "))")
            return nil
        }
        return code
    }
}

/// Who referred the allegation to the LADO.
public enum AllegationSource: String, AllegationCode {
    case employer, regulator, parent, police, child, other

    public var label: String {
        switch self {
        case .employer: "Employer"
        case .regulator: "Regulator (Ofsted, a professional body)"
        case .parent: "Parent or carer"
        case .police: "Police"
        case .child: "A child or young person"
        case .other: "Other"
        }
    }
}

/// The sector of the employer of the person the allegation is about.
public enum AllegationSector: String, AllegationCode {
    case education
    case earlyYears = "early_years"
    case health
    case socialCare = "social_care"
    case fosterCare = "foster_care"
    case police, faith, sport, voluntary, transport, other

    public var label: String {
        switch self {
        case .education: "Education"
        case .earlyYears: "Early years"
        case .health: "Health"
        case .socialCare: "Social care"
        case .fosterCare: "Foster care"
        case .police: "Police"
        case .faith: "Faith groups"
        case .sport: "Sport"
        case .voluntary: "Voluntary and community"
        case .transport: "Transport"
        case .other: "Other"
        }
    }
}

/// The four harm criteria (Working Together 2023; Keeping Children Safe in Education): at least one applies.
public enum HarmCriterion: String, AllegationCode {
    case harmedChild = "harmed_child"
    case possibleOffence = "possible_offence"
    case riskOfHarm = "risk_of_harm"
    case unsuitable

    public var label: String {
        switch self {
        case .harmedChild: "Behaved in a way that has harmed, or may have harmed, a child"
        case .possibleOffence: "Possibly committed a criminal offence against or related to a child"
        case .riskOfHarm: "Behaved towards a child or children in a way that indicates they may pose a risk of harm"
        case .unsuitable: "Behaved in a way that indicates they may not be suitable to work with children"
        }
    }
}

/// The LADO's initial consideration: the threshold is met (a strategy meeting or evaluation follows) or
/// there is no further LADO action.
public enum ConsiderationDecision: String, AllegationCode {
    case thresholdMet = "threshold_met"
    case noFurtherAction = "no_further_action"

    public var label: String {
        switch self {
        case .thresholdMet: "Threshold met: a strategy meeting or evaluation follows"
        case .noFurtherAction: "No further LADO action"
        }
    }
}

/// How the case was taken forward once the threshold was met.
public enum AllegationMeetingKind: String, AllegationCode {
    case strategyMeeting = "strategy_meeting"
    case evaluation

    public var label: String {
        switch self {
        case .strategyMeeting: "Strategy meeting"
        case .evaluation: "Evaluation (without a meeting)"
        }
    }
}

/// Who holds an action agreed for the case.
public enum AllegationActionOwner: String, AllegationCode {
    case employer, police
    case socialCare = "social_care"

    public var label: String {
        switch self {
        case .employer: "Employer"
        case .police: "Police"
        case .socialCare: "Children's social care"
        }
    }
}

/// The subject's employment while the allegation is managed.
public enum EmploymentStatus: String, AllegationCode {
    case suspended, redeployed, working, left, other

    public var label: String {
        switch self {
        case .suspended: "Suspended"
        case .redeployed: "Redeployed"
        case .working: "Working as normal"
        case .left: "Left the post"
        case .other: "Other arrangement"
        }
    }
}

/// The outcome of an allegation (Keeping Children Safe in Education definitions).
public enum AllegationOutcome: String, AllegationCode {
    case substantiated, malicious
    case falseAllegation = "false"
    case unsubstantiated, unfounded

    public var label: String {
        switch self {
        case .substantiated: "Substantiated"
        case .malicious: "Malicious"
        case .falseAllegation: "False"
        case .unsubstantiated: "Unsubstantiated"
        case .unfounded: "Unfounded"
        }
    }
}
