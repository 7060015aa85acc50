import Foundation
import Hummingbird
import SafeholdCore
import SafeholdStore

/// The child sex offender disclosure scheme in the pages: the police team's applications, receiving one,
/// and recording its checks, decision and disclosure. Every call goes through the store's rules.
struct DisclosureSchemeController {
    let store: Store
    let renderer: PageRenderer

    static let applicationFields = [
        "applicantName", "applicantContact", "relationship", "relationshipOther", "subjectId", "childId", "receivedOn",
    ]

    static func fields(_ form: FormData, _ names: [String]) -> TextFields {
        TextFields(Dictionary(uniqueKeysWithValues: names.map { ($0, form.values[$0]?.first) }))
    }

    func register(on group: RouterGroup<SafeholdContext>) {
        group.get(SiteRoute.disclosureApplications) { _, context in
            let identity = try context.requireIdentity()
            let applications = try await self.store.disclosureApplications(context: try context.audit())
            return self.renderer.page(
                DisclosureApplicationsPage(
                    applications, chrome: Chrome(title: "Disclosure scheme applications", identity: identity),
                    today: self.store.today, calendar: self.store.ruleset.calendar))
        }
        group.get(SiteRoute.newDisclosureApplication) { request, context in
            try await self.formPage(context, form: FormData(request.uri.query ?? ""), errors: [])
        }
        group.post(SiteRoute.newDisclosureApplication) { request, context in
            let form = try await FormData.read(request, context: context)
            do {
                let draft = try DisclosureApplicationDraft.read(
                    Self.fields(form, Self.applicationFields), today: self.store.today)
                let saved = try await self.store.receiveDisclosureApplication(draft, context: try context.audit())
                return Response.redirect(to: SiteRoute.disclosureApplication(saved.id).path, type: .normal)
            } catch SafeholdError.invalid(let errors) {
                return try await self.formPage(context, form: form, errors: errors, status: .unprocessableContent)
            }
        }
        group.get(SiteRoute.disclosureApplication) { _, context, id in
            try await self.page(id, context, form: nil, errors: [])
        }
        step(group, SiteRoute.disclosureApplicationChecks, ["kind", "result", "checkedOn"]) {
            try DisclosureSchemeStep.readCheck($0, today: $1)
        }
        step(group, SiteRoute.disclosureApplicationDecision, ["outcome", "reasons", "decidedOn"]) {
            try DisclosureSchemeStep.readDecision($0, today: $1)
        }
        step(group, SiteRoute.disclosureApplicationDisclosure, ["disclosedTo", "disclosedOn", "what"]) {
            try DisclosureSchemeStep.readDisclosure($0, today: $1)
        }
    }

    private func step(
        _ group: RouterGroup<SafeholdContext>, _ route: Route1, _ names: [String],
        _ read: @escaping @Sendable (TextFields, LocalDate) throws -> DisclosureSchemeStep
    ) {
        group.post(route) { request, context, id in
            let form = try await FormData.read(request, context: context)
            do {
                var v = Validation()
                let input = Self.fields(form, names + ["version"])
                var step: DisclosureSchemeStep? = nil
                do { step = try read(input, self.store.today) } catch SafeholdError.invalid(let errors) {
                    v.merge(errors)
                }
                let version = input.version(into: &v)
                try v.check()
                _ = try await self.store.recordDisclosureSchemeStep(
                    step!, on: id, expectedVersion: version!, context: try context.audit())
                return Response.redirect(to: SiteRoute.disclosureApplication(id).path, type: .normal)
            } catch SafeholdError.invalid(let errors) {
                return try await self.page(id, context, form: form, errors: errors, status: .unprocessableContent)
            }
        }
    }

    func page(
        _ id: UUID, _ context: SafeholdContext, form: FormData?, errors: [FieldError],
        status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let identity = try context.requireIdentity()
        let application = try await store.disclosureApplication(id, context: try context.audit())
        return renderer.page(
            DisclosureApplicationPage(
                application, chrome: Chrome(title: "Disclosure scheme application", identity: identity),
                form: FormState(form, errors: errors), today: store.today),
            status: status)
    }

    func formPage(
        _ context: SafeholdContext, form: FormData, errors: [FieldError], status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let identity = try context.requireIdentity()
        let audit = try context.audit()
        let subjectQuery = (form["subjectQuery"] ?? "").trimmingCharacters(in: .whitespaces)
        let childQuery = (form["childQuery"] ?? "").trimmingCharacters(in: .whitespaces)
        func found(_ query: PersonQuery, chosen: String?) async throws -> [DisclosureApplicationFormPage.Candidate] {
            guard !query.text.isEmpty else { return [] }
            return try await store.search(query, context: audit).map {
                .init(id: $0.id.text, name: $0.displayName, checked: $0.id.text == chosen)
            }
        }
        let subjects = try await found(PersonQuery(text: subjectQuery), chosen: form["subjectId"])
        let children = try await found(PersonQuery(text: childQuery, childrenOnly: true), chosen: form["childId"])
        return renderer.page(
            DisclosureApplicationFormPage(
                chrome: Chrome(title: "Receive a disclosure scheme application", identity: identity),
                form: FormState(form, errors: errors), action: SiteRoute.newDisclosureApplication.path,
                relationships: FormState(form).options("relationship", ApplicantRelationship.self) { $0.label },
                subjectQuery: subjectQuery, childQuery: childQuery, subjects: subjects, children: children,
                searchedSubject: !subjectQuery.isEmpty, searchedChild: !childQuery.isEmpty,
                hasSubjects: !subjects.isEmpty, hasChildren: !children.isEmpty,
                newPersonHref: SiteRoute.newPerson.path, today: store.today.description),
            status: status)
    }
}
