import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import SafeholdCore
import SafeholdStore
import SafeholdWeb
import Testing

/// Every request has an id: the client's when it is sane, otherwise one made here; it comes back in
/// `X-Request-Id`, is in every log line of the request and on every audit entry the request leaves.
@Suite struct RequestIdAndLogWebTests {
    static let made = try! NSRegularExpression(pattern: "^[0-9a-f]{32}$")

    static func isMade(_ id: String?) -> Bool {
        guard let id else { return false }
        return made.firstMatch(in: id, range: NSRange(id.startIndex..., in: id)) != nil
    }

    @Test("A sane request id is echoed; a malformed one is replaced; none gets one made", arguments: WebBackend.all)
    func requestIdIsEchoedOrReplaced(_ backend: WebBackend) async throws {
        try await backend.withApp { _, client in
            let sane = "edge-7f3a.b_9"
            let echoed = try await client.execute(
                uri: SiteRoute.healthLive.path, method: .get, headers: [RequestIdentifier.header: sane])
            #expect(echoed.headers[RequestIdentifier.header] == sane)

            for bad in [String(repeating: "a", count: 65), "has space", "semi;colon", "quote\"d", "ümlaut", "a/b"] {
                let replaced = try await client.execute(
                    uri: SiteRoute.healthLive.path, method: .get, headers: [RequestIdentifier.header: bad])
                let id = replaced.headers[RequestIdentifier.header]
                #expect(id != bad)
                #expect(Self.isMade(id), "\(bad) was replaced by a made id, got \(id ?? "none")")
            }
            let first = try await client.execute(uri: SiteRoute.healthLive.path, method: .get)
            let second = try await client.execute(uri: SiteRoute.healthLive.path, method: .get)
            #expect(Self.isMade(first.headers[RequestIdentifier.header]))
            #expect(first.headers[RequestIdentifier.header] != second.headers[RequestIdentifier.header])
        }
    }

    @Test("An audited read carries the request's id into its audit entry", arguments: WebBackend.all)
    func auditedReadKeepsTheRequestId(_ backend: WebBackend) async throws {
        try await backend.withApp { f, client in
            let token = try await f.apiToken(f.north)
            var headers = bearer(token)
            headers[RequestIdentifier.header] = "audit-read-42"
            let read = try await client.execute(
                uri: SiteRoute.API.person(f.child.id).path, method: .get, headers: headers)
            #expect(read.status == .ok)
            #expect(read.headers[RequestIdentifier.header] == "audit-read-42")
            let entries = try await f.store.audit.entries(forPerson: f.child.id)
            let entry = try #require(entries.first { $0.event.action == .read && $0.event.actorId == f.north.id })
            #expect(entry.event.requestId == "audit-read-42")
            #expect(try await f.store.audit.verify() == .intact(entries: try await f.count("audit_log")))

            // A refusal is an audited action of its request too.
            var refused = bearer(try await f.apiToken(f.south))
            refused[RequestIdentifier.header] = "audit-refused-43"
            let denied = try await client.execute(
                uri: SiteRoute.API.person(f.child.id).path, method: .get, headers: refused)
            #expect(denied.status == .notFound || denied.status == .forbidden)
            let after = try await f.store.audit.entries(forPerson: f.child.id)
            #expect(after.contains { $0.event.action == .denied && $0.event.requestId == "audit-refused-43" })
        }
    }

    @Test("A failed sign-in and a signed-in session are audited under their requests' ids")
    func signInEntriesKeepTheRequestId() async throws {
        try await WebBackend.sqlite.withApp { f, client in
            let wrong = try await signIn(
                client, username: "north", password: "not-the-password",
                headers: [RequestIdentifier.header: "sign-in-wrong-1"])
            #expect(wrong.status == .unauthorized)
            let right = try await signIn(
                client, username: "north", password: WebFixture.password,
                headers: [RequestIdentifier.header: "sign-in-right-2"])
            #expect(right.status == .found)
            let entries = try await f.store.audit.recent(limit: 20).map(\.event)
            #expect(entries.contains { $0.action == .loginFailed && $0.requestId == "sign-in-wrong-1" })
            #expect(entries.contains { $0.action == .login && $0.requestId == "sign-in-right-2" })
        }
    }

    @Test("Every log line of a request is one JSON object carrying the request id", arguments: WebBackend.all)
    func requestLogLinesAreJSONWithTheRequestId(_ backend: WebBackend) async throws {
        let lines = CollectedLines()
        try await backend.withApp(logger: lines.logger(), configure: { $0.logRequests = true }) { f, client in
            let north = try await f.session(f.north)
            var headers = north.headers
            headers[RequestIdentifier.header] = "log-line-7"
            let page = try await client.execute(
                uri: SiteRoute.person(f.child.id).path, method: .get, headers: headers)
            #expect(page.status == .ok)
        }
        let objects = try lines.objects()
        let request = try #require(objects.first { $0["message"] as? String == "request" })
        let metadata = try #require(request["metadata"] as? [String: Any])
        #expect(metadata["request_id"] as? String == "log-line-7")
        #expect(metadata["route"] as? String == "/people/{id}")
        #expect(metadata["status"] as? String == "200")
        #expect(request["level"] as? String == "info")
        #expect(request["label"] as? String == "safehold")
        #expect((request["timestamp"] as? String)?.hasSuffix("Z") == true)
        for line in lines.all { #expect(!line.contains("Testwick"), "no name reaches a log line") }
    }

    @Test func theJSONHandlerWritesOneValidObjectPerLine() throws {
        let lines = CollectedLines()
        var logger = lines.logger(level: .debug)
        logger[metadataKey: "request_id"] = "abc-1"
        logger.debug("first", metadata: ["nested": ["a": "1", "list": ["x", "y"]], "quote": "say \"hi\"\n"])
        logger.trace("below the level")
        logger.error("second")
        let objects = try lines.objects()
        #expect(objects.count == 2)
        #expect(lines.all.allSatisfy { !$0.contains("\n") }, "one line per entry")
        let first = try #require(objects.first)
        #expect(first["message"] as? String == "first")
        #expect(first["level"] as? String == "debug")
        let metadata = try #require(first["metadata"] as? [String: Any])
        #expect(metadata["request_id"] as? String == "abc-1")
        #expect(metadata["quote"] as? String == "say \"hi\"\n")
        #expect((metadata["nested"] as? [String: Any])?["list"] as? [String] == ["x", "y"])
        #expect(objects.last?["level"] as? String == "error")
    }

    @Test func theLogFormatAndLevelComeFromTheEnvironment() throws {
        let json = try AppConfiguration.fromEnvironment(["SAFEHOLD_LOG_FORMAT": "JSON", "SAFEHOLD_LOG_LEVEL": "debug"])
        #expect(json.logFormat == .json)
        #expect(json.logLevel == .debug)
        #expect(json.logHandler(label: "x") is JSONLogHandler)
        let plain = try AppConfiguration.fromEnvironment([:])
        #expect(plain.logFormat == .text)
        #expect(plain.logLevel == .info)
        #expect(!plain.logRequests)
        #expect(plain.readinessTimeout == .seconds(3))
        let ready = { (text: String) in
            try AppConfiguration.fromEnvironment(["SAFEHOLD_READY_TIMEOUT_SECONDS": text]).readinessTimeout
        }
        #expect(try ready("10") == .seconds(10))
        #expect(try ready("") == .seconds(3), "empty is unset")
        #expect(throws: SettingsRefused.self, "out of range is refused, not replaced by the default") { try ready("0") }
        #expect(try AppConfiguration.fromEnvironment(["SAFEHOLD_LOG_REQUESTS": "yes"]).logRequests)
        #expect(try AppConfiguration.fromEnvironment(["SAFEHOLD_METRICS_TOKEN": "t"]).metricsToken == "t")
    }
}
