import Foundation
import SafeholdCore
import SafeholdStore

/// A risk profile's page: the profile, the notifications due, the MAPPA meetings (minutes, plan and
/// actions only where the reader is on the panel) and, for the coordinator, the links to change it.
struct RiskProfilePage: Page {
    static let template = Template.riskProfile
    struct Row { let label: String; let value: String }
    struct Due { let what: String; let on: String; let overdue: Bool }
    struct ActionRow {
        let what: String; let owner: String; let due: String; let overdue: Bool; let status: String
        let statusAction: String; let version: Int; let canUpdate: Bool; let statuses: [Option]
    }
    struct Meeting {
        let anchor: String; let heldOn: String; let level: String; let chair: String; let attendees: String
        let nextReview: String?; let restricted: Bool; let minutes: String?; let plan: String?
        let actions: [ActionRow]; let hasActions: Bool; let shared: [String]; let hasShared: Bool
        let addActionHref: String; let canEdit: Bool
    }

    let chrome: Chrome
    let form: FormState
    let personName: String
    let rows: [Row]
    let dues: [Due]
    let hasDues: Bool
    let meetings: [Meeting]
    let hasMeetings: Bool
    let canEdit: Bool
    let editHref: String
    let newMeetingHref: String
    let agencies: [Option]
    let today: String

    init(_ view: RiskProfileView, chrome: Chrome, form: FormState, agencies: [Agency], userId: UUID, today: LocalDate) {
        let p = view.profile
        self.chrome = chrome
        self.form = form
        personName = p.personName
        var rows = [Row(label: "Why", value: p.kind.label)]
        if let r = p.registration {
            rows.append(Row(label: "Registered", value: "\(r.registeredOn.display), \(r.period.label)"))
            rows.append(Row(label: "Last periodic notification", value: r.lastNotifiedOn?.display ?? "None yet"))
            if let change = r.lastChangeOn {
                rows.append(
                    Row(
                        label: "Last change of circumstances",
                        value: change.display
                            + (r.changeNotifiedOn.map { ", notified \($0.display)" } ?? ", not notified")))
            }
        }
        rows.append(
            Row(
                label: "Offences",
                value: p.offenceLabels.isEmpty ? "None recorded" : p.offenceLabels.joined(separator: "; ")))
        rows.append(
            Row(
                label: "Risk of serious harm",
                value: "\(p.riskOfSeriousHarm.label) to \(p.riskTo.map(\.label).joined(separator: ", ").lowercased())"))
        rows.append(Row(label: "Lead agency", value: p.leadAgencyName))
        rows.append(Row(label: "Offender manager", value: "\(p.offenderManager.name), \(p.offenderManager.phone)"))
        rows.append(
            Row(
                label: "MAPPA",
                value: p.mappaLevel.map { "\(p.mappaCategory?.label ?? ""); \($0.label)" } ?? "Not a MAPPA case"))
        if let next = p.nextMeetingOn { rows.append(Row(label: "Next MAPPA meeting or review", value: next.display)) }
        self.rows = rows
        var dues = view.notificationsDue.map {
            Due(what: $0.kind.label, on: $0.dueOn.display, overdue: $0.dueOn < today)
        }
        if let next = p.nextMeetingOn, p.mappaLevel?.meets == true {
            dues.insert(Due(what: "MAPPA review", on: next.display, overdue: next < today), at: 0)
        }
        self.dues = dues
        hasDues = !dues.isEmpty
        canEdit = view.mayEdit
        editHref = SiteRoute.editRiskProfile(p.id).path
        newMeetingHref = SiteRoute.newMappaMeeting(p.id).path
        self.agencies = Option.list(agencies.map { ($0.id.text, $0.name) }, selected: [])
        self.today = today.description
        meetings = view.meetings.map { m in
            let actions = (m.minutes?.actions ?? []).map { a in
                ActionRow(
                    what: a.what, owner: "\(a.ownerName) (\(a.ownerAgencyName))", due: a.dueOn.display,
                    overdue: a.isOverdue(on: today), status: a.status.label,
                    statusAction: SiteRoute.mappaActionStatus(a.id).path, version: a.version,
                    canUpdate: view.mayEdit || a.ownerUserId == userId,
                    statuses: Option.list(
                        MappaActionStatus.allCases.map { ($0.rawValue, $0.label) }, selected: [a.status.rawValue]))
            }
            let shared = (m.minutes?.sharedInformation ?? []).map {
                "\($0.sharedOn.display): shared with \($0.recipientAgencyName) by \($0.recordedByName)"
                    + ($0.lawfulBasis.map { " (\($0))" } ?? "")
            }
            return Meeting(
                anchor: "meeting-\(m.id.text)", heldOn: m.heldOn.display, level: m.level.label,
                chair: m.chairName,
                attendees: m.attendees.map { "\($0.name) (\($0.agencyName))" }.joined(separator: ", "),
                nextReview: m.nextReviewOn?.display, restricted: m.minutes == nil, minutes: m.minutes?.minutes,
                plan: m.minutes?.plan, actions: actions, hasActions: !actions.isEmpty, shared: shared,
                hasShared: !shared.isEmpty, addActionHref: SiteRoute.mappaMeetingActions(m.id).path,
                canEdit: view.mayEdit)
        }
        hasMeetings = !meetings.isEmpty
    }
}

/// The form that opens or changes a risk profile; without a person yet, a search for the adult.
struct RiskProfileFormPage: Page {
    static let template = Template.riskProfileForm
    struct Found { let name: String; let born: String; let href: String }
    let chrome: Chrome
    let form: FormState
    let heading: String
    let action: String
    let personName: String?
    let personId: String?
    let version: Int?
    let searchAction: String
    let q: String
    let found: [Found]
    let searched: Bool
    let hasFound: Bool
    let kinds: [Option]
    let offences: [Option]
    let harms: [Option]
    let groups: [Option]
    let agencies: [Option]
    let managers: [Option]
    let categories: [Option]
    let levels: [Option]
}

/// The form that records a MAPPA meeting, with rows for attendees and actions and the disclosures the
/// coordinator's agency received to list as shared at it.
struct MappaMeetingFormPage: Page {
    static let template = Template.mappaMeetingForm
    struct Row { let index: Int; let name: String; let agency: [Option]; let user: [Option] }
    struct ActionRow { let index: Int; let what: String; let owner: String; let agency: [Option]; let due: String }
    let chrome: Chrome
    let form: FormState
    let personName: String
    let profileHref: String
    let action: String
    let attendees: [Row]
    let actions: [ActionRow]
    let users: [Option]
    let disclosures: [Option]
    let hasDisclosures: Bool
    let reviewHint: String
}

/// The MAPPA coordinator's home (and any reader's MAPPA work): nominals by level, due reviews and
/// notifications, overdue actions.
struct MappaHomePage: Page {
    static let template = Template.mappaHome
    struct Nominal { let name: String; let href: String; let kind: String; let harm: String; let manager: String }
    struct Level { let heading: String; let nominals: [Nominal]; let count: Int; let hasNominals: Bool }
    struct Due { let name: String; let href: String; let what: String; let on: String; let overdue: Bool }
    let chrome: Chrome
    let levels: [Level]
    let reviews: [Due]
    let hasReviews: Bool
    let notifications: [Due]
    let hasNotifications: Bool
    let actions: [Due]
    let hasActions: Bool
    /// Disclosure scheme applications awaiting a decision or the disclosure, by due date (the force's).
    let applications: [Due]
    let hasApplications: Bool
    let canCreate: Bool
    let newHref: String

    init(
        _ home: MappaHome, applications: [DisclosureApplication] = [], today: LocalDate, chrome: Chrome,
        canCreate: Bool
    ) {
        self.chrome = chrome
        self.applications = applications.map {
            Due(
                name: "About \($0.subject.displayName), for \($0.child.displayName)",
                href: SiteRoute.disclosureApplication($0.id).path,
                what: $0.stage.label, on: $0.dueOn.display,
                overdue: $0.stage == .awaitingDecision && $0.dueOn < today)
        }
        hasApplications = !self.applications.isEmpty
        let headings: [(MappaLevel?, String)] = [
            (.three, "Level 3"), (.two, "Level 2"), (.one, "Level 1"), (nil, "Not MAPPA nominals"),
        ]
        levels = headings.map { level, heading in
            let nominals = home.profiles.filter { $0.mappaLevel == level }.map {
                Nominal(
                    name: $0.personName, href: SiteRoute.riskProfile($0.id).path,
                    kind: ($0.mappaCategory.map { "Category \($0.rawValue), " } ?? "") + $0.kind.label,
                    harm: $0.riskOfSeriousHarm.label, manager: $0.offenderManager.name)
            }
            return Level(heading: heading, nominals: nominals, count: nominals.count, hasNominals: !nominals.isEmpty)
        }
        let due = { (d: MappaHome.Due) in
            Due(
                name: d.profile.personName, href: SiteRoute.riskProfile(d.profile.id).path, what: d.label,
                on: d.on.display, overdue: d.overdue)
        }
        reviews = home.reviews.map(due)
        hasReviews = !reviews.isEmpty
        notifications = home.notifications.map(due)
        hasNotifications = !notifications.isEmpty
        actions = home.overdueActions.map {
            Due(
                name: $0.personName,
                href: SiteRoute.riskProfile($0.action.profileId).fragment("meeting-\($0.action.meetingId.text)")
                    .path,
                what: "\($0.action.what) (\($0.action.ownerName))", on: $0.action.dueOn.display, overdue: true)
        }
        hasActions = !actions.isEmpty
        self.canCreate = canCreate
        newHref = SiteRoute.newRiskProfile.path
    }
}
