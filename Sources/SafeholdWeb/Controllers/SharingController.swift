import Foundation
import Hummingbird
import SafeholdCore
import SafeholdStore

/// Unscheduled care's "is this child on a plan?" look-up, the user's notifications, and recording a
/// child's looked-after periods from the child's page.
struct SharingController {
    let store: Store
    let renderer: PageRenderer
    let limit: LookupRateLimit

    func register(on group: RouterGroup<SafeholdContext>) {
        group.get(SiteRoute.planLookup) { _, context in try self.lookupPage(context, form: nil, answer: nil) }
        group.post(SiteRoute.planLookup) { request, context in try await self.lookUp(request, context) }
        group.get(SiteRoute.notifications) { _, context in try await self.notifications(context) }
        group.post(SiteRoute.notificationsRead) { _, context in
            try await self.store.markNotificationsRead(context: try context.audit())
            return Response.redirect(to: SiteRoute.notifications.path, type: .normal)
        }
        group.post(SiteRoute.lookedAfter) { request, context, id in
            let form = try await FormData.read(request, context: context)
            _ = try await self.store.startLookedAfter(
                id, status: form["status"], startedOn: form["startedOn"], context: try context.audit())
            return Response.redirect(to: SiteRoute.person(id).path, type: .normal)
        }
        group.post(SiteRoute.endLookedAfter) { request, context, id in
            let form = try await FormData.read(request, context: context)
            _ = try await self.store.endLookedAfter(id, endedOn: form["endedOn"], context: try context.audit())
            return Response.redirect(to: SiteRoute.person(id).path, type: .normal)
        }
    }

    struct LookupPage: Page {
        static let template = Template.planLookup
        let chrome: Chrome; let form: FormState
        let hasAnswer: Bool; let known: Bool; let summary: String
        let team: String; let telephone: String; let since: String
    }

    func lookupPage(
        _ context: SafeholdContext, form: FormData?, answer: PlanLookupAnswer?, errors: [FieldError] = [],
        status: HTTPResponse.Status = .ok
    ) throws -> Response {
        let identity = try context.requireIdentity()
        if case .denied(let reason) = store.policy.mayLookUpPlans(identity.actor) {
            throw SafeholdError.forbidden(reason)
        }
        var known: PlanLookupAnswer.PlanStatus?
        if case .known(let s) = answer { known = s }
        // The NHS number is not shown back once answered: the page may stay open on a shared screen.
        let state =
            answer == nil
            ? FormState(form, errors: errors) : FormState(values: ["setting": form?["setting"] ?? ""])
        return renderer.page(
            LookupPage(
                chrome: Chrome(title: "Is this child on a plan?", identity: identity),
                form: state, hasAnswer: answer != nil, known: known != nil,
                summary: answer?.summary ?? "", team: known?.responsibleTeam ?? "",
                telephone: known?.dutyTelephone ?? "", since: known?.since.map(\.display) ?? ""),
            status: status)
    }

    func lookUp(_ request: Request, _ context: SafeholdContext) async throws -> Response {
        let identity = try context.requireIdentity()
        let form = try await FormData.read(request, context: context)
        do {
            let query = try PlanLookupRequest.validated(
                nhsNumber: form["nhsNumber"], dateOfBirth: form["dateOfBirth"], setting: form["setting"],
                today: store.today)
            try await limit.admit(identity.user.id, now: store.clock.now())
            let answer = try await store.lookUpPlan(query, context: try context.audit())
            return try lookupPage(context, form: form, answer: answer)
        } catch SafeholdError.invalid(let errors) {
            return try lookupPage(context, form: form, answer: nil, errors: errors, status: .unprocessableContent)
        }
    }

    struct NotificationsPage: Page {
        static let template = Template.notifications
        let chrome: Chrome; let items: [Item]; let hasItems: Bool; let hasUnread: Bool
        struct Item { let kind: String; let text: String; let when: String; let unread: Bool; let href: String? }
    }

    func notifications(_ context: SafeholdContext) async throws -> Response {
        let identity = try context.requireIdentity()
        let items = try await store.notifications(context: try context.audit())
        // A partner's notifications lead to their own work, never to a child's record they may not open.
        let mayOpen = identity.user.role.worksWithRecords && identity.user.role != .partner
        // Information shared with an agency, and answers to its requests, are read in "Shared with us".
        func sharedWithUs(_ n: UserNotification) -> String? {
            guard SharingAccess.receivingAgency(identity.actor) != nil else { return nil }
            return n.kind == .informationShared || n.kind == .informationRequest ? SiteRoute.sharedWithUs.path : nil
        }
        func href(_ n: UserNotification) -> String? {
            switch n.kind {
            case .concernDecided: SiteRoute.concerns.path
            case .adviceGiven: SiteRoute.advice.path
            default:
                ContributionLinks.page(for: n, role: identity.user.role) ?? sharedWithUs(n)
                    ?? (mayOpen ? n.personId.map { SiteRoute.person($0).path } : nil)
            }
        }
        return renderer.page(
            NotificationsPage(
                chrome: Chrome(title: "Notifications", identity: identity),
                items: items.map {
                    .init(
                        kind: $0.kind.label, text: $0.text, when: store.ruleset.display($0.createdAt),
                        unread: $0.readAt == nil, href: href($0))
                }, hasItems: !items.isEmpty, hasUnread: items.contains { $0.readAt == nil }))
    }
}
