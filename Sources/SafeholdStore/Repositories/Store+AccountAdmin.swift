import Foundation
import SQLKit
import SafeholdCore

/// What an administrator does to other people's accounts directly: deactivate and reactivate, change a
/// role that reaches no records, issue a new one-time password to such an account. Changes that could
/// reach records or the audit go through `AccountRequest`s instead.
extension Store {
    /// Deactivates or reactivates an account. Deactivating ends every session and revokes every API
    /// token at once. Nobody deactivates their own account, nor the last active administrator.
    public func setActive(_ userId: UUID, active: Bool, context: AuditContext) async throws {
        try await accountWrite(
            context,
            refusal: context.event(
                .denied, "user", entityId: userId,
                detail: active ? "reactivate" : "deactivate")
        ) { db in
            let target = try await self.administeredUser(userId, context: context, on: db)
            if target.active == active {
                throw SafeholdError.conflict(
                    active ? "The account is already active." : "The account is already deactivated.")
            }
            if !active, target.role == .administrator {
                let admins =
                    try await db.raw(
                        """
                        SELECT COUNT(*) AS n FROM users WHERE role = 'administrator' AND active = 1
                        """
                    ).first()?.int("n") ?? 0
                if admins <= 1 { throw SafeholdError.conflict("This is the last active administrator.") }
            }
            if !active {
                let held = try await self.heldRecords(by: userId, on: db)
                if held.children + held.others > 0 {
                    throw Self.stillHolds(target.displayName, held, doing: "deactivate the account")
                }
            }
            try await db.raw("UPDATE users SET active = \(bind: active.db) WHERE id = \(bind: userId.db)").run()
            var detail = target.username
            if !active { detail += ": " + (try await self.endSessionsAndTokens(userId, keeping: nil, on: db)) }
            try await self.audit.append(
                [
                    context.event(
                        active ? .userReactivated : .userDeactivated, "user",
                        entityId: userId, detail: detail)
                ], on: db)
        }
    }

    /// Changes the role of someone else's account to one that reaches no records or audit. Their
    /// sessions end and their tokens are revoked, so the new role applies at once.
    public func changeRole(_ userId: UUID, to role: Role, context: AuditContext) async throws {
        try await accountWrite(
            context, refusal: context.event(.denied, "user", entityId: userId, detail: "role \(role.rawValue)")
        ) { db in
            let target = try await self.administeredUser(userId, context: context, on: db)
            if role.needsSecondAdministrator && context.actor != nil {
                throw SafeholdError.forbidden("Changing to this role needs a second administrator's approval.")
            }
            if target.role == role { throw SafeholdError.conflict("The account already has this role.") }
            try await self.applyRole(target, role: role, context: context, on: db)
        }
    }

    /// Gives someone else's account a new one-time password (stored as `passwordHash`) that expires at
    /// `expiresAt`, clearing their second factor (the usual reason is a lost device: they set it up again).
    /// Only for roles that need no second administrator; the others are requested.
    public func resetPassword(
        _ userId: UUID, passwordHash: String, expiresAt: Date,
        context: AuditContext
    ) async throws {
        let refusal = context.event(.denied, "user", entityId: userId, detail: "password reset")
        try await accountWrite(context, refusal: refusal) { db in
            let target = try await self.administeredUser(userId, context: context, on: db)
            if target.role.needsSecondAdministrator && context.actor != nil {
                throw SafeholdError.forbidden("A new password for this role needs a second administrator's approval.")
            }
            try await self.applyReset(
                target, passwordHash: passwordHash, expiresAt: expiresAt, context: context, on: db)
        }
    }

    func applyRole(_ target: User, role: Role, context: AuditContext, on db: any SQLDatabase) async throws {
        try await db.raw("UPDATE users SET role = \(bind: role.rawValue) WHERE id = \(bind: target.id.db)").run()
        let ended = try await endSessionsAndTokens(target.id, keeping: nil, on: db)
        try await audit.append(
            [
                context.event(
                    .roleChanged, "user", entityId: target.id,
                    detail: "\(target.username) \(target.role.rawValue) -> \(role.rawValue); \(ended)")
            ],
            on: db)
    }

    func applyReset(
        _ target: User, passwordHash: String, expiresAt: Date, context: AuditContext,
        on db: any SQLDatabase
    ) async throws {
        try await db.raw(
            """
            UPDATE users SET password_hash = \(bind: passwordHash), must_change_password = 1, totp_secret = NULL,
                password_expires_at = \(bind: Timestamp.string(expiresAt))
            WHERE id = \(bind: target.id.db)
            """
        ).run()
        let ended = try await endSessionsAndTokens(target.id, keeping: nil, on: db)
        try await audit.append(
            [context.event(.passwordReset, "user", entityId: target.id, detail: "\(target.username); \(ended)")],
            on: db)
    }

    /// The account an administrator acts on: never their own (404 when there is none).
    func administeredUser(_ userId: UUID, context: AuditContext, on db: any SQLDatabase) async throws -> User {
        if let actor = context.actor {
            guard actor.role == .administrator else {
                throw SafeholdError.forbidden("Only an administrator manages user accounts.")
            }
            guard actor.userId != userId else {
                throw SafeholdError.forbidden("An administrator cannot change their own account here.")
            }
        }
        guard let row = try await db.raw("SELECT * FROM users WHERE id = \(bind: userId.db)").first() else {
            throw SafeholdError.notFound("There is no such user account.")
        }
        return try Self.account(row).user
    }

    /// Seals TOTP secrets left in plaintext by an older release; returns how many. Run at start, so
    /// no plaintext secret stays in the database.
    @discardableResult
    public func sealPlaintextTOTPSecrets(with box: SecretBox) async throws -> Int {
        let sealed = try await database.transaction { db in
            let rows = try await db.raw(
                """
                SELECT id, totp_secret FROM users WHERE totp_secret IS NOT NULL AND totp_secret NOT LIKE 'v1:%'
                """
            ).all()
            for row in rows {
                let sealed = try box.seal(try row.string("totp_secret"))
                try await db.raw(
                    "UPDATE users SET totp_secret = \(bind: sealed.text) WHERE id = \(bind: try row.string("id"))"
                ).run()
            }
            return rows.count
        }
        credentials.forgetAll()
        return sealed
    }

    /// False when some sealed TOTP secret does not open with `box` (the key file was replaced).
    public func sealedSecretsOpen(with box: SecretBox) async throws -> Bool {
        try await database.withConnection { db in
            let row = try await db.raw("SELECT totp_secret FROM users WHERE totp_secret LIKE 'v1:%' LIMIT 1").first()
            guard let text = try row?.string("totp_secret"), let sealed = SealedSecret(stored: text) else {
                return true
            }
            return box.open(sealed) != nil
        }
    }
}

extension Store {
    /// Runs an account change in one transaction; when it is refused (403), records the refusal in the
    /// audit log after the rollback, so the refused change leaves nothing but that entry.
    func accountWrite<T: Sendable>(
        _ context: AuditContext, refusal: AuditEvent,
        _ body: @escaping @Sendable (any SQLDatabase) async throws -> T
    ) async throws -> T {
        do {
            let result = try await database.transaction(body)
            credentials.forgetAll()
            return result
        } catch SafeholdError.forbidden(let reason) {
            var event = refusal
            event.action = .denied
            event.detail = reason
            try await audit.record([event])
            throw SafeholdError.forbidden(reason)
        }
    }
}
