import Foundation
import Hummingbird
import SafeholdCore
import SafeholdStore

/// Opening and changing a police investigation, and its page: the whole file for the team that holds
/// it, what the police share for the children's social care. Actions on it are in `InvestigationActions`.
struct InvestigationController {
    let store: Store
    let renderer: PageRenderer

    func register(on group: RouterGroup<SafeholdContext>) {
        group.get(SiteRoute.newInvestigation) { _, context in try await self.form(context, nil, form: nil, errors: []) }
        group.post(SiteRoute.newInvestigation) { request, context in try await self.save(request, context, nil) }
        group.get(SiteRoute.investigation) { _, context, id in
            try await InvestigationPage(store: store, renderer: renderer).show(context, id, form: nil, errors: [])
        }
        group.get(SiteRoute.editInvestigation) { _, context, id in
            try await self.form(context, id, form: nil, errors: [])
        }
        group.post(SiteRoute.editInvestigation) { request, context, id in try await self.save(request, context, id) }
        InvestigationActions(store: store, renderer: renderer).register(on: group)
    }

    struct FormModel: Page {
        static let template = Template.investigationForm
        let chrome: Chrome; let action: String; let heading: String; let form: FormState; let offences: [Option]
        let officers: [Option]; let supervisors: [Option]; let version: Int
    }

    func form(
        _ context: SafeholdContext, _ id: UUID?, form: FormData?, errors: [FieldError],
        status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let identity = try context.requireIdentity()
        // Changing an investigation is decided (and a refusal audited) by the store on the record itself.
        var existing: InvestigationFile?
        if let id { existing = try await store.investigationFile(id, forEditing: true, context: try context.audit()) }
        guard identity.user.role == .police else {
            throw SafeholdError.forbidden("Only a police officer in a child protection team records investigations.")
        }
        var state = FormState(form, errors: errors)
        var version = Int(form?["version"] ?? "") ?? 0
        var chosenOffences = Set(form?.all("offences") ?? [])
        if let file = existing, form == nil {
            let i = file.investigation
            func ids(_ role: InvestigationRole) -> String {
                file.people.filter { $0.person.role == role }.compactMap(\.summary.localId).joined(separator: ", ")
            }
            let suspects = file.people.filter { $0.person.role == .suspect }.map {
                [$0.summary.localId ?? "", $0.person.relationshipToChild ?? ""].filter { !$0.isEmpty }
                    .joined(separator: ", ")
            }
            state = FormState(values: [
                "crimeReference": i.crimeReference ?? "", "incidentReference": i.incidentReference ?? "",
                "officerId": i.officerId?.text ?? "", "supervisorId": i.supervisorId?.text ?? "",
                "victims": ids(.victim), "witnesses": ids(.witness), "victimWitnesses": ids(.victimAndWitness),
                "suspects": suspects.joined(separator: "\n"), "summary": i.summary,
                "intelligence": i.intelligence ?? "",
            ])
            version = i.version
            chosenOffences = Set(i.offences)
        }
        let officers = try await store.policeOfficerDirectory(context: try context.audit())
        return renderer.page(
            FormModel(
                chrome: Chrome(
                    title: id == nil ? "Open an investigation" : "Change the investigation", identity: identity),
                action: id.map { SiteRoute.editInvestigation($0).path } ?? SiteRoute.newInvestigation.path,
                heading: id == nil ? "Open an investigation" : "Change the investigation", form: state,
                offences: Option.list(
                    try await store.offenceCodes().map { ($0.code, "\($0.code): \($0.label)") },
                    selected: chosenOffences),
                officers: PoliceViews.officers(officers, selected: Set([state.values["officerId"] ?? ""])),
                supervisors: PoliceViews.officers(officers, selected: Set([state.values["supervisorId"] ?? ""])),
                version: version),
            status: status)
    }

    func save(_ request: Request, _ context: SafeholdContext, _ id: UUID?) async throws -> Response {
        _ = try context.requireIdentity()
        let form = try await FormData.read(request, context: context)
        let audit = try context.audit()
        do {
            var reader = PoliceFormReader(form: form, store: store, audit: audit)
            let people =
                try await reader.people("victims", role: .victim) + reader.people("witnesses", role: .witness)
                + reader.people("victimWitnesses", role: .victimAndWitness) + reader.people("suspects", role: .suspect)
            let officer = reader.uuid("officerId")
            let supervisor = reader.uuid("supervisorId")
            let version = id == nil ? 1 : reader.version()
            try reader.check()
            let draft = InvestigationDraft(
                crimeReference: form["crimeReference"], incidentReference: form["incidentReference"],
                offences: form.all("offences"), officerId: officer!, supervisorId: supervisor!, people: people,
                summary: form["summary"] ?? "", intelligence: form["intelligence"])
            let saved =
                if let id {
                    try await store.updateInvestigation(id, draft, expectedVersion: version, context: audit)
                } else {
                    try await store.openInvestigation(draft, context: audit)
                }
            return .redirect(to: SiteRoute.investigation(saved.id).path, type: .normal)
        } catch SafeholdError.invalid(let errors) {
            return try await self.form(context, id, form: form, errors: errors, status: .unprocessableContent)
        }
    }
}
