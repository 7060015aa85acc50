import Foundation
import Hummingbird
import SafeholdCore
import SafeholdStore

/// Police protection (Children Act 1989 s46): recording a removal, the page with its 72-hour clock
/// (for the police team and the child's social care), who was told, and how it ended.
struct ProtectionController {
    let store: Store
    let renderer: PageRenderer

    func register(on group: RouterGroup<SafeholdContext>) {
        group.get(SiteRoute.newProtection) { request, context in
            // `child` prefills a local id (from the child's page); `q` searches by name for a child to pick.
            let query = FormData(request.uri.query ?? "")
            var fields: [String] = []
            if let child = query["child"] { fields.append("childLocalId=" + Link.percentEncoded(child)) }
            if let q = query["q"] { fields.append("q=" + Link.percentEncoded(q)) }
            return try await self.newForm(
                context, form: fields.isEmpty ? nil : FormData(fields.joined(separator: "&")), errors: [])
        }
        group.post(SiteRoute.newProtection) { request, context in try await self.create(request, context) }
        group.get(SiteRoute.protection) { _, context, id in try await self.show(context, id, form: nil, errors: []) }
        group.post(SiteRoute.endProtection) { request, context, id in try await self.end(request, context, id) }
    }

    struct FormModel: Page {
        static let template = Template.protectionForm
        let chrome: Chrome; let form: FormState; let officers: [Option]
        /// The name searched for, and the people found that the officer may pick as the child.
        let q: String; let searched: Bool; let candidates: [Candidate]; let hasCandidates: Bool
    }

    /// One person found by name: the officer picks them by id, without opening their record.
    struct Candidate {
        let id: String; let name: String; let detail: String; let checked: Bool
    }

    /// The people a name search finds (audited as a search), each one the officer may pick.
    func candidates(_ q: String, chosen: String?, context: SafeholdContext) async throws -> [Candidate] {
        let text = q.trimmingCharacters(in: .whitespaces)
        guard !text.isEmpty else { return [] }
        return try await store.search(PersonQuery(text: text, dateOfBirth: nil), context: try context.audit()).map {
            Candidate(
                id: $0.id.text, name: $0.displayName,
                detail: [$0.localId, $0.dateOfBirth.map { "born \($0.display)" }].compactMap { $0 }.joined(
                    separator: ", "),
                checked: chosen == $0.id.text)
        }
    }

    func newForm(
        _ context: SafeholdContext, form: FormData?, errors: [FieldError], status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let identity = try context.requireIdentity()
        guard identity.user.role == .police else {
            throw SafeholdError.forbidden("Only a police officer records police protection.")
        }
        let state = FormState(
            form, errors: errors, defaults: ["removedAt": store.ruleset.localTime(of: store.clock.now()).isoMinute])
        let q = state.values["q"] ?? ""
        let found = try await candidates(q, chosen: state.values["childId"], context: context)
        return renderer.page(
            FormModel(
                chrome: Chrome(title: "Record police protection", identity: identity), form: state,
                officers: PoliceViews.officers(
                    try await store.policeOfficerDirectory(context: try context.audit()),
                    selected: Set([state.values["designatedOfficerId"] ?? ""])),
                q: q, searched: !q.trimmingCharacters(in: .whitespaces).isEmpty, candidates: found,
                hasCandidates: !found.isEmpty),
            status: status)
    }

    func create(_ request: Request, _ context: SafeholdContext) async throws -> Response {
        _ = try context.requireIdentity()
        let form = try await FormData.read(request, context: context)
        let audit = try context.audit()
        do {
            var reader = PoliceFormReader(form: form, store: store, audit: audit)
            // A child picked from the name search is recorded by id (the store checks the officer may find
            // them and audits the protection against them); otherwise by the local id typed.
            let child: UUID?
            if (form["childId"] ?? "").isEmpty {
                child = try await reader.child("childLocalId")
            } else {
                child = reader.uuid("childId")
            }
            let draft = Self.draft(form, &reader)
            try reader.check()
            let protection = try await store.recordPoliceProtection(child: child!, draft!, context: audit)
            return .redirect(to: SiteRoute.protection(protection.id).path, type: .normal)
        } catch SafeholdError.invalid(let errors) {
            return try await newForm(context, form: form, errors: errors, status: .unprocessableContent)
        }
    }

    static func draft(_ form: FormData, _ reader: inout PoliceFormReader) -> PoliceProtectionDraft? {
        let removed = reader.instant("removedAt")
        let officer = reader.uuid("designatedOfficerId")
        let la = reader.instant("localAuthorityToldAt", required: false)
        let parents = reader.instant("parentsToldAt", required: false)
        let childTold = reader.instant("childToldAt", required: false)
        guard let removed, let officer else { return nil }
        return PoliceProtectionDraft(
            removedAt: removed, removedFrom: form["removedFrom"] ?? "", placeOfSafety: form["placeOfSafety"] ?? "",
            reason: form["reason"] ?? "", designatedOfficerId: officer, localAuthorityToldAt: la,
            parentsToldAt: parents,
            childToldAt: childTold, childToldHow: form["childToldHow"])
    }

    struct Model: Page {
        static let template = Template.protection
        let chrome: Chrome; let child: String; let childHref: String; let removed: String; let removedFrom: String
        let placeOfSafety: String; let reason: String; let laTold: String; let parentsTold: String
        let childTold: String; let clock: String; let state: String; let expires: String; let ended: String?
        let removedIso: String
        let canEnd: Bool; let endAction: String; let version: Int; let outcomes: [Option]; let form: FormState
    }

    func show(
        _ context: SafeholdContext, _ id: UUID, form: FormData?, errors: [FieldError],
        status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let identity = try context.requireIdentity()
        let line = try await store.policeProtection(id, context: try context.audit())
        let p = line.protection
        let ruleset = store.ruleset
        let state = FormState(form, errors: errors)
        func told(_ at: Date?) -> String { at.map(ruleset.display) ?? "Not yet" }
        return renderer.page(
            Model(
                chrome: Chrome(title: "Police protection", identity: identity), child: line.child.displayName,
                childHref: SiteRoute.person(p.childId).path, removed: ruleset.display(p.details.removedAt),
                removedFrom: p.details.removedFrom, placeOfSafety: p.details.placeOfSafety, reason: p.details.reason,
                laTold: told(p.details.localAuthorityToldAt), parentsTold: told(p.details.parentsToldAt),
                childTold: p.details.childToldAt.map {
                    "\(ruleset.display($0)): \(p.details.childToldHow ?? "")"
                } ?? "Not yet",
                clock: line.clock.label, state: line.clock.code, expires: ruleset.display(p.expiresAt),
                ended: p.ending.map { (e: PoliceProtectionEnding) -> String in
                    let court = e.court.map { ", \($0)" } ?? ""
                    let applied = e.applicationDate.map { ", applied \($0.display)" } ?? ""
                    return "\(e.outcome.label) at \(ruleset.display(e.endedAt))\(court)\(applied)"
                },
                removedIso: Timestamp.string(p.details.removedAt),
                canEnd: p.ending == nil && identity.user.role == .police && identity.user.teamId == p.teamId,
                endAction: SiteRoute.endProtection(id).path, version: p.version,
                outcomes: state.options("outcome", PoliceProtectionOutcome.self) { $0.label }, form: state),
            status: status)
    }

    func end(_ request: Request, _ context: SafeholdContext, _ id: UUID) async throws -> Response {
        _ = try context.requireIdentity()
        let form = try await FormData.read(request, context: context)
        let audit = try context.audit()
        do {
            var reader = PoliceFormReader(form: form, store: store, audit: audit)
            let ended = reader.instant("endedAt")
            let outcome = reader.choice("outcome", PoliceProtectionOutcome.self)
            let applied = reader.date("applicationDate", required: false)
            let version = reader.version()
            try reader.check()
            let court = form["court"]
            _ = try await store.endPoliceProtection(
                id, PoliceProtectionEnding(endedAt: ended!, outcome: outcome!, court: court, applicationDate: applied),
                expectedVersion: version, context: audit)
            return .redirect(to: SiteRoute.protection(id).path, type: .normal)
        } catch SafeholdError.invalid(let errors) {
            return try await show(context, id, form: form, errors: errors, status: .unprocessableContent)
        }
    }
}
