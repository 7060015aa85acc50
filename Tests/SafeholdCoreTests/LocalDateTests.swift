import Foundation
import Testing

@testable import SafeholdCore

@Suite("LocalDate")
struct LocalDateTests {
    @Test(
        "ISO parsing accepts real dates",
        arguments: [
            ("2025-04-17", 2025, 4, 17), ("1970-01-01", 1970, 1, 1), ("0001-01-01", 1, 1, 1),
            ("9999-12-31", 9999, 12, 31), ("2025-12-31", 2025, 12, 31), ("2025-04-30", 2025, 4, 30),
        ])
    func parsesRealDates(text: String, year: Int, month: Int, day: Int) throws {
        let date = try #require(LocalDate(iso: text))
        #expect(date.year == year)
        #expect(date.month == month)
        #expect(date.day == day)
        #expect(date.description == text)
    }

    @Test(
        "ISO parsing rejects impossible days and malformed text",
        arguments: [
            "2025-02-31", "2023-02-29", "2025-04-31", "2025-13-01", "2025-00-10", "2025-01-00", "0000-01-01",
            "2025-1-01", "2025-01-1", "25-01-01", "2025/01/01", "20250101", "2025-01-01T00:00",
            "abcd-ef-gh", "2025-0a-01", "2025-01-0x", "", "2025--01-01", " 2025-01-01", "2025-01-01 ",
            "+025-01-01", "-025-01-01", "２０２５-01-01", "2025-01-01-01", "٢٠٢٥-01-01", "2025-01-0\u{301}1",
            "2025-01-0\u{202E}1",
        ])
    func rejectsBadText(text: String) {
        #expect(LocalDate(iso: text) == nil)
    }

    @Test("Leap years follow the Gregorian rule")
    func leapYears() {
        #expect(LocalDate(iso: "2024-02-29") != nil)
        #expect(LocalDate(iso: "2000-02-29") != nil)
        #expect(LocalDate(iso: "1900-02-29") == nil)
        #expect(LocalDate(iso: "2100-02-29") == nil)
        #expect(LocalDate(iso: "2023-02-29") == nil)
        #expect(LocalDate.daysIn(month: 2, year: 2024) == 29)
        #expect(LocalDate.daysIn(month: 2, year: 1900) == 28)
        #expect(LocalDate.daysIn(month: 2, year: 2000) == 29)
        #expect(LocalDate.daysIn(month: 4, year: 2025) == 30)
        #expect(LocalDate.daysIn(month: 12, year: 2025) == 31)
    }

    @Test("Memberwise init refuses days that do not exist")
    func memberwiseInitRefusesImpossibleDays() {
        #expect(LocalDate(year: 2025, month: 2, day: 29) == nil)
        #expect(LocalDate(year: 2025, month: 6, day: 31) == nil)
        #expect(LocalDate(year: 0, month: 1, day: 1) == nil)
        #expect(LocalDate(year: 10_000, month: 1, day: 1) == nil)
        #expect(LocalDate(year: 2025, month: 6, day: 30) != nil)
    }

    @Test("daysSinceEpoch is anchored at 1970-01-01")
    func epochAnchors() {
        #expect(Fixture.day("1970-01-01").daysSinceEpoch == 0)
        #expect(Fixture.day("1970-01-02").daysSinceEpoch == 1)
        #expect(Fixture.day("1969-12-31").daysSinceEpoch == -1)
        #expect(Fixture.day("2000-03-01").daysSinceEpoch == 11_017)
        #expect(Fixture.day("2025-04-17").daysSinceEpoch == 20_195)
    }

    @Test("daysSinceEpoch round-trips every day from year 1 to 9999, one day apart")
    func daysSinceEpochRoundTrip() throws {
        let first = Fixture.day("0001-01-01").daysSinceEpoch
        let last = Fixture.day("9999-12-31").daysSinceEpoch
        var previous: LocalDate?
        var failures = 0
        for days in first...last {
            let date = LocalDate(daysSinceEpoch: days)
            let valid = LocalDate(year: date.year, month: date.month, day: date.day)
            if date.daysSinceEpoch != days || valid != date || previous.map({ !($0 < date) }) == true { failures += 1 }
            previous = date
        }
        #expect(failures == 0)
        #expect(LocalDate(daysSinceEpoch: last) == Fixture.day("9999-12-31"))
    }

    @Test("adding(days:) moves across month, year and leap-day boundaries")
    func addingDays() {
        #expect(Fixture.day("2024-02-28").adding(days: 1) == Fixture.day("2024-02-29"))
        #expect(Fixture.day("2024-02-29").adding(days: 1) == Fixture.day("2024-03-01"))
        #expect(Fixture.day("2025-12-31").adding(days: 1) == Fixture.day("2026-01-01"))
        #expect(Fixture.day("2025-01-01").adding(days: -1) == Fixture.day("2024-12-31"))
        #expect(Fixture.day("2025-06-15").adding(days: 0) == Fixture.day("2025-06-15"))
    }

    @Test("isoWeekday counts Monday as 1 and Sunday as 7")
    func isoWeekday() {
        #expect(Fixture.day("2025-04-17").isoWeekday == 4)  // Thursday
        #expect(Fixture.day("1970-01-01").isoWeekday == 4)  // Thursday
        #expect(Fixture.day("2025-04-14").isoWeekday == 1)  // Monday
        #expect(Fixture.day("2025-04-20").isoWeekday == 7)  // Sunday
        #expect(Fixture.day("1969-12-28").isoWeekday == 7)  // Sunday, before the epoch
        #expect(Fixture.day("2000-01-01").isoWeekday == 6)  // Saturday
        // Seven days on is always the same weekday, either side of the epoch.
        for offset in -800...800 {
            let date = LocalDate(daysSinceEpoch: offset)
            #expect((1...7).contains(date.isoWeekday))
            #expect(date.adding(days: 7).isoWeekday == date.isoWeekday)
            #expect(date.adding(days: 1).isoWeekday == date.isoWeekday % 7 + 1)
        }
    }

    @Test("years(until:) counts an age, turning over on the birthday")
    func agesAroundBirthdays() {
        let birth = Fixture.day("2010-06-15")
        #expect(birth.years(until: Fixture.day("2025-06-14")) == 14)
        #expect(birth.years(until: Fixture.day("2025-06-15")) == 15)
        #expect(birth.years(until: Fixture.day("2025-06-16")) == 15)
        #expect(birth.years(until: Fixture.day("2025-05-31")) == 14)
        #expect(birth.years(until: birth) == 0)
        #expect(birth.years(until: Fixture.day("2011-06-14")) == 0)
        // Born on 29 February: a year older on 1 March in years without one.
        let leapling = Fixture.day("2008-02-29")
        #expect(leapling.years(until: Fixture.day("2025-02-28")) == 16)
        #expect(leapling.years(until: Fixture.day("2025-03-01")) == 17)
        #expect(leapling.years(until: Fixture.day("2024-02-29")) == 16)
    }

    @Test("Comparison orders by year, then month, then day")
    func ordering() {
        #expect(Fixture.day("2024-12-31") < Fixture.day("2025-01-01"))
        #expect(Fixture.day("2025-01-31") < Fixture.day("2025-02-01"))
        #expect(!(Fixture.day("2025-02-01") < Fixture.day("2025-02-01")))
    }

    @Test("Codable writes YYYY-MM-DD and reads it back")
    func codableRoundTrip() throws {
        let date = Fixture.day("2024-02-29")
        let data = try JSONEncoder().encode([date])
        #expect(String(decoding: data, as: UTF8.self) == #"["2024-02-29"]"#)
        #expect(try JSONDecoder().decode([LocalDate].self, from: data) == [date])
    }

    @Test(
        "Codable rejects impossible and malformed dates",
        arguments: [
            #"["2025-02-31"]"#, #"["2023-02-29"]"#, #"["2025-1-01"]"#, #"["yesterday"]"#, #"[20250101]"#,
        ])
    func codableRejectsBadDates(json: String) {
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode([LocalDate].self, from: Data(json.utf8))
        }
    }
}
