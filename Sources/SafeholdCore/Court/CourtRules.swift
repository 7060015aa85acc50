import Foundation

/// The legal limits of every kind of order, as data (DOMAIN.md section 3 for police protection, the
/// emergency protection order, the child assessment order and the 26 weeks; the Children Act 1989 and
/// the Adoption and Children Act 2002 for the rest). The figures DOMAIN.md names come from the
/// ruleset, so a jurisdiction's ruleset changes them in one place.
public struct CourtRules: Sendable {
    public let limits: [CourtOrderKind: CourtOrderLimit]
    /// Care proceedings should finish within this of issue (s32(1)(a)(ii), as amended in 2014).
    public let proceedingsTimetable: Timescale
    /// The longest one extension of the timetable may be (s32(8)): up to 8 weeks each time.
    public let proceedingsExtensionWeeks: Int
    let ruleset: Ruleset

    /// England: the Children Act 1989 as amended by the Children and Families Act 2014.
    public static func england(_ ruleset: Ruleset) -> CourtRules {
        func days(_ scale: Timescale) -> OrderTerm {
            switch scale {
            case .calendarDays(let n): .days(n)
            case .hours(let n): .hours(n)
            case .weeks(let n): .days(7 * n)
            default: .setByCourt
            }
        }
        let rows: [CourtOrderLimit] = [
            // DOMAIN.md section 3: up to 8 days; one extension of up to 7 days (s45(1), (4), (6)).
            CourtOrderLimit(
                kind: .emergencyProtection, term: days(ruleset.emergencyProtectionOrder),
                extensions: OrderExtensionRule(times: 1, each: .days(7), total: nil),
                basis: "Children Act 1989 s45"),
            // DOMAIN.md section 3: up to 7 days from the date the order specifies (s43(5)); not extended.
            CourtOrderLimit(
                kind: .childAssessment, term: days(ruleset.childAssessmentOrder), extensions: .none,
                basis: "Children Act 1989 s43(5)"),
            // No statutory maximum since the Children and Families Act 2014 s14 repealed the 8 and 4 weeks of
            // s38(4)-(5); the court sets the period, and an interim order ends with the proceedings.
            CourtOrderLimit(
                kind: .interimCare, term: .setByCourt,
                extensions: OrderExtensionRule(times: nil, each: nil, total: nil),
                basis: "Children Act 1989 s38(4), as amended in 2014"),
            CourtOrderLimit(
                kind: .interimSupervision, term: .setByCourt,
                extensions: OrderExtensionRule(times: nil, each: nil, total: nil),
                basis: "Children Act 1989 s38(4), as amended in 2014"),
            // s91(12): a care order lasts until 18 unless brought to an end earlier.
            CourtOrderLimit(
                kind: .care, term: .untilEighteen, extensions: .none, basis: "Children Act 1989 s91(12)"),
            // Schedule 3 paragraph 6: one year, extendable to three years from the date it was made.
            CourtOrderLimit(
                kind: .supervision, term: .years(1),
                extensions: OrderExtensionRule(times: nil, each: nil, total: .years(3)),
                basis: "Children Act 1989 Schedule 3 paragraph 6"),
            // Adoption and Children Act 2002 s21(4): until adoption, revocation, marriage or 18.
            CourtOrderLimit(
                kind: .placement, term: .untilEighteen, extensions: .none,
                basis: "Adoption and Children Act 2002 s21(4)"),
            // s91(13): until 18 unless discharged.
            CourtOrderLimit(
                kind: .specialGuardianship, term: .untilEighteen, extensions: .none,
                basis: "Children Act 1989 s91(13)"),
            // s91(10)-(11) and s9(6)-(7): living arrangements until 18; others until 16 unless exceptional.
            CourtOrderLimit(
                kind: .childArrangements, term: .untilEighteen, extensions: .none,
                basis: "Children Act 1989 s91(10)-(11)"),
            // DOMAIN.md section 3: at most 72 hours, cannot be extended (s46(6)).
            CourtOrderLimit(
                kind: .policeProtection, term: days(ruleset.policeProtection), extensions: .none,
                basis: "Children Act 1989 s46(6)"),
        ]
        let weeks: Int
        if case .weeks(let n) = ruleset.careProceedings { weeks = n } else { weeks = 26 }
        return CourtRules(
            limits: Dictionary(uniqueKeysWithValues: rows.map { ($0.kind, $0) }),
            proceedingsTimetable: .weeks(weeks), proceedingsExtensionWeeks: 8, ruleset: ruleset)
    }

    public func limit(_ kind: CourtOrderKind) -> CourtOrderLimit {
        guard let row = limits[kind] else { fatalError("The court rules have no row for \(kind.rawValue).") }
        return row
    }

    /// The latest an order of `kind` starting on `start` may run to: its term, and never past the
    /// child's 18th birthday when the date of birth is known. Nil: no date is set by law.
    public func latestExpiry(_ kind: CourtOrderKind, startsOn start: LocalDate, dateOfBirth: LocalDate?) -> LocalDate? {
        let eighteenth = dateOfBirth.map { $0.adding(months: 12 * 18) }
        let term = limit(kind).term.latest(from: start, ruleset: ruleset)
        switch (term, eighteenth) {
        case (let t?, let e?): return min(t, e)
        case (let t?, nil): return t
        case (nil, let e?): return e
        case (nil, nil): return nil
        }
    }

    /// The expiry an order takes when none is entered: the end of its term, or the 18th birthday;
    /// nil for an interim order whose period the court sets (it then ends with the proceedings).
    public func defaultExpiry(_ kind: CourtOrderKind, startsOn start: LocalDate, dateOfBirth: LocalDate?) -> LocalDate?
    {
        if case .setByCourt = limit(kind).term { return nil }
        return latestExpiry(kind, startsOn: start, dateOfBirth: dateOfBirth)
    }

    /// When care proceedings issued on `issued` should end: 26 weeks, plus every extension granted.
    public func proceedingsDue(issuedOn issued: LocalDate, extensionWeeks: Int) -> LocalDate {
        ruleset.due(proceedingsTimetable, from: issued).adding(days: 7 * extensionWeeks)
    }
}

extension Ruleset {
    /// The court's limits under this ruleset.
    public var court: CourtRules { .england(self) }
}
