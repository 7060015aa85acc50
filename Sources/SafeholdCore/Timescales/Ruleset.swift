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

    /// England 2025-26 (Working Together to Safeguard Children 2023; Children Act 1989), with
    /// England and Wales bank holidays 2015-2030.
    public static let england2025: Ruleset = Ruleset(
        name: "England 2025-26",
        calendar: WorkingCalendar(holidays: Set((2015...2030).flatMap { EnglandAndWalesBankHolidays.holidays(in: $0) })),
        contactDecision: .workingDays(1), assessment: .workingDays(45), initialConference: .workingDays(15),
        firstCoreGroup: .workingDays(10), coreGroupInterval: .calendarMonths(1), firstReview: .calendarMonths(3),
        laterReviews: .calendarMonths(6), defaultVisitInterval: .workingDays(10), policeProtection: .hours(72),
        emergencyProtectionOrder: .calendarDays(8), childAssessmentOrder: .calendarDays(7), careProceedings: .weeks(26))

    /// The date a step is due, `timescale` after `start` (the worker-facing convention).
    public func due(_ timescale: Timescale, from start: LocalDate) -> LocalDate {
        switch timescale {
        case .workingDays(let n): calendar.adding(workingDays: n, to: start)
        case .calendarMonths(let n): start.adding(months: n)
        case .calendarDays(let n): start.adding(days: n)
        case .weeks(let n): start.adding(days: 7 * n)
        case .hours(let n): start.adding(days: (n + 23) / 24)
        }
    }
}
