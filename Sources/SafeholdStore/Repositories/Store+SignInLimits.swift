import Foundation
import SQLKit
import SafeholdCore

/// Refusal of an attempt made while its counter is still waiting; nothing was written.
struct SignInBlocked: Error { let until: Date }

extension Store {
    /// Counts the start of a sign-in attempt (password, code or current password) for `username` from
    /// `address`, under the growing delays of `SignInLimit`. Returns nil when the attempt may go ahead,
    /// or the time before which it may not (and then writes nothing). When this attempt makes a
    /// counter wait, the user's half-finished sign-ins end and the log records it (with `requestId`, the
    /// HTTP request's id).
    public func beginSignInAttempt(
        username: String, address: String?, user: User?, requestId: String? = nil
    ) async throws -> Date? {
        let keys = SignInKeys(username: username, address: address)
        let now = clock.now()
        let knownSince = Timestamp.string(now.addingTimeInterval(-SignInLimit.knownAddressPeriod))
        let quietSince = Timestamp.string(now.addingTimeInterval(-86_400))
        do {
            try await database.transaction { db in
                let known =
                    try await db.raw(
                        """
                        SELECT 1 AS x FROM sign_in_limits WHERE key_hash = \(bind: keys.pair)
                        AND last_success_at >= \(bind: knownSince)
                        """
                    ).first() != nil
                let pairWait = try await self.countAttempt(keys.pair, .usernameAndAddress, now: now, on: db)
                let userWait = known ? 0 : try await self.countAttempt(keys.user, .username, now: now, on: db)
                try await db.raw(
                    """
                    DELETE FROM sign_in_limits WHERE last_attempt_at < \(bind: quietSince)
                    AND (last_success_at IS NULL OR last_success_at < \(bind: knownSince))
                    """
                ).run()
                guard let user, pairWait > 0 || userWait > 0 else { return }
                if userWait > 0 {
                    try await db.raw(
                        "DELETE FROM sessions WHERE user_id = \(bind: user.id.db) AND second_factor_done = 0"
                    ).run()
                } else if let address {
                    try await db.raw(
                        """
                        DELETE FROM sessions WHERE user_id = \(bind: user.id.db) AND second_factor_done = 0
                        AND ip_address = \(bind: address)
                        """
                    ).run()
                } else {
                    try await db.raw(
                        """
                        DELETE FROM sessions WHERE user_id = \(bind: user.id.db) AND second_factor_done = 0
                        AND ip_address IS NULL
                        """
                    ).run()
                }
                self.credentials.forget(user: user.id)
                let wait = max(pairWait, userWait)
                try await self.audit.append(
                    [
                        AuditEvent(
                            actorId: user.id, actorName: user.displayName, action: .lockedOut, entityType: "user",
                            entityId: user.id,
                            ipAddress: address,
                            detail: "next attempt delayed \(Int(wait)) s\(userWait > 0 ? " from every address" : "")",
                            requestId: requestId)
                    ],
                    on: db)
            }
            return nil
        } catch let blocked as SignInBlocked {
            return blocked.until
        }
    }

    /// A successful attempt: the address's counter clears and becomes known; the username's counter
    /// takes back the attempt.
    public func signInSucceeded(username: String, address: String?) async throws {
        let keys = SignInKeys(username: username, address: address)
        try await database.transaction { db in
            try await db.raw(
                """
                INSERT INTO sign_in_limits (key_hash, attempts, last_attempt_at)
                VALUES (\(bind: keys.pair), 0, \(bind: self.nowText))
                ON CONFLICT (key_hash) DO NOTHING
                """
            ).run()
            try await db.raw(
                """
                UPDATE sign_in_limits SET attempts = 0, blocked_until = NULL, last_success_at = \(bind: self.nowText)
                WHERE key_hash = \(bind: keys.pair)
                """
            ).run()
            try await db.raw(
                """
                UPDATE sign_in_limits SET attempts = CASE WHEN attempts > 0 THEN attempts - 1 ELSE 0 END
                WHERE key_hash = \(bind: keys.user)
                """
            ).run()
        }
    }

    /// Records a failed attempt by a known user in the audit log (the attempt was counted when it began),
    /// with the id of the HTTP request that made it.
    public func signInFailed(_ user: User, address: String?, step: String, requestId: String? = nil) async throws {
        try await audit.record([
            AuditEvent(
                actorId: user.id, actorName: user.displayName, action: .loginFailed,
                entityType: "user", entityId: user.id, ipAddress: address, detail: step, requestId: requestId)
        ])
    }

    /// Adds one attempt to a counter unless it is waiting; returns the wait it now imposes.
    private func countAttempt(
        _ key: String, _ limit: SignInLimit, now: Date, on db: any SQLDatabase
    ) async throws
        -> TimeInterval
    {
        let nowText = Timestamp.string(now)
        try await db.raw(
            """
            INSERT INTO sign_in_limits (key_hash, attempts, last_attempt_at) VALUES (\(bind: key), 0, \(bind: nowText))
            ON CONFLICT (key_hash) DO NOTHING
            """
        ).run()
        let quiet = Timestamp.string(now.addingTimeInterval(-limit.quietPeriod))
        guard
            let row = try await db.raw(
                """
                UPDATE sign_in_limits
                SET attempts = CASE WHEN last_attempt_at < \(bind: quiet) THEN 1 ELSE attempts + 1 END,
                    last_attempt_at = \(bind: nowText)
                WHERE key_hash = \(bind: key) AND (blocked_until IS NULL OR blocked_until <= \(bind: nowText))
                RETURNING attempts
                """
            ).first()
        else {
            let until = try await db.raw("SELECT blocked_until FROM sign_in_limits WHERE key_hash = \(bind: key)")
                .first()?
                .optionalTimestamp("blocked_until")
            throw SignInBlocked(until: until ?? now)
        }
        let wait = limit.delay(afterAttempts: try row.int("attempts"))
        if wait > 0 {
            try await db.raw(
                """
                UPDATE sign_in_limits SET blocked_until = \(bind: Timestamp.string(now.addingTimeInterval(wait)))
                WHERE key_hash = \(bind: key)
                """
            ).run()
        }
        return wait
    }
}

/// The two counters an attempt touches, stored only as hashes (a mistyped username may be a password).
struct SignInKeys {
    let pair: String
    let user: String

    init(username: String, address: String?) {
        pair = Secrets.hash("pair\u{0}\(username)\u{0}\(address ?? "unknown")")
        user = Secrets.hash("user\u{0}\(username)")
    }
}
