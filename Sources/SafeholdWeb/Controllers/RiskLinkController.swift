import Foundation
import Hummingbird
import SafeholdCore
import SafeholdStore

/// Children linked to a person who poses a risk, in the pages: the child's links with the strategy
/// discussion decision, ending a link, and the form that links a person to a child.
struct RiskLinkController {
    let store: Store
    let renderer: PageRenderer

    static let linkFields = ["personId", "childId", "nature", "startedOn", "endedOn", "note"]

    func register(on group: RouterGroup<SafeholdContext>) {
        group.get(SiteRoute.childRiskLinks) { _, context, id in
            try await self.page(id, context, form: nil, errors: [])
        }
        group.post(SiteRoute.linkStrategyDecision) { request, context, child, link in
            let form = try await FormData.read(request, context: context)
            do {
                var v = Validation()
                let input = DisclosureSchemeController.fields(form, ["outcome", "version"])
                let outcome = input.choice("outcome", LinkStrategyOutcome.self, into: &v)
                let version = input.version(into: &v)
                try v.check()
                _ = try await self.store.decideLinkStrategy(
                    link, child: child, outcome: outcome!, reasons: form.raw("reasons"), expectedVersion: version!,
                    context: try context.audit())
                return Response.redirect(to: SiteRoute.childRiskLinks(child).path, type: .normal)
            } catch SafeholdError.invalid(let errors) {
                return try await self.page(child, context, form: form, errors: errors, status: .unprocessableContent)
            }
        }
        group.post(SiteRoute.endRiskLink) { request, context, child, link in
            let form = try await FormData.read(request, context: context)
            do {
                var v = Validation()
                let input = DisclosureSchemeController.fields(form, ["endedOn", "version"])
                let ended = input.date("endedOn", fallback: self.store.today, into: &v)
                let version = input.version(into: &v)
                try v.check()
                _ = try await self.store.endRiskLink(
                    link, child: child, endedOn: ended!, expectedVersion: version!, context: try context.audit())
                return Response.redirect(to: SiteRoute.childRiskLinks(child).path, type: .normal)
            } catch SafeholdError.invalid(let errors) {
                return try await self.page(child, context, form: form, errors: errors, status: .unprocessableContent)
            }
        }
        group.get(SiteRoute.newRiskLink) { request, context in
            try await self.formPage(context, form: FormData(request.uri.query ?? ""), errors: [])
        }
        group.post(SiteRoute.newRiskLink) { request, context in
            let form = try await FormData.read(request, context: context)
            do {
                let draft = try RiskLinkDraft.read(
                    DisclosureSchemeController.fields(form, Self.linkFields), today: self.store.today)
                _ = try await self.store.linkToChild(draft, context: try context.audit())
                return Response.redirect(
                    to: SiteRoute.newRiskLink.link.query([("linked", "1")]).path, type: .normal)
            } catch SafeholdError.invalid(let errors) {
                return try await self.formPage(context, form: form, errors: errors, status: .unprocessableContent)
            }
        }
    }

    func page(
        _ child: UUID, _ context: SafeholdContext, form: FormData?, errors: [FieldError],
        status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let identity = try context.requireIdentity()
        let audit = try context.audit()
        let links = try await store.riskLinks(of: child, context: audit)
        let name = links.childName
        return renderer.page(
            ChildRiskLinksPage(
                links, child: child, childName: name,
                chrome: Chrome(title: "People who may pose a risk: \(name)", identity: identity),
                form: FormState(form, errors: errors), today: store.today),
            status: status)
    }

    func formPage(
        _ context: SafeholdContext, form: FormData, errors: [FieldError], status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let identity = try context.requireIdentity()
        let audit = try context.audit()
        let personQuery = (form["personQuery"] ?? "").trimmingCharacters(in: .whitespaces)
        let childQuery = (form["childQuery"] ?? "").trimmingCharacters(in: .whitespaces)
        func found(_ query: PersonQuery, chosen: String?) async throws -> [RiskLinkFormPage.Candidate] {
            guard !query.text.isEmpty else { return [] }
            return try await store.search(query, context: audit).map {
                .init(id: $0.id.text, name: $0.displayName, checked: $0.id.text == chosen)
            }
        }
        var children = try await found(PersonQuery(text: childQuery, childrenOnly: true), chosen: form["childId"])
        if childQuery.isEmpty, let chosen = form["childId"], UUID(uuidString: chosen) != nil {
            children = [.init(id: chosen, name: "The child whose page you came from", checked: true)]
        }
        let people = try await found(PersonQuery(text: personQuery), chosen: form["personId"])
        return renderer.page(
            RiskLinkFormPage(
                chrome: Chrome(title: "Link a person who poses a risk to a child", identity: identity),
                form: FormState(form, errors: errors), action: SiteRoute.newRiskLink.path,
                natures: FormState(form).options("nature", RiskLinkNature.self) { $0.label },
                personQuery: personQuery, childQuery: childQuery, people: people, children: children,
                searchedPerson: !personQuery.isEmpty, searchedChild: !childQuery.isEmpty,
                linked: form["linked"] != nil, today: store.today.description),
            status: status)
    }
}
