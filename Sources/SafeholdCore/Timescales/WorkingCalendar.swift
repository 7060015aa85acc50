import Foundation

/// Working days: Monday to Friday, less the jurisdiction's public holidays. Two ways of counting,
/// as DOMAIN.md section 3 describes: due dates for workers, and the DfE's inclusive count.
///
/// Every count is total: any `Int`, however large or negative, gives a date between 0001-01-01 and
/// 9999-12-31 after a number of steps bounded by the number of holidays (whole weeks are jumped,
/// never walked), so no input can trap or hold a request for long.
public struct WorkingCalendar: Sendable {
    public let holidays: Set<LocalDate>
    /// The holidays that fall on a weekday, in order: the only days a jump over whole weeks must correct for.
    let weekdayHolidays: [LocalDate]

    public init(holidays: Set<LocalDate>) {
        self.holidays = holidays
        self.weekdayHolidays = holidays.filter { $0.isoWeekday <= 5 }.sorted()
    }

    public func isWorkingDay(_ date: LocalDate) -> Bool {
        date.isoWeekday <= 5 && !holidays.contains(date)
    }

    /// The due date shown to workers: the first working day after `start` is day 1.
    /// A referral on Thursday 17 April 2025 is due for a decision (1 day) on Tuesday 22 April.
    /// A negative count walks backwards the same way.
    public func adding(workingDays count: Int, to start: LocalDate) -> LocalDate {
        walk(workingDays: count, from: start).date
    }

    /// The DfE's convention, counting both ends: the earliest start from which `end` falls within
    /// `count` working days. 31 March 2025 minus 15 working days is 11 March 2025. A count below one
    /// is `end` itself.
    public func inclusiveStart(workingDays count: Int, endingOn end: LocalDate) -> LocalDate {
        guard count >= 1 else { return end }
        return adding(workingDays: -(isWorkingDay(end) ? count - 1 : count), to: end)
    }

    /// Working days from `start` to `end`, counting both ends when they are working days (DfE measure).
    public func workingDaysInclusive(from start: LocalDate, to end: LocalDate) -> Int {
        guard start <= end else { return 0 }
        let days = end.daysSinceEpoch - start.daysSinceEpoch + 1
        var weekdays = days / 7 * 5
        var date = start.adding(days: days / 7 * 7)
        for _ in 0..<(days % 7) {
            if date.isoWeekday <= 5 { weekdays += 1 }
            date = date.adding(days: 1)
        }
        return weekdays - holidaysOnWeekdays(after: start.adding(days: -1), through: end)
    }

    /// Walks `count` working days from `start` (backwards when negative). Whole weeks are jumped:
    /// seven days always hold five weekdays, less the weekday holidays among them. Returns the date
    /// and the number of loop steps taken, which the tests bound.
    func walk(workingDays count: Int, from start: LocalDate) -> (date: LocalDate, steps: Int) {
        let forward = count >= 0
        let boundary = forward ? LocalDate.maximum : LocalDate.minimum
        var remaining = count.magnitude, date = start, steps = 0
        while remaining > 0 && date != boundary {
            steps += 1
            if remaining > 5 {
                // More weeks than there are days in the calendar always reach the boundary.
                let weeks = Int(min((remaining - 1) / 5, 600_000))
                let target = date.adding(days: (forward ? 7 : -7) * weeks)
                if target == boundary { return (target, steps) }
                let skipped =
                    forward
                    ? holidaysOnWeekdays(after: date, through: target)
                    : holidaysOnWeekdays(after: target.adding(days: -1), through: date.adding(days: -1))
                remaining = remaining - UInt(weeks * 5) + UInt(skipped)
                date = target
            } else {
                date = date.adding(days: forward ? 1 : -1)
                if isWorkingDay(date) { remaining -= 1 }
            }
        }
        return (date, steps)
    }

    /// How many weekday holidays fall after `start` and on or before `end`.
    func holidaysOnWeekdays(after start: LocalDate, through end: LocalDate) -> Int {
        guard start < end else { return 0 }
        return firstIndex(after: end) - firstIndex(after: start)
    }

    /// The index of the first weekday holiday later than `date` (binary search).
    private func firstIndex(after date: LocalDate) -> Int {
        var low = 0, high = weekdayHolidays.count
        while low < high {
            let mid = (low + high) / 2
            if weekdayHolidays[mid] <= date { low = mid + 1 } else { high = mid }
        }
        return low
    }
}

extension LocalDate {
    /// Calendar months later, clamped to the end of a shorter month (31 August + 6 months = 28/29
    /// February), and to the first or last representable date.
    public func adding(months: Int) -> LocalDate {
        let limit = 10_000 * 12
        let total = year * 12 + (month - 1) + Swift.min(Swift.max(months, -limit), limit)
        let y = total / 12, m = total % 12 + 1
        if total < 12 { return .minimum }
        if y > 9999 { return .maximum }
        return LocalDate(year: y, month: m, day: Swift.min(day, LocalDate.daysIn(month: m, year: y))) ?? .maximum
    }
}
