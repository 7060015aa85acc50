import Foundation
import SafeholdCore

/// The frame around every page: title, who is signed in, the CSRF token for the sign-out form, and
/// the site's fixed addresses for the navigation and the forms that post to them.
public struct Chrome: Sendable {
    public let title: String
    public let userName: String?
    public let roleLabel: String?
    public let csrfToken: String?
    public let readsAccessLog: Bool
    public let createsRecords: Bool
    public let administers: Bool
    public let police: Bool
    /// Unscheduled care and the front door make plan look-ups.
    public let looksUpPlans: Bool
    /// Unread notifications, for the header (0 hides the count).
    public let unreadNotifications: Int
    public let hasUnreadNotifications: Bool
    /// The session's idle timeout in seconds, for the warning shown two minutes before it (nil: no session).
    public let sessionIdleSeconds: Int?
    /// Everyone but unscheduled care, who only look up plans, sees the casework links.
    public let caseWork: Bool
    /// Partners raise concerns and ask for advice; the front door and managers answer them.
    public let partnerRequests: Bool
    public let raisesPartnerRequests: Bool
    /// Partner agencies' professionals (and police, LADO, MAPPA) are invited to meetings and join core
    /// groups: their invitations and assigned actions.
    public let contributes: Bool
    /// Partner agencies, police, LADO and MAPPA see what was shared with their agency.
    public let receivesShared: Bool
    /// The police and MAPPA coordinators handle disclosure scheme applications.
    public let handlesDisclosureScheme: Bool
    /// The LADO service: its home of allegations against people who work with children.
    public let lado: Bool
    /// The MAPPA coordinator, and police and partner agencies (offender managers, panel members): MAPPA work.
    public let mappa: Bool
    /// Team managers (their team's caseloads, allocation, grants to decide) and administrators (figures).
    public let caseloads: Bool
    /// Team managers supervise their team's workers; the service's own staff have a supervision record
    /// and a private welfare page.
    public let supervises: Bool
    public let checksIn: Bool
    /// Team managers and senior leaders (administrators, auditors, performance analysts): the workforce dashboard.
    public let workforceDashboard: Bool
    /// The performance analyst and administrators: the CIN census return.
    public let census: Bool
    /// Social workers, front-door workers, team managers and senior leaders: the performance dashboard.
    public let performance: Bool
    let links = SiteLinks.shared

    public init(title: String, identity: Identity?) {
        self.title = title
        let signedIn = identity?.secondFactorDone == true ? identity : nil
        userName = signedIn?.user.displayName
        roleLabel = signedIn?.user.role.label
        csrfToken = identity?.csrfToken
        readsAccessLog = signedIn?.user.role.readsAccessLog ?? false
        createsRecords = signedIn?.user.role.createsRecords ?? false
        administers = signedIn?.user.role == .administrator
        police = signedIn?.user.role == .police
        looksUpPlans = signedIn.map { AccessPolicy().mayLookUpPlans($0.actor).isAllowed } ?? false
        unreadNotifications = signedIn?.unreadNotifications ?? 0
        sessionIdleSeconds = signedIn?.idleTimeoutSeconds
        hasUnreadNotifications = unreadNotifications > 0
        caseWork = signedIn?.user.role != .unscheduledCare
        let scope = signedIn.map { AccessPolicy().partnerRequestScope($0.actor) } ?? PartnerRequestScope.none
        partnerRequests = scope != .none
        raisesPartnerRequests = signedIn.map { AccessPolicy().mayRaisePartnerRequests($0.actor).isAllowed } ?? false
        contributes = signedIn.map { ContributionAccess.mayBeInvited($0.user.role) } ?? false
        receivesShared = signedIn.map { SharingAccess.receivingAgency($0.actor) != nil } ?? false
        handlesDisclosureScheme = signedIn.map { DisclosureSchemeAccess.scope($0.actor) != .none } ?? false
        lado = signedIn?.user.role == .lado
        mappa = [.mappaCoordinator, .police, .partner].contains(signedIn?.user.role)
        caseloads = [.teamManager, .administrator].contains(signedIn?.user.role)
        supervises = signedIn?.user.role == .teamManager
        checksIn = signedIn.map { WorkforceAccess.mayCheckIn($0.actor) } ?? false
        workforceDashboard = signedIn.map { WorkforceDashboardAccess.scope($0.actor) != nil } ?? false
        census = signedIn.map { CensusAccess.mayMakeReturn($0.actor) } ?? false
        performance = signedIn.map { PerformanceAccess.scope($0.actor) != nil } ?? false
    }
}

/// The addresses without a record id, from the route table, as templates print them
/// (`{{chrome.links.search}}`).
struct SiteLinks: Sendable {
    static let shared = SiteLinks()

    let home = SiteRoute.home.path
    let login = SiteRoute.login.path
    let loginSecondFactor = SiteRoute.loginSecondFactor.path
    let enrolSecondFactor = SiteRoute.enrolSecondFactor.path
    let changePassword = SiteRoute.changePassword.path
    let logout = SiteRoute.logout.path
    let apiTokens = SiteRoute.apiTokens.path
    let account = SiteRoute.account.path
    let sessionCheck = SiteRoute.sessionCheck.path
    let users = SiteRoute.users.path
    let search = SiteRoute.search.path
    let newPerson = SiteRoute.newPerson.path
    let noteSearch = SiteRoute.noteSearch.path
    let contacts = SiteRoute.contacts.path
    let newContact = SiteRoute.newContact.path
    let due = SiteRoute.due.path
    let police = SiteRoute.police.path
    let newInvestigation = SiteRoute.newInvestigation.path
    let newProtection = SiteRoute.newProtection.path
    let newOperation = SiteRoute.newOperation.path
    let planLookup = SiteRoute.planLookup.path
    let notifications = SiteRoute.notifications.path
    let concerns = SiteRoute.concerns.path
    let disclosureApplications = SiteRoute.disclosureApplications.path
    let newConcern = SiteRoute.newConcern.path
    let advice = SiteRoute.advice.path
    let notificationsRead = SiteRoute.notificationsRead.path
    let invitations = SiteRoute.invitations.path
    let myActions = SiteRoute.myActions.path
    let escalations = SiteRoute.escalations.path
    let sharedWithUs = SiteRoute.sharedWithUs.path
    let sharingRegister = SiteRoute.sharingRegister.path
    let ladoHome = SiteRoute.ladoHome.path
    let mappaHome = SiteRoute.mappaHome.path
    let myTraining = SiteRoute.myTraining.path
    let workforceTraining = SiteRoute.workforceTraining.path
    let trainingOverrides = SiteRoute.trainingOverrides.path
    let workforceCaseloads = SiteRoute.workforceCaseloads.path
    let supervision = SiteRoute.supervision.path
    let mySupervision = SiteRoute.mySupervision.path
    let myWelfare = SiteRoute.myWelfare.path
    let workforceDashboard = SiteRoute.workforceDashboard.path
    let census = SiteRoute.census.path
    let performance = SiteRoute.performance.path
    let stylesheet = SiteRoute.stylesheet.path
    let script = SiteRoute.script.path
}
