import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import NIOCore
import NIOPosix
import SQLKit
import SafeholdCore
import SafeholdStore
import SafeholdWeb
import Testing

/// `/metrics` for the scraper holding the token only, counted by route template; `/health/live` and
/// `/health/ready` for the orchestrator.
@Suite struct MetricsAndHealthWebTests {
    static func withToken(_ config: inout AppConfiguration) { config.metricsToken = WebBackend.metricsToken }
    static let scraper: HTTPFields = [.authorization: "Bearer \(WebBackend.metricsToken)"]
    static let uuid = try! NSRegularExpression(
        pattern: "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")

    @Test("Without a configured token /metrics is not there at all", arguments: WebBackend.all)
    func metricsWithoutAConfiguredTokenIsNotFound(_ backend: WebBackend) async throws {
        try await backend.withApp { _, client in
            let response = try await client.execute(uri: SiteRoute.metrics.path, method: .get, headers: Self.scraper)
            #expect(response.status == .notFound)
            #expect(!response.text.contains("safehold_"))
        }
    }

    @Test("A missing or wrong token is a 401 with no metrics in it", arguments: WebBackend.all)
    func metricsRefuseAMissingOrWrongToken(_ backend: WebBackend) async throws {
        try await backend.withApp(configure: Self.withToken) { _, client in
            for headers: HTTPFields in [
                [:], [.authorization: "Bearer wrong-token-0123456789abcdefghij"],
                [.authorization: "Bearer \(WebBackend.metricsToken)x"],
                [.authorization: "Basic \(WebBackend.metricsToken)"], [.authorization: WebBackend.metricsToken],
            ] {
                let response = try await client.execute(uri: SiteRoute.metrics.path, method: .get, headers: headers)
                #expect(response.status == .unauthorized, "\(headers)")
                #expect(response.headers[.wwwAuthenticate]?.hasPrefix("Bearer") == true)
                #expect(!response.text.contains("safehold_"), "no metric leaks with \(headers)")
            }
        }
    }

    @Test("With the token, a request shows under its route template, counted and timed", arguments: WebBackend.all)
    func metricsCountEachRouteByItsTemplate(_ backend: WebBackend) async throws {
        try await backend.withApp(configure: Self.withToken) { f, client in
            let north = try await f.session(f.north)
            let page = try await client.execute(
                uri: SiteRoute.person(f.child.id).path, method: .get, headers: north.headers)
            #expect(page.status == .ok)
            let nowhere = try await client.execute(uri: "/nowhere/\(f.child.id)", method: .get)
            #expect(nowhere.status == .notFound)
            _ = try await client.execute(uri: SiteRoute.healthLive.path, method: try #require(.init("BREWCOFFEE")))

            let response = try await client.execute(uri: SiteRoute.metrics.path, method: .get, headers: Self.scraper)
            #expect(response.status == .ok)
            #expect(response.headers[.contentType]?.hasPrefix("text/plain; version=0.0.4") == true)
            let text = response.text
            #expect(text.contains(#"safehold_http_requests_total{method="GET",route="/people/{id}",status="200"} 1"#))
            #expect(text.contains(#"safehold_http_request_duration_seconds_bucket{method="GET",route="/people/{id}","#))
            #expect(
                text.contains(#"safehold_http_request_duration_seconds_count{method="GET",route="/people/{id}"} 1"#))
            #expect(text.contains(#"route="unmatched",status="404"} 1"#))
            #expect(text.contains(#"method="other""#) && !text.contains("BREWCOFFEE"), "made-up methods are one label")
            for name in [
                "safehold_db_connections_in_use", "safehold_db_connections_waiting", "safehold_db_connections_max",
                "safehold_db_connection_acquire_seconds_bucket", "safehold_db_statements_total",
                "safehold_audit_append_seconds_bucket",
                "safehold_audit_entries_total", "safehold_audit_queue_entries", "safehold_audit_batch_entries_bucket",
            ] {
                #expect(text.contains(name), "\(name) is exposed")
            }
            let range = NSRange(text.startIndex..., in: text)
            #expect(Self.uuid.firstMatch(in: text, range: range) == nil, "no record id reaches the metrics")
        }
    }

    @Test(
        "Live always answers; ready answers 200 when the database and its migrations are current",
        arguments: WebBackend.all)
    func liveAndReadyAnswerWhenAllIsWell(_ backend: WebBackend) async throws {
        try await backend.withApp { _, client in
            let live = try await client.execute(uri: SiteRoute.healthLive.path, method: .get)
            #expect(live.status == .ok)
            let ready = try await client.execute(uri: SiteRoute.healthReady.path, method: .get)
            #expect(ready.status == .ok, "\(backend): \(ready.text)")
            #expect(ready.text == "ready\n")
            let health = try await client.execute(uri: SiteRoute.health.path, method: .get)
            #expect(health.text == "ok", "/health is as it was")
        }
    }

    @Test("Ready is 503 naming the pending migration when the database is behind", arguments: WebBackend.all)
    func readyRefusesWhileMigrationsArePending(_ backend: WebBackend) async throws {
        try await backend.withApp { f, client in
            let last = try #require(Migrator.knownVersions.last)
            try await f.store.database.withConnection { db in
                try await db.raw("DELETE FROM schema_migrations WHERE version = \(bind: last)").run()
            }
            let ready = try await client.execute(uri: SiteRoute.healthReady.path, method: .get)
            #expect(ready.status == .serviceUnavailable)
            #expect(ready.text.contains("migrations [\(last)] are pending"))
            let live = try await client.execute(uri: SiteRoute.healthLive.path, method: .get)
            #expect(live.status == .ok, "the process itself is still live")
        }
    }

    @Test func readyIsNotReadyWhenTheDatabaseRefusesConnections() async throws {
        // Nothing listens on port 1: the connection is refused at once.
        let database = try Database(.postgres(url: "postgres://nobody:nothing@127.0.0.1:1/none", poolSize: 1))
        let answer = await ReadinessProbe(database: database).check(logger: Logger(label: "test"))
        await database.shutdown()
        #expect(answer == .notReady("the database does not answer"))
    }

    @Test func readyIsNotReadyWhenTheDatabaseDoesNotAnswerInTime() async throws {
        // A listener that accepts the connection and never says a word.
        let silent = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .bind(host: "127.0.0.1", port: 0).get()
        let port = try #require(silent.localAddress?.port)
        let database = try Database(.postgres(url: "postgres://nobody:nothing@127.0.0.1:\(port)/none", poolSize: 1))
        let answer = await ReadinessProbe(database: database, timeout: .milliseconds(300))
            .check(logger: Logger(label: "test"))
        // The connection attempt gives up after 10 s with an error ("does not answer"): this answer is the deadline's.
        #expect(answer == .notReady("the database did not answer in time"))
        try await silent.close()
        await database.shutdown()
    }

    @Test func aShortMetricsTokenIsRefusedAtStart() {
        #expect(throws: MetricsToken.Refused.self) { try MetricsToken("short") }
        #expect(throws: MetricsToken.Refused.self) { try MetricsToken("has a space in it 0123456789abcdef") }
        #expect(throws: Never.self) { try MetricsToken(WebBackend.metricsToken) }
    }
}
