import Foundation

/// A CIN census collection year: 1 April of `startYear` to 31 March of the next year, which is also the
/// return's reference date. `safehold census export --year 2025` is the year ending 31 March 2026, whose
/// header says `<Year>2026</Year>`.
public struct CensusYear: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The calendar year in which the collection year starts (1 April).
    public let startYear: Int

    public init?(startYear: Int) {
        guard (2000...2100).contains(startYear) else { return nil }
        self.startYear = startYear
    }

    /// The year a date falls in (1 April to 31 March).
    public init(containing date: LocalDate) {
        self.startYear = date.month >= 4 ? date.year : date.year - 1
    }

    /// 1 April of the start year.
    public var start: LocalDate { LocalDate(year: startYear, month: 4, day: 1)! }
    /// 31 March of the next year: the last day and the reference date.
    public var end: LocalDate { LocalDate(year: startYear + 1, month: 3, day: 31)! }
    public var referenceDate: LocalDate { end }
    /// The header's `Year`: the year in which the collection year ends.
    public var headerYear: String { String(startYear + 1) }

    public func contains(_ date: LocalDate) -> Bool { date >= start && date <= end }

    /// A return may be made only once its year has ended.
    public func hasEnded(on today: LocalDate) -> Bool { today > end }

    public var description: String { "\(startYear)-\(String(startYear + 1).suffix(2))" }

    public static func < (a: CensusYear, b: CensusYear) -> Bool { a.startYear < b.startYear }
}
