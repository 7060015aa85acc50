import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import SafeholdStore
import SafeholdWeb
import Testing

/// The databases the observability tests run on: SQLite always, PostgreSQL too (a schema of its own per
/// test) when `SAFEHOLD_TEST_POSTGRES_URL` names a server.
enum WebBackend: String, Sendable, CustomTestStringConvertible {
    case sqlite, postgres

    static let postgresURL: String? = {
        let value = ProcessInfo.processInfo.environment["SAFEHOLD_TEST_POSTGRES_URL"]?
            .trimmingCharacters(in: .whitespacesAndNewlines)
        return value?.isEmpty == false ? value : nil
    }()

    static var all: [WebBackend] { postgresURL == nil ? [.sqlite] : [.sqlite, .postgres] }

    var testDescription: String { rawValue }

    /// The metrics token the tests configure.
    static let metricsToken = "test-metrics-token-0123456789abcdef"

    /// Runs `body` against a `WebFixture` application on this backend, built with `logger`; the database (and
    /// its PostgreSQL schema) is removed afterwards.
    func withApp(
        logger: Logger = Logger(label: "safehold-test", factory: { _ in SwiftLogNoOpLogHandler() }),
        configure: @escaping (inout AppConfiguration) -> Void = { _ in },
        _ body: @Sendable (WebFixture, any TestClientProtocol) async throws -> Void
    ) async throws {
        var schema: String?
        var admin: Database?
        if self == .postgres {
            let url = try #require(Self.postgresURL)
            let name = "w_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(24)
            let pool = try Database(.postgres(url: url, poolSize: 1))
            try await pool.createSchema(name)
            schema = name
            admin = pool
        }
        let chosen = schema
        let result: Result<Void, any Error>
        do {
            let fixture = try await WebFixture.make { config in
                // A loaded test machine may take seconds for a SELECT; a check abandoned at its deadline would
                // still hold a connection when the test closes the database.
                config.readinessTimeout = .seconds(60)
                if let chosen {
                    config.databaseURL = Self.postgresURL
                    config.databaseSchema = chosen
                    config.databasePoolSize = 2
                }
                configure(&config)
            }
            let app = buildApplication(fixture.services, logger: logger)
            do {
                try await app.test(.router) { client in try await body(fixture, client) }
                result = .success(())
            } catch {
                result = .failure(error)
            }
            await fixture.store.database.shutdown()
            try? FileManager.default.removeItem(at: fixture.directory)
        } catch {
            result = .failure(error)
        }
        if let admin, let schema {
            try? await admin.dropSchema(schema)
            await admin.shutdown()
        }
        try result.get()
    }
}

/// Log lines kept in memory, for tests that read what a request logged.
final class CollectedLines: @unchecked Sendable {
    private let lock = NSLock()
    private var lines: [String] = []

    func append(_ line: String) { lock.withLock { lines.append(line) } }
    var all: [String] { lock.withLock { lines } }

    /// A logger writing JSON lines here.
    func logger(level: Logger.Level = .info) -> Logger {
        Logger(label: "safehold") { label in JSONLogHandler(label: label, level: level, sink: self.append) }
    }

    /// Every line parsed as a JSON object; a line that is not one fails the test.
    func objects() throws -> [[String: Any]] {
        try all.map { line in
            try #require(
                try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any], "not a JSON object: \(line)")
        }
    }
}
