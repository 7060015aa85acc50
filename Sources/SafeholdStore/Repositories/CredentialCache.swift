import Foundation
import SafeholdCore

/// Who a session cookie or an API token belongs to, remembered for a moment so that a burst of requests
/// from one browser or client asks the database once, not once a request.
///
/// Only found credentials are kept (a wrong token always asks the database, so guessing fills nothing), for
/// at most `lifetime` on a monotonic clock. Every write in this store that changes what a credential means
/// (signing out, a revoked token, a deactivated account, a new role or team, a password or second factor
/// reset, a notification read or raised) forgets it at once on this server; another server sharing the
/// database, or the command line, reaches it within `lifetime`, which is why it is short (one second by
/// default, `SAFEHOLD_AUTH_CACHE_SECONDS`; 0 turns the cache off).
public final class CredentialCache: @unchecked Sendable {
    /// A session with its account, as `Store.sessionWithAccount` reads it.
    struct SessionEntry {
        var session: SessionRecord
        let account: UserAccount
    }

    /// A live API token with its account, as `Store.userForAPIToken` reads it.
    struct TokenEntry {
        let account: UserAccount
        let tokenId: UUID
        let expiresAt: Date
        var lastUsed: Date?
    }

    private struct Held<Value> {
        var value: Value
        let until: ContinuousClock.Instant
    }

    /// How long a credential is remembered; zero remembers nothing.
    public let lifetime: Duration
    /// The most credentials held at once; past it the expired go first, then all.
    let capacity: Int
    private let lock = NSLock()
    private var sessions: [String: Held<SessionEntry>] = [:]
    private var tokens: [String: Held<TokenEntry>] = [:]

    public init(lifetime: Duration = .seconds(1), capacity: Int = 50_000) {
        self.lifetime = max(lifetime, .zero)
        self.capacity = max(capacity, 1)
    }

    var isOn: Bool { lifetime > .zero }

    func session(_ hash: String) -> SessionEntry? {
        guard isOn else { return nil }
        return lock.withLock { fresh(sessions[hash]) }
    }

    func token(_ hash: String) -> TokenEntry? {
        guard isOn else { return nil }
        return lock.withLock { fresh(tokens[hash]) }
    }

    func keep(_ entry: SessionEntry, for hash: String) {
        hold { self.sessions[hash] = Held(value: entry, until: $0) }
    }

    func keep(_ entry: TokenEntry, for hash: String) {
        hold { self.tokens[hash] = Held(value: entry, until: $0) }
    }

    /// Runs `put` under the lock with the moment a credential kept now stops being fresh, room made first.
    private func hold(_ put: (ContinuousClock.Instant) -> Void) {
        guard isOn else { return }
        let until = ContinuousClock.now + lifetime
        lock.withLock {
            makeRoom(sessions.count + tokens.count)
            put(until)
        }
    }

    /// Notes a session's new last-seen time, so the next request does not write it again.
    func touched(session hash: String, at date: Date) {
        lock.withLock { sessions[hash]?.value.session.lastSeenAt = date }
    }

    /// Notes a token's new last-used time.
    func used(token hash: String, at date: Date) {
        lock.withLock { tokens[hash]?.value.lastUsed = date }
    }

    /// Forgets one session (signed out, ended, changed).
    func forget(session hash: String) {
        lock.withLock { _ = sessions.removeValue(forKey: hash) }
    }

    /// Forgets every credential of one user: their account, their notifications or their tokens changed.
    public func forget(user id: UUID) {
        lock.withLock {
            sessions = sessions.filter { $0.value.value.account.user.id != id }
            tokens = tokens.filter { $0.value.value.account.user.id != id }
        }
    }

    /// Forgets everything (a change that may touch every account, such as sealing secrets anew).
    public func forgetAll() {
        lock.withLock {
            sessions.removeAll()
            tokens.removeAll()
        }
    }

    /// How many credentials are held now (for tests).
    public var count: Int { lock.withLock { sessions.count + tokens.count } }

    private func fresh<Value>(_ held: Held<Value>?) -> Value? {
        guard let held, held.until > ContinuousClock.now else { return nil }
        return held.value
    }

    private func makeRoom(_ held: Int) {
        guard held >= capacity else { return }
        let now = ContinuousClock.now
        sessions = sessions.filter { $0.value.until > now }
        tokens = tokens.filter { $0.value.until > now }
        if sessions.count + tokens.count >= capacity {
            sessions.removeAll()
            tokens.removeAll()
        }
    }
}
