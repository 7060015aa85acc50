import Foundation
import SQLKit
import SafeholdCore

/// A user with the secrets that only sign-in needs.
public struct UserAccount: Sendable {
    public let user: User
    public let passwordHash: String
    public let mustChangePassword: Bool
    /// When a one-time password stops working (nil for a password the user chose).
    public let passwordExpiresAt: Date?
    /// The TOTP secret, sealed; the web layer opens it with the key held outside the database.
    public let totpSecret: SealedSecret?
}

extension Store {
    /// Adds an agency (unique by name).
    public func createAgency(_ name: String, kind: Agency.Kind, context: AuditContext) async throws -> Agency {
        let agency = Agency(id: ids.next(), name: name, kind: kind)
        try await database.transaction { db in
            try await db.raw(
                """
                INSERT INTO agencies (id, name, kind) \
                VALUES (\(bind: agency.id.db), \(bind: name), \(bind: kind.rawValue))
                """
            ).run()
            try await self.audit.append([context.event(.create, "agency", entityId: agency.id, detail: name)], on: db)
        }
        return agency
    }

    /// Adds a team to an agency.
    public func createTeam(_ name: String, agencyId: UUID, context: AuditContext) async throws -> Team {
        let team = Team(id: ids.next(), agencyId: agencyId, name: name)
        try await database.transaction { db in
            try await db.raw(
                """
                INSERT INTO teams (id, agency_id, name) \
                VALUES (\(bind: team.id.db), \(bind: agencyId.db), \(bind: name))
                """
            ).run()
            try await self.audit.append([context.event(.create, "team", entityId: team.id, detail: name)], on: db)
        }
        return team
    }

    /// Sets the telephone a plan look-up gives for the team (an administrator's or the service's own
    /// setting): digits, spaces and `+()-`, 6 to 20 characters.
    public func setDutyTelephone(_ phone: String, team: UUID, context: AuditContext) async throws {
        if let actor = context.actor, actor.role != .administrator {
            throw SafeholdError.forbidden("Only an administrator sets a team's duty telephone.")
        }
        let text = phone.trimmingCharacters(in: .whitespaces)
        guard (6...20).contains(text.count), text.contains(where: \.isNumber),
            text.allSatisfy({ $0.isASCII && ($0.isNumber || " +()-".contains($0)) })
        else {
            throw SafeholdError.invalid([FieldError("dutyTelephone", "must be a telephone number (6 to 20 characters)")]
            )
        }
        try await database.transaction { db in
            let changed = try await db.raw(
                "UPDATE teams SET duty_phone = \(bind: text) WHERE id = \(bind: team.db) RETURNING id"
            ).all()
            guard !changed.isEmpty else { throw SafeholdError.notFound("There is no such team.") }
            try await self.audit.append(
                [context.event(.update, "team", entityId: team, detail: "duty telephone \(text)")], on: db)
        }
    }

    public func agencies() async throws -> [Agency] {
        try await database.withConnection { db in
            try await db.raw("SELECT * FROM agencies ORDER BY name").all().map { row in
                Agency(
                    id: try row.uuid("id"), name: try row.string("name"),
                    kind: try row.code("kind", as: Agency.Kind.self))
            }
        }
    }

    public func teams() async throws -> [Team] {
        try await database.withConnection { db in
            try await db.raw("SELECT * FROM teams ORDER BY name").all().map(Self.team)
        }
    }

    static func team(_ row: any SQLRow) throws -> Team {
        Team(id: try row.uuid("id"), agencyId: try row.uuid("agency_id"), name: try row.string("name"))
    }

    /// Adds a user with an already-hashed password; the username must be free and well formed. An
    /// administrator may open directly only accounts whose role needs no second administrator (the
    /// others go through `requestAccount`); the system (first start, the command line, the demo) may
    /// open any.
    public func createUser(
        _ user: User, passwordHash: String, mustChangePassword: Bool, passwordExpiresAt: Date? = nil,
        totpSecret: SealedSecret? = nil, context: AuditContext
    ) async throws -> User {
        if let actor = context.actor, actor.role != .administrator {
            try await audit.record([context.event(.denied, "user", detail: "create \(user.username)")])
            throw SafeholdError.forbidden("Only an administrator creates user accounts.")
        }
        if context.actor != nil, user.role.needsSecondAdministrator {
            try await audit.record([
                context.event(.denied, "user", detail: "create \(user.username) as \(user.role.rawValue)")
            ])
            throw SafeholdError.forbidden("An account with this role needs a second administrator's approval.")
        }
        try Self.checkNewAccount(user)
        return try await database.transaction { db in
            if let team = user.teamId {
                guard let row = try await db.raw("SELECT agency_id FROM teams WHERE id = \(bind: team.db)").first()
                else {
                    throw SafeholdError.invalid([FieldError("teamId", "there is no team with that id")])
                }
                if let problem = CaseloadAccess.membershipProblem(
                    role: user.role, userAgency: user.agencyId, teamAgency: try row.uuid("agency_id"))
                {
                    throw SafeholdError.invalid([FieldError("teamId", problem)])
                }
            }
            try await self.insertUser(
                user, passwordHash: passwordHash, mustChangePassword: mustChangePassword,
                passwordExpiresAt: passwordExpiresAt, totpSecret: totpSecret, on: db)
            try await self.audit.append(
                [
                    context.event(
                        .userCreated, "user", entityId: user.id,
                        detail: "\(user.username) as \(user.role.rawValue)")
                ], on: db)
            return user
        }
    }

    func insertUser(
        _ user: User, passwordHash: String, mustChangePassword: Bool, passwordExpiresAt: Date?,
        totpSecret: SealedSecret?, on db: any SQLDatabase
    ) async throws {
        if try await db.raw("SELECT 1 AS x FROM users WHERE username = \(bind: user.username)").first() != nil {
            throw SafeholdError.conflict("The username '\(user.username)' is taken.")
        }
        let teamId = user.teamId?.db
        try await db.raw(
            """
            INSERT INTO users (id, username, display_name, role, agency_id, team_id, password_hash,
                must_change_password, password_expires_at, totp_secret, active, created_at)
            VALUES (\(bind: user.id.db), \(bind: user.username), \(bind: user.displayName), \(bind: user.role.rawValue),
                \(bind: user.agencyId.db), \(bind: teamId), \(bind: passwordHash), \(bind: mustChangePassword.db),
                \(bind: passwordExpiresAt.map(Timestamp.string)), \(bind: totpSecret?.text), \(bind: user.active.db),
                \(bind: self.nowText))
            """
        ).run()
    }

    public func userCount() async throws -> Int {
        try await database.withConnection { db in
            try await db.raw("SELECT COUNT(*) AS n FROM users").first()?.int("n") ?? 0
        }
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

    /// Sets a password the user chose. Every API token is revoked and every other session ends, so
    /// whoever knew the old password loses what they had; `keepSession` (the cookie of the request
    /// that changed it) stays.
    public func setPassword(_ userId: UUID, hash: String, keepSession: String?, context: AuditContext) async throws {
        try await database.transaction { db in
            try await db.raw(
                """
                UPDATE users SET password_hash = \(bind: hash), must_change_password = 0, password_expires_at = NULL
                WHERE id = \(bind: userId.db)
                """
            ).run()
            let ended = try await self.endSessionsAndTokens(userId, keeping: keepSession, on: db)
            try await self.audit.append(
                [context.event(.passwordChanged, "user", entityId: userId, detail: ended)], on: db)
        }
        credentials.forget(user: userId)
    }

    /// Ends a user's sessions (all but `keeping`) and revokes their live API tokens; returns what it did, for the log.
    func endSessionsAndTokens(_ userId: UUID, keeping: String?, on db: any SQLDatabase) async throws -> String {
        credentials.forget(user: userId)
        let keptHash = keeping.map(Secrets.hash) ?? ""
        let sessions = try await db.raw(
            """
            DELETE FROM sessions WHERE user_id = \(bind: userId.db) AND id_hash <> \(bind: keptHash)
            RETURNING id_hash
            """
        ).all().count
        let tokens = try await db.raw(
            """
            UPDATE api_tokens SET revoked_at = \(bind: self.nowText) \
            WHERE user_id = \(bind: userId.db) AND revoked_at IS NULL
            RETURNING id
            """
        ).all().count
        return "\(sessions) sessions ended, \(tokens) API tokens revoked"
    }

    /// Keeps a proven TOTP secret (sealed) for the user.
    public func setTOTPSecret(_ userId: UUID, secret: SealedSecret, context: AuditContext) async throws {
        try await database.transaction { db in
            try await db.raw("UPDATE users SET totp_secret = \(bind: secret.text) WHERE id = \(bind: userId.db)").run()
            try await db.raw("UPDATE sessions SET pending_totp_secret = NULL WHERE user_id = \(bind: userId.db)").run()
            try await self.audit.append([context.event(.secondFactorEnrolled, "user", entityId: userId)], on: db)
        }
        credentials.forget(user: userId)
    }

    /// Marks a TOTP time step as used; false when it (or a later one) was used already, so a code is never
    /// accepted twice.
    public func consumeSecondFactorStep(_ userId: UUID, step: Int) async throws -> Bool {
        try await database.transaction { db in
            try await db.raw(
                """
                UPDATE users SET totp_last_step = \(bind: step)
                WHERE id = \(bind: userId.db) AND (totp_last_step IS NULL OR totp_last_step < \(bind: step)) \
                RETURNING id
                """
            ).first() != nil
        }
    }

    static func account(_ row: any SQLRow) throws -> UserAccount {
        let role = try row.string("role")
        guard let parsed = Role(rawValue: role) else { throw StoreError.corrupt("unknown role '\(role)'") }
        let user = User(
            id: try row.uuid("id"), username: try row.string("username"), displayName: try row.string("display_name"),
            role: parsed, agencyId: try row.uuid("agency_id"), teamId: try row.optionalUUID("team_id"),
            active: try row.flag("active"))
        var secret: SealedSecret?
        if let stored = try row.optionalString("totp_secret") {
            guard let sealed = SealedSecret(stored: stored) else {
                throw StoreError.corrupt("a TOTP secret is not sealed")
            }
            secret = sealed
        }
        return UserAccount(
            user: user, passwordHash: try row.string("password_hash"),
            mustChangePassword: try row.flag("must_change_password"),
            passwordExpiresAt: try row.optionalTimestamp("password_expires_at"), totpSecret: secret)
    }
}

extension Store {
    /// The rules a new account's own fields meet, wherever it is made (one at a time, asked for, or in bulk): a
    /// username of 3-40 lower-case letters, digits, '.', '-' or '_', and a display name of at most 100 characters.
    static func checkNewAccount(_ user: User) throws {
        guard User.isValidUsername(user.username) else {
            throw SafeholdError.invalid([FieldError("username", "use 3-40 lower-case letters, digits, '.', '-' or '_'")]
            )
        }
        var v = Validation()
        v.text("displayName", user.displayName, required: true, max: 100)
        try v.check()
    }
}
