import Foundation
import Hummingbird
import Logging
import SafeholdCore
import SafeholdStore
import ServiceLifecycle

/// Everything a running Safehold needs, built once at start.
public struct AppServices: Sendable {
    public let configuration: AppConfiguration
    public let store: Store
    public let renderer: PageRenderer
    public let passwords: Passwords
    /// The OpenAPI document as JSON, converted from the YAML resource once, at first use.
    public var openAPIDocument: Data { get throws { try OpenAPIDocument.served.get() } }
    /// Seals TOTP secrets with the key held outside the database (`SecretKeyFile`).
    public let secrets: SecretBox
    public let proxies: TrustedProxies
    /// This application's metrics (its own Prometheus registry), served at `/metrics`.
    public let metrics: AppMetrics
    /// The token `/metrics` asks for; nil when none is configured (then `/metrics` is a 404).
    public let metricsToken: MetricsToken?

    /// Loads the audit key (creating the key file at the first start), opens the database, applies
    /// migrations where that is allowed, and loads templates.
    public static func make(
        _ configuration: AppConfiguration, clock: any WallClock = SystemClock(),
        ids: (any IdGenerator)? = nil, migrate: Bool = true
    ) async throws -> AppServices {
        let replica = try configuration.replicaLocation()
        let auditKey = try configuration.auditKeySource.load(createIfMissing: true)
        let secrets = try SecretKeyFile.box(configuration)
        let proxies = try TrustedProxies(configuration.trustedProxies)
        let metricsToken = try configuration.metricsToken.map(MetricsToken.init)
        let metrics = AppMetrics()
        let database = try Database(
            configuration.databaseLocation, metrics: metrics.store,
            applicationName: AppConfiguration.primaryApplicationName)
        let readDatabase = try replica.map {
            try Database(
                $0, logger: Logger(label: "safehold.db.reads"), applicationName: AppConfiguration.readsApplicationName)
        }
        let store = Store(
            database: database, readDatabase: readDatabase, auditKey: auditKey, clock: clock,
            ids: ids ?? TimeOrderedIdGenerator(clock: clock), documentBlobs: try configuration.documentBlobStore(),
            documentMaxBytes: configuration.documentMaxBytes,
            credentials: CredentialCache(lifetime: configuration.credentialCacheLifetime))
        if migrate { try await store.migrate() }
        if try await Migrator(database: database).pendingVersions().isEmpty {
            try await store.sealPlaintextTOTPSecrets(with: secrets)
            guard try await store.sealedSecretsOpen(with: secrets) else {
                throw SecretKeyFile.Refused(
                    description: "The TOTP secrets in the database were sealed with another key. "
                        + "Restore the original secret key (SAFEHOLD_SECRET_KEY or the key file).")
            }
        }
        return AppServices(
            configuration: configuration, store: store, renderer: try await PageRenderer.load(),
            passwords: Passwords(cost: configuration.bcryptCost),
            secrets: secrets, proxies: proxies, metrics: metrics, metricsToken: metricsToken)
    }
}

/// Builds the Safehold web application: routes, middleware, controllers. `safehold serve` runs it;
/// tests call it directly.
public func buildApplication(
    _ services: AppServices, logger: Logger = Logger(label: "safehold")
) -> some ApplicationProtocol {
    let router = buildRouter(services)
    // What a server needs and a command line run does not, made at start rather than at the first request.
    services.passwords.prepareDecoy()
    _ = OpenAPIDocument.served
    PDFTools().report(to: logger)
    let checkpoints = AuditCheckpointService(
        audit: services.store.audit,
        directory: services.configuration.auditCheckpoints, logger: logger)
    return Application(
        router: router,
        configuration: .init(
            address: .hostname(services.configuration.host, port: services.configuration.port), serverName: "Safehold"),
        services: [
            checkpoints as any Service,
            DueNotificationService(store: services.store, atStart: services.configuration.dueNoticesAtStart),
        ]
            + (services.configuration.mail.map { [NotificationMailer(store: services.store, mail: $0)] } ?? []),
        logger: logger)
}

/// The router alone, for tests that drive it without a socket.
///
/// Every request first passes the security headers, the outer error boundary and the canonical-path
/// check. Then the route it matched decides who is asking: page routes sit in groups that read the
/// session cookie only, API routes in groups that read the bearer token only.
public func buildRouter(_ services: AppServices) -> Router<SafeholdContext> {
    let store = services.store, renderer = services.renderer
    let pdfTools = PDFTools()
    // One limit for the page and the API, so a client cannot double it by using both.
    let lookupLimit = LookupRateLimit(perMinute: services.configuration.lookupsPerMinute)
    let router = Router(context: SafeholdContext.self)
    // Outermost: the request id (on every response and log line), then the per-route metrics and log line.
    router.add(middleware: RequestIdMiddleware())
    router.add(
        middleware: RequestMetricsMiddleware(
            factory: services.metrics.factory, logRequests: services.configuration.logRequests))
    router.add(middleware: SecurityHeadersMiddleware(behindTLS: services.configuration.behindTLS))
    router.add(middleware: ErrorBoundary(renderer: renderer, format: .negotiated))
    router.add(middleware: CanonicalPath())
    router.add(middleware: ClientAddressMiddleware(proxies: services.proxies))

    router.get(SiteRoute.health) { _, _ in "ok" }
    HealthController(
        probe: ReadinessProbe(database: store.database, timeout: services.configuration.readinessTimeout)
    ).register(on: router)
    MetricsController(metrics: services.metrics, token: services.metricsToken).register(on: router)
    router.get(SiteRoute.stylesheet) { _, _ in renderer.asset("safehold.css") }
    router.get(SiteRoute.script) { _, _ in renderer.asset("safehold.js") }

    // Pages: the session cookie. The inner boundary renders errors with the signed-in user's header.
    let browser = router.group()
        .add(middleware: ErrorBoundary(renderer: renderer, format: .page))
        .add(middleware: AuthenticationMiddleware(store: store, configuration: services.configuration))
        .add(middleware: ErrorBoundary(renderer: renderer, format: .page))
    let throttle = LoginThrottle(limit: services.configuration.loginAttemptsPerMinute, clock: store.clock)
    AuthController(
        store: store, renderer: renderer, passwords: services.passwords, throttle: throttle,
        configuration: services.configuration, secrets: services.secrets
    ).register(on: browser)

    let pages = browser.group().add(middleware: RequireSignIn())
    AccountController(
        store: store, renderer: renderer, passwords: services.passwords,
        configuration: services.configuration
    ).register(on: pages)
    PeopleController(store: store, renderer: renderer).register(on: pages)
    RelationshipController(store: store, renderer: renderer).register(on: pages)
    ContactController(store: store, renderer: renderer).register(on: pages)
    EpisodeController(store: store, renderer: renderer).register(on: pages)
    ChronologyController(store: store, renderer: renderer).register(on: pages)
    VoiceController(store: store, renderer: renderer).register(on: pages)
    MeetingController(store: store, renderer: renderer).register(on: pages)
    InvitationController(store: store, renderer: renderer).register(on: pages)
    PoliceController(store: store, renderer: renderer).register(on: pages)
    InvestigationController(store: store, renderer: renderer).register(on: pages)
    ProtectionController(store: store, renderer: renderer).register(on: pages)
    OperationController(store: store, renderer: renderer).register(on: pages)
    SharingController(store: store, renderer: renderer, limit: lookupLimit).register(on: pages)
    PartnerController(store: store, renderer: renderer).register(on: pages)
    AdviceController(store: store, renderer: renderer).register(on: pages)
    EscalationController(store: store, renderer: renderer).register(on: pages)
    AllegationController(store: store, renderer: renderer).register(on: pages)
    SharingRecordController(store: store, renderer: renderer).register(on: pages)
    DisclosureSchemeController(store: store, renderer: renderer).register(on: pages)
    RiskController(store: store, renderer: renderer).register(on: pages)
    RiskLinkController(store: store, renderer: renderer).register(on: pages)
    TrainingController(store: store, renderer: renderer).register(on: pages)
    CaseloadController(store: store, renderer: renderer).register(on: pages)
    AccessRequestController(store: store, renderer: renderer).register(on: pages)
    SupervisionController(store: store, renderer: renderer).register(on: pages)
    WelfareController(store: store, renderer: renderer).register(on: pages)
    CourtController(store: store, renderer: renderer).register(on: pages)
    WorkforceDashboardController(store: store, renderer: renderer).register(on: pages)
    DocumentController(store: store, renderer: renderer).register(on: pages)
    BodyMapController(store: store, renderer: renderer).register(on: pages)
    let census = CensusController(store: store, renderer: renderer, settings: services.configuration.censusInUse)
    census.register(on: pages)
    PerformanceController(store: store, renderer: renderer).register(on: pages)
    StatementController(store: store, renderer: renderer).register(on: pages)
    let bundles = BundleController(store: store, renderer: renderer, tools: pdfTools)
    bundles.register(on: pages)
    UserAdminController(
        store: store, renderer: renderer, passwords: services.passwords,
        configuration: services.configuration
    ).register(on: pages)

    // The API: the bearer token, JSON errors.
    let api = router.group()
        .add(middleware: ErrorBoundary(renderer: renderer, format: .json))
        .add(middleware: TokenAuthentication(store: store))
    let signedIn = api.group().add(middleware: RequireToken())
    APIController(store: store).register(open: api, signedIn: signedIn)
    PipelineAPIController(store: store).register(signedIn: signedIn)
    VoiceAPIController(store: store).register(signedIn: signedIn)
    ContributionAPIController(store: store).register(signedIn: signedIn)
    PoliceAPIController(store: store).register(signedIn: signedIn)
    SharingAPIController(store: store, limit: lookupLimit).register(signedIn: signedIn)
    PartnerAPIController(store: store).register(signedIn: signedIn)
    ServicesAPIController(store: store).register(signedIn: signedIn)
    AllegationAPIController(store: store).register(signedIn: signedIn)
    InformationSharingAPIController(store: store).register(signedIn: signedIn)
    DisclosureSchemeAPIController(store: store).register(signedIn: signedIn)
    DocumentAPIController(store: store).register(signedIn: signedIn)
    BodyMapAPIController(store: store).register(signedIn: signedIn)
    RiskAPIController(store: store).register(signedIn: signedIn)
    RiskLinkAPIController(store: store).register(signedIn: signedIn)
    TrainingAPIController(store: store).register(signedIn: signedIn)
    CaseloadAPIController(store: store).register(signedIn: signedIn)
    SupervisionAPIController(store: store).register(signedIn: signedIn)
    CourtAPIController(store: store).register(signedIn: signedIn)
    WorkforceDashboardController(store: store, renderer: renderer).register(signedIn: signedIn)
    census.register(signedIn: signedIn)
    PerformanceController(store: store, renderer: renderer).register(signedIn: signedIn)
    StatementAPIController(store: store).register(signedIn: signedIn)
    bundles.register(signedIn: signedIn)
    return router
}

/// First start: with no user at all, creates the first administrator and returns their one-time password.
public func createFirstAdministrator(_ services: AppServices) async throws -> String? {
    let store = services.store
    guard try await store.userCount() == 0 else { return nil }
    // Several servers started together on an empty database: one creates the administrator (or loads the
    // demo), the others wait for it and then find an account.
    return try await store.database.exclusively(lock: firstStartLockKey) {
        guard try await store.userCount() == 0 else { return nil }
        return try await addFirstAdministrator(services)
    }
}

/// The lock the first start's work holds, the demo's loading and the first administrator's creation alike, so
/// that a server creating the administrator waits for another loading the demo (a PostgreSQL advisory lock
/// key, beside the migrations' and the audit log's).
let firstStartLockKey = 7_465_812_003

private func addFirstAdministrator(_ services: AppServices) async throws -> String {
    let store = services.store
    let system = AuditContext(system: "first start")
    let agency = try await store.createAgency("Safehold administration", kind: .localAuthority, context: system)
    let team = try await store.createTeam("Systems Administration", agencyId: agency.id, context: system)
    let password = Secrets.random(bytes: 12)
    let admin = User(
        id: store.ids.next(), username: "admin", displayName: "Administrator", role: .administrator,
        agencyId: agency.id, teamId: team.id)
    _ = try await store.createUser(
        admin, passwordHash: try await services.passwords.hash(password), mustChangePassword: true,
        passwordExpiresAt: store.clock.now().addingTimeInterval(services.configuration.oneTimePasswordLifetime),
        context: system)
    return password
}
