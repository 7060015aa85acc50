import Crypto
import Foundation
import SQLKit
import SafeholdCore

/// A signed-in browser session, found by the hash of its cookie.
public struct SessionRecord: Sendable {
    public let userId: UUID
    public let csrfToken: String
    public let secondFactorDone: Bool
    public let createdAt: Date
    public internal(set) var lastSeenAt: Date
    /// The TOTP secret offered at enrolment, sealed, kept here until a code proves it.
    public let pendingTOTPSecret: SealedSecret?
    /// The user's unread notifications when the session was read (for the header).
    public var unreadNotifications = 0

    static func read(_ row: any SQLRow, userColumn: String, createdColumn: String) throws -> SessionRecord {
        SessionRecord(
            userId: try row.uuid(userColumn), csrfToken: try row.string("csrf_token"),
            secondFactorDone: try row.flag("second_factor_done"), createdAt: try row.timestamp(createdColumn),
            lastSeenAt: try row.timestamp("last_seen_at"),
            pendingTOTPSecret: try row.optionalString("pending_totp_secret").flatMap(SealedSecret.init(stored:)))
    }
}

/// Secrets: random values and the hashes under which they are stored.
public enum Secrets {
    /// 256 random bits as URL-safe base64 (a cookie, a token).
    public static func random(bytes count: Int = 32) -> String {
        var rng = SystemRandomNumberGenerator()
        let data = Data((0..<count).map { _ in UInt8.random(in: 0...255, using: &rng) })
        return data.base64EncodedString().replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }

    /// SHA-256 hex of a secret: what the database keeps instead of the secret.
    public static func hash(_ secret: String) -> String {
        Digits.hex(SHA256.hash(data: Data(secret.utf8)))
    }
}

extension Store {
    /// Starts a session; returns the cookie value (stored only as its hash).
    public func createSession(
        userId: UUID, secondFactorDone: Bool, ipAddress: String?, context: AuditContext
    ) async throws -> String {
        let token = Secrets.random()
        try await database.transaction { db in
            try await db.raw(
                """
                INSERT INTO sessions \
                (id_hash, user_id, csrf_token, second_factor_done, created_at, last_seen_at, ip_address)
                VALUES (\(bind: Secrets.hash(token)), \(bind: userId.db), \(bind: Secrets.random()),
                    \(bind: secondFactorDone.db), \(bind: self.nowText), \(bind: self.nowText), \(bind: ipAddress))
                """
            ).run()
            if secondFactorDone {
                try await self.audit.append([context.event(.login, "session", entityId: userId)], on: db)
            }
        }
        return token
    }

    /// A session and its user's account in one query (every browser request asks this).
    public func sessionWithAccount(token: String) async throws -> (SessionRecord, UserAccount)? {
        let hash = Secrets.hash(token)
        if let known = credentials.session(hash) { return (known.session, known.account) }
        let found = try await database.withConnection { db in
            try await db.raw(
                """
                SELECT u.*, s.csrf_token, s.second_factor_done, s.created_at AS session_created_at, s.last_seen_at,
                    s.pending_totp_secret, (SELECT COUNT(*) FROM notifications n
                        WHERE n.user_id = u.id AND n.read_at IS NULL) AS unread_notifications
                FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.id_hash = \(bind: hash)
                """
            ).first().map { row in
                var session = try SessionRecord.read(row, userColumn: "id", createdColumn: "session_created_at")
                session.unreadNotifications = try row.int("unread_notifications")
                return (session, try Self.account(row))
            }
        }
        if let (session, account) = found { credentials.keep(.init(session: session, account: account), for: hash) }
        return found
    }

    public func session(token: String) async throws -> SessionRecord? {
        try await database.withConnection { db in
            try await db.raw("SELECT * FROM sessions WHERE id_hash = \(bind: Secrets.hash(token))").first().map {
                try SessionRecord.read($0, userColumn: "user_id", createdColumn: "created_at")
            }
        }
    }

    /// Notes activity, at most once a minute per session, so idle time is measured from the last request.
    public func touchSession(token: String, lastSeen: Date) async throws {
        guard clock.now().timeIntervalSince(lastSeen) > 60 else { return }
        let now = clock.now(), hash = Secrets.hash(token)
        try await database.transaction { db in
            try await db.raw(
                "UPDATE sessions SET last_seen_at = \(bind: Timestamp.string(now)) WHERE id_hash = \(bind: hash)"
            ).run()
        }
        credentials.touched(session: hash, at: now)
    }

    public func endSession(token: String, context: AuditContext?) async throws {
        try await database.transaction { db in
            try await db.raw("DELETE FROM sessions WHERE id_hash = \(bind: Secrets.hash(token))").run()
            if let context { try await self.audit.append([context.event(.logout, "session")], on: db) }
        }
        credentials.forget(session: Secrets.hash(token))
    }

    /// Keeps the TOTP secret offered to this session at enrolment (sealed); the form never carries it.
    public func setPendingTOTPSecret(token: String, secret: SealedSecret) async throws {
        try await database.transaction { db in
            try await db.raw(
                """
                UPDATE sessions SET pending_totp_secret = \(bind: secret.text) \
                WHERE id_hash = \(bind: Secrets.hash(token))
                """
            ).run()
        }
        credentials.forget(session: Secrets.hash(token))
    }
}
