import Foundation
import SafeholdCore
import SafeholdStore

/// One worker's line on a supervision list: last session, next due, and how it stands.
struct StandingRow {
    let name: String; let href: String?; let last: String; let next: String; let status: String
    let overdue: Bool; let newlyQualified: Bool

    init(_ s: SupervisionStanding, href: String?) {
        name = s.workerName
        self.href = href
        last = s.lastSession?.display ?? "Never"
        next = s.nextDue.display
        status = s.status == .overdue ? "Overdue" : s.status == .dueSoon ? "Due soon" : "On track"
        overdue = s.isOverdue
        newlyQualified = s.newlyQualified
    }
}

/// A session in a list: its date, the supervisor, and whether a reflective note exists (its text only for
/// the worker and the supervisor who recorded it).
struct SessionRow {
    let heldOn: String; let supervisor: String; let href: String?; let hasReflection: Bool
    let reflection: String?; let hasReflectionText: Bool

    init(_ s: SupervisionSession, readable: Bool) {
        heldOn = s.heldOn.display
        supervisor = s.supervisorName
        href = readable ? SiteRoute.supervisionSession(s.id).path : nil
        hasReflection = s.hasReflection
        reflection = s.reflection
        hasReflectionText = s.reflection != nil
    }
}

/// The manager's team: each worker's supervision standing (`/workforce/supervision`).
struct SupervisionTeamPage: Page {
    static let template = Template.supervisionTeam
    let chrome: Chrome
    let rows: [StandingRow]
    let hasRows: Bool
    let overdueCount: Int
    let welfareHref = SiteRoute.welfareCounts.path
}

/// A worker's supervision for their supervisor, with the form to record a session.
struct SupervisionWorkerPage: Page {
    static let template = Template.supervisionWorker
    struct Slot {
        let childField: String; let decisionField: String; let decision: String; let number: Int
        let children: [Option]; let actions: [ActionSlot]
    }
    struct ActionSlot {
        let whatField: String; let ownerField: String; let dueField: String; let what: String; let due: String
        let owners: [Option]
    }
    let chrome: Chrome
    let form: FormState
    let workerName: String
    let standing: StandingRow
    let qualifiedOn: String
    let qualifiedVersion: Int
    let qualifiedAction: String
    let sessions: [SessionRow]
    let hasSessions: Bool
    let shared: [String]
    let hasShared: Bool
    let action: String
    let heldOn: String
    let reflection: String
    let slots: [Slot]

    init(
        _ view: WorkerSupervision, chrome: Chrome, form: FormState, children: [PersonSummary], owners: [User],
        today: LocalDate
    ) {
        self.chrome = chrome
        self.form = form
        workerName = view.worker.displayName
        standing = StandingRow(view.standing, href: nil)
        qualifiedOn = form.values["qualifiedOn"] ?? view.qualifiedOn?.description ?? ""
        qualifiedVersion = view.qualifiedVersion
        qualifiedAction = SiteRoute.qualifiedOn(view.worker.id).path
        sessions = view.sessions.map { SessionRow($0, readable: $0.reflection != nil) }
        hasSessions = !sessions.isEmpty
        shared = view.sharedCheckIns.map { "A welfare check-in on \($0.occurredOn.display)" }
        hasShared = !shared.isEmpty
        action = SiteRoute.workerSupervision(view.worker.id).path
        heldOn = form.values["heldOn"] ?? today.description
        reflection = form.values["reflection"] ?? ""
        let v = form.values
        slots = (0..<SupervisionForm.discussionSlots).map { i in
            let d = "caseDiscussions[\(i)]"
            return Slot(
                childField: "\(d).childId", decisionField: "\(d).decision", decision: v["\(d).decision"] ?? "",
                number: i + 1,
                children: Option.list(
                    [("", "Choose a child")] + children.map { ($0.id.text, $0.displayName) },
                    selected: [v["\(d).childId"] ?? ""]),
                actions: (0..<SupervisionForm.actionSlots).map { j in
                    let a = "\(d).actions[\(j)]"
                    return ActionSlot(
                        whatField: "\(a).what", ownerField: "\(a).ownerId", dueField: "\(a).dueOn",
                        what: v["\(a).what"] ?? "", due: v["\(a).dueOn"] ?? "",
                        owners: Option.list(
                            [("", "Choose the owner")] + owners.map { ($0.id.text, $0.displayName) },
                            selected: [v["\(a).ownerId"] ?? ""]))
                })
        }
    }
}

/// One session with its reflective part and case discussions, for the worker and its supervisor.
struct SupervisionSessionPage: Page {
    static let template = Template.supervisionSession
    struct Discussion { let child: String; let href: String; let decision: String; let actions: [String] }
    let chrome: Chrome
    let workerName: String
    let supervisorName: String
    let heldOn: String
    let reflection: String?
    let hasReflection: Bool
    let discussions: [Discussion]
    let hasDiscussions: Bool

    init(_ s: SupervisionSession, chrome: Chrome) {
        self.chrome = chrome
        workerName = s.workerName
        supervisorName = s.supervisorName
        heldOn = s.heldOn.display
        reflection = s.reflection
        hasReflection = s.reflection != nil
        discussions = s.discussions.map { e in
            Discussion(
                child: e.childName, href: SiteRoute.person(e.childId).path, decision: e.decision,
                actions: e.actions.map { "\($0.what): \($0.ownerName), by \($0.dueOn.display) (\($0.status.label))" })
        }
        hasDiscussions = !discussions.isEmpty
    }
}

/// The worker's own supervision record (`/me/supervision`), every reflective part included.
struct MySupervisionPage: Page {
    static let template = Template.mySupervision
    let chrome: Chrome
    let standing: StandingRow?
    let sessions: [SessionRow]
    let hasSessions: Bool
    let welfareHref = SiteRoute.myWelfare.path
}
