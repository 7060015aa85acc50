import Foundation
import Hummingbird

/// The one route table. Every page and API call is registered from here (`group.get(SiteRoute.person)
/// { request, context, id in ... }`) and every link, form action and redirect is built from here
/// (`SiteRoute.person(id).path`). No other file writes an address: a test fails when one does.
public enum SiteRoute {
    static let id = PathID("id")

    // Signing in and the user's own account.
    public static let home = Route()
    public static let login = Route("login")
    public static let loginSecondFactor = login / "code"
    public static let logout = Route("logout")
    public static let account = Route("account")
    public static let enrolSecondFactor = account / "second-factor"
    public static let changePassword = account / "password"
    public static let apiTokens = account / "tokens"
    public static let notificationEmail = account / "email"
    /// Whether the browser's session is still live, answered in JSON; asking counts as activity ("Stay signed in").
    public static let sessionCheck = account / "session"
    public static let revokeToken = apiTokens / id / "revoke"

    // The administrator's accounts page, its actions on one account, and requests for approval.
    public static let users = Route("admin", "users")
    static let user = users / id
    public static let userActive = user / "active"
    public static let userRole = user / "role"
    public static let userPasswordReset = user / "password"
    static let accountRequest = Route("admin", "requests") / id
    public static let approveRequest = accountRequest / "approve"
    public static let rejectRequest = accountRequest / "reject"

    // People and their families.
    public static let search = Route("search")
    static let people = Route("people")
    public static let newPerson = people / "new"
    public static let person = people / id
    public static let editPerson = person / "edit"
    public static let addRelationship = person / "relationships" / "new"
    public static let accessLog = person / "access-log"
    public static let chronology = person / "chronology"
    public static let chronologyAnalysis = chronology / PathID("entry") / "analysis"
    public static let addNote = person / "notes"
    public static let noteSearch = Route("notes")
    public static let voice = person / "voice"
    public static let safetyMapping = person / "safety-mapping"
    public static let safetyScale = person / "safety-scale"

    // Information sharing: unscheduled care's look-up, notifications, looked-after periods.
    public static let planLookup = Route("lookup")
    public static let notifications = Route("notifications")
    public static let notificationsRead = notifications / "read"
    public static let lookedAfter = person / "looked-after"
    public static let endLookedAfter = lookedAfter / "end"

    // The front door and the statutory pipeline.
    public static let contacts = Route("contacts")
    public static let newContact = contacts / "new"
    public static let contact = contacts / id
    public static let due = Route("due")
    static let episode = Route("episodes") / id
    public static let newStep = episode / "steps" / "new"
    public static let authoriseStep = episode / "steps" / PathID("step") / "authorise"
    public static let planActions = episode / "actions"
    public static let planAction = planActions / PathID("action")
    public static let coreGroup = episode / "core-group"
    public static let primaryNeed = episode / "primary-need"

    // The police side: investigations, interviews, charging, police protection, operations.
    public static let police = Route("police")
    static let investigations = Route("investigations")
    public static let newInvestigation = investigations / "new"
    public static let investigation = investigations / id
    public static let editInvestigation = investigation / "edit"
    public static let investigationStatus = investigation / "status"
    public static let investigationDisclosures = investigation / "disclosures"
    public static let investigationInterviews = investigation / "interviews"
    public static let interviewHeld = investigationInterviews / PathID("interview") / "held"
    public static let investigationDecisions = investigation / "decisions"
    static let protections = Route("police-protection")
    public static let newProtection = protections / "new"
    public static let protection = protections / id
    public static let endProtection = protection / "end"
    static let operations = Route("operations")
    public static let newOperation = operations / "new"
    public static let operation = operations / id
    public static let operationEvidence = operation / "evidence"
    public static let operationVictims = operation / "victims"

    // Files and probes.
    public static let stylesheet = Route("static", "safehold.css")
    public static let script = Route("static", "safehold.js")
    public static let health = Route("health")
    /// The process is up (always 200).
    public static let healthLive = health / "live"
    /// The database answers and its migrations are this build's (200), or not (503 with the reason).
    public static let healthReady = health / "ready"
    /// Prometheus metrics, for a scraper holding `SAFEHOLD_METRICS_TOKEN` (404 when none is set).
    public static let metrics = Route("metrics")

    /// `/api/v1`: JSON for token holders. Its paths and methods are those of `openapi.yaml` (tested).
    public enum API {
        public static let root = Route("api", "v1")
        public static let openAPI = root / "openapi.json"
        public static let me = root / "me"
        public static let caseload = root / "caseload"
        public static let people = root / "people"
        public static let person = people / SiteRoute.id
        public static let relationships = person / "relationships"
        public static let accessLog = person / "access-log"
        public static let episodes = person / "episodes"
        public static let notes = person / "notes"
        public static let chronology = person / "chronology"
        public static let contacts = root / "contacts"
        public static let contact = contacts / SiteRoute.id
        public static let decision = contact / "decision"
        public static let steps = root / "episodes" / SiteRoute.id / "steps"
        public static let authorisation = steps / PathID("step") / "authorisation"
        public static let due = root / "due"
        public static let noteSearch = root / "notes"
        public static let voice = person / "voice"
        public static let safetyMapping = person / "safety-mapping"
        public static let safetyScale = person / "safety-scale"
    }
}
