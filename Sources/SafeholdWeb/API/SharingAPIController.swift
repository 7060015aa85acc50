import Foundation
import Hummingbird
import SafeholdCore
import SafeholdStore

/// `/api/v1` for information sharing: the same store calls, rules, rate limit and audit as the pages.
struct SharingAPIController {
    let store: Store
    let limit: LookupRateLimit

    /// A look-up: every field optional here so that a missing one is refused by Core, naming it.
    struct LookupBody: Decodable { let nhsNumber: String?, dateOfBirth: String?, setting: String? }
    struct LookedAfterBody: Decodable { let status: String?, startedOn: String? }
    struct EndBody: Decodable { let endedOn: String? }

    struct LookupAnswer: Encodable {
        let information: Bool
        let onProtectionPlan: Bool, lookedAfter: Bool, unbornOnPlan: Bool
        let since: String?, responsibleTeam: String?, dutyTelephone: String?
        let summary: String

        init(_ answer: PlanLookupAnswer) {
            summary = answer.summary
            guard case .known(let s) = answer else {
                (information, onProtectionPlan, lookedAfter, unbornOnPlan) = (false, false, false, false)
                (since, responsibleTeam, dutyTelephone) = (nil, nil, nil)
                return
            }
            (information, onProtectionPlan, lookedAfter, unbornOnPlan) =
                (true, s.onProtectionPlan, s.lookedAfter, s.unbornOnPlan)
            (since, responsibleTeam, dutyTelephone) = (s.since?.description, s.responsibleTeam, s.dutyTelephone)
        }
    }

    struct NotificationDTO: Encodable {
        let id: UUID, kind: String, personId: UUID?, text: String, createdAt: String, read: Bool
        init(_ n: UserNotification) {
            (id, kind, personId, text) = (n.id, n.kind.rawValue, n.personId, n.text)
            (createdAt, read) = (Timestamp.string(n.createdAt), n.readAt != nil)
        }
    }

    struct PeriodDTO: Encodable {
        let id: UUID, personId: UUID, status: String, startedOn: String, endedOn: String?
        init(_ p: LookedAfterPeriod) {
            (id, personId, status) = (p.id, p.personId, p.status.rawValue)
            (startedOn, endedOn) = (p.startedOn.description, p.endedOn?.description)
        }
    }

    func register(signedIn group: RouterGroup<SafeholdContext>) {
        group.post(SiteRoute.API.planLookups) { request, context in
            let identity = try context.requireIdentity()
            let body = try await StrictJSON.decode(LookupBody.self, from: request)
            let query = try PlanLookupRequest.validated(
                nhsNumber: body.nhsNumber, dateOfBirth: body.dateOfBirth, setting: body.setting,
                today: self.store.today)
            try await self.limit.admit(identity.user.id, now: self.store.clock.now())
            return try APIResponse.json(
                LookupAnswer(try await self.store.lookUpPlan(query, context: try context.audit())))
        }
        group.get(SiteRoute.API.notifications) { _, context in
            let items = try await self.store.notifications(context: try context.audit())
            return try APIResponse.json(["notifications": items.map(NotificationDTO.init)])
        }
        group.post(SiteRoute.API.notificationsRead) { _, context in
            let count = try await self.store.markNotificationsRead(context: try context.audit())
            return try APIResponse.json(["markedRead": count])
        }
        group.post(SiteRoute.API.lookedAfter) { request, context, id in
            let body = try await StrictJSON.decode(LookedAfterBody.self, from: request)
            let period = try await self.store.startLookedAfter(
                id, status: body.status, startedOn: body.startedOn, context: try context.audit())
            return try APIResponse.json(PeriodDTO(period), status: .created)
        }
        group.post(SiteRoute.API.endLookedAfter) { request, context, id in
            let body = try await StrictJSON.decode(EndBody.self, from: request)
            let period = try await self.store.endLookedAfter(id, endedOn: body.endedOn, context: try context.audit())
            return try APIResponse.json(PeriodDTO(period))
        }
    }
}
