import Foundation
import SafeholdCore
import SafeholdStore

/// An episode of need as the child's page shows it: what is due, what was recorded, what to record next.
struct EpisodeView {
    struct Due {
        let what: String; let due: String; let status: String; let overdue: Bool; let soon: Bool

        /// A due item as the child's page shows it.
        init(_ item: DueItem) {
            what = item.what
            due = PersonPage.format(item.dueOn)
            status = ["overdue": "Overdue", "due_soon": "Due soon", "on_track": "On track"][item.status.rawValue]!
            overdue = item.status == .overdue
            soon = item.status == .dueSoon
        }
    }
    struct Step {
        let date: String; let what: String; let by: String; let authorisation: String?; let authoriseAction: String?
    }
    struct Action { let label: String; let href: String }
    struct PlanActionRow {
        let what: String; let who: String; let due: String; let status: String; let overdue: Bool
        let updateAction: String; let version: Int; let statuses: [Option]
    }
    struct Member { let name: String; let agency: String }

    let heading: String
    let due: [Due]
    let hasDue: Bool
    let steps: [Step]
    let actions: [Action]
    let id: String
    let primaryNeedAction: String
    let planActionsAction: String
    let coreGroupAction: String
    /// Conferences and core groups: invitations, attendance, agency reports, the decisions shared.
    let meetingsHref: String
    let agencyKinds: [Option]
    let canEdit: Bool
    let primaryNeed: String
    let needs: [Option]
    let hasPlan: Bool
    let hasCPPlan: Bool
    let planActions: [PlanActionRow]
    let members: [Member]
    /// Referrals from this episode's plans to services, with their forms.
    var referrals: ServiceReferralsView?
    /// The documents attached to this episode, for a reader who may see them.
    var documents: DocumentLinks?

    init(_ e: EpisodeRecord, canEdit: Bool, isManager: Bool, today: LocalDate) {
        heading =
            "Referral \(PersonPage.format(e.referralDate)) (\(e.referralSource.label))"
            + (e.state.closed.map { ": closed \(PersonPage.format($0.on)), \($0.reason.label)" } ?? "")
        due = e.due.map(Due.init)
        hasDue = !due.isEmpty
        steps = e.steps.reversed().map { s in
            let needs = s.step.needsManagerAuthorisation
            return Step(
                date: PersonPage.format(s.step.date), what: s.step.title, by: s.recordedBy,
                authorisation: needs
                    ? (s.authorisedBy.map { "Authorised by \($0): \(s.managerComment ?? "")" }
                        ?? "Awaiting a manager's authorisation") : nil,
                authoriseAction: needs && !s.isAuthorised && isManager ? SiteRoute.authoriseStep(e.id, s.id).path : nil)
        }
        actions =
            canEdit && !e.state.isClosed
            ? StepForm.kinds.map {
                Action(label: $0.label, href: SiteRoute.newStep(e.id).query([("kind", $0.kind)]).path)
            } : []
        id = e.id.text
        primaryNeedAction = SiteRoute.primaryNeed(e.id).path
        planActionsAction = SiteRoute.planActions(e.id).path
        coreGroupAction = SiteRoute.coreGroup(e.id).path
        meetingsHref = SiteRoute.meetings(e.id).path
        agencyKinds = Option.list(
            Agency.Kind.allCases.map { ($0.rawValue, Self.agencyKindLabels[$0] ?? $0.rawValue) }, selected: [])
        self.canEdit = canEdit && !e.state.isClosed
        primaryNeed = e.primaryNeed.map { "\($0.rawValue): \($0.label)" } ?? "Not recorded"
        needs = Option.list(
            PrimaryNeed.allCases.map { ($0.rawValue, "\($0.rawValue): \($0.label)") },
            selected: Set([e.primaryNeed?.rawValue].compactMap { $0 }))
        hasPlan = e.state.plans.contains { $0.endedOn == nil }
        hasCPPlan = e.state.openPlan(.childProtection) != nil
        planActions = e.actions.map { a in
            PlanActionRow(
                what: a.what, who: a.who, due: PersonPage.format(a.dueOn), status: a.status.label,
                overdue: a.dueOn < today && a.status != .done, updateAction: SiteRoute.planAction(e.id, a.id).path,
                version: a.version,
                statuses: Option.list(
                    PlanAction.Status.allCases.map { ($0.rawValue, $0.label) }, selected: [a.status.rawValue]))
        }
        members =
            e.state.openPlan(.childProtection).flatMap { e.coreGroup[$0.id] }?.map {
                Member(name: $0.name, agency: $0.agency)
            } ?? []
    }

    static let agencyKindLabels: [Agency.Kind: String] = [
        .localAuthority: "Local authority", .police: "Police", .health: "Health", .school: "School",
        .probation: "Probation", .other: "Other",
    ]
}
