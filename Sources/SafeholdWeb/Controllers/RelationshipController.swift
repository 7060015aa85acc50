import Foundation
import Hummingbird
import SafeholdCore
import SafeholdStore

/// Adds someone to a person's family network: an existing person by local id, or a new person.
struct RelationshipController {
    let store: Store
    let renderer: PageRenderer

    func register(on group: RouterGroup<SafeholdContext>) {
        group.get(SiteRoute.addRelationship) { _, context, id in try await self.form(context, id) }
        group.post(SiteRoute.addRelationship) { request, context, id in try await self.submit(request, context, id) }
    }

    func form(
        _ context: SafeholdContext, _ id: UUID, form: FormData? = nil, errors: [FieldError] = [],
        status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let identity = try context.requireIdentity()
        let record = try await store.openPerson(id, context: try context.audit())
        guard record.canEdit else {
            throw SafeholdError.forbidden(store.policy.decide(identity.actor, .edit, record.facts).reason)
        }
        let page = RelationshipFormPage(
            chrome: Chrome(title: "Add to \(record.person.displayName)'s family network", identity: identity),
            action: SiteRoute.addRelationship(id).path,
            heading: "Add to \(record.person.displayName)'s family network", linkTo: record.person.displayName,
            fields: PersonForm.fields(details: nil, form: form, errors: errors, linking: true))
        return renderer.page(page, status: status)
    }

    func submit(_ request: Request, _ context: SafeholdContext, _ id: UUID) async throws -> Response {
        _ = try context.requireIdentity()
        let form = try await FormData.read(request, context: context)
        let audit = try context.audit()
        do {
            guard let kind = form["relationshipKind"].flatMap(RelationshipKind.init(rawValue:)) else {
                throw SafeholdError.invalid([FieldError("relationshipKind", "choose how this person is related")])
            }
            let parental = form.flag("parentalResponsibility"), together = form.flag("livesTogether")
            if let localId = form["existingLocalId"] {
                guard let other = try await store.findByLocalId(localId, context: audit) else {
                    throw SafeholdError.invalid([FieldError("otherPersonId", "no person has the local id '\(localId)'")]
                    )
                }
                _ = try await store.addRelationship(
                    to: id,
                    RelationshipDraft(
                        otherPersonId: other.id, kind: kind, parentalResponsibility: parental, livesTogether: together),
                    context: audit)
            } else {
                let details = try PersonForm.details(from: form, previous: nil, today: store.today)
                _ = try await store.createPerson(
                    details, context: audit,
                    link: NewLink(
                        personId: id, kind: kind,
                        parentalResponsibility: parental,
                        livesTogether: together))
            }
            return .redirect(to: SiteRoute.person(id).path, type: .normal)
        } catch SafeholdError.invalid(let errors) {
            return try await self.form(context, id, form: form, errors: errors, status: .unprocessableContent)
        }
    }
}
