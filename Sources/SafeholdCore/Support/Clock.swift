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
    /// The instants Safehold accepts from a person or a caller: 1900-01-01 to the end of 2100 (UTC).
    public static let acceptedRange =
        Date(timeIntervalSince1970: -2_208_988_800)...Date(timeIntervalSince1970: 4_133_980_799.999)

    /// Formats to the nearest millisecond, so that `string(date(string(x)!)!)` is `string(x)`. An
    /// instant outside the years 1 to 9999 (or not a number) is clamped, never a trap.
    public static func string(_ date: Date) -> String {
        let limit = Double(LocalDate.maximumDay + 1) * 86_400_000 - 1, floor = Double(LocalDate.minimumDay) * 86_400_000
        let raw = (date.timeIntervalSince1970 * 1000).rounded()
        let ms = Int64(raw.isNaN ? 0 : min(max(raw, floor), limit))
        let seconds = ms >= 0 ? ms / 1000 : (ms - 999) / 1000
        let millis = Int(ms - seconds * 1000)
        let day = LocalDate(daysSinceEpoch: Int(seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400))
        let secOfDay = Int(seconds - Int64(day.daysSinceEpoch) * 86_400)
        // Written byte by byte: every row read and every API answer formats its instants.
        return String(unsafeUninitializedCapacity: 24) { text in
            Digits.write(day.year, into: text, endingAt: 3, width: 4)
            text[4] = UInt8(ascii: "-")
            Digits.write(day.month, into: text, endingAt: 6, width: 2)
            text[7] = UInt8(ascii: "-")
            Digits.write(day.day, into: text, endingAt: 9, width: 2)
            text[10] = UInt8(ascii: "T")
            Digits.write(secOfDay / 3600, into: text, endingAt: 12, width: 2)
            text[13] = UInt8(ascii: ":")
            Digits.write((secOfDay % 3600) / 60, into: text, endingAt: 15, width: 2)
            text[16] = UInt8(ascii: ":")
            Digits.write(secOfDay % 60, into: text, endingAt: 18, width: 2)
            text[19] = UInt8(ascii: ".")
            Digits.write(millis, into: text, endingAt: 22, width: 3)
            text[23] = UInt8(ascii: "Z")
            return 24
        }
    }

    /// Parses exactly `YYYY-MM-DDTHH:MM:SS.mmmZ`; anything else (or an impossible time) is nil. Read straight from
    /// the bytes: every row holds instants.
    public static func date(_ text: String) -> Date? {
        var text = text
        return text.withUTF8 { b -> Date? in
            guard b.count == 24, b[10] == UInt8(ascii: "T"), b[13] == UInt8(ascii: ":"), b[16] == UInt8(ascii: ":"),
                b[19] == UInt8(ascii: "."), b[23] == UInt8(ascii: "Z"),
                let day = LocalDate(isoBytes: UnsafeBufferPointer(rebasing: b[0..<10]))
            else { return nil }
            guard let h = Digits.read(b, 11..<13), let m = Digits.read(b, 14..<16), let s = Digits.read(b, 17..<19),
                let ms = Digits.read(b, 20..<23), h < 24, m < 60, s < 60
            else { return nil }
            let total = (Int64(day.daysSinceEpoch) * 86_400 + Int64(h * 3600 + m * 60 + s)) * 1000 + Int64(ms)
            return Date(timeIntervalSince1970: Double(total) / 1000)
        }
    }

    /// Parses an RFC 3339 time strictly: `2026-11-24T09:30:00Z`, with an optional fraction of a second
    /// (`.5`, `.123`) and `Z` or an offset (`+01:00`). Impossible dates (30 February) and times are nil,
    /// never rolled over as lenient parsers do.
    public static func parseRFC3339(_ text: String) -> Date? {
        let chars = Array(text)
        guard (20...40).contains(chars.count), let local = LocalDateTime(iso: String(chars[0..<19])) else { return nil }
        var rest = chars[19...]
        var fraction = 0.0
        if rest.first == "." {
            let digits = rest.dropFirst().prefix { $0.isASCII && $0.isNumber }
            guard (1...9).contains(digits.count), let value = Double("0." + String(digits)) else { return nil }
            fraction = value
            rest = rest.dropFirst(1 + digits.count)
        }
        let offset: Int
        if rest.count == 1 && (rest.first == "Z" || rest.first == "z") {
            offset = 0
        } else {
            let part = Array(rest)
            let digits = { (range: ClosedRange<Int>) in part[range].allSatisfy { $0.isASCII && $0.isNumber } }
            guard part.count == 6, part[0] == "+" || part[0] == "-", part[3] == ":", digits(1...2), digits(4...5),
                let h = Int(String(part[1...2])), let m = Int(String(part[4...5])), h < 24, m < 60
            else { return nil }
            offset = (part[0] == "-" ? -1 : 1) * (h * 3600 + m * 60)
        }
        let seconds =
            Double(local.date.daysSinceEpoch) * 86_400
            + Double(local.hour * 3600 + local.minute * 60 + local.second)
        return Date(timeIntervalSince1970: seconds - Double(offset) + fraction)
    }
}
