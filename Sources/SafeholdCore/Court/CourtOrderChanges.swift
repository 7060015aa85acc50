import Foundation

/// An extension of an order, as sent: the day the court extended it, the new expiry, and why.
public struct CourtOrderExtensionForm: Codable, Sendable, Equatable {
    public var extendedOn: String?
    public var newExpiresOn: String?
    public var reason: String?

    public init(extendedOn: String? = nil, newExpiresOn: String? = nil, reason: String? = nil) {
        self.extendedOn = extendedOn
        self.newExpiresOn = newExpiresOn
        self.reason = reason
    }

    /// Checks an extension of `order`. An order not in force, a kind the law does not extend, or one
    /// already extended as often as allowed is a conflict (409) in a worker's words; a date out of
    /// range, a new expiry not after the current one or beyond the legal limit (naming it), or a
    /// missing reason is a field error (422).
    public func validated(
        of order: CourtOrder, rules: CourtRules, dateOfBirth: LocalDate?, today: LocalDate
    ) throws(SafeholdError) -> CourtOrderExtensionDraft {
        let limit = rules.limit(order.kind)
        let status = order.status(today: today)
        guard order.outcome == .granted, order.endedOn == nil, let starts = order.startsOn else {
            throw .conflict("Only an order in force can be extended; this one is \(status.label.lowercased()).")
        }
        if limit.extensions.times == 0 {
            throw .conflict("\(order.kind.label)s are not extended: \(limit.sentence).")
        }
        if let times = limit.extensions.times, order.extensions.count >= times {
            let allowed = times == 1 ? "once only" : "\(times) times only"
            throw .conflict(
                "\(order.kind.label)s can be extended \(allowed) (\(limit.basis)), and this one already has been.")
        }
        guard let current = order.expiresOn else {
            throw .conflict("This order runs until the proceedings end; it has no expiry to extend.")
        }
        var v = Validation()
        let on = v.isoDate(
            "extendedOn", extendedOn, notAfter: today, notBefore: starts, beforeMessage: "is before the order started")
        if let on, on > current {
            v.add("extendedOn", "is after the order expired on \(current.display): an expired order cannot be extended")
        }
        v.text("reason", reason, required: true, max: 2000, multiline: true)
        if let newExpiry = v.isoDate(
            "newExpiresOn", newExpiresOn, notBefore: current.adding(days: 1),
            beforeMessage: "must be after the current expiry, \(current.display)")
        {
            let latest = Self.latest(
                limit: limit, current: current, starts: starts, dateOfBirth: dateOfBirth, ruleset: rules.ruleset)
            if let latest, newExpiry > latest {
                v.add("newExpiresOn", CourtRules.beyondMaximum(limit, latest: latest))
            }
            try v.check()
            return CourtOrderExtensionDraft(
                extendedOn: on!, newExpiresOn: newExpiry,
                reason: reason!.trimmingCharacters(in: .whitespacesAndNewlines))
        }
        try v.check()
        throw .invalid([FieldError("newExpiresOn", "is required")])
    }

    /// The latest a new expiry may be: the current expiry plus one extension's most, the start plus the
    /// total the law allows, and the 18th birthday, whichever comes first.
    static func latest(
        limit: CourtOrderLimit, current: LocalDate, starts: LocalDate, dateOfBirth: LocalDate?, ruleset: Ruleset
    ) -> LocalDate? {
        var bounds: [LocalDate] = []
        if let each = limit.extensions.each, let d = each.latest(from: current, ruleset: ruleset) { bounds.append(d) }
        if let total = limit.extensions.total, let d = total.latest(from: starts, ruleset: ruleset) { bounds.append(d) }
        if let dateOfBirth { bounds.append(dateOfBirth.adding(months: 12 * 18)) }
        return bounds.min()
    }
}

/// A checked extension.
public struct CourtOrderExtensionDraft: Sendable, Equatable {
    public let extendedOn: LocalDate
    public let newExpiresOn: LocalDate
    public let reason: String
}

/// The end of an order in force (discharged, replaced, the proceedings concluded), as sent.
public struct CourtOrderEndForm: Codable, Sendable, Equatable {
    public var endedOn: String?
    public var reason: String?
    public var note: String?

    public init(endedOn: String? = nil, reason: String? = nil, note: String? = nil) {
        self.endedOn = endedOn
        self.reason = reason
        self.note = note
    }

    /// Checks the end of `order`: only an order granted and not yet ended ends (409 otherwise); the day
    /// (not before it started, not in the future), a reason from the list, and a note when "other".
    public func validated(of order: CourtOrder, today: LocalDate) throws(SafeholdError) -> CourtOrderEndDraft {
        guard order.outcome == .granted, order.endedOn == nil, let starts = order.startsOn else {
            let status = order.status(today: today).label.lowercased()
            throw .conflict("Only an order that was granted and has not ended can be ended; this one is \(status).")
        }
        var v = Validation()
        let on = v.isoDate(
            "endedOn", endedOn, notAfter: today, notBefore: starts, beforeMessage: "is before the order started")
        let code = reason?.trimmingCharacters(in: .whitespaces) ?? ""
        let ending = CourtOrderEnding(rawValue: code)
        if code.isEmpty {
            v.add("reason", "is required")
        } else if ending == nil {
            v.add("reason", "must be one of \(CourtOrderEnding.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        v.text("note", note, required: ending == .other, max: 2000, multiline: true)
        try v.check()
        let trimmed = note?.trimmingCharacters(in: .whitespacesAndNewlines)
        return CourtOrderEndDraft(endedOn: on!, reason: ending!, note: trimmed?.isEmpty == false ? trimmed : nil)
    }
}

/// A checked end of an order.
public struct CourtOrderEndDraft: Sendable, Equatable {
    public let endedOn: LocalDate
    public let reason: CourtOrderEnding
    public let note: String?
}
