import Foundation

/// Makes identifiers. Injected so tests get predictable ids.
public protocol IdGenerator: Sendable {
    func next() -> UUID
}

/// Time-ordered UUIDs (version 7): new rows sort after old ones, which keeps indexes compact.
public struct TimeOrderedIdGenerator: IdGenerator {
    private let clock: any WallClock

    public init(clock: any WallClock = SystemClock()) { self.clock = clock }

    public func next() -> UUID {
        let ms = UInt64(max(0, clock.now().timeIntervalSince1970 * 1000))
        var bytes = [UInt8](repeating: 0, count: 16)
        for i in 0..<6 { bytes[i] = UInt8((ms >> (8 * UInt64(5 - i))) & 0xFF) }
        var rng = SystemRandomNumberGenerator()
        for i in 6..<16 { bytes[i] = UInt8.random(in: 0...255, using: &rng) }
        bytes[6] = (bytes[6] & 0x0F) | 0x70
        bytes[8] = (bytes[8] & 0x3F) | 0x80
        return UUID(
            uuid: (
                bytes[0], bytes[1], bytes[2], bytes[3], bytes[4], bytes[5], bytes[6], bytes[7],
                bytes[8], bytes[9], bytes[10], bytes[11], bytes[12], bytes[13], bytes[14], bytes[15]
            ))
    }
}

/// Counts up from 1: `00000000-0000-0000-0000-000000000001`, and so on. For tests.
public final class SequentialIdGenerator: IdGenerator, @unchecked Sendable {
    private let lock = NSLock()
    private var counter: UInt64 = 0

    public init() {}

    public func next() -> UUID {
        let n = lock.withLock {
            counter += 1; return counter
        }
        return UUID(uuidString: String(format: "00000000-0000-0000-0000-%012llX", n))!
    }
}
