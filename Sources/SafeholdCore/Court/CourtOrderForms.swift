import Foundation

/// What a worker or an API caller sends to record an application for an order (and, when the court
/// has already decided, its outcome): text as sent, checked by `validated`.
public struct CourtOrderForm: Codable, Sendable, Equatable {
    public var kind: String?
    public var appliedOn: String?
    public var court: String?
    public var applicant: String?
    public var policeProtectionId: String?
    public var proceedingsId: String?
    public var outcome: String?
    public var outcomeOn: String?
    public var startsOn: String?
    public var expiresOn: String?

    public init(
        kind: String? = nil, appliedOn: String? = nil, court: String? = nil, applicant: String? = nil,
        policeProtectionId: String? = nil, proceedingsId: String? = nil, outcome: String? = nil,
        outcomeOn: String? = nil, startsOn: String? = nil, expiresOn: String? = nil
    ) {
        self.kind = kind
        self.appliedOn = appliedOn
        self.court = court
        self.applicant = applicant
        self.policeProtectionId = policeProtectionId
        self.proceedingsId = proceedingsId
        self.outcome = outcome
        self.outcomeOn = outcomeOn
        self.startsOn = startsOn
        self.expiresOn = expiresOn
    }

    /// The decision part of the form, for recording it on its own later.
    public var decision: CourtDecisionForm {
        CourtDecisionForm(outcome: outcome, outcomeOn: outcomeOn, startsOn: startsOn, expiresOn: expiresOn)
    }
}

/// A checked application, with the court's decision when it was sent with it.
public struct CourtOrderDraft: Sendable, Equatable {
    public let kind: CourtOrderKind
    public let application: CourtOrderApplication
    public let decision: CourtDecision?
    public let policeProtectionId: UUID?
    public let proceedingsId: UUID?

    /// Checks an application: a kind recorded here, the date (not in the future), the court and the
    /// applicant, optional links by id, and the decision when one is given (see `CourtDecisionForm`).
    public static func validated(
        _ form: CourtOrderForm, rules: CourtRules, dateOfBirth: LocalDate?, today: LocalDate
    ) throws(SafeholdError) -> CourtOrderDraft {
        var v = Validation()
        let code = form.kind?.trimmingCharacters(in: .whitespaces) ?? ""
        let kind = CourtOrderKind(rawValue: code)
        if code.isEmpty {
            v.add("kind", "is required")
        } else if kind == .policeProtection {
            v.add(
                "kind",
                "police protection is recorded by the police; record the application that ends it and link it")
        } else if kind == nil {
            v.add("kind", "must be one of \(CourtOrderKind.recordable.map(\.rawValue).joined(separator: ", "))")
        }
        let applied = v.isoDate("appliedOn", form.appliedOn, notAfter: today)
        v.text("court", form.court, required: true, max: 200)
        v.text("applicant", form.applicant, required: true, max: 200)
        let protection = Self.optionalId("policeProtectionId", form.policeProtectionId, &v)
        let proceedings = Self.optionalId("proceedingsId", form.proceedingsId, &v)
        var decision: CourtDecision?
        let outcomeGiven = !(form.outcome?.trimmingCharacters(in: .whitespaces).isEmpty ?? true)
        if outcomeGiven, let kind, let applied {
            decision = form.decision.check(
                kind: kind, appliedOn: applied, rules: rules, dateOfBirth: dateOfBirth, today: today, &v)
        } else if outcomeGiven {
            _ = form.decision.check(
                kind: .care, appliedOn: .minimum, rules: rules, dateOfBirth: nil, today: today, &v)
        }
        try v.check()
        return CourtOrderDraft(
            kind: kind!,
            application: CourtOrderApplication(
                appliedOn: applied!, court: form.court!.trimmingCharacters(in: .whitespacesAndNewlines),
                applicant: form.applicant!.trimmingCharacters(in: .whitespacesAndNewlines)),
            decision: decision, policeProtectionId: protection, proceedingsId: proceedings)
    }

    static func optionalId(_ field: String, _ text: String?, _ v: inout Validation) -> UUID? {
        let trimmed = text?.trimmingCharacters(in: .whitespaces) ?? ""
        guard !trimmed.isEmpty else { return nil }
        guard let id = UUID(uuidString: trimmed) else {
            v.add(field, "is not a record id")
            return nil
        }
        return id
    }
}

/// The court's decision on an application, as sent.
public struct CourtDecisionForm: Codable, Sendable, Equatable {
    public var outcome: String?
    public var outcomeOn: String?
    public var startsOn: String?
    public var expiresOn: String?

    public init(outcome: String? = nil, outcomeOn: String? = nil, startsOn: String? = nil, expiresOn: String? = nil) {
        self.outcome = outcome
        self.outcomeOn = outcomeOn
        self.startsOn = startsOn
        self.expiresOn = expiresOn
    }

    /// Checks the decision on an application of `kind` made on `appliedOn`: an outcome, its date (not
    /// before the application, not in the future); for an order granted, the day it starts (the
    /// decision's day when not given; not before the decision) and its expiry, which is computed from
    /// the limits table when not given and refused beyond the legal maximum, naming the limit.
    public func validated(
        kind: CourtOrderKind, appliedOn: LocalDate, rules: CourtRules, dateOfBirth: LocalDate?, today: LocalDate
    ) throws(SafeholdError) -> CourtDecision {
        var v = Validation()
        let decision = check(kind: kind, appliedOn: appliedOn, rules: rules, dateOfBirth: dateOfBirth, today: today, &v)
        try v.check()
        return decision!
    }

    func check(
        kind: CourtOrderKind, appliedOn: LocalDate, rules: CourtRules, dateOfBirth: LocalDate?, today: LocalDate,
        _ v: inout Validation
    ) -> CourtDecision? {
        let code = outcome?.trimmingCharacters(in: .whitespaces) ?? ""
        let result = CourtOrderOutcome(rawValue: code)
        if code.isEmpty {
            v.add("outcome", "is required")
        } else if result == nil {
            v.add("outcome", "must be one of granted, refused, withdrawn")
        }
        let decided = v.isoDate(
            "outcomeOn", outcomeOn, notAfter: today, notBefore: appliedOn, beforeMessage: "is before the application")
        guard result == .granted, let decided else {
            return result.flatMap { r in
                decided.map { CourtDecision(outcome: r, on: $0, startsOn: nil, expiresOn: nil) }
            }
        }
        var starts = decided
        if let text = startsOn, !text.trimmingCharacters(in: .whitespaces).isEmpty {
            guard
                let given = v.isoDate(
                    "startsOn", text, notBefore: decided, beforeMessage: "is before the court made the order")
            else { return nil }
            starts = given
        }
        let latest = rules.latestExpiry(kind, startsOn: starts, dateOfBirth: dateOfBirth)
        var expiry = rules.defaultExpiry(kind, startsOn: starts, dateOfBirth: dateOfBirth)
        if let text = expiresOn, !text.trimmingCharacters(in: .whitespaces).isEmpty {
            guard
                let given = v.isoDate(
                    "expiresOn", text, notBefore: starts, beforeMessage: "is before the order starts")
            else { return nil }
            if let latest, given > latest {
                v.add("expiresOn", CourtRules.beyondMaximum(rules.limit(kind), latest: latest))
                return nil
            }
            expiry = given
        }
        return CourtDecision(outcome: .granted, on: decided, startsOn: starts, expiresOn: expiry)
    }
}

/// A checked decision: the outcome and its date, and for an order granted its start and expiry.
public struct CourtDecision: Sendable, Equatable {
    public let outcome: CourtOrderOutcome
    public let on: LocalDate
    public let startsOn: LocalDate?
    public let expiresOn: LocalDate?
}

extension CourtRules {
    /// The refusal of a date beyond what the law allows, naming the limit and the latest date.
    public static func beyondMaximum(_ limit: CourtOrderLimit, latest: LocalDate) -> String {
        "is beyond the legal maximum (\(limit.sentence)): the latest it may be is \(latest.display)"
    }
}
