import Foundation
import Hummingbird
import SafeholdCore
import SafeholdStore

/// `/api/v1` for allegations against people who work with children: the same store calls, rules, access
/// and audit as the LADO's pages. Text fields are optional here so that a missing one is refused by Core,
/// naming it.
struct AllegationAPIController {
    let store: Store

    struct NewBody: Decodable {
        let subjectId: String?, subjectGivenName: String?, subjectFamilyName: String?, subjectDateOfBirth: String?
        let subjectUserId: String?, source: String?, referrerName: String?, referrerOrganisation: String?
        let employerName: String?, sector: String?, role: String?, criteria: [String]?, summary: String?
        let receivedAt: Date?, childIds: [String]?
    }
    struct ConsiderationBody: Decodable { let decision: String?, reasons: String?, on: String?, version: Int }
    struct MeetingBody: Decodable {
        let kind: String?, on: String?, attendees: [Attendee]?, notes: String?
        let version: Int
    }
    struct ActionBody: Decodable { let owner: String?, what: String?, dueOn: String?, version: Int }
    struct DoneBody: Decodable { let actionId: String?, doneOn: String?, version: Int }
    struct EmploymentBody: Decodable { let status: String?, from: String?, note: String?, version: Int }
    struct OutcomeBody: Decodable {
        let outcome: String?, on: String?, notes: String?, dbsReferredOn: String?, regulatorReferredOn: String?
        let regulatorName: String?, referralNote: String?
        let version: Int
    }
    struct ChildBody: Decodable { let childId: String?, version: Int }
    struct ContactBody: Decodable { let childId: String?, concern: String?, version: Int }
    struct GrantBody: Decodable { let userId: String?, reason: String?, version: Int }

    func register(signedIn group: RouterGroup<SafeholdContext>) {
        group.get(SiteRoute.API.ladoHome) { _, context in
            try APIResponse.json(LADOHomeDTO(try await self.store.ladoHome(context: try context.audit())))
        }
        group.get(SiteRoute.API.ladoFigures) { request, context in
            let year = try AllegationController.year(request.uri.queryParameters.get("year"), today: self.store.today)
            let figures = try await self.store.allegationFigures(year: year, context: try context.audit())
            return try APIResponse.json(AllegationFiguresDTO(figures))
        }
        group.get(SiteRoute.API.allegations) { _, context in
            let items = try await self.store.allegations(context: try context.audit())
            return try APIResponse.json(["allegations": items.map(AllegationDTO.init)])
        }
        group.post(SiteRoute.API.allegations) { request, context in
            let b = try await StrictJSON.decode(NewBody.self, from: request)
            let draft = try AllegationDraft.validated(
                subjectId: b.subjectId, subjectGivenName: b.subjectGivenName, subjectFamilyName: b.subjectFamilyName,
                subjectDateOfBirth: b.subjectDateOfBirth, subjectUserId: b.subjectUserId, source: b.source,
                referrerName: b.referrerName, referrerOrganisation: b.referrerOrganisation,
                employerName: b.employerName,
                sector: b.sector, role: b.role, criteria: b.criteria ?? [], summary: b.summary,
                receivedAt: b.receivedAt, childIds: b.childIds ?? [], now: self.store.clock.now(),
                today: self.store.today)
            let made = try await self.store.recordAllegation(draft, context: try context.audit())
            return try APIResponse.json(AllegationDTO(made), status: .created)
        }
        group.get(SiteRoute.API.allegation) { _, context, id in
            try APIResponse.json(AllegationDTO(try await self.store.allegation(id, context: try context.audit())))
        }
        registerSteps(on: group)
    }

    private func registerSteps(on group: RouterGroup<SafeholdContext>) {
        group.post(SiteRoute.API.allegationConsideration) { request, context, id in
            let b = try await StrictJSON.decode(ConsiderationBody.self, from: request)
            return try APIResponse.json(
                AllegationDTO(
                    try await self.store.recordConsideration(
                        id, decision: b.decision, reasons: b.reasons, on: b.on, expectedVersion: b.version,
                        context: try context.audit())))
        }
        group.post(SiteRoute.API.allegationMeeting) { request, context, id in
            let b = try await StrictJSON.decode(MeetingBody.self, from: request)
            return try APIResponse.json(
                AllegationDTO(
                    try await self.store.recordAllegationMeeting(
                        id, kind: b.kind, on: b.on, attendees: b.attendees ?? [], notes: b.notes,
                        expectedVersion: b.version, context: try context.audit())))
        }
        group.post(SiteRoute.API.allegationActions) { request, context, id in
            let b = try await StrictJSON.decode(ActionBody.self, from: request)
            return try APIResponse.json(
                AllegationDTO(
                    try await self.store.addAllegationAction(
                        id, owner: b.owner, what: b.what, dueOn: b.dueOn, expectedVersion: b.version,
                        context: try context.audit())), status: .created)
        }
        group.post(SiteRoute.API.allegationActionDone) { request, context, id in
            let b = try await StrictJSON.decode(DoneBody.self, from: request)
            return try APIResponse.json(
                AllegationDTO(
                    try await self.store.completeAllegationAction(
                        id, actionId: b.actionId, doneOn: b.doneOn, expectedVersion: b.version,
                        context: try context.audit())))
        }
        group.post(SiteRoute.API.allegationEmployment) { request, context, id in
            let b = try await StrictJSON.decode(EmploymentBody.self, from: request)
            return try APIResponse.json(
                AllegationDTO(
                    try await self.store.recordEmployment(
                        id, status: b.status, from: b.from, note: b.note, expectedVersion: b.version,
                        context: try context.audit())))
        }
        group.post(SiteRoute.API.allegationOutcome) { request, context, id in
            let b = try await StrictJSON.decode(OutcomeBody.self, from: request)
            let input = Allegation.OutcomeInput(
                outcome: b.outcome, on: b.on, notes: b.notes, dbsReferredOn: b.dbsReferredOn,
                regulatorReferredOn: b.regulatorReferredOn, regulatorName: b.regulatorName, referralNote: b.referralNote
            )
            return try APIResponse.json(
                AllegationDTO(
                    try await self.store.recordAllegationOutcome(
                        id, input, expectedVersion: b.version, context: try context.audit())))
        }
        group.post(SiteRoute.API.allegationChildren) { request, context, id in
            let b = try await StrictJSON.decode(ChildBody.self, from: request)
            return try APIResponse.json(
                AllegationDTO(
                    try await self.store.linkAllegationChild(
                        id, childId: b.childId, expectedVersion: b.version, context: try context.audit())))
        }
        group.post(SiteRoute.API.allegationContacts) { request, context, id in
            let b = try await StrictJSON.decode(ContactBody.self, from: request)
            let raised = try await self.store.raiseContactFromAllegation(
                id, childId: b.childId, concern: b.concern, expectedVersion: b.version, context: try context.audit())
            return try APIResponse.json(AllegationDTO(raised.allegation), status: .created)
        }
        group.post(SiteRoute.API.allegationGrants) { request, context, id in
            let b = try await StrictJSON.decode(GrantBody.self, from: request)
            return try APIResponse.json(
                AllegationDTO(
                    try await self.store.grantSubjectAccess(
                        id, userId: b.userId, reason: b.reason, expectedVersion: b.version,
                        context: try context.audit())), status: .created)
        }
    }
}
