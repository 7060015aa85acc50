import Foundation
import Logging
import SafeholdCore
import SafeholdStore

/// How Safehold runs: layered as command-line flags over `SAFEHOLD_*` environment variables over defaults.
public struct AppConfiguration: Sendable {
    public var host: String = "127.0.0.1"
    public var port: Int = 8080
    /// Folder for the embedded database and other local files.
    public var dataDirectory: String = "./data"
    /// A `postgres://` URL; nil means the embedded SQLite database in `dataDirectory`.
    public var databaseURL: String?
    /// A `postgres://` URL of a streaming replica of `databaseURL` for the heavy reads; PostgreSQL only.
    public var databaseReplicaURL: String?
    public var databasePoolSize: Int = 4
    /// Confines PostgreSQL connections to one schema (benchmarks and tests use a fresh one).
    public var databaseSchema: String?
    /// Load the synthetic demo authority on first start.
    public var demo: Bool = false
    /// bcrypt cost for new password hashes (tests lower it to stay quick).
    public var bcryptCost: UInt8 = 12
    /// Served behind TLS: cookies are `Secure` and responses carry `Strict-Transport-Security`.
    public var behindTLS: Bool = false
    public var sessionIdleTimeout: TimeInterval = 30 * 60
    public var sessionAbsoluteTimeout: TimeInterval = 12 * 60 * 60
    /// Sign-in attempts allowed from one address per minute (per username, see `SignInLimit`).
    public var loginAttemptsPerMinute: Int = 20
    /// Plan look-ups one user or API client may make in a minute (`SAFEHOLD_LOOKUPS_PER_MINUTE`).
    public var lookupsPerMinute: Int = 60
    /// The audit key as base64 (wins over the key file), the key file, and the checkpoint folder;
    /// the file and folder default to `<data-dir>/keys/audit.key` and `<data-dir>/audit-checkpoints`.
    public var auditKey: String?
    public var auditKeyFile: String?
    public var auditCheckpointDirectory: String?
    /// The PostgreSQL role the server connects as, granted its rights by `safehold migrate`.
    public var databaseAppRole: String?
    /// Reverse proxies (addresses or CIDR ranges) whose `Forwarded` / `X-Forwarded-For` is believed.
    public var trustedProxies: [String] = []
    /// The key that seals TOTP secrets: base64 of 32 bytes, or a file holding it (default
    /// `<data-dir>/keys/secrets.key`, created with mode 0600 when missing).
    public var secretKey: String?
    public var secretKeyFile: String?
    /// How long a new API token and a one-time password live.
    public var apiTokenLifetime: TimeInterval = 90 * 86_400
    public var oneTimePasswordLifetime: TimeInterval = 72 * 3_600
    /// Notification emails through an SMTP relay; nil (the default) keeps notifications in the product only.
    public var mail: MailConfiguration?
    /// The CIN census header's LA code, software code, release and serial number (`SAFEHOLD_CENSUS_*`).
    public var census = CensusSettings(laCode: "")
    /// Documents: the largest file accepted (`SAFEHOLD_DOCUMENT_MAX_BYTES`, default 25 MB), the key file
    /// (`SAFEHOLD_DOCUMENT_KEY_FILE`) and the folder (`SAFEHOLD_DOCUMENTS_DIR`); see `AppConfiguration+Documents`.
    public var documentMaxBytes: Int = DocumentDraft.defaultMaxBytes
    public var documentKeyFile: String?
    public var documentsDirectory: String?
    /// The bearer token `/metrics` asks for (`SAFEHOLD_METRICS_TOKEN`); nil (the default) answers 404 there.
    public var metricsToken: String?
    /// Log lines as text or JSON (`SAFEHOLD_LOG_FORMAT`), and the least level written (`SAFEHOLD_LOG_LEVEL`).
    public var logFormat: LogFormat = .text
    public var logLevel: Logger.Level = .info
    /// How long `/health/ready` waits for the database before answering 503 (`SAFEHOLD_READY_TIMEOUT_SECONDS`).
    public var readinessTimeout: Duration = .seconds(3)
    /// One log line per request: method, route template, status, time (`SAFEHOLD_LOG_REQUESTS`; off by default).
    public var logRequests = false
    /// How long a server remembers a session or token it found (`SAFEHOLD_AUTH_CACHE_SECONDS`, 0 to 10,
    /// default 1; 0 asks the database on every request). Another server sharing the database sees a
    /// signing-out, a revoked token or a deactivated account within this time; this server at once.
    public var credentialCacheLifetime: Duration = .seconds(1)
    /// Whether the due-notice pass runs as the server starts as well as hourly. The benchmark, which times the
    /// passes itself before it serves, turns it off so that a pass (a minute at a million children) does not run
    /// under the pages it measures.
    public var dueNoticesAtStart = true

    public init() {}

    /// Defaults overlaid with `SAFEHOLD_HOST`, `SAFEHOLD_PORT`, `SAFEHOLD_DATA_DIR`, `SAFEHOLD_DATABASE_URL`,
    /// `SAFEHOLD_DB_POOL_SIZE`, `SAFEHOLD_DEMO`, `SAFEHOLD_BCRYPT_COST`, `SAFEHOLD_BEHIND_TLS` (older name
    /// `SAFEHOLD_SECURE_COOKIES`), `SAFEHOLD_LOGIN_ATTEMPTS_PER_MINUTE`, `SAFEHOLD_TRUSTED_PROXIES`,
    /// `SAFEHOLD_SECRET_KEY`, `SAFEHOLD_SECRET_KEY_FILE`, `SAFEHOLD_API_TOKEN_DAYS`,
    /// `SAFEHOLD_ONE_TIME_PASSWORD_HOURS`, `SAFEHOLD_LOOKUPS_PER_MINUTE`; `SAFEHOLD_AUDIT_KEY`,
    /// `SAFEHOLD_AUDIT_KEY_FILE`, `SAFEHOLD_AUDIT_CHECKPOINT_DIR`, `SAFEHOLD_DATABASE_APP_ROLE` and
    /// `SAFEHOLD_DATABASE_REPLICA_URL`. A value that is set but cannot be used (not a number, out of its range,
    /// a flag that is neither yes nor no) is refused with every other such value (`SettingsRefused`), never
    /// replaced by the default.
    public static func fromEnvironment(
        _ env: [String: String] = ProcessInfo.processInfo.environment
    ) throws -> AppConfiguration {
        var c = AppConfiguration()
        var r = SettingsReader(env)
        if let v = r.text("SAFEHOLD_HOST") { c.host = v }
        if let v = r.number("SAFEHOLD_PORT", in: 1...65_535) { c.port = v }
        if let v = r.text("SAFEHOLD_DATA_DIR") { c.dataDirectory = v }
        if let v = r.text("SAFEHOLD_DATABASE_URL") { c.databaseURL = v }
        if let v = r.number("SAFEHOLD_DB_POOL_SIZE", in: 1...200) { c.databasePoolSize = v }
        if let v = r.flag("SAFEHOLD_DEMO") { c.demo = v }
        if let v = r.number("SAFEHOLD_BCRYPT_COST", in: 4...31) { c.bcryptCost = UInt8(v) }
        if let v = r.flag("SAFEHOLD_BEHIND_TLS") ?? r.flag("SAFEHOLD_SECURE_COOKIES") { c.behindTLS = v }
        if let v = r.number("SAFEHOLD_LOGIN_ATTEMPTS_PER_MINUTE", in: 1...1_000_000) { c.loginAttemptsPerMinute = v }
        if let v = r.number("SAFEHOLD_LOOKUPS_PER_MINUTE", in: 1...1_000_000) { c.lookupsPerMinute = v }
        if let v = r.text("SAFEHOLD_AUDIT_KEY") { c.auditKey = v }
        if let v = r.text("SAFEHOLD_AUDIT_KEY_FILE") { c.auditKeyFile = v }
        if let v = r.text("SAFEHOLD_AUDIT_CHECKPOINT_DIR") { c.auditCheckpointDirectory = v }
        if let v = r.text("SAFEHOLD_DATABASE_APP_ROLE") { c.databaseAppRole = v }
        if let v = env["SAFEHOLD_TRUSTED_PROXIES"] {
            c.trustedProxies = v.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter {
                !$0.isEmpty
            }
        }
        if let v = r.text("SAFEHOLD_SECRET_KEY") { c.secretKey = v }
        if let v = r.text("SAFEHOLD_SECRET_KEY_FILE") { c.secretKeyFile = v }
        if let v = r.number("SAFEHOLD_API_TOKEN_DAYS", in: 1...3_650) { c.apiTokenLifetime = Double(v) * 86_400 }
        if let v = r.number("SAFEHOLD_ONE_TIME_PASSWORD_HOURS", in: 1...720) {
            c.oneTimePasswordLifetime = Double(v) * 3_600
        }
        c.mail = MailConfiguration.read(&r)
        c.census = CensusSettings.read(r)
        c.readDocumentSettings(&r)
        c.readObservabilitySettings(&r)
        c.readReplicaSettings(r)
        guard r.problems.isEmpty else { throw SettingsRefused(problems: r.problems) }
        return c
    }

    /// Where the data lives, from `databaseURL` or the data folder.
    public var databaseLocation: DatabaseLocation {
        if let databaseURL { return .postgres(url: databaseURL, schema: databaseSchema, poolSize: databasePoolSize) }
        return .sqlite(path: URL(fileURLWithPath: dataDirectory).appendingPathComponent("safehold.sqlite").path)
    }
}
