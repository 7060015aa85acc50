import Foundation
import Hummingbird
import SafeholdCore
import SafeholdStore

/// A worker who finds a child by name only asks the child's team manager for access: the form (the
/// child's name, nothing else of the record) and the request, which gives nothing until approved.
struct AccessRequestController {
    let store: Store
    let renderer: PageRenderer

    struct AccessRequestPage: Page {
        static let template = Template.accessRequest
        let chrome: Chrome
        let name: String
        let personId: String
        let action: String
        let sent: Bool
        let form: FormState
        let maxGrantDays: Int
    }

    func register(on group: RouterGroup<SafeholdContext>) {
        group.get(SiteRoute.accessRequest.routerPath) { request, context in
            guard let child = request.uri.queryParameters.get("person").flatMap(UUID.init) else {
                throw SafeholdError.notFound(AccessPolicy.noVisibleRecord)
            }
            return try await self.page(context, child)
        }
        group.post(SiteRoute.accessRequest.routerPath) { request, context in
            let identity = try context.requireIdentity()
            let form = try await FormData.read(request, context: context)
            guard let child = form["personId"].flatMap(UUID.init) else {
                throw SafeholdError.notFound(AccessPolicy.noVisibleRecord)
            }
            let draft = AccessGrantDraft(
                userId: identity.user.id, canEdit: form.flag("canEdit"), reason: form["reason"] ?? "",
                expiresOn: form["expiresOn"] ?? "")
            do {
                _ = try await self.store.requestGrant(child, draft, context: try context.audit())
                return try await self.page(context, child, sent: true, status: .created)
            } catch SafeholdError.invalid(let errors) {
                return try await self.page(context, child, form: form, errors: errors, status: .unprocessableContent)
            }
        }
    }

    func page(
        _ context: SafeholdContext, _ child: UUID, form: FormData? = nil, errors: [FieldError] = [],
        sent: Bool = false, status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let identity = try context.requireIdentity()
        let name = try await store.accessRequestSubject(child, context: try context.audit())
        return renderer.page(
            AccessRequestPage(
                chrome: Chrome(title: "Ask for access", identity: identity), name: name, personId: child.text,
                action: SiteRoute.accessRequest.path, sent: sent, form: FormState(form, errors: errors),
                maxGrantDays: AccessGrantRules.england.maximumDays),
            status: status)
    }
}
