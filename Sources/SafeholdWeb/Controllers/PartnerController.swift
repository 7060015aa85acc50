import Foundation
import Hummingbird
import SafeholdCore
import SafeholdStore

/// Partner agencies' concerns: raising one (find the child by name first, or describe them), the
/// raiser's own list with what the front door chose to tell them, and the front door identifying
/// described children so the concern becomes a contact.
struct PartnerController {
    let store: Store
    let renderer: PageRenderer

    func register(on group: RouterGroup<SafeholdContext>) {
        group.get(SiteRoute.concerns) { _, context in try await self.list(context) }
        group.get(SiteRoute.newConcern) { request, context in
            try await self.newForm(context, form: FormData(request.uri.query ?? ""), errors: [])
        }
        group.post(SiteRoute.newConcern) { request, context in try await self.raise(request, context) }
        group.get(SiteRoute.concern) { _, context, id in try await self.show(context, id, form: nil, errors: []) }
        group.post(SiteRoute.identifyChildren) { request, context, id in try await self.identify(request, context, id) }
    }

    struct Row { let href: String; let raised: String; let by: String; let children: String; let status: String }
    struct ListPage: Page {
        static let template = Template.concerns
        let chrome: Chrome; let rows: [Row]; let hasRows: Bool; let raises: Bool
    }

    func list(_ context: SafeholdContext) async throws -> Response {
        let identity = try context.requireIdentity()
        let concerns = try await store.partnerConcerns(context: try context.audit())
        let rows = concerns.map {
            Row(
                href: SiteRoute.concern($0.id).path, raised: store.ruleset.display($0.raisedAt),
                by: "\($0.raisedByName), \($0.agencyName)", children: $0.children.map(\.name).joined(separator: ", "),
                status: $0.contactId == nil && $0.status == .received
                    ? "Received: children to identify" : $0.status.label)
        }
        let raises = store.policy.mayRaisePartnerRequests(identity.actor).isAllowed
        return renderer.page(
            ListPage(
                chrome: Chrome(
                    title: raises ? "Concerns you raised" : "Concerns from partner agencies", identity: identity),
                rows: rows, hasRows: !rows.isEmpty, raises: raises))
    }

    struct FormPage: Page {
        static let template = Template.concernForm
        let chrome: Chrome; let form: FormState
        let q: String; let searched: Bool; let candidates: [Candidate]; let hasCandidates: Bool
        let slots: [Slot]; let awareYes: Bool; let awareNo: Bool
    }
    /// A child found by name: the raiser ticks them without seeing anything but the name.
    struct Candidate { let id: String; let name: String; let checked: Bool }
    struct Slot {
        let n: Int; let name: String; let dateOfBirth: String; let address: String; let school: String
        let gp: String
    }

    func newForm(
        _ context: SafeholdContext, form: FormData?, errors: [FieldError], status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let identity = try context.requireIdentity()
        if case .denied(let reason) = store.policy.mayRaisePartnerRequests(identity.actor) {
            throw SafeholdError.forbidden(reason)
        }
        let state = FormState(form, errors: errors)
        let q = (form?["q"] ?? "").trimmingCharacters(in: .whitespaces)
        let chosen = Set(form?.all("childIds") ?? [])
        var found: [Candidate] = []
        if !q.isEmpty {
            found = try await store.search(PersonQuery(text: q, childrenOnly: true), context: try context.audit()).map {
                Candidate(id: $0.id.text, name: $0.displayName, checked: chosen.contains($0.id.text))
            }
        }
        // Children ticked before a second search stay chosen (by id: the name is not shown again).
        let kept = chosen.subtracting(found.map(\.id)).sorted().map {
            Candidate(id: $0, name: "Chosen earlier", checked: true)
        }
        let slots = (1...PartnerForms.describedSlots).map { n in
            let v = { (field: String) in state.values["describedChildren.\(n).\(field)"] ?? "" }
            return Slot(
                n: n, name: v("name"), dateOfBirth: v("dateOfBirth"), address: v("address"), school: v("school"),
                gp: v("gp"))
        }
        return renderer.page(
            FormPage(
                chrome: Chrome(title: "Raise a concern about a child", identity: identity), form: state, q: q,
                searched: !q.isEmpty, candidates: found + kept, hasCandidates: !(found + kept).isEmpty, slots: slots,
                awareYes: PartnerForms.parentsAware(form?["parentsAware"]) == true,
                awareNo: PartnerForms.parentsAware(form?["parentsAware"]) == false),
            status: status)
    }

    func raise(_ request: Request, _ context: SafeholdContext) async throws -> Response {
        _ = try context.requireIdentity()
        let form = try await FormData.read(request, context: context)
        do {
            let concern = try await store.raiseConcern(try PartnerForms.concern(form), context: try context.audit())
            return .redirect(to: SiteRoute.concern(concern.id).path, type: .normal)
        } catch SafeholdError.invalid(let errors) {
            return try await newForm(context, form: form, errors: errors, status: .unprocessableContent)
        }
    }

    func show(
        _ context: SafeholdContext, _ id: UUID, form: FormData?, errors: [FieldError],
        status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let identity = try context.requireIdentity()
        let concern = try await store.partnerConcern(id, context: try context.audit())
        let identifies =
            concern.contactId == nil && store.policy.mayAnswerPartnerRequests(identity.actor).isAllowed
        return renderer.page(
            ConcernPage(
                concern, chrome: Chrome(title: "Concern raised", identity: identity), ruleset: store.ruleset,
                identifies: identifies, form: FormState(form, errors: errors)),
            status: status)
    }

    func identify(_ request: Request, _ context: SafeholdContext, _ id: UUID) async throws -> Response {
        _ = try context.requireIdentity()
        let form = try await FormData.read(request, context: context)
        let audit = try context.audit()
        do {
            let version = try PartnerForms.version(form["version"])
            var v = Validation()
            var children: [UUID] = []
            var slot = 1
            while let text = form["child.\(slot)"] {
                let key = text.trimmingCharacters(in: .whitespaces)
                if let uuid = UUID(uuidString: key) {
                    children.append(uuid)
                } else if !key.isEmpty, let found = try await store.findByLocalId(key, context: audit) {
                    children.append(found.id)
                } else {
                    v.add("child.\(slot)", key.isEmpty ? "is required" : "no child has the id \(Validation.shown(key))")
                }
                slot += 1
                if slot > PartnerConcernDraft.maxChildren { break }
            }
            try v.check()
            _ = try await store.identifyChildren(ofConcern: id, children, expectedVersion: version, context: audit)
            return .redirect(to: SiteRoute.concern(id).path, type: .normal)
        } catch SafeholdError.invalid(let errors) {
            return try await show(context, id, form: form, errors: errors, status: .unprocessableContent)
        }
    }
}
