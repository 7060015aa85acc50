import Foundation
import Hummingbird
import SafeholdCore
import SafeholdStore

/// Operations against organised and online abuse: the operation's investigations, its evidence by
/// reference (identifier, hash, counts by category; never an image), and the children identified.
struct OperationController {
    let store: Store
    let renderer: PageRenderer

    func register(on group: RouterGroup<SafeholdContext>) {
        group.get(SiteRoute.newOperation) { _, context in try self.newForm(context, form: nil, errors: []) }
        group.post(SiteRoute.newOperation) { request, context in try await self.create(request, context) }
        group.get(SiteRoute.operation) { _, context, id in try await self.show(context, id, form: nil, errors: []) }
        group.post(SiteRoute.operationEvidence) { request, context, id in
            try await self.act(request, context, id) { form, reader, audit in
                let kind = reader.choice("kind", EvidenceItem.Kind.self)
                func count(_ field: String) -> Int {
                    guard let n = Int(form[field] ?? "0") else {
                        reader.v.add(field, "must be a whole number from 0 to \(EvidenceItem.maxCount)")
                        return 0
                    }
                    return n
                }
                let a = count("categoryA"), b = count("categoryB"), c = count("categoryC")
                try reader.check()
                try await store.addEvidence(
                    EvidenceItem(
                        kind: kind!, identifier: form["identifier"] ?? "", hash: form["hash"] ?? "", categoryA: a,
                        categoryB: b, categoryC: c), operation: id, context: audit)
            }
        }
        group.post(SiteRoute.operationVictims) { request, context, id in
            try await self.act(request, context, id) { form, reader, audit in
                let child = try await reader.child("childLocalId")
                let investigation = reader.uuid("investigationId")
                let role = reader.choice("role", InvestigationRole.self)
                try reader.check()
                _ = try await store.identifyVictim(
                    child!, role: role!, investigation: investigation!, operation: id,
                    raiseContact: form.flag("raiseContact"), concern: form["concern"] ?? "", context: audit)
            }
        }
    }

    struct FormModel: Page {
        static let template = Template.operationForm
        let chrome: Chrome; let form: FormState
    }

    func newForm(
        _ context: SafeholdContext, form: FormData?, errors: [FieldError], status: HTTPResponse.Status = .ok
    ) throws -> Response {
        let identity = try context.requireIdentity()
        return renderer.page(
            FormModel(
                chrome: Chrome(title: "Open an operation", identity: identity), form: FormState(form, errors: errors)),
            status: status)
    }

    func create(_ request: Request, _ context: SafeholdContext) async throws -> Response {
        _ = try context.requireIdentity()
        let form = try await FormData.read(request, context: context)
        do {
            let operation = try await store.createOperation(
                name: form["name"] ?? "", summary: form["summary"] ?? "", context: try context.audit())
            return .redirect(to: SiteRoute.operation(operation.id).path, type: .normal)
        } catch SafeholdError.invalid(let errors) {
            return try newForm(context, form: form, errors: errors, status: .unprocessableContent)
        }
    }

    struct Evidence { let kind: String; let identifier: String; let hash: String; let counts: String }
    struct Victim { let name: String; let href: String; let role: String }
    struct Model: Page {
        static let template = Template.operation
        let chrome: Chrome; let name: String; let summary: String
        let investigations: [PoliceViews.InvestigationRow]; let evidence: [Evidence]; let victims: [Victim]
        let form: FormState; let evidenceAction: String; let victimAction: String; let kinds: [Option]
        let roles: [Option]; let investigationChoices: [Option]; let newInvestigationHref: String
    }

    func show(
        _ context: SafeholdContext, _ id: UUID, form: FormData?, errors: [FieldError],
        status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let identity = try context.requireIdentity()
        let file = try await store.operationFile(id, context: try context.audit())
        let state = FormState(form, errors: errors)
        return renderer.page(
            Model(
                chrome: Chrome(title: file.operation.name, identity: identity), name: file.operation.name,
                summary: file.operation.summary,
                investigations: file.investigations.map { PoliceViews.row($0, store.ruleset) },
                evidence: file.evidence.map {
                    Evidence(
                        kind: $0.kind.label, identifier: $0.identifier, hash: $0.hash,
                        counts: "A \($0.categoryA), B \($0.categoryB), C \($0.categoryC)")
                },
                victims: file.victims.map {
                    Victim(
                        name: $0.summary.displayName, href: SiteRoute.person($0.person.personId).path,
                        role: $0.person.role.label)
                },
                form: state, evidenceAction: SiteRoute.operationEvidence(id).path,
                victimAction: SiteRoute.operationVictims(id).path,
                kinds: state.options("kind", EvidenceItem.Kind.self) { $0.label },
                roles: Option.list(
                    InvestigationRole.allCases.filter(\.isChild).map { ($0.rawValue, $0.label) },
                    selected: Set([state.values["role"] ?? ""])),
                investigationChoices: Option.list(
                    file.investigations.map { ($0.id.text, $0.reference) },
                    selected: Set([state.values["investigationId"] ?? ""])),
                newInvestigationHref: SiteRoute.newInvestigation.path),
            status: status)
    }

    func act(
        _ request: Request, _ context: SafeholdContext, _ id: UUID,
        _ change: (FormData, inout PoliceFormReader, AuditContext) async throws -> Void
    ) async throws -> Response {
        _ = try context.requireIdentity()
        let form = try await FormData.read(request, context: context)
        let audit = try context.audit()
        var reader = PoliceFormReader(form: form, store: store, audit: audit)
        do {
            try await change(form, &reader, audit)
            return .redirect(to: SiteRoute.operation(id).path, type: .normal)
        } catch SafeholdError.invalid(let errors) {
            return try await show(context, id, form: form, errors: errors, status: .unprocessableContent)
        }
    }
}
