import Foundation
import SafeholdCore
import SQLKit

/// A user with the secrets and counters that only sign-in needs.
public struct UserAccount: Sendable {
    public let user: User
    public let passwordHash: String
    public let mustChangePassword: Bool
    public let totpSecret: String?
    public let failedLogins: Int
    public let lockedUntil: Date?
}

extension Store {
    /// Adds an agency (unique by name).
    public func createAgency(_ name: String, kind: Agency.Kind, context: AuditContext) async throws -> Agency {
        let agency = Agency(id: ids.next(), name: name, kind: kind)
        try await database.transaction { db in
            try await db.raw("INSERT INTO agencies (id, name, kind) VALUES (\(bind: agency.id.db), \(bind: name), \(bind: kind.rawValue))").run()
            try await self.audit.append([context.event(.create, "agency", entityId: agency.id, detail: name)], on: db)
        }
        return agency
    }

    /// Adds a team to an agency.
    public func createTeam(_ name: String, agencyId: UUID, context: AuditContext) async throws -> Team {
        let team = Team(id: ids.next(), agencyId: agencyId, name: name)
        try await database.transaction { db in
            try await db.raw("INSERT INTO teams (id, agency_id, name) VALUES (\(bind: team.id.db), \(bind: agencyId.db), \(bind: name))").run()
            try await self.audit.append([context.event(.create, "team", entityId: team.id, detail: name)], on: db)
        }
        return team
    }

    public func agencies() async throws -> [Agency] {
        try await database.withConnection { db in
            try await db.raw("SELECT * FROM agencies ORDER BY name").all().map { row in
                Agency(id: try row.uuid("id"), name: try row.string("name"), kind: Agency.Kind(rawValue: try row.string("kind")) ?? .other)
            }
        }
    }

    public func teams() async throws -> [Team] {
        try await database.withConnection { db in
            try await db.raw("SELECT * FROM teams ORDER BY name").all().map { row in
                Team(id: try row.uuid("id"), agencyId: try row.uuid("agency_id"), name: try row.string("name"))
            }
        }
    }

    /// Adds a user with an already-hashed password; the username must be free and well formed.
    public func createUser(_ user: User, passwordHash: String, mustChangePassword: Bool, totpSecret: String? = nil,
                           context: AuditContext) async throws -> User {
        if let actor = context.actor, actor.role != .administrator {
            try await audit.record([context.event(.denied, "user", detail: "create \(user.username)")])
            throw SafeholdError.forbidden("Only an administrator creates user accounts.")
        }
        guard User.isValidUsername(user.username) else {
            throw SafeholdError.invalid([FieldError("username", "use 3-40 lower-case letters, digits, '.', '-' or '_'")])
        }
        var v = Validation()
        v.text("displayName", user.displayName, required: true, max: 100)
        try v.check()
        return try await database.transaction { db in
            if try await db.raw("SELECT 1 AS x FROM users WHERE username = \(bind: user.username)").first() != nil {
                throw SafeholdError.conflict("The username '\(user.username)' is taken.")
            }
            try await db.raw("""
                INSERT INTO users (id, username, display_name, role, agency_id, team_id, password_hash,
                    must_change_password, totp_secret, active, created_at)
                VALUES (\(bind: user.id.db), \(bind: user.username), \(bind: user.displayName), \(bind: user.role.rawValue),
                    \(bind: user.agencyId.db), \(bind: user.teamId?.db), \(bind: passwordHash), \(bind: mustChangePassword.db),
                    \(bind: totpSecret), \(bind: user.active.db), \(bind: self.nowText))
                """).run()
            try await self.audit.append([context.event(.userCreated, "user", entityId: user.id,
                                                       detail: "\(user.username) as \(user.role.rawValue)")], on: db)
            return user
        }
    }

    public func userCount() async throws -> Int {
        try await database.withConnection { db in try await db.raw("SELECT COUNT(*) AS n FROM users").first()?.int("n") ?? 0 }
    }

    public func account(username: String) async throws -> UserAccount? {
        try await database.withConnection { db in
            try await db.raw("SELECT * FROM users WHERE username = \(bind: username)").first().map(Self.account)
        }
    }

    public func account(id: UUID) async throws -> UserAccount? {
        try await database.withConnection { db in
            try await db.raw("SELECT * FROM users WHERE id = \(bind: id.db)").first().map(Self.account)
        }
    }

    public func users() async throws -> [User] {
        try await database.withConnection { db in
            try await db.raw("SELECT * FROM users ORDER BY display_name").all().map { try Self.account($0).user }
        }
    }

    /// Counts a failed sign-in; at `lockAfter` failures in a row the account locks for `lockFor` seconds.
    public func recordFailedLogin(_ userId: UUID, lockAfter: Int, lockFor: TimeInterval, ipAddress: String?) async throws {
        try await database.transaction { db in
            let row = try await db.raw("""
                UPDATE users SET failed_logins = failed_logins + 1 WHERE id = \(bind: userId.db)
                RETURNING failed_logins, display_name
                """).first()
            let failures = try row?.int("failed_logins") ?? 0
            let name = try row?.string("display_name") ?? "unknown"
            var events = [AuditEvent(actorId: userId, actorName: name, action: .loginFailed, entityType: "user",
                                     entityId: userId, ipAddress: ipAddress, detail: "failure \(failures)")]
            if failures >= lockAfter {
                let until = Timestamp.string(self.clock.now().addingTimeInterval(lockFor))
                try await db.raw("UPDATE users SET locked_until = \(bind: until), failed_logins = 0 WHERE id = \(bind: userId.db)").run()
                events.append(AuditEvent(actorId: userId, actorName: name, action: .lockedOut, entityType: "user",
                                         entityId: userId, ipAddress: ipAddress, detail: "locked until \(until)"))
            }
            try await self.audit.append(events, on: db)
        }
    }

    /// Clears the failure count after a good password.
    public func recordGoodPassword(_ userId: UUID) async throws {
        try await database.transaction { db in
            try await db.raw("UPDATE users SET failed_logins = 0, locked_until = NULL WHERE id = \(bind: userId.db)").run()
        }
    }

    public func setPassword(_ userId: UUID, hash: String, context: AuditContext) async throws {
        try await database.transaction { db in
            try await db.raw("UPDATE users SET password_hash = \(bind: hash), must_change_password = 0 WHERE id = \(bind: userId.db)").run()
            try await self.audit.append([context.event(.passwordChanged, "user", entityId: userId)], on: db)
        }
    }

    public func setTOTPSecret(_ userId: UUID, secret: String, context: AuditContext) async throws {
        try await database.transaction { db in
            try await db.raw("UPDATE users SET totp_secret = \(bind: secret) WHERE id = \(bind: userId.db)").run()
            try await self.audit.append([context.event(.secondFactorEnrolled, "user", entityId: userId)], on: db)
        }
    }

    /// Marks a TOTP time step as used; false when it (or a later one) was used already, so a code is never accepted twice.
    public func consumeSecondFactorStep(_ userId: UUID, step: Int) async throws -> Bool {
        try await database.transaction { db in
            try await db.raw("""
                UPDATE users SET totp_last_step = \(bind: step)
                WHERE id = \(bind: userId.db) AND (totp_last_step IS NULL OR totp_last_step < \(bind: step)) RETURNING id
                """).first() != nil
        }
    }

    static func account(_ row: any SQLRow) throws -> UserAccount {
        let role = try row.string("role")
        guard let parsed = Role(rawValue: role) else { throw StoreError.corrupt("unknown role '\(role)'") }
        let user = User(id: try row.uuid("id"), username: try row.string("username"), displayName: try row.string("display_name"),
                        role: parsed, agencyId: try row.uuid("agency_id"), teamId: try row.optionalUUID("team_id"),
                        active: try row.flag("active"))
        return UserAccount(user: user, passwordHash: try row.string("password_hash"),
                           mustChangePassword: try row.flag("must_change_password"),
                           totpSecret: try row.optionalString("totp_secret"), failedLogins: try row.int("failed_logins"),
                           lockedUntil: try row.optionalTimestamp("locked_until"))
    }
}
