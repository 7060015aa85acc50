import Foundation
import Hummingbird
import SafeholdCore
import SafeholdStore

/// A partner agency professional's own pages: the invitations they received with the report form, and
/// the plan actions assigned to them as a core group member. They see only the child's name and date
/// of birth, the meeting, their own invitation and report, and the decision shared with them.
struct InvitationController {
    let store: Store
    let renderer: PageRenderer

    func register(on group: RouterGroup<SafeholdContext>) {
        group.get(SiteRoute.invitations) { _, context in try await self.list(context) }
        group.get(SiteRoute.invitation) { _, context, id in try await self.page(context, id) }
        group.post(SiteRoute.agencyReport) { request, context, id in try await self.submit(request, context, id) }
        group.get(SiteRoute.myActions) { _, context in try await self.actions(context) }
        group.post(SiteRoute.myAction) { request, context, id in
            let form = try await FormData.read(request, context: context)
            _ = try await store.updateAssignedAction(
                id, status: form["status"], expectedVersion: form["version"].flatMap(Int.init),
                context: try context.audit())
            return Response.redirect(to: SiteRoute.myActions.path, type: .normal)
        }
    }

    struct ListPage: Page {
        static let template = Template.invitations
        let chrome: Chrome; let items: [Item]; let hasItems: Bool
        struct Item { let child: String; let meeting: String; let href: String; let report: String; let held: Bool }
    }

    func list(_ context: SafeholdContext) async throws -> Response {
        let identity = try context.requireIdentity()
        let items = try await store.myInvitations(context: try context.audit())
        return renderer.page(
            ListPage(
                chrome: Chrome(title: "Invitations", identity: identity),
                items: items.map {
                    .init(
                        child: $0.childName, meeting: $0.meeting.title,
                        href: SiteRoute.invitation($0.invitation.id).path,
                        report: $0.report == nil ? "Not yet sent" : "Sent", held: $0.meeting.isHeld)
                }, hasItems: !items.isEmpty))
    }

    struct InvitationPage: Page {
        static let template = Template.invitation
        let chrome: Chrome; let form: FormState; let childName: String; let born: String; let meeting: String
        let invitedBy: String; let attendance: String; let open: Bool; let action: String; let version: Int
        let report: ReportView?; let hasDecision: Bool; let decision: String; let sharedBy: String
        let isInvitee: Bool
    }

    func page(
        _ context: SafeholdContext, _ id: UUID, form: FormData? = nil, errors: [FieldError] = [],
        status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let identity = try context.requireIdentity()
        let slice = try await store.invitation(id, context: try context.audit())
        let report = slice.report
        let stored: [String: String] =
            report.map {
                [
                    "whatWeKnow": $0.whatWeKnow, "worries": $0.worries, "workingWell": $0.workingWell,
                    "recommendation": $0.recommendation,
                ]
            } ?? [:]
        let state = form == nil ? FormState(values: stored) : FormState(form, errors: errors)
        let m = slice.meeting
        return renderer.page(
            InvitationPage(
                chrome: Chrome(title: "Invitation: \(m.title)", identity: identity), form: state,
                childName: slice.childName, born: slice.childDateOfBirth?.display ?? "Not known", meeting: m.title,
                invitedBy: "\(slice.invitation.invitedBy), \(store.ruleset.display(slice.invitation.invitedAt))",
                attendance: slice.invitation.attendance?.label ?? "Not recorded yet", open: !m.isHeld,
                action: SiteRoute.agencyReport(id).path,
                version: Int(form?["version"] ?? "") ?? report?.version ?? 0,
                report: report.map { ReportView($0, ruleset: store.ruleset) },
                hasDecision: m.sharedDecision != nil, decision: m.sharedDecision ?? "",
                sharedBy: m.sharedBy.map { "Shared by \($0)" } ?? "",
                isInvitee: slice.invitation.inviteeUserId == identity.user.id),
            status: status)
    }

    func submit(_ request: Request, _ context: SafeholdContext, _ id: UUID) async throws -> Response {
        _ = try context.requireIdentity()
        let form = try await FormData.read(request, context: context)
        do {
            _ = try await store.submitReport(
                invitation: id, whatWeKnow: form["whatWeKnow"], worries: form["worries"],
                workingWell: form["workingWell"], recommendation: form["recommendation"],
                expectedVersion: form["version"].flatMap(Int.init), context: try context.audit())
            return .redirect(to: SiteRoute.invitation(id).path, type: .normal)
        } catch SafeholdError.invalid(let errors) {
            return try await page(context, id, form: form, errors: errors, status: .unprocessableContent)
        }
    }

    struct ActionsPage: Page {
        static let template = Template.myActions
        let chrome: Chrome; let items: [Item]; let hasItems: Bool
        struct Item {
            let child: String; let what: String; let due: String; let overdue: Bool; let status: String
            let open: Bool; let action: String; let version: Int; let statuses: [Option]; let id: String
        }
    }

    func actions(_ context: SafeholdContext) async throws -> Response {
        let identity = try context.requireIdentity()
        let items = try await store.myActions(context: try context.audit())
        let today = store.today
        return renderer.page(
            ActionsPage(
                chrome: Chrome(title: "My actions", identity: identity),
                items: items.map { a in
                    .init(
                        child: a.childName, what: a.action.what, due: a.action.dueOn.display,
                        overdue: a.action.dueOn < today && a.action.status != .done, status: a.action.status.label,
                        open: a.planOpen, action: SiteRoute.myAction(a.action.id).path, version: a.action.version,
                        statuses: Option.list(
                            PlanAction.Status.allCases.map { ($0.rawValue, $0.label) },
                            selected: [a.action.status.rawValue]), id: a.action.id.text)
                }, hasItems: !items.isEmpty))
    }
}
