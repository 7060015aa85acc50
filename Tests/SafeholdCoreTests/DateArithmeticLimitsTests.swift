import Foundation
import Testing

@testable import SafeholdCore

/// Date arithmetic is total: any `Int`, however large or negative, gives a real date without a trap,
/// and the working-day walk takes a number of steps bounded by the holidays, not by the count.
@Suite struct DateArithmeticLimitsTests {
    let england = Ruleset.england2025
    let extremes = [
        Int.min, Int.min + 1, -1_000_000_000_000, -3_000_000, -1, 0, 1, 3_000_000, 1_000_000_000_000,
        Int.max - 1, Int.max,
    ]
    let starts = ["0001-01-01", "1899-12-31", "2026-03-29", "2026-12-24", "9999-12-31"].map { LocalDate(iso: $0)! }

    /// The most loop steps a walk may take, whatever the count: a few per weekday holiday.
    var stepBound: Int { 8 * (england.calendar.weekdayHolidays.count + 6) }

    @Test func theRepresentableRangeIsYear1ToYear9999() {
        #expect(LocalDate.minimum.description == "0001-01-01")
        #expect(LocalDate.maximum.description == "9999-12-31")
        #expect(LocalDate.minimum.daysSinceEpoch == LocalDate.minimumDay)
        #expect(LocalDate.maximum.daysSinceEpoch == LocalDate.maximumDay)
        #expect(LocalDate(daysSinceEpoch: Int.max) == .maximum)
        #expect(LocalDate(daysSinceEpoch: Int.min) == .minimum)
    }

    @Test func addingDaysAndMonthsSaturatesInsteadOfTrapping() {
        for start in starts {
            for n in extremes {
                let days = start.adding(days: n), months = start.adding(months: n)
                #expect((LocalDate.minimum...LocalDate.maximum).contains(days))
                #expect((LocalDate.minimum...LocalDate.maximum).contains(months))
                if n == Int.max { #expect(days == .maximum && months == .maximum) }
                if n == Int.min { #expect(days == .minimum && months == .minimum) }
            }
        }
    }

    @Test func workingDayWalksOfAnyLengthTakeBoundedSteps() {
        for start in starts {
            for n in extremes {
                let (date, steps) = england.calendar.walk(workingDays: n, from: start)
                #expect(steps <= stepBound, "\(n) working days from \(start) took \(steps) steps")
                #expect((LocalDate.minimum...LocalDate.maximum).contains(date))
                if n >= 3_000_000 { #expect(date == .maximum) }
                if n <= -3_000_000 { #expect(date == .minimum) }
            }
        }
    }

    @Test func theJumpingWalkAgreesWithCountingDayByDay() {
        func naive(_ count: Int, _ start: LocalDate) -> LocalDate {
            var date = start, left = abs(count)
            while left > 0 {
                date = date.adding(days: count > 0 ? 1 : -1)
                if england.calendar.isWorkingDay(date) { left -= 1 }
            }
            return date
        }
        for offset in stride(from: 0, to: 5000, by: 37) {
            let start = LocalDate(iso: "2014-06-01")!.adding(days: offset)
            for count in [1, 2, 5, 6, 7, 10, 11, 15, 45, 60, 130, 400, -1, -6, -15, -45, -400] {
                #expect(
                    england.calendar.adding(workingDays: count, to: start) == naive(count, start),
                    "\(count) from \(start)")
            }
        }
    }

    @Test func theInclusiveCountsAreTotalAndAgreeWithCountingDayByDay() {
        let calendar = england.calendar
        #expect(calendar.inclusiveStart(workingDays: Int.max, endingOn: LocalDate(iso: "2026-01-01")!) == .minimum)
        #expect(
            calendar.inclusiveStart(workingDays: Int.min, endingOn: LocalDate(iso: "2026-01-01")!)
                == LocalDate(iso: "2026-01-01"))
        let all = calendar.workingDaysInclusive(from: .minimum, to: .maximum)
        #expect(all > 2_500_000 && all < 2_700_000)
        for offset in stride(from: 0, to: 3000, by: 53) {
            let start = LocalDate(iso: "2015-01-01")!.adding(days: offset)
            for length in [0, 1, 6, 7, 8, 30, 365] {
                let end = start.adding(days: length)
                var counted = 0, day = start
                while day <= end { if calendar.isWorkingDay(day) { counted += 1 }; day = day.adding(days: 1) }
                #expect(calendar.workingDaysInclusive(from: start, to: end) == counted, "\(start) to \(end)")
            }
        }
    }

    @Test func everyTimescaleGivesARealDateForAnyCount() {
        for start in starts {
            for n in extremes {
                for timescale in [Timescale.workingDays(n), .calendarMonths(n), .calendarDays(n), .weeks(n), .hours(n)]
                {
                    #expect((LocalDate.minimum...LocalDate.maximum).contains(england.due(timescale, from: start)))
                }
            }
        }
        #expect(england.due(.hours(72), from: LocalDate(iso: "2026-11-24")!) == LocalDate(iso: "2026-11-27"))
        #expect(england.due(.hours(73), from: LocalDate(iso: "2026-11-24")!) == LocalDate(iso: "2026-11-28"))
    }

    @Test func instantsBeyondTheCalendarOrNotANumberGiveADateAndATimestamp() {
        let zone = england.timeZone
        for seconds in [Double.infinity, -Double.infinity, .nan, 1e300, -1e300, Double(Int64.max), 253_402_300_800] {
            let instant = Date(timeIntervalSince1970: seconds)
            #expect((LocalDate.minimum...LocalDate.maximum).contains(LocalDate(instant, in: zone)))
            _ = LocalDateTime(instant, in: zone)
            #expect(Timestamp.string(instant).count == 24)
        }
        #expect(Timestamp.string(Date(timeIntervalSince1970: 1e300)) == "9999-12-31T23:59:59.999Z")
        #expect(Timestamp.string(.distantPast).hasPrefix("0001-01-0"))
    }

    @Test(arguments: [
        "9999999-01-01", "99999-01-01", "-001-01-01", "0000-01-01", "2026-13-01", "2026-02-30", "２０２６-01-01",
        "2026-1-01", "", "2026-01-01T00:00",
    ])
    func impossibleDateTextIsRefused(text: String) {
        #expect(LocalDate(iso: text) == nil)
    }

    @Test func bankHolidaysForAnyYearAreTotal() {
        for year in [Int.min, -1, 0, 10_000, Int.max] {
            #expect(EnglandAndWalesBankHolidays.holidays(in: year).isEmpty)
            _ = EnglandAndWalesBankHolidays.easterSunday(year)
        }
        #expect(EnglandAndWalesBankHolidays.holidays(in: 9999).count == 8)
        #expect(EnglandAndWalesBankHolidays.holidays(in: 1).count == 8)
    }

    @Test func theAcceptedWindowIs1900To2100() {
        #expect(LocalDate.acceptedRange.lowerBound.description == "1900-01-01")
        #expect(LocalDate.acceptedRange.upperBound.description == "2100-12-31")
        #expect(Timestamp.string(Timestamp.acceptedRange.lowerBound) == "1900-01-01T00:00:00.000Z")
        #expect(Timestamp.string(Timestamp.acceptedRange.upperBound) == "2100-12-31T23:59:59.999Z")
    }
}
