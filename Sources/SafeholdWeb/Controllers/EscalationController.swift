import Foundation
import Hummingbird
import SafeholdCore
import SafeholdStore

/// Referrals to services from the plan on the child's page, and escalations of professional
/// disagreement: the form from the child's page, the escalation's page with its steps, and the list.
struct EscalationController {
    let store: Store
    let renderer: PageRenderer

    func register(on group: RouterGroup<SafeholdContext>) {
        group.post(SiteRoute.serviceReferrals) { request, context, episode in
            let form = try await FormData.read(request, context: context)
            let referral = try await self.store.referToService(
                episode: episode, serviceType: form["serviceType"], provider: form["provider"],
                request: form["request"], sentOn: form["sentOn"], context: try context.audit())
            return Response.redirect(
                to: SiteRoute.person(referral.personId).fragment("referral-\(referral.id.text)").path,
                type: .normal)
        }
        group.post(SiteRoute.serviceReferralStatus) { request, context, id in
            let form = try await FormData.read(request, context: context)
            let referral = try await self.store.updateServiceReferral(
                id, status: form["status"], on: form["on"], reason: form["reason"], outcome: form["outcome"],
                expectedVersion: Int(form["version"] ?? "") ?? 0, context: try context.audit())
            return Response.redirect(
                to: SiteRoute.person(referral.personId).fragment("referral-\(referral.id.text)").path,
                type: .normal)
        }
        group.get(SiteRoute.escalations) { _, context in
            let identity = try context.requireIdentity()
            let items = try await self.store.escalations(context: try context.audit())
            return self.renderer.page(
                EscalationsPage(
                    items, userId: identity.user.id, chrome: Chrome(title: "Escalations", identity: identity),
                    today: self.store.today))
        }
        group.get(SiteRoute.newEscalation) { _, context, id in try await self.newForm(context, id, form: nil) }
        group.post(SiteRoute.newEscalation) { request, context, id in
            let form = try await FormData.read(request, context: context)
            do {
                let escalation = try await self.store.raiseEscalation(
                    about: id, decision: form["decision"], linkedRecordId: form["linkedRecordId"],
                    disagreement: form["disagreement"], desiredOutcome: form["desiredOutcome"],
                    context: try context.audit())
                return Response.redirect(to: SiteRoute.escalation(escalation.id).path, type: .normal)
            } catch SafeholdError.invalid(let errors) {
                return try await self.newForm(context, id, form: form, errors: errors)
            }
        }
        group.get(SiteRoute.escalation) { _, context, id in try await self.show(context, id, form: nil) }
        group.post(SiteRoute.escalationResponse) { request, context, id in
            try await self.step(request, context, id) { form, version, audit in
                _ = try await self.store.respondToEscalation(
                    id, response: form["response"], expectedVersion: version, context: audit)
            }
        }
        group.post(SiteRoute.escalationEscalate) { request, context, id in
            try await self.step(request, context, id) { form, version, audit in
                _ = try await self.store.escalate(
                    id, toStage: form["stage"], reason: form["reason"], response: form["response"],
                    expectedVersion: version, context: audit)
            }
        }
        group.post(SiteRoute.escalationResolve) { request, context, id in
            try await self.step(request, context, id) { form, version, audit in
                _ = try await self.store.resolveEscalation(
                    id, outcome: form["outcome"], note: form["note"], expectedVersion: version, context: audit)
            }
        }
    }

    /// Runs one step on an escalation from its page; a refused field shows the page again with it named.
    private func step(
        _ request: Request, _ context: SafeholdContext, _ id: UUID,
        _ body: (FormData, Int, AuditContext) async throws -> Void
    ) async throws -> Response {
        let form = try await FormData.read(request, context: context)
        do {
            try await body(form, Int(form["version"] ?? "") ?? 0, try context.audit())
            return .redirect(to: SiteRoute.escalation(id).path, type: .normal)
        } catch SafeholdError.invalid(let errors) {
            return try await show(context, id, form: form, errors: errors)
        }
    }

    func show(
        _ context: SafeholdContext, _ id: UUID, form: FormData?, errors: [FieldError] = []
    ) async throws -> Response {
        let identity = try context.requireIdentity()
        let view = try await store.escalation(id, context: try context.audit())
        let last = try await store.escalationStages().map(\.number).max() ?? 3
        return renderer.page(
            EscalationPage(
                view, chrome: Chrome(title: "Escalation about \(view.escalation.childName)", identity: identity),
                form: FormState(form, errors: errors), today: store.today, lastStage: last),
            status: errors.isEmpty ? .ok : .unprocessableContent)
    }

    func newForm(
        _ context: SafeholdContext, _ id: UUID, form: FormData?, errors: [FieldError] = []
    ) async throws -> Response {
        let identity = try context.requireIdentity()
        let subject = try await store.escalationSubject(id, context: try context.audit())
        let name = subject.childName
        let stage = try await store.escalationStages().first
        return renderer.page(
            EscalationFormPage(
                chrome: Chrome(title: "Raise an escalation", identity: identity),
                form: FormState(form, errors: errors), childName: name, childHref: SiteRoute.person(id).path,
                action: SiteRoute.newEscalation(id).path,
                records: Option.list(
                    subject.records.map { ($0.id.text, $0.label) },
                    selected: Set([form?["linkedRecordId"]].compactMap { $0 })),
                stageOne: stage.map { "a response is due within \($0.responseWorkingDays) working days" } ?? ""),
            status: errors.isEmpty ? .ok : .unprocessableContent)
    }
}
