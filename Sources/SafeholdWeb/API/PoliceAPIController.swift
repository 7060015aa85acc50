import Foundation
import Hummingbird
import SafeholdCore
import SafeholdStore

/// `/api/v1` for the police side: the same store calls, police record rules and audit as the police
/// pages. Bodies are read strictly (`PoliceAPIBody`), answers are `PoliceAPIDTO`s.
struct PoliceAPIController {
    let store: Store

    func register(signedIn group: RouterGroup<SafeholdContext>) {
        registerDirectory(group)
        registerInvestigations(group)
        registerProtections(group)
        registerOperations(group)
    }

    private func registerDirectory(_ group: RouterGroup<SafeholdContext>) {
        group.get(SiteRoute.API.policeHome) { _, context in
            try APIResponse.json(PoliceAPIDTO.Home(try await self.store.policeHome(context: try context.audit())))
        }
        group.get(SiteRoute.API.policeTeams) { _, context in
            let teams = try await self.store.policeTeamDirectory(context: try context.audit())
            return try APIResponse.json(["teams": teams.map(PoliceAPIDTO.Team.init)])
        }
        group.get(SiteRoute.API.policeOfficers) { _, context in
            let officers = try await self.store.policeOfficerDirectory(context: try context.audit())
            let today = self.store.today
            return try APIResponse.json(["officers": officers.map { PoliceAPIDTO.Officer($0, today: today) }])
        }
        group.get(SiteRoute.API.offences) { _, context in
            _ = try context.requireIdentity()
            return try APIResponse.json(["offences": try await self.store.offenceCodes()])
        }
        group.get(SiteRoute.API.policePanel) { _, context, id in
            try APIResponse.json(
                PoliceAPIDTO.Panel(try await self.store.policePanel(of: id, context: try context.audit())))
        }
        group.post(SiteRoute.API.accreditations) { request, context in
            let body = try await StrictJSON.decode(PoliceAPIBody.AccreditationBody.self, from: request)
            let accreditation = try await self.store.addAccreditation(
                user: body.userId, kind: body.kind ?? .abeInterviewing, validFrom: body.validFrom,
                expiresOn: body.expiresOn, context: try context.audit())
            return try APIResponse.json(PoliceAPIDTO.AccreditationDTO(accreditation), status: .created)
        }
    }

    private func registerInvestigations(_ group: RouterGroup<SafeholdContext>) {
        group.post(SiteRoute.API.investigations) { request, context in
            let body = try await StrictJSON.decode(PoliceAPIBody.Investigation.self, from: request)
            let investigation = try await self.store.openInvestigation(body.draft, context: try context.audit())
            return try APIResponse.json(PoliceAPIDTO.Investigation(investigation, view: .full), status: .created)
        }
        group.get(SiteRoute.API.investigation) { _, context, id in
            let file = try await self.store.investigationFile(id, context: try context.audit())
            return try APIResponse.json(PoliceAPIDTO.File(file, now: self.store.clock.now()))
        }
        group.put(SiteRoute.API.investigation) { request, context, id in
            let body = try await StrictJSON.decode(PoliceAPIBody.InvestigationUpdate.self, from: request)
            let investigation = try await self.store.updateInvestigation(
                id, body.draft, expectedVersion: body.expectedVersion, context: try context.audit())
            return try APIResponse.json(PoliceAPIDTO.Investigation(investigation, view: .full))
        }
        group.post(SiteRoute.API.investigationStatus) { request, context, id in
            let body = try await StrictJSON.decode(PoliceAPIBody.Status.self, from: request)
            let investigation = try await self.store.changeStatus(
                id, StatusChangeDraft(status: body.status, reason: body.reason, expectedVersion: body.expectedVersion),
                context: try context.audit())
            return try APIResponse.json(PoliceAPIDTO.Investigation(investigation, view: .full))
        }
        group.post(SiteRoute.API.investigationDisclosures) { request, context, id in
            let body = try await StrictJSON.decode(PoliceAPIBody.Disclosure.self, from: request)
            let shared = try await self.store.shareWithSocialCare(
                id,
                DisclosureDraft(field: body.field, text: body.text, lawfulBasis: body.lawfulBasis, reason: body.reason),
                context: try context.audit())
            return try APIResponse.json(PoliceAPIDTO.Disclosure(shared), status: .created)
        }
        group.post(SiteRoute.API.interviews) { request, context, id in
            let body = try await StrictJSON.decode(PoliceAPIBody.InterviewPlanBody.self, from: request)
            let interview = try await self.store.planInterview(
                body.plan, investigation: id, context: try context.audit())
            return try APIResponse.json(PoliceAPIDTO.Interview(interview, view: .full), status: .created)
        }
        group.post(SiteRoute.API.interviewRecord) { request, context, id, interview in
            let body = try await StrictJSON.decode(PoliceAPIBody.InterviewHeld.self, from: request)
            let held = try await self.store.recordInterview(
                interview, investigation: id, body.record, expectedVersion: body.expectedVersion,
                context: try context.audit())
            return try APIResponse.json(PoliceAPIDTO.Interview(held, view: .full))
        }
        group.post(SiteRoute.API.chargingDecisions) { request, context, id in
            let body = try await StrictJSON.decode(PoliceAPIBody.Charging.self, from: request)
            let recorded = try await self.store.recordChargingDecision(
                body.decision, investigation: id, expectedVersion: body.expectedVersion, context: try context.audit())
            return try APIResponse.json(PoliceAPIDTO.Decision(recorded), status: .created)
        }
    }

    private func registerProtections(_ group: RouterGroup<SafeholdContext>) {
        group.post(SiteRoute.API.policeProtections) { request, context in
            let body = try await StrictJSON.decode(PoliceAPIBody.Protection.self, from: request)
            let protection = try await self.store.recordPoliceProtection(
                child: try body.child(), body.draft, investigation: body.investigationId, context: try context.audit())
            return try APIResponse.json(self.dto(protection), status: .created)
        }
        group.get(SiteRoute.API.policeProtection) { _, context, id in
            try APIResponse.json(
                PoliceAPIDTO.Protection(try await self.store.policeProtection(id, context: try context.audit())))
        }
        group.put(SiteRoute.API.policeProtection) { request, context, id in
            let body = try await StrictJSON.decode(PoliceAPIBody.Protection.self, from: request)
            let protection = try await self.store.updatePoliceProtection(
                id, body.draft, expectedVersion: try body.version(), context: try context.audit())
            return try APIResponse.json(self.dto(protection))
        }
        group.post(SiteRoute.API.endPoliceProtection) { request, context, id in
            let body = try await StrictJSON.decode(PoliceAPIBody.ProtectionEnd.self, from: request)
            let protection = try await self.store.endPoliceProtection(
                id, body.ending, expectedVersion: body.expectedVersion, context: try context.audit())
            return try APIResponse.json(self.dto(protection))
        }
    }

    private func registerOperations(_ group: RouterGroup<SafeholdContext>) {
        group.post(SiteRoute.API.operations) { request, context in
            let body = try await StrictJSON.decode(PoliceAPIBody.Operation.self, from: request)
            let operation = try await self.store.createOperation(
                name: body.name, summary: body.summary, context: try context.audit())
            return try APIResponse.json(PoliceAPIDTO.Operation(operation), status: .created)
        }
        group.get(SiteRoute.API.operation) { _, context, id in
            try APIResponse.json(
                PoliceAPIDTO.OperationFile(try await self.store.operationFile(id, context: try context.audit())))
        }
        group.post(SiteRoute.API.operationEvidence) { request, context, id in
            let body = try await StrictJSON.decode(PoliceAPIBody.Evidence.self, from: request)
            try await self.store.addEvidence(body.item, operation: id, context: try context.audit())
            return try APIResponse.json(PoliceAPIDTO.Evidence(try body.item.validated()), status: .created)
        }
        group.post(SiteRoute.API.operationVictims) { request, context, id in
            let body = try await StrictJSON.decode(PoliceAPIBody.Victim.self, from: request)
            let contact = try await self.store.identifyVictim(
                body.childId, role: body.role, investigation: body.investigationId, operation: id,
                raiseContact: body.raiseContact, concern: body.concern ?? "", context: try context.audit())
            return try APIResponse.json(
                PoliceAPIDTO.IdentifiedVictim(
                    childId: body.childId, investigationId: body.investigationId, role: body.role, contactId: contact),
                status: .created)
        }
    }

    private func dto(_ protection: PoliceProtection) -> PoliceAPIDTO.Protection {
        PoliceAPIDTO.Protection(protection, clock: protection.clock(at: store.clock.now()))
    }
}
