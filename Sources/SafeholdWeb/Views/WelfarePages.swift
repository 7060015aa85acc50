import Foundation
import SafeholdCore
import SafeholdStore

/// The worker's own welfare page: the support on offer, the form, and their check-ins (`/me/welfare`).
struct WelfarePage: Page {
    static let template = Template.welfare
    struct Offer { let label: String; let text: String }
    struct Row { let on: String; let event: String; let howIAm: String; let support: String; let shared: Bool }
    let chrome: Chrome
    let form: FormState
    let action = SiteRoute.myWelfare.path
    let occurredOn: String
    let howIAm: String
    let share: Bool
    let events: [Option]
    let supports: [Option]
    let offers = WelfareSupport.allCases.map { Offer(label: $0.label, text: $0.offer) }
    let recordedOffer: String?
    let rows: [Row]
    let hasRows: Bool

    init(_ items: [WelfareCheckIn], chrome: Chrome, form: FormState, today: LocalDate, recorded: WelfareSupport?) {
        self.chrome = chrome
        self.form = form
        occurredOn = form.values["occurredOn"] ?? today.description
        howIAm = form.values["howIAm"] ?? ""
        share = form.flags["shareWithSupervisor"] ?? false
        events = form.options("event", DistressingEvent.self) { $0.label }
        supports = form.options("support", WelfareSupport.self) { $0.label }
        recordedOffer = recorded?.offer
        rows = items.map {
            Row(
                on: $0.occurredOn.display, event: $0.event.label, howIAm: $0.howIAm, support: $0.support.label,
                shared: $0.shareWithSupervisor)
        }
        hasRows = !rows.isEmpty
    }
}

/// Welfare check-ins counted by team and month, for managers: never content (`/workforce/welfare`).
struct WelfareCountsPage: Page {
    static let template = Template.welfareCounts
    struct Row { let team: String; let month: String; let count: Int }
    let chrome: Chrome
    let rows: [Row]
    let hasRows: Bool
}

/// The management oversight entries on a child's page, with the actions the reader may mark done.
struct OversightPanel {
    struct Action {
        let what: String; let owner: String; let due: String; let status: String; let canComplete: Bool
        let doneAction: String; let version: Int
    }
    struct Entry { let on: String; let decision: String; let by: String; let actions: [Action]; let hasActions: Bool }
    let entries: [Entry]
    let hasEntries: Bool

    init(_ items: [OversightEntry], childId: UUID, reader: UUID, canEdit: Bool) {
        entries = items.map { e in
            let actions = e.actions.map { a in
                Action(
                    what: a.what, owner: a.ownerName, due: a.dueOn.display, status: a.status.label,
                    canComplete: a.status == .open && (canEdit || a.ownerId == reader),
                    doneAction: SiteRoute.oversightActionDone(childId, a.id).path, version: a.version)
            }
            return Entry(
                on: e.decidedOn.display, decision: e.decision, by: "\(e.managerName), supervising \(e.workerName)",
                actions: actions, hasActions: !actions.isEmpty)
        }
        hasEntries = !entries.isEmpty
    }
}
