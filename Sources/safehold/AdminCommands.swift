import ArgumentParser
import Foundation
import SafeholdCore
import SafeholdStore
import SafeholdWeb

/// `safehold user ...`: create users and issue API tokens from the command line.
struct UserCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "user", abstract: "Manage users.",
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
            let services = try await AppServices.make(common.configuration())
            guard let team = try await services.store.teams().first(where: { $0.name == team }) else {
                throw ValidationError("No team is called '\(team)'.")
            }
            let password = Secrets.random(bytes: 12)
            let user = User(id: services.store.ids.next(), username: username, displayName: name, role: role,
                            agencyId: team.agencyId, teamId: team.id)
            _ = try await services.store.createUser(user, passwordHash: try await services.passwords.hash(password),
                                                    mustChangePassword: true, context: AuditContext(system: "command line"))
            print("Created \(username). One-time password (shown once): \(password)")
            await services.store.database.shutdown()
        }
    }

    struct Token: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Issue an API token for a user.")
        @OptionGroup var common: CommonOptions
        @Argument var username: String
        @Option(help: "What the token is for.") var name = "command line"

        func run() async throws {
            let services = try await AppServices.make(common.configuration())
            guard let account = try await services.store.account(username: username) else {
                throw ValidationError("No user is called '\(username)'.")
            }
            let token = try await services.store.createAPIToken(userId: account.user.id, name: name,
                                                                context: AuditContext(system: "command line"))
            print(token)
            await services.store.database.shutdown()
        }
    }
}

/// `safehold audit verify`: recomputes the audit hash chain.
struct AuditCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "audit", abstract: "Check the audit log.",
                                                    subcommands: [Verify.self])

    struct Verify: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Recompute the hash chain; exit 1 at the first broken entry.")
        @OptionGroup var common: CommonOptions

        func run() async throws {
            let database = try Database(common.configuration().databaseLocation)
            let store = Store(database: database)
            let result = try await store.audit.verify()
            await database.shutdown()
            switch result {
            case .intact(let count):
                print("OK: \(count) audit entries, chain intact.")
            case .broken(let seq, let reason):
                print("BROKEN at entry \(seq): \(reason)")
                throw ExitCode(1)
            }
        }
    }
}
