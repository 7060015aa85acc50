import ArgumentParser
import Foundation
import SafeholdCore
import SafeholdStore
import SafeholdWeb

/// `safehold user ...`: create users and issue API tokens from the command line.
struct UserCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "user", abstract: "Manage users.",
        subcommands: [Create.self, Token.self])

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create a user with a one-time password.")
        @OptionGroup var common: CommonOptions
        @Argument(help: "Username (lower-case letters, digits, . - _).") var username: String
        @Option(help: "Full name.") var name: String
        @Option(help: "Role: \(Role.allCases.map(\.rawValue).joined(separator: ", ")).") var role: String
        @Option(help: "Team name.") var team: String

        func run() async throws {
            guard let role = Role(rawValue: role) else { throw ValidationError("Unknown role '\(role)'.") }
            let services = try await AppServices.make(try common.configuration())
            guard let team = try await services.store.teams().first(where: { $0.name == team }) else {
                throw ValidationError("No team is called '\(team)'.")
            }
            let password = Secrets.random(bytes: 12)
            let user = User(
                id: services.store.ids.next(), username: username, displayName: name, role: role,
                agencyId: team.agencyId, teamId: team.id)
            _ = try await services.store.createUser(
                user, passwordHash: try await services.passwords.hash(password),
                mustChangePassword: true,
                passwordExpiresAt: Date().addingTimeInterval(services.configuration.oneTimePasswordLifetime),
                context: AuditContext(system: "command line"))
            print(
                "Created \(username). One-time password (shown once, valid for "
                    + "\(Int(services.configuration.oneTimePasswordLifetime / 3_600)) hours): \(password)")
            try await writeAuditCheckpoint(services)
            await services.store.shutdown()
        }
    }

    struct Token: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Issue an API token for a user.")
        @OptionGroup var common: CommonOptions
        @Argument var username: String
        @Option(help: "What the token is for.") var name = "command line"

        func run() async throws {
            let services = try await AppServices.make(try common.configuration())
            guard let account = try await services.store.account(username: username) else {
                throw ValidationError("No user is called '\(username)'.")
            }
            let token = try await services.store.createAPIToken(
                userId: account.user.id, name: name,
                lifetime: services.configuration.apiTokenLifetime,
                context: AuditContext(system: "command line"))
            print(token)
            try await writeAuditCheckpoint(services)
            await services.store.shutdown()
        }
    }
}

/// `safehold audit verify`: checks every entry's seal, the sequence and the signed checkpoints.
struct AuditCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit", abstract: "Check the audit log.",
        subcommands: [Verify.self])

    struct Verify: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check every audit entry with the audit key and the checkpoints; exit 1 at the first broken one.")
        @OptionGroup var common: CommonOptions

        func run() async throws {
            let config = try common.configuration()
            let key = try config.auditKeySource.load(createIfMissing: false)
            let folder = config.auditCheckpoints
            // Read before the rows, so a checkpoint a running server writes meanwhile is not newer than them.
            let checkpoints = try folder.load()
            let database = try Database(config.databaseLocation)
            let result: AuditLog.Verification
            do {
                result = try await Store(database: database, auditKey: key).audit.verify(checkpoints: checkpoints)
            } catch {
                await database.shutdown()
                throw error
            }
            await database.shutdown()
            switch result {
            case .intact(let count) where count > 0 && checkpoints.isEmpty:
                say(
                    """
                    BROKEN: \(count) entries chain intact, but there is no checkpoint in \(folder.path), so the \
                    removal of the newest entries cannot be ruled out (point SAFEHOLD_AUDIT_CHECKPOINT_DIR at the \
                    server's checkpoints).
                    """)
                throw ExitCode(1)
            case .intact(let count):
                let last = checkpoints.max { ($0.seq, $0.at) < ($1.seq, $1.at) }
                let anchor = last.map { "last checkpoint: entry \($0.seq) at \($0.at)" } ?? "no checkpoint yet"
                say(
                    "OK: \(count) audit entries, chain intact, sealed with key \(key.id); "
                        + "\(checkpoints.count) signed checkpoints agree (\(anchor)).")
            case .broken(let seq, let reason):
                say("BROKEN at entry \(seq): \(reason)")
                throw ExitCode(1)
            }
        }
    }
}

/// Writes a checkpoint after a command that added audit entries, so that the newest of them are
/// anchored outside the database too.
func writeAuditCheckpoint(_ services: AppServices) async throws {
    try await AuditCheckpointService(
        audit: services.store.audit,
        directory: services.configuration.auditCheckpoints
    ).writeCheckpoint()
}
