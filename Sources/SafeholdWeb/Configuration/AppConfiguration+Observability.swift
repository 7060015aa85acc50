import Foundation
import Logging

/// How log lines are written: human text (the default, and what `--demo` shows) or one JSON object a line.
public enum LogFormat: String, Sendable, CaseIterable {
    case text, json
}

extension AppConfiguration {
    /// Reads `SAFEHOLD_METRICS_TOKEN` (the bearer token `/metrics` asks for; without it `/metrics` is a 404),
    /// `SAFEHOLD_LOG_FORMAT` (`text` or `json`), `SAFEHOLD_LOG_LEVEL` (`trace` to `critical`, default `info`) and
    /// `SAFEHOLD_LOG_REQUESTS` (`1`, `true` or `yes`: a line per request) and `SAFEHOLD_READY_TIMEOUT_SECONDS`
    /// (1 to 60, default 3), and `SAFEHOLD_AUTH_CACHE_SECONDS` (0 to 10, default 1).
    mutating func readObservabilitySettings(_ env: [String: String]) {
        if let v = env["SAFEHOLD_METRICS_TOKEN"], !v.isEmpty { metricsToken = v }
        if let v = env["SAFEHOLD_LOG_FORMAT"].flatMap({ LogFormat(rawValue: $0.lowercased()) }) { logFormat = v }
        if let v = env["SAFEHOLD_LOG_LEVEL"].flatMap({ Logger.Level(rawValue: $0.lowercased()) }) { logLevel = v }
        if let v = env["SAFEHOLD_READY_TIMEOUT_SECONDS"].flatMap(Int.init), (1...60).contains(v) {
            readinessTimeout = .seconds(v)
        }
        if let v = env["SAFEHOLD_LOG_REQUESTS"] { logRequests = ["1", "true", "yes"].contains(v.lowercased()) }
        if let v = env["SAFEHOLD_AUTH_CACHE_SECONDS"].flatMap(Int.init), (0...10).contains(v) {
            credentialCacheLifetime = .seconds(v)
        }
    }

    /// The log handler these settings choose, for `LoggingSystem.bootstrap` (once, by the command line): JSON
    /// lines on standard output, or swift-log's text on standard error as before.
    public func logHandler(label: String) -> any LogHandler {
        switch logFormat {
        case .json:
            return JSONLogHandler(label: label, level: logLevel)
        case .text:
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = logLevel
            return handler
        }
    }
}
