import Foundation
import Testing

@testable import SafeholdCore

@Suite struct WorkingCalendarTests {
    let england = Ruleset.england2025
    func d(_ text: String) -> LocalDate { LocalDate(iso: text)! }

    @Test func aContactOnTheThursdayBeforeEasterIsDueOnTheTuesdayAfter() {
        #expect(england.due(england.contactDecision, from: d("2025-04-17")) == d("2025-04-22"))
    }

    @Test func anInitialConferenceAfterAStrategyDiscussionBeforeEasterIsDueOn13May2025() {
        #expect(england.due(england.initialConference, from: d("2025-04-17")) == d("2025-05-13"))
    }

    @Test func theCensusCountsBothEnds() {
        #expect(england.calendar.inclusiveStart(workingDays: 15, endingOn: d("2025-03-31")) == d("2025-03-11"))
        #expect(england.calendar.inclusiveStart(workingDays: 45, endingOn: d("2025-03-31")) == d("2025-01-28"))
        #expect(england.calendar.workingDaysInclusive(from: d("2025-01-28"), to: d("2025-03-31")) == 45)
    }

    @Test func aWeekendStartCountsFromMonday() {
        #expect(england.due(.workingDays(1), from: d("2025-03-08")) == d("2025-03-10"))
        #expect(england.due(.workingDays(1), from: d("2025-03-07")) == d("2025-03-10"))
    }

    @Test(arguments: [
        ("2022-06-02", true), ("2022-06-03", true), ("2022-09-19", true), ("2023-05-08", true), ("2020-05-08", true),
        ("2020-05-04", false), ("2022-05-30", false), ("2025-04-18", true), ("2025-04-21", true), ("2025-05-05", true),
        ("2025-05-26", true), ("2025-08-25", true), ("2025-12-25", true), ("2025-12-26", true), ("2026-12-28", true),
        ("2027-12-27", true), ("2027-12-28", true), ("2022-01-03", true), ("2023-01-02", true), ("2030-04-19", true),
        ("2015-12-28", true), ("2021-12-27", true), ("2021-12-28", true),
    ])
    func bankHolidaysIncludeTheOneOffDaysAndSubstitutes(date: String, holiday: Bool) {
        #expect(england.calendar.holidays.contains(d(date)) == holiday, "\(date)")
    }

    @Test func everyYearFrom2015To2030HasEightBankHolidaysBut2022And2023HaveTheirExtraDays() {
        for year in 2015...2030 {
            let expected = [2022: 10, 2023: 9][year] ?? 8
            #expect(EnglandAndWalesBankHolidays.holidays(in: year).count == expected, "\(year)")
        }
    }

    @Test func monthTimescalesClampToTheEndOfAShorterMonth() {
        #expect(d("2025-08-31").adding(months: 6) == d("2026-02-28"))
        #expect(d("2023-08-31").adding(months: 6) == d("2024-02-29"))
        #expect(d("2025-11-30").adding(months: 3) == d("2026-02-28"))
        #expect(england.due(england.firstReview, from: d("2025-01-15")) == d("2025-04-15"))
    }

    @Test func dueDatesNeverLandOnAWeekendOrHoliday() {
        var start = d("2024-12-01")
        while start < d("2026-01-31") {
            for n in [1, 10, 15, 45] {
                let due = england.due(.workingDays(n), from: start)
                #expect(england.calendar.isWorkingDay(due))
                #expect(england.calendar.workingDaysInclusive(from: start.adding(days: 1), to: due) == n)
            }
            start = start.adding(days: 1)
        }
    }
}
