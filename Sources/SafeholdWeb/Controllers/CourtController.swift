import Foundation
import Hummingbird
import SafeholdCore
import SafeholdStore

/// The child's "Court" section and the care proceedings page, with their forms. Every form is read
/// into the same Core form the API decodes, so both refuse the same input with the same field errors.
struct CourtController {
    let store: Store
    let renderer: PageRenderer

    func register(on group: RouterGroup<SafeholdContext>) {
        group.get(SiteRoute.court) { _, context, id in try await self.courtPage(id, context, refused: nil) }
        group.get(SiteRoute.careProceedings) { _, context, id in
            try await self.proceedingsPage(id, context, refused: nil)
        }
        registerOrders(group)
        registerProceedings(group)
    }

    private func registerOrders(_ group: RouterGroup<SafeholdContext>) {
        group.post(SiteRoute.courtOrders) { request, context, id in
            let f = try await FormData.read(request, context: context)
            return try await self.orRefused("order", f, on: .court(id), context) {
                let order = try await self.store.applyForOrder(
                    id,
                    CourtOrderForm(
                        kind: f["kind"], appliedOn: f["appliedOn"], court: f["court"], applicant: f["applicant"],
                        policeProtectionId: f["policeProtectionId"], proceedingsId: f["proceedingsId"],
                        outcome: f["outcome"], outcomeOn: f["outcomeOn"], startsOn: f["startsOn"],
                        expiresOn: f["expiresOn"]), context: try context.audit())
                return Self.toCourt(order.childId)
            }
        }
        group.post(SiteRoute.courtOrderDecision) { request, context, id in
            let f = try await FormData.read(request, context: context)
            let order = try await self.store.decideOrder(
                id,
                CourtDecisionForm(
                    outcome: f["outcome"], outcomeOn: f["outcomeOn"], startsOn: f["startsOn"], expiresOn: f["expiresOn"]
                ),
                expectedVersion: Self.version(f), context: try context.audit())
            return Self.toCourt(order.childId)
        }
        group.post(SiteRoute.courtOrderExtensions) { request, context, id in
            let f = try await FormData.read(request, context: context)
            let order = try await self.store.extendOrder(
                id,
                CourtOrderExtensionForm(
                    extendedOn: f["extendedOn"], newExpiresOn: f["newExpiresOn"], reason: f["reason"]),
                expectedVersion: Self.version(f), context: try context.audit())
            return Self.toCourt(order.childId)
        }
        group.post(SiteRoute.courtOrderEnd) { request, context, id in
            let f = try await FormData.read(request, context: context)
            let order = try await self.store.endOrder(
                id, CourtOrderEndForm(endedOn: f["endedOn"], reason: f["reason"], note: f["note"]),
                expectedVersion: Self.version(f), context: try context.audit())
            return Self.toCourt(order.childId)
        }
        group.post(SiteRoute.personPreProceedings) { request, context, id in
            let f = try await FormData.read(request, context: context)
            return try await self.orRefused("stage", f, on: .court(id), context) {
                let stage = try await self.store.startPreProceedings(id, Self.stage(f), context: try context.audit())
                return Self.toCourt(stage.childId)
            }
        }
        group.post(SiteRoute.preProceedings) { request, context, id in
            let f = try await FormData.read(request, context: context)
            let stage = try await self.store.updatePreProceedings(
                id, Self.stage(f), expectedVersion: Self.version(f), context: try context.audit())
            return Self.toCourt(stage.childId)
        }
    }

    private func registerProceedings(_ group: RouterGroup<SafeholdContext>) {
        group.post(SiteRoute.personCareProceedings) { request, context, id in
            let f = try await FormData.read(request, context: context)
            return try await self.orRefused("proceedings", f, on: .court(id), context) {
                let p = try await self.store.issueProceedings(
                    id, ProceedingsForm(issuedOn: f["issuedOn"], court: f["court"], caseNumber: f["caseNumber"]),
                    context: try context.audit())
                return Self.toProceedings(p.id)
            }
        }
        group.post(SiteRoute.proceedingsHearings) { request, context, id in
            let f = try await FormData.read(request, context: context)
            return try await self.orRefused("hearing", f, on: .proceedings(id), context) {
                _ = try await self.store.addHearing(
                    to: id,
                    HearingForm(
                        kind: f["kind"], heldOn: f["heldOn"], outcome: f["outcome"], ordersMade: f["ordersMade"]),
                    expectedVersion: Self.version(f), context: try context.audit())
                return Self.toProceedings(id)
            }
        }
        group.post(SiteRoute.hearingOutcome) { request, context, id, hearing in
            let f = try await FormData.read(request, context: context)
            _ = try await self.store.recordHearingOutcome(
                hearing, of: id, HearingOutcomeForm(outcome: f["outcome"], ordersMade: f["ordersMade"]),
                expectedVersion: Self.version(f), context: try context.audit())
            return Self.toProceedings(id)
        }
        group.post(SiteRoute.proceedingsExtensions) { request, context, id in
            let f = try await FormData.read(request, context: context)
            let weeks = f["weeks"].map { $0.trimmingCharacters(in: .whitespaces) }.flatMap { $0.isEmpty ? nil : $0 }
            return try await self.orRefused("extension", f, on: .proceedings(id), context) {
                _ = try await self.store.extendProceedings(
                    id,
                    TimetableExtensionForm(
                        grantedOn: f["grantedOn"], weeks: weeks.map { $0.count <= 3 ? Int($0) ?? -1 : -1 },
                        reason: f["reason"]),
                    expectedVersion: Self.version(f), context: try context.audit())
                return Self.toProceedings(id)
            }
        }
        group.post(SiteRoute.proceedingsParties) { request, context, id in
            let f = try await FormData.read(request, context: context)
            return try await self.orRefused("party", f, on: .proceedings(id), context) {
                _ = try await self.store.addParty(
                    to: id,
                    PartyForm(
                        role: f["role"], name: f["name"], guardian: f["guardian"], solicitor: f["solicitor"],
                        firm: f["firm"]),
                    expectedVersion: Self.version(f), context: try context.audit())
                return Self.toProceedings(id)
            }
        }
        group.post(SiteRoute.proceedingsConclusion) { request, context, id in
            let f = try await FormData.read(request, context: context)
            _ = try await self.store.concludeProceedings(
                id, ConclusionForm(concludedOn: f["concludedOn"], conclusion: f["conclusion"]),
                expectedVersion: Self.version(f), context: try context.audit())
            return Self.toProceedings(id)
        }
    }

    /// The child's court page, a refused form shown again with what was sent and why (422).
    func courtPage(_ id: UUID, _ context: SafeholdContext, refused: RefusedForm?) async throws -> Response {
        let identity = try context.requireIdentity()
        let record = try await store.courtRecord(of: id, context: try context.audit())
        return renderer.page(
            CourtPage(
                record, chrome: Chrome(title: "Court: \(record.child.displayName)", identity: identity), store: store,
                refused: refused),
            status: refused == nil ? .ok : .unprocessableContent)
    }

    /// The care proceedings page, a refused form shown again with what was sent and why (422).
    func proceedingsPage(_ id: UUID, _ context: SafeholdContext, refused: RefusedForm?) async throws -> Response {
        let identity = try context.requireIdentity()
        let record = try await store.careProceedings(id, context: try context.audit())
        return renderer.page(
            ProceedingsPage(
                record,
                chrome: Chrome(
                    title: "Care proceedings \(record.proceedings.caseNumber): \(record.child.displayName)",
                    identity: identity), store: store, refused: refused),
            status: refused == nil ? .ok : .unprocessableContent)
    }

    /// Runs `body`; when the store refuses the form's input (`invalid`), the page the form is on comes back
    /// with the form as sent and its field errors. The page is read afresh through the store, so a caller who
    /// may not see the record gets the store's refusal, never the form.
    func orRefused(
        _ name: String, _ form: FormData, on page: FormPage, _ context: SafeholdContext,
        _ body: () async throws -> Response
    ) async throws -> Response {
        do {
            return try await body()
        } catch SafeholdError.invalid(let errors) {
            let refused = RefusedForm(name: name, form: form, errors: errors)
            switch page {
            case .court(let child): return try await courtPage(child, context, refused: refused)
            case .proceedings(let id): return try await proceedingsPage(id, context, refused: refused)
            }
        }
    }

    /// The page a form is on: the child's court page or one set of care proceedings.
    enum FormPage { case court(UUID), proceedings(UUID) }

    /// The version a form sends back; anything unreadable is 0, which Core refuses naming the field.
    static func version(_ form: FormData) -> Int {
        form["version"].flatMap { $0.count <= 10 ? Int($0) : nil } ?? 0
    }

    static func stage(_ f: FormData) -> PreProceedingsForm {
        PreProceedingsForm(
            letterSentOn: f["letterSentOn"], meetingOn: f["meetingOn"], attendees: f["attendees"],
            outcome: f["outcome"],
            outcomeOn: f["outcomeOn"])
    }

    static func toCourt(_ child: UUID) -> Response { .redirect(to: SiteRoute.court(child).path, type: .normal) }

    static func toProceedings(_ id: UUID) -> Response {
        .redirect(to: SiteRoute.careProceedings(id).path, type: .normal)
    }
}
