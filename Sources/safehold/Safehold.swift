import ArgumentParser

/// The `safehold` command: serve, migrate, manage users, verify the audit, benchmark.
@main
struct Safehold: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "safehold",
        abstract: "Safehold: multi-agency child protection case management.",
        subcommands: [
            Serve.self, Migrate.self, UserCommand.self, AuditCommand.self, CensusCommand.self, BackupCommand.self,
            RestoreCommand.self,
        ],
        defaultSubcommand: Serve.self)
}
