import Foundation
import SafeholdCore

/// How many plan look-ups one client (a user, or an API token's user) may make in a sliding minute.
/// A look-up is one query, but a client looping over NHS numbers would be trawling the register:
/// past the limit the answer is 429 with the time to wait, and nothing is looked up.
actor LookupRateLimit {
    let perMinute: Int
    private var recent: [UUID: [Date]] = [:]

    init(perMinute: Int) { self.perMinute = perMinute }

    /// Counts a look-up by `client` at `now`, or refuses it when the client has made `perMinute` in
    /// the minute before.
    func admit(_ client: UUID, now: Date) throws(SafeholdError) {
        let window = now.addingTimeInterval(-60)
        var times = (recent[client] ?? []).filter { $0 > window }
        guard times.count < perMinute else {
            let wait = max(1, Int(times[0].timeIntervalSince(window).rounded(.up)))
            recent[client] = times
            throw SafeholdError.tooManyRequests(
                "Too many look-ups in the last minute (at most \(perMinute)). Try again in \(wait) seconds.")
        }
        times.append(now)
        recent[client] = times
        if recent.count > 10_000 { recent = recent.filter { $0.value.contains { $0 > window } } }
    }
}
