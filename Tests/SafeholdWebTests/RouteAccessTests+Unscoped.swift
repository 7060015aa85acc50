import Foundation

/// The route walk's classification of the routes with no child's record id in their path: each is named
/// here with why it cannot reach one child's record, so a new route is classified or the walk fails.
extension RouteAccessTests {
    /// Routes with no record id in the path, each with why it cannot reach one child's record.
    static let withoutRecordId: Set<String> = contributionLists.union(riskWithoutRecordId).union(
        caseloadWithoutRecordId
    ).union(workforceDashboardRoutes).union(performanceRoutes).union([
        "GET /health",  // a fixed "ok"
        "GET /health/live", "GET /health/ready",  // probes: "live", or whether the database is ready; no record
        "GET /metrics",  // counts and timings by route template, for the token holder; no record
        "GET /static/safehold.css",  // assets
        "GET /static/safehold.js",
        "GET /login", "POST /login",  // sign-in: the user's own account only
        "GET /login/code", "POST /login/code",
        "GET /account/second-factor", "POST /account/second-factor",
        "GET /account/password", "POST /account/password",
        "GET /account/session",  // whether the caller's own session is live; no record
        "GET /account/tokens", "POST /account/tokens",
        "POST /logout",
        "GET /admin/users", "POST /admin/users",  // accounts, administrators only; no child's record
        "GET /account", "POST /account/email",  // the user's own account page and notification email
        "GET /api/v1/openapi.json",  // the API description
        "GET /api/v1/me",  // the caller's own account
        "GET /", "GET /api/v1/caseload",  // lists: scoped by Store.list, one audit entry per child shown
        "GET /search", "GET /api/v1/people",
        "GET /contacts", "GET /api/v1/contacts",
        "GET /due", "GET /api/v1/due",
        "GET /notes", "GET /api/v1/notes",
        "GET /people/new", "POST /people/new", "POST /api/v1/people",  // creating a new record
        "GET /contacts/new", "POST /contacts/new", "POST /api/v1/contacts",  // a new contact (children found by name)
        // The plan look-up: by NHS number and date of birth, flags only, allowed by a named policy check
        // and audited against the child matched; rate-limited per client.
        "GET /lookup", "POST /lookup", "POST /api/v1/lookups",
        // The caller's own notifications: a list audited one entry per child, and marking them read.
        "GET /notifications", "POST /notifications/read", "GET /api/v1/notifications",
        "POST /api/v1/notifications/read",
        "GET /police",  // the police team's lists: scoped to the team, audited one entry per child shown
        "GET /investigations/new", "POST /investigations/new",  // new police records: children found by name
        "GET /police-protection/new", "POST /police-protection/new",
        "GET /operations/new", "POST /operations/new",
        "GET /api/v1/police/home",  // a list: the police officer's own team's records, audited per child shown
        "GET /api/v1/police/teams", "GET /api/v1/police/officers",  // directories of teams and officers
        "GET /api/v1/offences",  // the offence code list
        "POST /api/v1/investigations",  // a new record (every person named must be findable by name)
        "POST /api/v1/police-protections",  // a new record about a child found by name
        "POST /api/v1/operations",  // a new operation, concerning no child yet
        "POST /api/v1/accreditations",  // a user's accreditation, no child's record
        // Partner agencies' concerns and questions: lists scoped by the "raised by me" and "front door"
        // rules and audited per child shown; raising one names children found by name only.
        "GET /concerns", "GET /api/v1/concerns", "GET /concerns/new", "POST /concerns/new", "POST /api/v1/concerns",
        "GET /advice", "POST /advice", "GET /api/v1/advice", "POST /api/v1/advice",
        // Escalations the caller raised or answers: a list scoped by the escalation rules, audited per child.
        "GET /escalations", "GET /api/v1/escalations",
        "GET /api/v1/service-types", "GET /api/v1/escalation-stages",  // code lists held as data
    ])

    /// Routes whose id names an account, an API token or an account request, never a child's record.
    /// Called here by a worker with an id that exists, they must refuse and write nothing; their own
    /// refusals are tested in `UserApprovalWebTests` and `TokenWebTests`.
    static let idNotARecord: Set<String> = [
        "POST /account/tokens/{id}/revoke", "POST /admin/users/{id}/active", "POST /admin/users/{id}/role",
        "POST /admin/users/{id}/password", "POST /admin/requests/{id}/approve", "POST /admin/requests/{id}/reject",
        "POST /admin/users/{id}/team",
    ]
}
