import Foundation

/// A calendar date with no time of day or zone, as statutory timescales and dates of birth are.
///
/// Stored and exchanged as `YYYY-MM-DD`; impossible dates such as 31 February are refused.
public struct LocalDate: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    public let year: Int
    public let month: Int
    public let day: Int

    /// Creates a date, or returns nil when the day does not exist in that month.
    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month),
            (1...LocalDate.daysIn(month: month, year: year)).contains(day)
        else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses `YYYY-MM-DD` exactly; anything else, or a day that does not exist, is nil.
    public init?(iso text: String) {
        var text = text
        guard let date = text.withUTF8({ LocalDate(isoBytes: $0) }) else { return nil }
        self = date
    }

    /// Parses the ten bytes `YYYY-MM-DD` (ASCII digits only); anything else, or a day that does not exist, is
    /// nil. Read straight from the bytes: rows and stored steps hold many dates.
    public init?(isoBytes b: UnsafeBufferPointer<UInt8>) {
        guard b.count == 10, b[4] == UInt8(ascii: "-"), b[7] == UInt8(ascii: "-") else { return nil }
        guard let y = Digits.read(b, 0..<4), let m = Digits.read(b, 5..<7), let d = Digits.read(b, 8..<10)
        else { return nil }
        self.init(year: y, month: m, day: d)
    }

    /// The date on which `instant` falls in `zone` (for Safehold, the ruleset's zone: Europe/London).
    /// Instants beyond the years 1 to 9999 give the first or last representable date.
    public init(_ instant: Date, in zone: TimeZone) {
        let seconds = instant.timeIntervalSince1970
        let offset = seconds.isFinite ? Double(zone.secondsFromGMT(for: instant)) : 0
        self.init(daysSinceEpoch: LocalDate.day(containing: seconds + offset))
    }

    /// The day (since 1970-01-01) holding `seconds` since the epoch, clamped to the representable range.
    static func day(containing seconds: Double) -> Int {
        guard !seconds.isNaN else { return 0 }
        let days = (seconds / 86_400).rounded(.down)
        return Int(Swift.min(Swift.max(days, Double(minimumDay)), Double(maximumDay)))
    }

    /// The first representable date, 0001-01-01.
    public static let minimum = LocalDate(checkedYear: 1, month: 1, day: 1)
    /// The last representable date, 9999-12-31.
    public static let maximum = LocalDate(checkedYear: 9999, month: 12, day: 31)
    /// The dates Safehold accepts from a person or a caller: 1900-01-01 to 2100-12-31.
    public static let acceptedRange =
        LocalDate(checkedYear: 1900, month: 1, day: 1)...LocalDate(checkedYear: 2100, month: 12, day: 31)

    static let minimumDay = -719_162
    static let maximumDay = 2_932_896

    private init(checkedYear year: Int, month: Int, day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    /// Days since 1970-01-01 (negative before it).
    public var daysSinceEpoch: Int {
        // Howard Hinnant's days_from_civil.
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// The date `days` after 1970-01-01, clamped to 0001-01-01 ... 9999-12-31 so that arithmetic on
    /// any input gives a real date instead of trapping.
    public init(daysSinceEpoch days: Int) {
        let z = Swift.min(Swift.max(days, LocalDate.minimumDay), LocalDate.maximumDay) + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        self.year = yoe + era * 400 + (m <= 2 ? 1 : 0)
        self.month = m
        self.day = d
    }

    /// The date `count` calendar days later (earlier when negative), stopping at the first or last
    /// representable date.
    public func adding(days count: Int) -> LocalDate {
        let (sum, overflow) = daysSinceEpoch.addingReportingOverflow(count)
        if overflow { return count > 0 ? .maximum : .minimum }
        return LocalDate(daysSinceEpoch: sum)
    }

    /// ISO weekday: 1 is Monday, 7 is Sunday.
    public var isoWeekday: Int { ((daysSinceEpoch % 7) + 7 + 3) % 7 + 1 }

    /// Whole years from this date to `other`, as an age is counted.
    public func years(until other: LocalDate) -> Int {
        var years = other.year - year
        if (other.month, other.day) < (month, day) { years -= 1 }
        return years
    }

    public var description: String {
        // Every date made here has a year of 1 to 9999: ten ASCII bytes, a small string with no allocation.
        guard (0...9999).contains(year), (0...99).contains(month), (0...99).contains(day) else {
            return Digits.padded(year, width: 4) + "-" + Digits.padded(month, width: 2) + "-"
                + Digits.padded(day, width: 2)
        }
        return String(unsafeUninitializedCapacity: 10) { text in
            Digits.write(year, into: text, endingAt: 3, width: 4)
            text[4] = UInt8(ascii: "-")
            Digits.write(month, into: text, endingAt: 6, width: 2)
            text[7] = UInt8(ascii: "-")
            Digits.write(day, into: text, endingAt: 9, width: 2)
            return 10
        }
    }

    public static func < (lhs: LocalDate, rhs: LocalDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let date = LocalDate(iso: text) else {
            throw DecodingError.dataCorrupted(
                .init(
                    codingPath: decoder.codingPath,
                    debugDescription: "'\(text)' is not a real date in the form YYYY-MM-DD"))
        }
        self = date
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
