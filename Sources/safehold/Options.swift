import ArgumentParser
import Foundation
import SafeholdWeb

/// Options every command shares; flags win over `SAFEHOLD_*` environment variables, which win over defaults.
struct CommonOptions: ParsableArguments {
    @Option(
        name: .customLong("data-dir"),
        help: "Folder for the embedded SQLite database (SAFEHOLD_DATA_DIR; default ./data).")
    var dataDirectory: String?

    @Option(
        help: "PostgreSQL URL, postgres://user:pass@host:port/db (SAFEHOLD_DATABASE_URL). Without it, SQLite is used.")
    var database: String?

    @Option(
        name: .customLong("database-replica"),
        help: ArgumentHelp(
            "PostgreSQL URL of a streaming replica of --database for the heavy reads: census, dashboards, "
                + "search candidates (SAFEHOLD_DATABASE_REPLICA_URL)."))
    var databaseReplica: String?

    /// The settings of the environment with these options over them; a setting that cannot be used stops the
    /// command with every such setting named (`SettingsRefused`).
    func configuration() throws -> AppConfiguration {
        var c = try AppConfiguration.fromEnvironment()
        if let dataDirectory { c.dataDirectory = dataDirectory }
        if let database { c.databaseURL = database }
        if let databaseReplica { c.databaseReplicaURL = databaseReplica }
        return c
    }
}
