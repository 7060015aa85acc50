import Foundation
import SQLKit
import SafeholdCore

extension Store {
    /// The signed-in user's notifications, unread first then newest; each one about a child is a read
    /// of that child's data, audited as a list.
    public func notifications(context: AuditContext, limit: Int = 100) async throws -> [UserNotification] {
        guard let actor = context.actor else { throw SafeholdError.unauthenticated("Sign in first.") }
        return try await list(
            "notification", detail: "notifications", context: context, people: { $0.personId.map { [$0] } ?? [] }
        ) { db, _ in
            try await db.raw(
                """
                SELECT id, user_id, kind, person_id, text, created_at, read_at FROM notifications
                WHERE user_id = \(bind: actor.userId.db)
                ORDER BY CASE WHEN read_at IS NULL THEN 0 ELSE 1 END, created_at DESC LIMIT \(literal: limit)
                """
            ).all().map(Self.notification)
        }
    }

    /// How many notifications the user has not read (the header's count; no personal data).
    public func unreadNotifications(of userId: UUID) async throws -> Int {
        try await database.withConnection { db in
            try await db.raw(
                """
                SELECT COUNT(*) AS n FROM notifications WHERE user_id = \(bind: userId.db) AND read_at IS NULL
                """
            ).first()?.int("n") ?? 0
        }
    }

    /// Marks every notification of the signed-in user read; returns how many were unread.
    @discardableResult
    public func markNotificationsRead(context: AuditContext) async throws -> Int {
        guard let actor = context.actor else { throw SafeholdError.unauthenticated("Sign in first.") }
        let now = Timestamp.string(clock.now())
        let marked = try await database.transaction { db in
            let unread =
                try await db.raw(
                    """
                    SELECT COUNT(*) AS n FROM notifications WHERE user_id = \(bind: actor.userId.db) AND read_at IS NULL
                    """
                ).first()?.int("n") ?? 0
            try await db.raw(
                """
                UPDATE notifications SET read_at = \(bind: now)
                WHERE user_id = \(bind: actor.userId.db) AND read_at IS NULL
                """
            ).run()
            try await self.audit.append(
                [context.event(.update, "notification", detail: "\(unread) marked read")], on: db)
            return unread
        }
        credentials.forget(user: actor.userId)
        return marked
    }

    /// Notifies whoever holds `child`: its allocated workers, or, when no worker holds it, the managers
    /// of its allocated team. Returns the users notified.
    @discardableResult
    func notifyHolders(
        of child: UUID, _ kind: UserNotification.Kind, _ text: String, on db: any SQLDatabase
    ) async throws -> [UUID] {
        var users = try await db.raw(
            """
            SELECT DISTINCT worker_id AS u FROM allocations
            WHERE person_id = \(bind: child.db) AND ended_at IS NULL AND worker_id IS NOT NULL
            """
        ).all().map { try $0.uuid("u") }
        if users.isEmpty {
            users = try await db.raw(
                """
                SELECT DISTINCT u.id AS u FROM allocations a JOIN users u ON u.team_id = a.team_id
                WHERE a.person_id = \(bind: child.db) AND a.ended_at IS NULL AND u.role = 'team_manager'
                AND u.active = 1
                """
            ).all().map { try $0.uuid("u") }
        }
        try await notify(users, kind, about: child, text, on: db)
        return users
    }

    /// Puts a notification in each of `users`' lists (once per user), about `person` when it concerns
    /// a child (its reading is then audited against them). Runs in the caller's transaction, so a
    /// refused or failed write leaves no notification behind. A user with an email address is also
    /// sent a short email (`NotificationMailer`) that names the kind only, never the child.
    func notify(
        _ users: [UUID], _ kind: UserNotification.Kind, about person: UUID?, _ text: String, on db: any SQLDatabase
    ) async throws {
        let now = Timestamp.string(clock.now())
        for user in Set(users).sorted(by: { $0.sortsBefore($1) }) {
            credentials.forget(user: user)
            try await db.raw(
                """
                INSERT INTO notifications (id, user_id, kind, person_id, text, created_at, email_state)
                SELECT \(bind: ids.next().db), id, \(bind: kind.rawValue), \(bind: person?.db),
                    \(bind: String(text.prefix(1000))), \(bind: now),
                    CASE WHEN email IS NOT NULL AND active = 1 THEN 'pending' END
                FROM users WHERE id = \(bind: user.db)
                """
            ).run()
        }
    }

    static func notification(_ row: any SQLRow) throws -> UserNotification {
        UserNotification(
            id: try row.uuid("id"), userId: try row.uuid("user_id"),
            kind: try row.code("kind", as: UserNotification.Kind.self), personId: try row.optionalUUID("person_id"),
            text: try row.string("text"), createdAt: try row.timestamp("created_at"),
            readAt: try row.optionalTimestamp("read_at"))
    }
}
