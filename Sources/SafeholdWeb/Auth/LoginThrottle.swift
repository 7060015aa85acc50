import Foundation
import SafeholdCore

/// Limits sign-in attempts per address: at most `limit` in any rolling minute.
actor LoginThrottle {
    private let limit: Int
    private let clock: any WallClock
    private var attempts: [String: [Date]] = [:]

    init(limit: Int, clock: any WallClock) {
        self.limit = limit
        self.clock = clock
    }

    /// Counts an attempt; throws when the address has made too many.
    func attempt(from address: String?) throws(SafeholdError) {
        let key = address ?? "unknown"
        let now = clock.now()
        var recent = (attempts[key] ?? []).filter { now.timeIntervalSince($0) < 60 }
        guard recent.count < limit else {
            attempts[key] = recent
            throw .tooManyRequests("Too many sign-in attempts from this address. Wait a minute and try again.")
        }
        recent.append(now)
        attempts[key] = recent
        if attempts.count > 10_000 {
            attempts = attempts.filter { !$0.value.isEmpty && now.timeIntervalSince($0.value.last!) < 60 }
        }
    }
}
