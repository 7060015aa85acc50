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
    public static func string(_ date: Date) -> String {
        let ms = Int64((date.timeIntervalSince1970 * 1000).rounded(.down))
        let seconds = Int(ms / 1000 - (ms % 1000 < 0 ? 1 : 0))
        let millis = Int(((ms % 1000) + 1000) % 1000)
        let day = LocalDate(daysSinceEpoch: Int((Double(seconds) / 86_400).rounded(.down)))
        let secOfDay = ((seconds % 86_400) + 86_400) % 86_400
        return String(format: "%@T%02d:%02d:%02d.%03dZ", day.description,
                      secOfDay / 3600, (secOfDay % 3600) / 60, secOfDay % 60, millis)
    }

    public static func date(_ text: String) -> Date? {
        guard text.count == 24, text.hasSuffix("Z"),
              let day = LocalDate(iso: String(text.prefix(10))) else { return nil }
        let time = text.dropFirst(11).dropLast()
        let parts = time.split(separator: ":")
        guard parts.count == 3, let h = Int(parts[0]), let m = Int(parts[1]),
              let s = Double(parts[2]) else { return nil }
        let seconds = Double(day.daysSinceEpoch) * 86_400 + Double(h * 3600 + m * 60) + s
        return Date(timeIntervalSince1970: seconds)
    }
}
