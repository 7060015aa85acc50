import Foundation

/// A system or service checked before a disclosure-scheme decision.
public enum DisclosureCheckKind: String, CaseIterable, Codable, Sendable {
    case policeNationalComputer = "police_national_computer"
    case visor
    case localPoliceSystems = "local_police_systems"
    case childrensSocialCare = "childrens_social_care"
    case probation

    public var label: String {
        switch self {
        case .policeNationalComputer: "Police National Computer"
        case .visor: "ViSOR"
        case .localPoliceSystems: "Local police systems"
        case .childrensSocialCare: "Children's social care records"
        case .probation: "Probation"
        }
    }
}

/// One check made, what it found and when.
public struct DisclosureCheck: Hashable, Codable, Sendable {
    public let kind: DisclosureCheckKind
    public let result: String
    public let checkedOn: LocalDate
    public let checkedBy: String

    public init(kind: DisclosureCheckKind, result: String, checkedOn: LocalDate, checkedBy: String) {
        self.kind = kind
        self.result = result
        self.checkedOn = checkedOn
        self.checkedBy = checkedBy
    }
}

/// Whether the police decided to disclose.
public enum DisclosureSchemeOutcome: String, CaseIterable, Codable, Sendable {
    case disclose
    case notDisclose = "not_disclose"

    public var label: String {
        switch self {
        case .disclose: "Disclose"
        case .notDisclose: "Not to disclose"
        }
    }
}

/// The decision, with its reasons (always required) and who took it.
public struct DisclosureSchemeDecision: Hashable, Codable, Sendable {
    public let outcome: DisclosureSchemeOutcome
    public let reasons: String
    public let decidedOn: LocalDate
    public let decidedBy: String

    public init(outcome: DisclosureSchemeOutcome, reasons: String, decidedOn: LocalDate, decidedBy: String) {
        self.outcome = outcome
        self.reasons = reasons
        self.decidedOn = decidedOn
        self.decidedBy = decidedBy
    }
}

/// What was disclosed, to whom and when (kept with the application: the scheme discloses to a member of
/// the public, not to another agency, so it is not an entry of the information-sharing record).
public struct SchemeDisclosure: Hashable, Codable, Sendable {
    public let disclosedTo: String
    public let disclosedOn: LocalDate
    public let what: String
    public let recordedBy: String

    public init(disclosedTo: String, disclosedOn: LocalDate, what: String, recordedBy: String) {
        self.disclosedTo = disclosedTo
        self.disclosedOn = disclosedOn
        self.what = what
        self.recordedBy = recordedBy
    }
}

/// The steps on an application after it is received, read from text and checked in Core; the order
/// (checks, then one decision, then for a decision to disclose one disclosure) is `DisclosureSchemeRules`.
public enum DisclosureSchemeStep: Hashable, Sendable {
    case check(kind: DisclosureCheckKind, result: String, checkedOn: LocalDate)
    case decision(outcome: DisclosureSchemeOutcome, reasons: String, decidedOn: LocalDate)
    case disclosure(disclosedTo: String, disclosedOn: LocalDate, what: String)

    /// Reads a check from a form or a JSON body.
    public static func readCheck(_ input: TextFields, today: LocalDate) throws(SafeholdError) -> DisclosureSchemeStep {
        var v = Validation()
        let kind = input.choice("kind", DisclosureCheckKind.self, into: &v)
        let on = input.date("checkedOn", fallback: today, into: &v)
        try v.check()
        return .check(kind: kind!, result: input["result"] ?? "", checkedOn: on!)
    }

    /// Reads a decision from a form or a JSON body.
    public static func readDecision(_ input: TextFields, today: LocalDate) throws(SafeholdError) -> DisclosureSchemeStep
    {
        var v = Validation()
        let outcome = input.choice("outcome", DisclosureSchemeOutcome.self, into: &v)
        let on = input.date("decidedOn", fallback: today, into: &v)
        try v.check()
        return .decision(outcome: outcome!, reasons: input["reasons"] ?? "", decidedOn: on!)
    }

    /// Reads what was disclosed, to whom and when, from a form or a JSON body.
    public static func readDisclosure(
        _ input: TextFields, today: LocalDate
    ) throws(SafeholdError)
        -> DisclosureSchemeStep
    {
        var v = Validation()
        let on = input.date("disclosedOn", fallback: today, into: &v)
        try v.check()
        return .disclosure(disclosedTo: input["disclosedTo"] ?? "", disclosedOn: on!, what: input["what"] ?? "")
    }

    /// Checks the step's own values: free text within limits and required, dates not in the future and not
    /// before the application was received (a disclosure not before the decision).
    public func validated(
        receivedOn: LocalDate, decidedOn: LocalDate?, today: LocalDate
    ) throws(SafeholdError)
        -> DisclosureSchemeStep
    {
        var v = Validation()
        let early = "cannot be before the application was received (\(receivedOn))"
        switch self {
        case .check(let kind, let result, let on):
            v.text("result", result, required: true, max: 4000, multiline: true)
            v.date("checkedOn", on, required: true, notAfter: today, notBefore: receivedOn, beforeMessage: early)
            try v.check()
            return .check(kind: kind, result: result.trimmingCharacters(in: .whitespacesAndNewlines), checkedOn: on)
        case .decision(let outcome, let reasons, let on):
            v.text("reasons", reasons, required: true, max: 4000, multiline: true)
            v.date("decidedOn", on, required: true, notAfter: today, notBefore: receivedOn, beforeMessage: early)
            try v.check()
            return .decision(
                outcome: outcome, reasons: reasons.trimmingCharacters(in: .whitespacesAndNewlines), decidedOn: on)
        case .disclosure(let to, let on, let what):
            v.text("disclosedTo", to, required: true, max: 200)
            v.text("what", what, required: true, max: 4000, multiline: true)
            v.date(
                "disclosedOn", on, required: true, notAfter: today, notBefore: decidedOn ?? receivedOn,
                beforeMessage: "cannot be before the decision to disclose")
            try v.check()
            return .disclosure(
                disclosedTo: to.trimmingCharacters(in: .whitespaces), disclosedOn: on,
                what: what.trimmingCharacters(in: .whitespacesAndNewlines))
        }
    }
}

/// The order of an application's steps: checks are made before the decision, the decision is taken once
/// and only after at least one check, and what was disclosed is recorded once, after a decision to disclose.
/// A step out of order is refused with a sentence a worker understands (409).
public enum DisclosureSchemeRules {
    /// At most this many checks on one application.
    public static let maxChecks = 50

    public static func refusal(of step: DisclosureSchemeStep, on application: DisclosureApplication) -> String? {
        switch step {
        case .check:
            if application.decision != nil { return "The decision has been recorded: checks are made before it." }
            if application.checks.count >= maxChecks { return "This application already has \(maxChecks) checks." }
        case .decision:
            if application.decision != nil { return "A decision has already been recorded on this application." }
            if application.checks.isEmpty { return "Record the checks made before deciding." }
        case .disclosure:
            guard let decision = application.decision else {
                return "Record the decision to disclose before what was disclosed."
            }
            if decision.outcome != .disclose { return "The decision was not to disclose: nothing is disclosed." }
            if application.disclosure != nil { return "What was disclosed has already been recorded." }
        }
        return nil
    }
}
