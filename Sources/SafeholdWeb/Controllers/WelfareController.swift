import Foundation
import Hummingbird
import SafeholdCore
import SafeholdStore

/// The worker's own welfare page (record a check-in, see the support offered) and the managers' counts.
struct WelfareController {
    let store: Store
    let renderer: PageRenderer

    func register(on group: RouterGroup<SafeholdContext>) {
        group.get(SiteRoute.myWelfare) { request, context in
            let recorded = FormData(request.uri.query ?? "")["recorded"].flatMap(WelfareSupport.init(rawValue:))
            return try await self.page(context, form: nil, recorded: recorded)
        }
        group.post(SiteRoute.myWelfare) { request, context in
            let form = try await FormData.read(request, context: context)
            do {
                var v = Validation()
                let on = v.isoDate("occurredOn", form["occurredOn"])
                try v.check()
                let checkIn = try await self.store.recordCheckIn(
                    WelfareCheckInDraft(
                        occurredOn: on!, event: form["event"] ?? "", howIAm: form["howIAm"] ?? "",
                        support: form["support"] ?? "", shareWithSupervisor: form.flag("shareWithSupervisor")),
                    context: try context.audit())
                return Response.redirect(
                    to: SiteRoute.myWelfare.link.query([("recorded", checkIn.support.rawValue)]).path, type: .normal)
            } catch SafeholdError.invalid(let errors) {
                return try await self.page(context, form: form, errors: errors, recorded: nil)
            }
        }
        group.get(SiteRoute.welfareCounts) { _, context in
            let identity = try context.requireIdentity()
            let counts = try await self.store.welfareCounts(context: try context.audit())
            let rows = counts.map { WelfareCountsPage.Row(team: $0.teamName, month: $0.month, count: $0.count) }
            return self.renderer.page(
                WelfareCountsPage(
                    chrome: Chrome(title: "Welfare check-ins by team", identity: identity), rows: rows,
                    hasRows: !rows.isEmpty))
        }
    }

    private func page(
        _ context: SafeholdContext, form: FormData?, errors: [FieldError] = [], recorded: WelfareSupport?
    ) async throws -> Response {
        let identity = try context.requireIdentity()
        let items = try await store.myCheckIns(context: try context.audit())
        return renderer.page(
            WelfarePage(
                items, chrome: Chrome(title: "My welfare", identity: identity), form: FormState(form, errors: errors),
                today: store.today, recorded: recorded),
            status: errors.isEmpty ? .ok : .unprocessableContent)
    }
}
