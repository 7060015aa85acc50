import Foundation

/// A hearing as sent: its kind and date, and for one already heard its outcome and the orders made.
public struct HearingForm: Codable, Sendable, Equatable {
    public var kind: String?
    public var heldOn: String?
    public var outcome: String?
    public var ordersMade: String?

    public init(kind: String? = nil, heldOn: String? = nil, outcome: String? = nil, ordersMade: String? = nil) {
        self.kind = kind
        self.heldOn = heldOn
        self.outcome = outcome
        self.ordersMade = ordersMade
    }

    /// Checks a hearing on `proceedings`: a kind, a date not before the proceedings were issued (422
    /// naming it), an outcome only once heard. Out of order is a conflict (409): any hearing on
    /// proceedings that concluded before its date, and a hearing dated before a later stage already
    /// recorded (an issues resolution hearing after the final hearing).
    public func validated(on proceedings: CareProceedings, today: LocalDate) throws(SafeholdError) -> HearingDraft {
        var v = Validation()
        let code = kind?.trimmingCharacters(in: .whitespaces) ?? ""
        let hearingKind = HearingKind(rawValue: code)
        if code.isEmpty {
            v.add("kind", "is required")
        } else if hearingKind == nil {
            v.add("kind", "must be one of \(HearingKind.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        let date = v.isoDate(
            "heldOn", heldOn, notBefore: proceedings.issuedOn,
            beforeMessage: "is before the proceedings were issued on \(proceedings.issuedOn.display)")
        v.text("outcome", outcome, max: 4000, multiline: true)
        v.text("ordersMade", ordersMade, max: 2000, multiline: true)
        let heard = PartyForm.blankless(outcome)
        if let date, date > today, heard != nil {
            v.add("outcome", "is for a hearing that has been heard; this one is listed for \(date.display)")
        }
        try v.check()
        let draft = HearingDraft(
            kind: hearingKind!, heldOn: date!, outcome: heard, ordersMade: PartyForm.blankless(ordersMade))
        try draft.checkOrder(on: proceedings)
        return draft
    }
}

/// A checked hearing.
public struct HearingDraft: Sendable, Equatable {
    public let kind: HearingKind
    public let heldOn: LocalDate
    public let outcome: String?
    public let ordersMade: String?

    /// The Public Law Outline's order: nothing after the proceedings concluded, no earlier stage after
    /// a later one, one final hearing heard.
    func checkOrder(on proceedings: CareProceedings) throws(SafeholdError) {
        if let concluded = proceedings.concludedOn, heldOn > concluded {
            throw .conflict(
                "These proceedings concluded on \(concluded.display): \(kind.withArticle) after that "
                    + "belongs to new proceedings.")
        }
        if kind == .final, let heard = proceedings.hearings.first(where: { $0.kind == .final && $0.outcome != nil }) {
            throw .conflict("The final hearing was already heard on \(heard.heldOn.display).")
        }
        guard let stage = kind.stage else { return }
        if let later = proceedings.hearings.first(where: { ($0.kind.stage ?? 0) > stage && $0.heldOn < heldOn }) {
            throw .conflict(
                "\(kind.withArticle.prefix(1).uppercased() + kind.withArticle.dropFirst()) cannot come after the "
                    + "\(later.kind.label.lowercased()) of "
                    + "\(later.heldOn.display).")
        }
    }
}

/// The outcome of a hearing once heard, as sent.
public struct HearingOutcomeForm: Codable, Sendable, Equatable {
    public var outcome: String?
    public var ordersMade: String?

    public init(outcome: String? = nil, ordersMade: String? = nil) {
        self.outcome = outcome
        self.ordersMade = ordersMade
    }

    /// Checks the outcome of `hearing`: a hearing still to come, or already given an outcome, is a
    /// conflict; the outcome is required.
    public func validated(_ hearing: Hearing, today: LocalDate) throws(SafeholdError) -> (String, String?) {
        if hearing.heldOn > today {
            throw .conflict(
                "This hearing is listed for \(hearing.heldOn.display); record its outcome once it has been heard.")
        }
        if hearing.outcome != nil { throw .conflict("This hearing's outcome is already recorded.") }
        var v = Validation()
        v.text("outcome", outcome, required: true, max: 4000, multiline: true)
        v.text("ordersMade", ordersMade, max: 2000, multiline: true)
        try v.check()
        return (PartyForm.blankless(outcome)!, PartyForm.blankless(ordersMade))
    }
}

/// An extension of the 26-week timetable as sent.
public struct TimetableExtensionForm: Codable, Sendable, Equatable {
    public var grantedOn: String?
    public var weeks: Int?
    public var reason: String?

    public init(grantedOn: String? = nil, weeks: Int? = nil, reason: String? = nil) {
        self.grantedOn = grantedOn
        self.weeks = weeks
        self.reason = reason
    }

    /// Checks an extension: none on concluded proceedings (409); the day (not before issue, not in the
    /// future), 1 to 8 weeks (s32(8)), and a reason, which is required.
    public func validated(
        on proceedings: CareProceedings, rules: CourtRules, today: LocalDate
    ) throws(SafeholdError) -> TimetableExtension {
        if let concluded = proceedings.concludedOn {
            throw .conflict("These proceedings concluded on \(concluded.display); their timetable cannot be extended.")
        }
        var v = Validation()
        let on = v.isoDate(
            "grantedOn", grantedOn, notAfter: today, notBefore: proceedings.issuedOn,
            beforeMessage: "is before the proceedings were issued on \(proceedings.issuedOn.display)")
        let most = rules.proceedingsExtensionWeeks
        if let weeks {
            v.number(
                "weeks", weeks, in: 1...most,
                "must be a whole number of weeks from 1 to \(most): each extension is at most \(most) weeks "
                    + "(Children Act 1989 s32(8))")
        } else {
            v.add("weeks", "is required")
        }
        v.text("reason", reason, required: true, max: 2000, multiline: true)
        try v.check()
        return TimetableExtension(
            grantedOn: on!, weeks: weeks!, reason: reason!.trimmingCharacters(in: .whitespacesAndNewlines))
    }
}

/// The end of care proceedings as sent.
public struct ConclusionForm: Codable, Sendable, Equatable {
    public var concludedOn: String?
    public var conclusion: String?

    public init(concludedOn: String? = nil, conclusion: String? = nil) {
        self.concludedOn = concludedOn
        self.conclusion = conclusion
    }

    /// Checks the conclusion: proceedings conclude once (409), not before issue or in the future, with
    /// what was decided; a hearing dated after the conclusion is a conflict.
    public func validated(
        on proceedings: CareProceedings, today: LocalDate
    ) throws(SafeholdError) -> (LocalDate, String) {
        if let concluded = proceedings.concludedOn {
            throw .conflict("These proceedings already concluded on \(concluded.display).")
        }
        var v = Validation()
        let on = v.isoDate(
            "concludedOn", concludedOn, notAfter: today, notBefore: proceedings.issuedOn,
            beforeMessage: "is before the proceedings were issued on \(proceedings.issuedOn.display)")
        v.text("conclusion", conclusion, required: true, max: 4000, multiline: true)
        try v.check()
        if let later = proceedings.hearings.first(where: { $0.heldOn > on! }) {
            throw .conflict(
                "The \(later.kind.label.lowercased()) of \(later.heldOn.display) comes after that date: "
                    + "conclude the proceedings on or after their last hearing.")
        }
        return (on!, PartyForm.blankless(conclusion)!)
    }
}
