import Foundation

/// Every template file, by name. A page names one of these; `PageRenderer.load` refuses to start
/// unless each exists, compiles, and names only partials that exist.
public enum Template: String, CaseIterable, Sendable {
    // Pages.
    case account, accessLog = "access-log", caseload, chronology, contact, contactForm = "contact-form", contacts, due
    case enrol, error, login, loginCode = "login-code", notes, password, person, personForm = "person-form"
    case relationshipForm = "relationship-form", search, stepForm = "step-form", tokens, users
    case policeHome = "police-home", investigation, investigationForm = "investigation-form"
    case protection, protectionForm = "protection-form", operation, operationForm = "operation-form"
    case planLookup = "plan-lookup", notifications
    case voice
    case concerns, concern, concernForm = "concern-form", advice
    case meetings, meeting, invitations, invitation, myActions = "my-actions"
    case escalation, escalationForm = "escalation-form", escalations
    case sharing, disclosureForm = "disclosure-form", requestForm = "request-form"
    case informationRequest = "information-request", sharedWithUs = "shared-with-us"
    case sharingRegister = "sharing-register"
    case disclosureApplications = "disclosure-applications", disclosureApplication = "disclosure-application"
    case disclosureApplicationForm = "disclosure-application-form"
    case ladoHome = "lado-home", allegation, allegationForm = "allegation-form", ladoFigures = "lado-figures"
    case riskProfile = "risk-profile", riskProfileForm = "risk-profile-form", mappaMeetingForm = "mappa-meeting-form"
    case mappaHome = "mappa-home"
    case riskLinks = "risk-links", riskLinkForm = "risk-link-form"
    case training, trainingTeam = "training-team", trainingOverrides = "training-overrides"
    case teamCaseload = "team-caseload", allocation, accessRequest = "access-request"
    case supervisionTeam = "supervision-team", supervisionWorker = "supervision-worker"
    case supervisionSession = "supervision-session", mySupervision = "my-supervision", welfare
    case welfareCounts = "welfare-counts"
    case workforceDashboard = "workforce-dashboard"
    case census
    case performance, performanceChildren = "performance-children"
    case court, proceedings
    case statements, statement, bundles
    case documents, document, bodyMap = "body-map", bodyMaps = "body-maps"
    // The frame and the pieces pages share.
    case layout, errors, csrf, option, personFields = "person-fields", voicePanel = "voice-panel"
    case serviceReferrals = "service-referrals", escalationsPanel = "escalations-panel"
    case disclosureFields = "disclosure-fields", sharingPanel = "sharing-panel"
    case riskWarning = "risk-warning", barChart = "bar-chart", allocationPanel = "allocation-panel"
    case oversightPanel = "oversight-panel"
    case bodyMapFigure = "body-map-figure", bodyMapFields = "body-map-fields", bodyMapPanel = "body-map-panel"
    case documentLinks = "document-links"
}

/// A page: a view model that names its template and carries the frame every page has.
/// `PageRenderer.page(_:status:)` renders it; there is no way to render a template by a name typed
/// as text.
protocol Page {
    static var template: Template { get }
    var chrome: Chrome { get }
}
