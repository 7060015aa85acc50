import ArgumentParser
import Foundation
import Hummingbird
import Logging
import SafeholdStore
import SafeholdWeb

/// `safehold serve`: migrates the embedded database, creates the first administrator or the demo
/// authority when asked, and serves until stopped.
struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Run the Safehold server.")

    @OptionGroup var common: CommonOptions
    @Option(help: "Address to listen on (SAFEHOLD_HOST; default 127.0.0.1).") var host: String?
    @Option(help: "Port to listen on (SAFEHOLD_PORT; default 8080).") var port: Int?
    @Flag(help: "Load the synthetic demo authority on first start (SAFEHOLD_DEMO).") var demo = false
    @Flag(help: "Apply pending migrations to PostgreSQL at start (otherwise run 'safehold migrate').") var migrate =
        false

    func run() async throws {
        MemoryTuning.keepFreedMemory()
        var config = try common.configuration()
        // Before anything makes a logger: text or JSON lines, at the configured level.
        let logging = config
        LoggingSystem.bootstrap { label in logging.logHandler(label: label) }
        if config.logFormat == .json { Say.logger = Logger(label: "safehold") }
        if let host { config.host = host }
        if let port { config.port = port }
        if demo { config.demo = true }
        let onPostgres = config.databaseURL != nil
        let services = try await AppServices.make(config, migrate: !onPostgres || migrate)
        do {
            try await checkStart(services, config: config, onPostgres: onPostgres)
        } catch {
            await services.store.shutdown()
            throw error
        }
        if config.demo {
            do {
                if try await DemoAuthority.load(
                    into: services.store, passwords: services.passwords, secrets: services.secrets)
                {
                    say("Loaded the synthetic demo authority.")
                }
            } catch {
                say("The demo authority could not be loaded: \(error)")
                await services.store.shutdown()
                throw error
            }
            say(DemoAuthority.credentials)
        }
        if let password = try await createFirstAdministrator(services) {
            say(
                """
                Created the first administrator.
                  username: admin
                  one-time password: \(password)
                This is shown once. Sign in, set up a second factor and choose a new password.
                """)
        }
        let logger = Logger(label: "safehold")
        let engine = onPostgres ? "PostgreSQL" : "SQLite in \(config.dataDirectory)"
        say("Safehold is serving on http://\(config.host):\(config.port) (\(engine))")
        let app = buildApplication(services, logger: logger)
        try await runUntilStopped(app, logger: logger)
        await services.store.shutdown()
    }

    /// Refuses to serve a PostgreSQL database with pending migrations or with an audit key that did not
    /// seal its log, and warns when the database role could rewrite the audit log.
    private func checkStart(_ services: AppServices, config: AppConfiguration, onPostgres: Bool) async throws {
        if onPostgres {
            let pending = try await Migrator(database: services.store.database).pendingVersions()
            guard pending.isEmpty else {
                throw ValidationError(
                    "The PostgreSQL database needs migrations \(pending). "
                        + "Run 'safehold migrate --database ...' first, or add --migrate."
                )
            }
            let rights = try await ApplicationRole(database: services.store.database).auditLogRightsBeyondAppend()
            if !rights.isEmpty {
                say(
                    """
                    Warning: this database role may change or remove audit entries \
                    (\(rights.joined(separator: ", "))). Connect the server as the application role granted by \
                    'safehold migrate --grant-app-role NAME' (see the README).
                    """)
            }
        }
        // A key that did not seal this log would fork the seals: refuse to start with it.
        try await services.store.audit.checkKey()
        say(
            "Audit entries are sealed with key \(services.store.audit.keyId); signed checkpoints go to "
                + "\(config.auditCheckpoints.path) every minute.")
    }
}

/// `safehold migrate`: applies pending migrations (the way to migrate PostgreSQL), connected as the
/// owner of the schema, and grants the application role its limited rights.
struct Migrate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Apply pending database migrations.")
    @OptionGroup var common: CommonOptions
    @Option(
        name: .customLong("grant-app-role"),
        help: ArgumentHelp(
            "PostgreSQL role the server connects as, granted INSERT and SELECT only on "
                + "the audit tables (SAFEHOLD_DATABASE_APP_ROLE)."))
    var appRole: String?

    func run() async throws {
        let config = try common.configuration()
        let database = try Database(config.databaseLocation)
        do {
            let applied = try await Migrator(database: database).migrate()
            say(applied.isEmpty ? "The database is up to date." : "Applied migrations \(applied).")
            if let role = appRole ?? config.databaseAppRole {
                try await ApplicationRole(database: database).grant(to: role)
                say("Granted '\(role)' the application's rights (INSERT and SELECT only on the audit tables).")
            }
        } catch {
            await database.shutdown()
            throw error
        }
        await database.shutdown()
    }
}

/// Writes a line to standard output at once (print is buffered when output is not a terminal); with
/// `SAFEHOLD_LOG_FORMAT=json`, a JSON log line instead, so standard output holds nothing else.
func say(_ text: String) {
    if let logger = Say.logger {
        logger.notice("\(text)")
    } else {
        FileHandle.standardOutput.write(Data((text + "\n").utf8))
    }
}

/// Where `say` writes when the log lines are JSON; set once at start, before any other task runs.
enum Say {
    nonisolated(unsafe) static var logger: Logger?
}
