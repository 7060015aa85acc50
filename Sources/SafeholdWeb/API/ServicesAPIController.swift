import Foundation
import Hummingbird
import SafeholdCore
import SafeholdStore

/// `/api/v1` for referrals to services and escalations of professional disagreement: the same store
/// calls, rules, access and audit as the pages. Text fields are optional here so that a missing one is
/// refused by Core, naming it.
struct ServicesAPIController {
    let store: Store

    struct ReferralBody: Decodable { let serviceType: String?, provider: String?, request: String?, sentOn: String? }
    struct StatusBody: Decodable {
        let status: String?, on: String?, reason: String?, outcome: String?
        let version: Int
    }
    struct EscalationBody: Decodable {
        let decision: String?, linkedRecordId: String?, disagreement: String?, desiredOutcome: String?
    }
    struct ResponseBody: Decodable { let response: String?, version: Int }
    struct EscalateBody: Decodable {
        let stage: Int?, reason: String?, response: String?
        let version: Int
    }
    struct ResolveBody: Decodable { let outcome: String?, note: String?, version: Int }

    func register(signedIn group: RouterGroup<SafeholdContext>) {
        group.get(SiteRoute.API.serviceTypes) { _, _ in
            try APIResponse.json(["serviceTypes": try await self.store.serviceTypes()])
        }
        group.get(SiteRoute.API.escalationStages) { _, _ in
            try APIResponse.json(["stages": try await self.store.escalationStages()])
        }
        group.get(SiteRoute.API.episodeServiceReferrals) { _, context, id in
            let referrals = try await self.store.serviceReferrals(episode: id, context: try context.audit())
            return try APIResponse.json(["serviceReferrals": referrals.map { ReferralDTO($0, self.store) }])
        }
        group.post(SiteRoute.API.episodeServiceReferrals) { request, context, id in
            let body = try await StrictJSON.decode(ReferralBody.self, from: request)
            let referral = try await self.store.referToService(
                episode: id, serviceType: body.serviceType, provider: body.provider, request: body.request,
                sentOn: body.sentOn, context: try context.audit())
            return try APIResponse.json(ReferralDTO(referral, self.store), status: .created)
        }
        group.post(SiteRoute.API.serviceReferralStatus) { request, context, id in
            let body = try await StrictJSON.decode(StatusBody.self, from: request)
            let referral = try await self.store.updateServiceReferral(
                id, status: body.status, on: body.on, reason: body.reason, outcome: body.outcome,
                expectedVersion: body.version, context: try context.audit())
            return try APIResponse.json(ReferralDTO(referral, self.store))
        }
        group.post(SiteRoute.API.personEscalations) { request, context, id in
            let body = try await StrictJSON.decode(EscalationBody.self, from: request)
            let escalation = try await self.store.raiseEscalation(
                about: id, decision: body.decision, linkedRecordId: body.linkedRecordId,
                disagreement: body.disagreement, desiredOutcome: body.desiredOutcome, context: try context.audit())
            return try APIResponse.json(EscalationDTO(escalation, self.store), status: .created)
        }
        group.get(SiteRoute.API.escalations) { _, context in
            let items = try await self.store.escalations(context: try context.audit())
            return try APIResponse.json(["escalations": items.map { EscalationDTO($0, self.store) }])
        }
        group.get(SiteRoute.API.escalation) { _, context, id in
            let view = try await self.store.escalation(id, context: try context.audit())
            return try APIResponse.json(EscalationDTO(view.escalation, self.store, standing: view.standing))
        }
        group.post(SiteRoute.API.escalationResponse) { request, context, id in
            let body = try await StrictJSON.decode(ResponseBody.self, from: request)
            let escalation = try await self.store.respondToEscalation(
                id, response: body.response, expectedVersion: body.version, context: try context.audit())
            return try APIResponse.json(EscalationDTO(escalation, self.store))
        }
        group.post(SiteRoute.API.escalationEscalate) { request, context, id in
            let body = try await StrictJSON.decode(EscalateBody.self, from: request)
            let escalation = try await self.store.escalate(
                id, toStage: body.stage.map(String.init), reason: body.reason, response: body.response,
                expectedVersion: body.version, context: try context.audit())
            return try APIResponse.json(EscalationDTO(escalation, self.store))
        }
        group.post(SiteRoute.API.escalationResolve) { request, context, id in
            let body = try await StrictJSON.decode(ResolveBody.self, from: request)
            let escalation = try await self.store.resolveEscalation(
                id, outcome: body.outcome, note: body.note, expectedVersion: body.version,
                context: try context.audit())
            return try APIResponse.json(EscalationDTO(escalation, self.store))
        }
    }
}
