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
    @Flag(help: "Apply pending migrations to PostgreSQL at start (otherwise run 'safehold migrate').") var migrate = false

    func run() async throws {
        var config = common.configuration()
        if let host { config.host = host }
        if let port { config.port = port }
        if demo { config.demo = true }
        let onPostgres = config.databaseURL != nil
        let services = try await AppServices.make(config, migrate: !onPostgres || migrate)
        if onPostgres {
            let pending = try await Migrator(database: services.store.database).pendingVersions()
            guard pending.isEmpty else {
                throw ValidationError("The PostgreSQL database needs migrations \(pending). Run 'safehold migrate --database ...' first, or add --migrate.")
            }
        }
        if config.demo {
            if try await DemoAuthority.load(into: services.store, passwords: services.passwords) {
                say("Loaded the synthetic demo authority.")
            }
            say(DemoAuthority.credentials)
        }
        if let password = try await createFirstAdministrator(services) {
            say("""
                Created the first administrator.
                  username: admin
                  one-time password: \(password)
                This is shown once. Sign in, set up a second factor and choose a new password.
                """)
        }
        var logger = Logger(label: "safehold")
        logger.logLevel = .info
        say("Safehold is serving on http://\(config.host):\(config.port) (\(onPostgres ? "PostgreSQL" : "SQLite in \(config.dataDirectory)"))")
        let app = buildApplication(services, logger: logger)
        try await app.runService()
        await services.store.database.shutdown()
    }
}

/// `safehold migrate`: applies pending migrations (the way to migrate PostgreSQL).
struct Migrate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Apply pending database migrations.")
    @OptionGroup var common: CommonOptions

    func run() async throws {
        let database = try Database(common.configuration().databaseLocation)
        let applied = try await Migrator(database: database).migrate()
        say(applied.isEmpty ? "The database is up to date." : "Applied migrations \(applied).")
        await database.shutdown()
    }
}

/// Writes a line to standard output at once (print is buffered when output is not a terminal).
func say(_ text: String) {
    FileHandle.standardOutput.write(Data((text + "\n").utf8))
}
