import Foundation

/// The pre-proceedings stage as sent: the letter before proceedings, the meeting, and its outcome.
public struct PreProceedingsForm: Codable, Sendable, Equatable {
    public var letterSentOn: String?
    public var meetingOn: String?
    public var attendees: String?
    public var outcome: String?
    public var outcomeOn: String?

    public init(
        letterSentOn: String? = nil, meetingOn: String? = nil, attendees: String? = nil, outcome: String? = nil,
        outcomeOn: String? = nil
    ) {
        self.letterSentOn = letterSentOn
        self.meetingOn = meetingOn
        self.attendees = attendees
        self.outcome = outcome
        self.outcomeOn = outcomeOn
    }

    /// Checks the stage: the letter's date (not in the future), the meeting (not before the letter),
    /// who attended (required once a meeting is given), and an outcome with its date (not before the
    /// letter; the date required with the outcome).
    public func validated(today: LocalDate) throws(SafeholdError) -> PreProceedingsDraft {
        var v = Validation()
        let letter = v.isoDate("letterSentOn", letterSentOn, notAfter: today)
        let meeting = Self.optionalDate(
            "meetingOn", meetingOn, notBefore: letter, message: "is before the letter before proceedings", today, &v)
        v.text("attendees", attendees, required: meeting != nil, max: 2000, multiline: true)
        let code = outcome?.trimmingCharacters(in: .whitespaces) ?? ""
        let result = PreProceedings.Outcome(rawValue: code)
        if !code.isEmpty && result == nil {
            v.add("outcome", "must be one of proceed_to_issue, step_down, continue")
        }
        var decided: LocalDate?
        if result != nil {
            decided = v.isoDate(
                "outcomeOn", outcomeOn, notAfter: today, notBefore: letter,
                beforeMessage: "is before the letter before proceedings")
        }
        try v.check()
        let people = attendees?.trimmingCharacters(in: .whitespacesAndNewlines)
        return PreProceedingsDraft(
            letterSentOn: letter!, meetingOn: meeting, attendees: people?.isEmpty == false ? people : nil,
            outcome: result, outcomeOn: decided)
    }

    static func optionalDate(
        _ field: String, _ text: String?, notBefore: LocalDate?, message: String, _ today: LocalDate,
        _ v: inout Validation
    ) -> LocalDate? {
        guard let text, !text.trimmingCharacters(in: .whitespaces).isEmpty else { return nil }
        return v.isoDate(field, text, notAfter: today, notBefore: notBefore, beforeMessage: message)
    }
}

/// A checked pre-proceedings stage.
public struct PreProceedingsDraft: Sendable, Equatable {
    public let letterSentOn: LocalDate
    public let meetingOn: LocalDate?
    public let attendees: String?
    public let outcome: PreProceedings.Outcome?
    public let outcomeOn: LocalDate?
}

/// A party as sent.
public struct PartyForm: Codable, Sendable, Equatable {
    public var role: String?
    public var name: String?
    public var guardian: String?
    public var solicitor: String?
    public var firm: String?

    public init(
        role: String? = nil, name: String? = nil, guardian: String? = nil, solicitor: String? = nil,
        firm: String? = nil
    ) {
        self.role = role
        self.name = name
        self.guardian = guardian
        self.solicitor = solicitor
        self.firm = firm
    }

    /// Checks a party: a role from the list, a name, and the representatives (short text); the
    /// children's guardian is required for the child. `prefix` names the field in a list.
    func check(_ prefix: String, _ v: inout Validation) -> PartyDraft? {
        let code = role?.trimmingCharacters(in: .whitespaces) ?? ""
        let kind = PartyRole(rawValue: code)
        if code.isEmpty {
            v.add(prefix + "role", "is required")
        } else if kind == nil {
            v.add(prefix + "role", "must be one of \(PartyRole.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        v.text(prefix + "name", name, required: true, max: 200)
        v.text(prefix + "guardian", guardian, required: kind == .child, max: 200)
        v.text(prefix + "solicitor", solicitor, max: 200)
        v.text(prefix + "firm", firm, max: 200)
        guard let kind, let name else { return nil }
        return PartyDraft(
            role: kind, name: name.trimmingCharacters(in: .whitespacesAndNewlines), guardian: Self.blankless(guardian),
            solicitor: Self.blankless(solicitor), firm: Self.blankless(firm))
    }

    public func validated() throws(SafeholdError) -> PartyDraft {
        var v = Validation()
        let draft = check("", &v)
        try v.check()
        return draft!
    }

    static func blankless(_ text: String?) -> String? {
        let trimmed = text?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        return trimmed.isEmpty ? nil : trimmed
    }
}

/// A checked party.
public struct PartyDraft: Sendable, Equatable {
    public let role: PartyRole
    public let name: String
    public let guardian: String?
    public let solicitor: String?
    public let firm: String?
}

/// Care proceedings as issued: the date, the court, the case number and the parties.
public struct ProceedingsForm: Codable, Sendable, Equatable {
    public var issuedOn: String?
    public var court: String?
    public var caseNumber: String?
    public var parties: [PartyForm]?

    public init(issuedOn: String? = nil, court: String? = nil, caseNumber: String? = nil, parties: [PartyForm]? = nil) {
        self.issuedOn = issuedOn
        self.court = court
        self.caseNumber = caseNumber
        self.parties = parties
    }

    /// Checks the issue: its date (not in the future), the court, a case number in the family court's
    /// format, and at most 20 parties, each checked.
    public func validated(today: LocalDate) throws(SafeholdError) -> ProceedingsDraft {
        var v = Validation()
        let issued = v.isoDate("issuedOn", issuedOn, notAfter: today)
        v.text("court", court, required: true, max: 200)
        let number = caseNumber?.trimmingCharacters(in: .whitespaces).uppercased() ?? ""
        if number.isEmpty {
            v.add("caseNumber", "is required")
        } else if !CareProceedings.isCaseNumber(number) {
            v.add("caseNumber", CareProceedings.caseNumberRule)
        }
        var drafts: [PartyDraft] = []
        let list = parties ?? []
        if v.count("parties", list.count, max: 20, noun: "parties") {
            for (i, party) in list.enumerated() {
                if let d = party.check("parties[\(i)].", &v) { drafts.append(d) }
            }
        }
        try v.check()
        return ProceedingsDraft(
            issuedOn: issued!, court: court!.trimmingCharacters(in: .whitespacesAndNewlines), caseNumber: number,
            parties: drafts)
    }
}

/// Checked proceedings as issued.
public struct ProceedingsDraft: Sendable, Equatable {
    public let issuedOn: LocalDate
    public let court: String
    public let caseNumber: String
    public let parties: [PartyDraft]
}

extension CareProceedings {
    /// What a case number must look like, in a worker's words.
    public static let caseNumberRule =
        "must be a family court case number like ZZ26C00012: two letters, two digits of the year, C, five digits"

    /// A public law case number: two letters (the court), two digits (the year), C, five digits.
    public static func isCaseNumber(_ text: String) -> Bool {
        let c = Array(text.unicodeScalars)
        guard c.count == 10 else { return false }
        let letter = { (s: Unicode.Scalar) in s.value >= 65 && s.value <= 90 }
        let digit = { (s: Unicode.Scalar) in s.value >= 48 && s.value <= 57 }
        return letter(c[0]) && letter(c[1]) && digit(c[2]) && digit(c[3]) && c[4] == "C"
            && c[5...].allSatisfy(digit)
    }
}
