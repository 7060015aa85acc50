import Foundation
import SQLKit
import SafeholdCore

/// A notification waiting to be emailed: to whom, and its kind (never its text: an email names no child).
public struct PendingEmail: Sendable, Equatable {
    public let notificationId: UUID
    public let address: String
    public let displayName: String
    public let kind: UserNotification.Kind
    public let attempts: Int
}

extension Store {
    /// Sets (or, with nil, removes) the signed-in user's address for notification emails; audited.
    public func setNotificationEmail(_ address: EmailAddress?, context: AuditContext) async throws {
        guard let actor = context.actor else { throw SafeholdError.unauthenticated("Sign in first.") }
        try await database.transaction { db in
            try await db.raw("UPDATE users SET email = \(bind: address?.value) WHERE id = \(bind: actor.userId.db)")
                .run()
            try await self.audit.append(
                [
                    context.event(
                        .update, "user", entityId: actor.userId,
                        detail: address == nil ? "notification email removed" : "notification email set")
                ], on: db)
        }
    }

    /// The user's address for notification emails, if any.
    public func notificationEmail(of userId: UUID) async throws -> String? {
        try await database.withConnection { db in
            try await db.raw("SELECT email FROM users WHERE id = \(bind: userId.db)").first()?.optionalString("email")
        }
    }

    /// Notifications waiting for their email, oldest first. Ones older than `maxAge` are given up
    /// ('expired': a day-old email helps nobody and the list in the product has them).
    public func pendingEmails(limit: Int = 50, maxAge: TimeInterval = 86_400) async throws -> [PendingEmail] {
        let cutoff = Timestamp.string(clock.now().addingTimeInterval(-maxAge))
        return try await database.withConnection { db in
            try await db.raw(
                """
                UPDATE notifications SET email_state = 'expired'
                WHERE email_state = 'pending' AND created_at < \(bind: cutoff)
                """
            ).run()
            // A claim whose server stopped before recording how sending went is offered again.
            let stale = Timestamp.string(clock.now().addingTimeInterval(-Self.emailClaimTimeout))
            try await db.raw(
                """
                UPDATE notifications SET email_state = 'pending', email_claimed_at = NULL
                WHERE email_state = 'sending' AND email_claimed_at < \(bind: stale)
                """
            ).run()
            return try await db.raw(
                """
                SELECT n.id, n.kind, n.email_attempts, u.email, u.display_name FROM notifications n
                JOIN users u ON u.id = n.user_id
                WHERE n.email_state = 'pending' AND u.email IS NOT NULL AND u.active = 1
                ORDER BY n.created_at, n.id LIMIT \(literal: limit)
                """
            ).all().map {
                PendingEmail(
                    notificationId: try $0.uuid("id"), address: try $0.string("email"),
                    displayName: try $0.string("display_name"),
                    kind: try $0.code("kind", as: UserNotification.Kind.self), attempts: try $0.int("email_attempts"))
            }
        }
    }

    /// How long a server may hold an e-mail it claimed before another may send it.
    static let emailClaimTimeout: TimeInterval = 600

    /// Takes a pending e-mail to send: true for exactly one of the servers that try at once (the row moves from
    /// 'pending' to 'sending' in one statement); false when another already has it or it is no longer pending.
    public func claimEmail(_ id: UUID) async throws -> Bool {
        try await database.withConnection { db in
            try await db.raw(
                """
                UPDATE notifications SET email_state = 'sending', email_claimed_at = \(bind: self.nowText)
                WHERE id = \(bind: id.db) AND email_state = 'pending' RETURNING id
                """
            ).first() != nil
        }
    }

    /// Records how sending went: sent, or another failed attempt ('failed' for good after `maxAttempts`).
    public func recordEmail(_ id: UUID, sent: Bool, maxAttempts: Int = 5) async throws {
        try await database.withConnection { db in
            if sent {
                try await db.raw(
                    """
                    UPDATE notifications SET email_state = 'sent', email_attempts = email_attempts + 1,
                        email_claimed_at = NULL
                    WHERE id = \(bind: id.db)
                    """
                ).run()
            } else {
                try await db.raw(
                    """
                    UPDATE notifications SET email_attempts = email_attempts + 1, email_claimed_at = NULL,
                        email_state = CASE WHEN email_attempts + 1 >= \(bind: maxAttempts) THEN 'failed'
                                           ELSE 'pending' END
                    WHERE id = \(bind: id.db)
                    """
                ).run()
            }
        }
    }
}
