import Foundation
import SQLKit
import SafeholdCore

/// A personal API token as its owner sees it in the list (never the token itself).
public struct APITokenRecord: Identifiable, Hashable, Sendable {
    public let id: UUID
    public let name: String
    public let createdAt: Date
    public let expiresAt: Date
    public let lastUsedAt: Date?
    public let revokedAt: Date?

    /// Usable now: not revoked and not expired.
    public func isLive(at now: Date) -> Bool { revokedAt == nil && expiresAt > now }
}

extension Store {
    /// How long a token lives unless the caller says otherwise.
    public static let defaultTokenLifetime: TimeInterval = 90 * 24 * 60 * 60

    /// Issues an API token for a user, live for `lifetime`; returns it once (stored only as its hash).
    public func createAPIToken(
        userId: UUID, name: String, lifetime: TimeInterval = Store.defaultTokenLifetime,
        context: AuditContext
    ) async throws -> String {
        var v = Validation()
        v.text("name", name, required: true, max: 60)
        if !(lifetime > 0 && lifetime <= 3_650 * 86_400) { v.add("lifetime", "must be between a moment and ten years") }
        try v.check()
        let token = "shk_" + Secrets.random()
        let id = ids.next()
        let expires = Timestamp.string(clock.now().addingTimeInterval(lifetime))
        try await database.transaction { db in
            try await db.raw(
                """
                INSERT INTO api_tokens (id, user_id, name, token_hash, created_at, expires_at)
                VALUES (\(bind: id.db), \(bind: userId.db), \(bind: name), \(bind: Secrets.hash(token)),
                    \(bind: self.nowText),
                    \(bind: expires))
                """
            ).run()
            try await self.audit.append(
                [
                    context.event(
                        .tokenCreated, "api_token", entityId: id,
                        detail: name)
                ], on: db)
        }
        return token
    }

    /// The user an API token belongs to, when the token is live (not revoked, not expired) and the
    /// account active. Notes when it was last used, at most once a minute.
    public func userForAPIToken(_ token: String) async throws -> UserAccount? {
        let hash = Secrets.hash(token), now = clock.now()
        var found = credentials.token(hash)
        if found == nil {
            found = try await database.withConnection { db in
                try await db.raw(
                    """
                    SELECT u.*, t.id AS token_id, t.last_used_at, t.expires_at AS token_expires_at
                    FROM api_tokens t JOIN users u ON u.id = t.user_id
                    WHERE t.token_hash = \(bind: hash) AND t.revoked_at IS NULL
                    AND t.expires_at > \(bind: Timestamp.string(now))
                    AND u.active = 1
                    """
                ).first().map { row in
                    CredentialCache.TokenEntry(
                        account: try Self.account(row), tokenId: try row.uuid("token_id"),
                        expiresAt: try row.timestamp("token_expires_at"),
                        lastUsed: try row.optionalTimestamp("last_used_at"))
                }
            }
            if let found { credentials.keep(found, for: hash) }
        }
        guard let found, found.expiresAt > now else { return nil }
        if found.lastUsed.map({ now.timeIntervalSince($0) > 60 }) ?? true {
            try await database.transaction { db in
                let at = Timestamp.string(now), id = found.tokenId.db
                try await db.raw("UPDATE api_tokens SET last_used_at = \(bind: at) WHERE id = \(bind: id)").run()
            }
            credentials.used(token: hash, at: now)
        }
        return found.account
    }

    /// A user's tokens, newest first, live or not.
    public func apiTokens(userId: UUID) async throws -> [APITokenRecord] {
        try await database.withConnection { db in
            try await db.raw(
                """
                SELECT * FROM api_tokens WHERE user_id = \(bind: userId.db) ORDER BY created_at DESC, id DESC
                """
            ).all().map { row in
                APITokenRecord(
                    id: try row.uuid("id"), name: try row.string("name"), createdAt: try row.timestamp("created_at"),
                    expiresAt: try row.timestamp("expires_at"), lastUsedAt: try row.optionalTimestamp("last_used_at"),
                    revokedAt: try row.optionalTimestamp("revoked_at"))
            }
        }
    }

    /// Revokes one of the user's own tokens: another user's token is not found (404); a token
    /// already revoked is a conflict (409).
    public func revokeAPIToken(_ id: UUID, userId: UUID, context: AuditContext) async throws {
        try await database.transaction { db in
            guard
                let row = try await db.raw(
                    """
                    SELECT revoked_at, name FROM api_tokens WHERE id = \(bind: id.db) AND user_id = \(bind: userId.db)
                    """
                ).first()
            else { throw SafeholdError.notFound("There is no such token.") }
            guard try row.optionalString("revoked_at") == nil else {
                throw SafeholdError.conflict("The token is already revoked.")
            }
            try await db.raw("UPDATE api_tokens SET revoked_at = \(bind: self.nowText) WHERE id = \(bind: id.db)").run()
            try await self.audit.append(
                [
                    context.event(
                        .tokenRevoked, "api_token", entityId: id,
                        detail: try row.string("name"))
                ], on: db)
        }
        credentials.forget(user: userId)
    }
}
