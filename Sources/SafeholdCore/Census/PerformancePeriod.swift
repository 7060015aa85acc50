import Foundation

/// The days a dashboard counts over (both ends included) and its months, each cut to the period.
public struct PerformancePeriod: Hashable, Sendable {
    /// One calendar month of the period: its first and last day inside the period.
    public struct Month: Hashable, Sendable {
        public let year: Int
        public let month: Int
        public let first: LocalDate
        public let last: LocalDate

        /// "Apr 2025".
        public var label: String { String(first.display.split(separator: " ").suffix(2).joined(separator: " ")) }
        /// "2025-04", as a link and the CSV carry it.
        public var key: String { String(format: "%04d-%02d", year, month) }
    }

    public let from: LocalDate
    public let to: LocalDate

    /// The longest period a dashboard counts over, in months.
    public static let maxMonths = 60

    public init(from: LocalDate, to: LocalDate) {
        self.from = from
        self.to = max(from, to)
    }

    public func contains(_ date: LocalDate) -> Bool { date >= from && date <= to }

    /// The months the period touches, in order.
    public var months: [Month] {
        var result: [Month] = []
        var start = LocalDate(year: from.year, month: from.month, day: 1) ?? from
        while start <= to {
            let end = start.adding(months: 1).adding(days: -1)
            result.append(Month(year: start.year, month: start.month, first: max(start, from), last: min(end, to)))
            start = start.adding(months: 1)
        }
        return result
    }

    /// The month `key` ("2025-04") names, when it is one of the period's.
    public func month(_ key: String) -> Month? { months.first { $0.key == key } }

    /// The default period: the twelve months to `today`, starting on the first of the month.
    public static func lastTwelveMonths(to today: LocalDate) -> PerformancePeriod {
        let start = today.adding(months: -11)
        return PerformancePeriod(from: LocalDate(year: start.year, month: start.month, day: 1) ?? start, to: today)
    }

    /// The period asked for as text (`YYYY-MM-DD`; without a start, the twelve months to the end; without an
    /// end, to today; without either, `lastTwelveMonths`), refused
    /// with the field named when a date is not one, the end comes before the start, or it is longer than
    /// `maxMonths`.
    public static func parse(from: String?, to: String?, today: LocalDate) throws(SafeholdError) -> PerformancePeriod {
        let fallback = lastTwelveMonths(to: today)
        var v = Validation()
        let given = { (text: String?) -> String? in
            (text?.trimmingCharacters(in: .whitespaces)).flatMap { $0.isEmpty ? nil : $0 }
        }
        let startText = given(from), endText = given(to)
        var start: LocalDate? = fallback.from
        var end: LocalDate? = startText == nil ? fallback.to : today
        if let startText { start = v.isoDate("from", startText) }
        if let endText { end = v.isoDate("to", endText) }
        if startText == nil, let end { start = lastTwelveMonths(to: end).from }
        if let start, let end {
            if end < start {
                v.add("to", "must be on or after the start of the period (\(start.display))")
            } else if start.adding(months: maxMonths) <= end {
                v.add("from", "a period is at most \(maxMonths / 12) years; choose a later start")
            }
        }
        try v.check()
        guard let start, let end else { throw .invalid([FieldError("from", "must be a date (YYYY-MM-DD)")]) }
        return PerformancePeriod(from: start, to: end)
    }
}
