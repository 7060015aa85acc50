import Foundation
import Hummingbird
import SafeholdCore
import SafeholdStore

/// `/api/v1` for court orders, pre-proceedings and care proceedings: the same store calls, rules,
/// access and audit as the pages. Fields are optional text so that a missing one is refused by Core,
/// naming it, exactly as the forms are.
struct CourtAPIController {
    let store: Store

    struct DecisionBody: Decodable {
        let outcome: String?, outcomeOn: String?, startsOn: String?, expiresOn: String?
        let version: Int
    }
    struct ExtensionBody: Decodable { let extendedOn: String?, newExpiresOn: String?, reason: String?, version: Int }
    struct EndBody: Decodable { let endedOn: String?, reason: String?, note: String?, version: Int }
    struct PreProceedingsBody: Decodable {
        let letterSentOn: String?, meetingOn: String?, attendees: String?, outcome: String?, outcomeOn: String?
        let version: Int?
    }
    struct HearingBody: Decodable {
        let kind: String?, heldOn: String?, outcome: String?, ordersMade: String?
        let version: Int
    }
    struct OutcomeBody: Decodable { let outcome: String?, ordersMade: String?, version: Int }
    struct TimetableBody: Decodable { let grantedOn: String?, weeks: Int?, reason: String?, version: Int }
    struct PartyBody: Decodable {
        let role: String?, name: String?, guardian: String?, solicitor: String?, firm: String?
        let version: Int
    }
    struct ConclusionBody: Decodable { let concludedOn: String?, conclusion: String?, version: Int }

    func register(signedIn group: RouterGroup<SafeholdContext>) {
        registerOrders(group)
        registerProceedings(group)
    }

    private func registerOrders(_ group: RouterGroup<SafeholdContext>) {
        group.get(SiteRoute.API.court) { _, context, id in
            let record = try await self.store.courtRecord(of: id, context: try context.audit())
            return try APIResponse.json(CourtRecordDTO(record, store: self.store))
        }
        group.post(SiteRoute.API.courtOrders) { request, context, id in
            let form = try await StrictJSON.decode(CourtOrderForm.self, from: request)
            let order = try await self.store.applyForOrder(id, form, context: try context.audit())
            return try APIResponse.json(CourtOrderDTO(order, store: self.store), status: .created)
        }
        group.get(SiteRoute.API.courtOrder) { _, context, id in
            let order = try await self.store.courtOrder(id, context: try context.audit())
            return try APIResponse.json(CourtOrderDTO(order, store: self.store))
        }
        group.post(SiteRoute.API.courtOrderDecision) { request, context, id in
            let b = try await StrictJSON.decode(DecisionBody.self, from: request)
            let order = try await self.store.decideOrder(
                id,
                CourtDecisionForm(
                    outcome: b.outcome, outcomeOn: b.outcomeOn, startsOn: b.startsOn, expiresOn: b.expiresOn),
                expectedVersion: b.version, context: try context.audit())
            return try APIResponse.json(CourtOrderDTO(order, store: self.store))
        }
        group.post(SiteRoute.API.courtOrderExtensions) { request, context, id in
            let b = try await StrictJSON.decode(ExtensionBody.self, from: request)
            let order = try await self.store.extendOrder(
                id, CourtOrderExtensionForm(extendedOn: b.extendedOn, newExpiresOn: b.newExpiresOn, reason: b.reason),
                expectedVersion: b.version, context: try context.audit())
            return try APIResponse.json(CourtOrderDTO(order, store: self.store))
        }
        group.post(SiteRoute.API.courtOrderEnd) { request, context, id in
            let b = try await StrictJSON.decode(EndBody.self, from: request)
            let order = try await self.store.endOrder(
                id, CourtOrderEndForm(endedOn: b.endedOn, reason: b.reason, note: b.note),
                expectedVersion: b.version, context: try context.audit())
            return try APIResponse.json(CourtOrderDTO(order, store: self.store))
        }
        group.post(SiteRoute.API.personPreProceedings) { request, context, id in
            let form = try await StrictJSON.decode(PreProceedingsForm.self, from: request)
            let stage = try await self.store.startPreProceedings(id, form, context: try context.audit())
            return try APIResponse.json(stage, status: .created)
        }
        group.post(SiteRoute.API.preProceedings) { request, context, id in
            let b = try await StrictJSON.decode(PreProceedingsBody.self, from: request)
            let stage = try await self.store.updatePreProceedings(
                id,
                PreProceedingsForm(
                    letterSentOn: b.letterSentOn, meetingOn: b.meetingOn, attendees: b.attendees, outcome: b.outcome,
                    outcomeOn: b.outcomeOn),
                expectedVersion: b.version ?? 0, context: try context.audit())
            return try APIResponse.json(stage)
        }
    }

    private func registerProceedings(_ group: RouterGroup<SafeholdContext>) {
        group.post(SiteRoute.API.personCareProceedings) { request, context, id in
            let form = try await StrictJSON.decode(ProceedingsForm.self, from: request)
            let proceedings = try await self.store.issueProceedings(id, form, context: try context.audit())
            return try APIResponse.json(ProceedingsDTO(proceedings, store: self.store), status: .created)
        }
        group.get(SiteRoute.API.careProceedings) { _, context, id in
            let record = try await self.store.careProceedings(id, context: try context.audit())
            return try APIResponse.json(ProceedingsDTO(record, store: self.store))
        }
        group.post(SiteRoute.API.proceedingsHearings) { request, context, id in
            let b = try await StrictJSON.decode(HearingBody.self, from: request)
            let p = try await self.store.addHearing(
                to: id, HearingForm(kind: b.kind, heldOn: b.heldOn, outcome: b.outcome, ordersMade: b.ordersMade),
                expectedVersion: b.version, context: try context.audit())
            return try APIResponse.json(ProceedingsDTO(p, store: self.store), status: .created)
        }
        group.post(SiteRoute.API.hearingOutcome) { request, context, id, hearing in
            let b = try await StrictJSON.decode(OutcomeBody.self, from: request)
            let p = try await self.store.recordHearingOutcome(
                hearing, of: id, HearingOutcomeForm(outcome: b.outcome, ordersMade: b.ordersMade),
                expectedVersion: b.version, context: try context.audit())
            return try APIResponse.json(ProceedingsDTO(p, store: self.store))
        }
        group.post(SiteRoute.API.proceedingsExtensions) { request, context, id in
            let b = try await StrictJSON.decode(TimetableBody.self, from: request)
            let p = try await self.store.extendProceedings(
                id, TimetableExtensionForm(grantedOn: b.grantedOn, weeks: b.weeks, reason: b.reason),
                expectedVersion: b.version, context: try context.audit())
            return try APIResponse.json(ProceedingsDTO(p, store: self.store), status: .created)
        }
        group.post(SiteRoute.API.proceedingsParties) { request, context, id in
            let b = try await StrictJSON.decode(PartyBody.self, from: request)
            let p = try await self.store.addParty(
                to: id,
                PartyForm(role: b.role, name: b.name, guardian: b.guardian, solicitor: b.solicitor, firm: b.firm),
                expectedVersion: b.version, context: try context.audit())
            return try APIResponse.json(ProceedingsDTO(p, store: self.store), status: .created)
        }
        group.post(SiteRoute.API.proceedingsConclusion) { request, context, id in
            let b = try await StrictJSON.decode(ConclusionBody.self, from: request)
            let p = try await self.store.concludeProceedings(
                id, ConclusionForm(concludedOn: b.concludedOn, conclusion: b.conclusion),
                expectedVersion: b.version, context: try context.audit())
            return try APIResponse.json(ProceedingsDTO(p, store: self.store))
        }
    }
}
