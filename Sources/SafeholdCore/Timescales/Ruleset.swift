import Foundation

/// A timescale: how long a statutory step may take from the event that starts it.
public enum Timescale: Hashable, Sendable {
    case workingDays(Int)
    case calendarMonths(Int)
    case hours(Int)
    case calendarDays(Int)
    case weeks(Int)
}

/// A jurisdiction's rules as data: its working calendar, timescales and code sets. Code asks the
/// ruleset; it never hard-codes "15".
public struct Ruleset: Sendable {
    public let name: String
    public let calendar: WorkingCalendar
    /// The zone whose clock and calendar workers live by: the date an instant falls on, and every
    /// time shown, is read in it. Stored instants stay in UTC.
    public let timeZone: TimeZone
    /// What the zone's clock is called in standard time and in summer time ("GMT", "BST").
    public let standardTimeName: String
    public let summerTimeName: String
    public let contactDecision: Timescale
    public let assessment: Timescale
    public let initialConference: Timescale
    public let firstCoreGroup: Timescale
    public let coreGroupInterval: Timescale
    public let firstReview: Timescale
    public let laterReviews: Timescale
    public let defaultVisitInterval: Timescale
    public let policeProtection: Timescale
    public let emergencyProtectionOrder: Timescale
    public let childAssessmentOrder: Timescale
    public let careProceedings: Timescale
    /// People who pose a risk, MAPPA, the disclosure scheme and allegations (LADO).
    public let risk: RiskTimescales
    /// Training and accreditation, caseload weighting and supervision frequency.
    public let workforce: WorkforceRules

    /// England 2025-26 (Working Together to Safeguard Children 2023; Children Act 1989), with
    /// England and Wales bank holidays 2015-2030.
    public static let england2025: Ruleset = Ruleset(
        name: "England 2025-26",
        calendar: WorkingCalendar(
            holidays: Set((2015...2030).flatMap { EnglandAndWalesBankHolidays.holidays(in: $0) })),
        timeZone: ukTime, standardTimeName: "GMT", summerTimeName: "BST",
        contactDecision: .workingDays(1), assessment: .workingDays(45), initialConference: .workingDays(15),
        firstCoreGroup: .workingDays(10), coreGroupInterval: .calendarMonths(1), firstReview: .calendarMonths(3),
        laterReviews: .calendarMonths(6), defaultVisitInterval: .workingDays(10), policeProtection: .hours(72),
        emergencyProtectionOrder: .calendarDays(8), childAssessmentOrder: .calendarDays(7), careProceedings: .weeks(26),
        risk: .england, workforce: .england)

    /// Europe/London, from the system's time zone database (tzdata or Foundation's own copy).
    static let ukTime: TimeZone = {
        guard let zone = TimeZone(identifier: "Europe/London") else {
            fatalError("The Europe/London time zone is missing: install the time zone database (tzdata).")
        }
        return zone
    }()

    /// The date a step is due, `timescale` after `start` (the worker-facing convention). Total: any
    /// count gives a date (saturating at 0001-01-01 and 9999-12-31); input is refused before it gets here.
    public func due(_ timescale: Timescale, from start: LocalDate) -> LocalDate {
        switch timescale {
        case .workingDays(let n): calendar.adding(workingDays: n, to: start)
        case .calendarMonths(let n): start.adding(months: n)
        case .calendarDays(let n): start.adding(days: n)
        case .weeks(let n):
            start.adding(days: n.multipliedReportingOverflow(by: 7).overflow ? (n > 0 ? .max : .min) : 7 * n)
        case .hours(let n): start.adding(days: n / 24 + (n > 0 && n % 24 != 0 ? 1 : 0))
        }
    }

    /// The date `instant` falls on in this ruleset's zone: 23:30 UTC on a Friday in summer is Saturday.
    public func date(of instant: Date) -> LocalDate { LocalDate(instant, in: timeZone) }

    /// The clock reading of `instant` in this ruleset's zone.
    public func localTime(of instant: Date) -> LocalDateTime { LocalDateTime(instant, in: timeZone) }

    /// The name of the zone's clock at `instant`: "BST" in British Summer Time, otherwise "GMT".
    public func timeName(at instant: Date) -> String {
        timeZone.isDaylightSavingTime(for: instant) ? summerTimeName : standardTimeName
    }

    /// How a time is shown to workers: "29 Mar 2026 02:30 BST".
    public func display(_ instant: Date) -> String {
        let local = localTime(of: instant)
        return "\(local.date.display) \(local.clockTime) \(timeName(at: instant))"
    }
}

extension LocalDate {
    /// How a date is shown to workers: "5 Mar 2026".
    public var display: String {
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        return "\(day) \(months[month - 1]) \(year)"
    }
}
