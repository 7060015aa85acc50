import Foundation
import Logging

/// How log lines are written: human text (the default, and what `--demo` shows) or one JSON object a line.
public enum LogFormat: String, Sendable, CaseIterable {
    case text, json
}

extension AppConfiguration {
    /// Reads `SAFEHOLD_METRICS_TOKEN` (the bearer token `/metrics` asks for; without it `/metrics` is a 404),
    /// `SAFEHOLD_LOG_FORMAT` (`text` or `json`), `SAFEHOLD_LOG_LEVEL` (`trace` to `critical`, default `info`) and
    /// `SAFEHOLD_LOG_REQUESTS` (yes: a line per request) and `SAFEHOLD_READY_TIMEOUT_SECONDS`
    /// (1 to 60, default 3), and `SAFEHOLD_AUTH_CACHE_SECONDS` (0 to 10, default 1).
    mutating func readObservabilitySettings(_ r: inout SettingsReader) {
        if let v = r.text("SAFEHOLD_METRICS_TOKEN") { metricsToken = v }
        if let v = r.choice("SAFEHOLD_LOG_FORMAT", LogFormat.allCases) { logFormat = v }
        if let v = r.choice("SAFEHOLD_LOG_LEVEL", Logger.Level.allCases) { logLevel = v }
        if let v = r.number("SAFEHOLD_READY_TIMEOUT_SECONDS", in: 1...60) { readinessTimeout = .seconds(v) }
        if let v = r.flag("SAFEHOLD_LOG_REQUESTS") { logRequests = v }
        if let v = r.number("SAFEHOLD_AUTH_CACHE_SECONDS", in: 0...10) { credentialCacheLifetime = .seconds(v) }
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
