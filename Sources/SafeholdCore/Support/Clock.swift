import Foundation

/// Tells the time. Injected everywhere so that tests and timescales can run on any date.
public protocol WallClock: Sendable {
    func now() -> Date
}

/// The real time.
public struct SystemClock: WallClock {
    public init() {}
    public func now() -> Date { Date() }
}

/// A clock that stands still until moved; for tests and demos.
public final class FixedClock: WallClock, @unchecked Sendable {
    private let lock = NSLock()
    private var current: Date

    public init(_ date: Date) { current = date }

    public func now() -> Date { lock.withLock { current } }

    public func advance(by seconds: TimeInterval) { lock.withLock { current += seconds } }

    public func set(_ date: Date) { lock.withLock { current = date } }
}

/// Fixed-format UTC timestamps (`2026-11-24T07:37:38.123Z`): sortable as text on every database.
public enum Timestamp {
    /// Formats to the nearest millisecond, so that `string(date(string(x)!)!)` is `string(x)`.
    public static func string(_ date: Date) -> String {
        let ms = Int64((date.timeIntervalSince1970 * 1000).rounded())
        let seconds = ms >= 0 ? ms / 1000 : (ms - 999) / 1000
        let millis = Int(ms - seconds * 1000)
        let day = LocalDate(daysSinceEpoch: Int(seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400))
        let secOfDay = Int(seconds - Int64(day.daysSinceEpoch) * 86_400)
        return String(format: "%@T%02d:%02d:%02d.%03dZ", day.description,
                      secOfDay / 3600, (secOfDay % 3600) / 60, secOfDay % 60, millis)
    }

    /// Parses exactly `YYYY-MM-DDTHH:MM:SS.mmmZ`; anything else (or an impossible time) is nil.
    public static func date(_ text: String) -> Date? {
        let chars = Array(text)
        guard chars.count == 24, chars[10] == "T", chars[13] == ":", chars[16] == ":", chars[19] == ".", chars[23] == "Z",
              let day = LocalDate(iso: String(chars[0..<10])) else { return nil }
        func number(_ range: Range<Int>) -> Int? {
            let part = chars[range]
            guard part.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
            return Int(String(part))
        }
        guard let h = number(11..<13), let m = number(14..<16), let s = number(17..<19), let ms = number(20..<23),
              h < 24, m < 60, s < 60 else { return nil }
        let total = (Int64(day.daysSinceEpoch) * 86_400 + Int64(h * 3600 + m * 60 + s)) * 1000 + Int64(ms)
        return Date(timeIntervalSince1970: Double(total) / 1000)
    }
}
