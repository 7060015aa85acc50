import Foundation

/// Working days: Monday to Friday, less the jurisdiction's public holidays. Two ways of counting,
/// as DOMAIN.md section 3 describes: due dates for workers, and the DfE's inclusive count.
public struct WorkingCalendar: Sendable {
    public let holidays: Set<LocalDate>

    public init(holidays: Set<LocalDate>) { self.holidays = holidays }

    public func isWorkingDay(_ date: LocalDate) -> Bool {
        date.isoWeekday <= 5 && !holidays.contains(date)
    }

    /// The due date shown to workers: the first working day after `start` is day 1.
    /// A referral on Thursday 17 April 2025 is due for a decision (1 day) on Tuesday 22 April.
    public func adding(workingDays count: Int, to start: LocalDate) -> LocalDate {
        precondition(count >= 0, "count working days forwards")
        var date = start, counted = 0
        while counted < count {
            date = date.adding(days: 1)
            if isWorkingDay(date) { counted += 1 }
        }
        return date
    }

    /// The DfE's convention, counting both ends: the earliest start from which `end` falls within
    /// `count` working days. 31 March 2025 minus 15 working days is 11 March 2025.
    public func inclusiveStart(workingDays count: Int, endingOn end: LocalDate) -> LocalDate {
        precondition(count >= 1, "count at least one working day")
        var date = end, counted = isWorkingDay(end) ? 1 : 0
        while counted < count {
            date = date.adding(days: -1)
            if isWorkingDay(date) { counted += 1 }
        }
        return date
    }

    /// Working days from `start` to `end`, counting both ends when they are working days (DfE measure).
    public func workingDaysInclusive(from start: LocalDate, to end: LocalDate) -> Int {
        guard start <= end else { return 0 }
        var n = 0, d = start
        while d <= end {
            if isWorkingDay(d) { n += 1 }
            d = d.adding(days: 1)
        }
        return n
    }
}

extension LocalDate {
    /// Calendar months later, clamped to the end of a shorter month (31 August + 6 months = 28/29 February).
    public func adding(months: Int) -> LocalDate {
        let total = year * 12 + (month - 1) + months
        let y = total / 12, m = total % 12 + 1
        return LocalDate(year: y, month: m, day: min(day, LocalDate.daysIn(month: m, year: y)))!
    }
}
