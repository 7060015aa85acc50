import Foundation

/// Public holidays of England and Wales, by the rules of the Banking and Financial Dealings Act 1971
/// and royal proclamations, with the one-off changes of 2020, 2022 and 2023.
public enum EnglandAndWalesBankHolidays {
    /// Days moved or added by proclamation: (usual date removed, replacement or added date).
    static let moved: [Int: (removed: [String], added: [String])] = [
        2020: (["2020-05-04"], ["2020-05-08"]),  // early May moved for VE Day 75
        2022: (["2022-05-30"], ["2022-06-02", "2022-06-03", "2022-09-19"]),  // Platinum Jubilee; State Funeral
        2023: ([], ["2023-05-08"]),  // Coronation
    ]

    /// Every bank holiday in `year` (none outside the years 1 to 9999, which no date can name).
    public static func holidays(in year: Int) -> Set<LocalDate> {
        guard (1...9999).contains(year) else { return [] }
        var days: [LocalDate] = []
        let newYear = LocalDate(year: year, month: 1, day: 1)!
        days.append(nextWeekday(from: newYear))
        let easter = easterSunday(year)
        days.append(easter.adding(days: -2))
        days.append(easter.adding(days: 1))
        days.append(firstMonday(year: year, month: 5))
        days.append(lastMonday(year: year, month: 5))
        days.append(lastMonday(year: year, month: 8))
        let christmas = LocalDate(year: year, month: 12, day: 25)!
        switch christmas.isoWeekday {
        case 5: days += [christmas, christmas.adding(days: 3)]  // Fri: Boxing Day moves to Mon 28
        case 6: days += [christmas.adding(days: 2), christmas.adding(days: 3)]  // Sat: Mon 27 and Tue 28
        case 7: days += [christmas.adding(days: 1), christmas.adding(days: 2)]  // Sun: Mon 26 and Tue 27
        default: days += [christmas, christmas.adding(days: 1)]
        }
        var result = Set(days)
        if let change = moved[year] {
            for text in change.removed { result.remove(LocalDate(iso: text)!) }
            for text in change.added { result.insert(LocalDate(iso: text)!) }
        }
        return result
    }

    static func nextWeekday(from date: LocalDate) -> LocalDate {
        var d = date
        for _ in 0..<7 where d.isoWeekday > 5 { d = d.adding(days: 1) }
        return d
    }

    static func firstMonday(year: Int, month: Int) -> LocalDate {
        var d = LocalDate(year: year, month: month, day: 1)!
        for _ in 0..<7 where d.isoWeekday != 1 { d = d.adding(days: 1) }
        return d
    }

    static func lastMonday(year: Int, month: Int) -> LocalDate {
        var d = LocalDate(year: year, month: month, day: LocalDate.daysIn(month: month, year: year))!
        for _ in 0..<7 where d.isoWeekday != 1 { d = d.adding(days: -1) }
        return d
    }

    /// Easter Sunday (anonymous Gregorian algorithm).
    public static func easterSunday(_ year: Int) -> LocalDate {
        let a = year % 19, b = year / 100, c = year % 100, d = b / 4, e = b % 4
        let f = (b + 8) / 25, g = (b - f + 1) / 3, h = (19 * a + b - d - g + 15) % 30
        let i = c / 4, k = c % 4, l = (32 + 2 * e + 2 * i - h - k) % 7
        let m = (a + 11 * h + 22 * l) / 451
        let month = (h + l - 7 * m + 114) / 31, day = (h + l - 7 * m + 114) % 31 + 1
        return LocalDate(year: year, month: month, day: day) ?? (year < 1 ? .minimum : .maximum)
    }
}
