import Foundation

/// A wall-clock reading: the date and time of day a person reads in a time zone. Safehold stores
/// instants in UTC and shows and reads them in the ruleset's zone (Europe/London in England), so a
/// contact received at 00:30 British Summer Time on a Saturday is shown, dated and timed as Saturday.
public struct LocalDateTime: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let date: LocalDate
    public let hour: Int
    public let minute: Int
    public let second: Int

    /// A reading, or nil when the time of day is impossible.
    public init?(date: LocalDate, hour: Int, minute: Int, second: Int = 0) {
        guard (0..<24).contains(hour), (0..<60).contains(minute), (0..<60).contains(second) else { return nil }
        self.date = date
        self.hour = hour
        self.minute = minute
        self.second = second
    }

    /// The reading of `instant` on a clock in `zone`.
    public init(_ instant: Date, in zone: TimeZone) {
        let raw = instant.timeIntervalSince1970
        let seconds = raw.isFinite ? raw + Double(zone.secondsFromGMT(for: instant)) : 0
        let day = LocalDate.day(containing: seconds)
        let clamped = Swift.min(Swift.max(seconds.rounded(.down), Double(day) * 86_400), Double(day) * 86_400 + 86_399)
        let secondOfDay = Int(clamped - Double(day) * 86_400)
        self.date = LocalDate(daysSinceEpoch: day)
        self.hour = secondOfDay / 3600
        self.minute = secondOfDay % 3600 / 60
        self.second = secondOfDay % 60
    }

    /// Parses `YYYY-MM-DDTHH:MM` or `YYYY-MM-DDTHH:MM:SS` (what an HTML `datetime-local` field sends).
    public init?(iso text: String) {
        let chars = Array(text)
        guard chars.count == 16 || chars.count == 19, chars[10] == "T", chars[13] == ":",
            chars.count == 16 || chars[16] == ":",
            let date = LocalDate(iso: String(chars[0..<10]))
        else { return nil }
        func number(_ range: Range<Int>) -> Int? {
            let part = chars[range]
            guard part.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
            return Int(String(part))
        }
        guard let h = number(11..<13), let m = number(14..<16) else { return nil }
        let s = chars.count == 19 ? number(17..<19) : 0
        guard let s else { return nil }
        self.init(date: date, hour: h, minute: m, second: s)
    }

    /// The instant this reading names in `zone`. When the clocks go back the hour is read twice and
    /// the first (summer time) is meant; when they go forward the missing hour names no instant (nil).
    public func instant(in zone: TimeZone) -> Date? {
        let asUTC = Double(date.daysSinceEpoch) * 86_400 + Double(hour * 3600 + minute * 60 + second)
        // The offsets in force a day either side: one, or both around a change of the clocks.
        let candidates = [asUTC - 86_400, asUTC + 86_400]
            .map { zone.secondsFromGMT(for: Date(timeIntervalSince1970: $0)) }
        let instants = Set(candidates).map { Date(timeIntervalSince1970: asUTC - Double($0)) }
            .filter { LocalDateTime($0, in: zone) == self }
        return instants.min()
    }

    /// `YYYY-MM-DDTHH:MM`, the value an HTML `datetime-local` field shows.
    public var isoMinute: String { date.description + "T" + clockTime }

    /// `HH:MM`.
    public var clockTime: String { Digits.padded(hour, width: 2) + ":" + Digits.padded(minute, width: 2) }

    public var description: String { isoMinute + ":" + Digits.padded(second, width: 2) }

    public static func < (lhs: LocalDateTime, rhs: LocalDateTime) -> Bool {
        (lhs.date, lhs.hour, lhs.minute, lhs.second) < (rhs.date, rhs.hour, rhs.minute, rhs.second)
    }
}
