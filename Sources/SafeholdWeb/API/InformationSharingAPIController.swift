import Foundation
import Hummingbird
import SafeholdCore
import SafeholdStore

/// `/api/v1` for the information-sharing record: the same store calls, rules and audit as the pages.
struct InformationSharingAPIController {
    let store: Store

    func register(signedIn group: RouterGroup<SafeholdContext>) {
        group.get(SiteRoute.API.lawfulBases) { _, _ in
            try APIResponse.json([
                "lawfulBases": try await self.store.lawfulBases(includeRetired: true).map(BasisDTO.init)
            ])
        }
        group.get(SiteRoute.API.disclosures) { _, context, id in
            let record = try await self.store.sharingRecord(of: id, context: try context.audit())
            return try APIResponse.json(
                ChildRecordDTO(
                    child: record.child, disclosures: record.disclosures.map(DisclosureDTO.init),
                    requests: record.requests.map(RequestDTO.init)))
        }
        group.post(SiteRoute.API.disclosures) { request, context, id in
            let body = try await StrictJSON.decode(DisclosureBody.self, from: request)
            let draft = try body.input.sharingDraft(today: self.store.today)
            let saved = try await self.store.recordDisclosure(about: id, draft, context: try context.audit())
            return try APIResponse.json(DisclosureDTO(saved), status: .created)
        }
        group.get(SiteRoute.API.sharingRegister) { request, context in
            let query = FormData(request.uri.query ?? "")
            let filter = try SharingRegisterFilter.parse(
                from: query["from"], to: query["to"], agencyId: query["agencyId"], decision: query["decision"],
                lawfulBasis: query["lawfulBasis"])
            let register = try await self.store.sharingRegister(filter, context: try context.audit())
            return try APIResponse.json(
                RegisterDTO(
                    disclosures: register.disclosures.map(DisclosureDTO.init),
                    requests: register.requests.map(RequestDTO.init)))
        }
        group.get(SiteRoute.API.sharedWithUs) { _, context in
            let shared = try await self.store.sharedWithUs(context: try context.audit())
            return try APIResponse.json(
                SharedDTO(
                    disclosures: shared.disclosures.map(SharedItemDTO.init),
                    requests: shared.requests.map(RequestDTO.init)))
        }
        group.post(SiteRoute.API.informationRequests) { request, context in
            let identity = try context.requireIdentity()
            let body = try await StrictJSON.decode(RequestBody.self, from: request)
            let draft = try body.input.requestDraft(raisedBy: identity.actor, today: self.store.today)
            let saved = try await self.store.raiseInformationRequest(draft, context: try context.audit())
            return try APIResponse.json(RequestDTO(saved), status: .created)
        }
        group.get(SiteRoute.API.informationRequest) { _, context, id in
            let answered = try await self.store.informationRequest(id, context: try context.audit())
            return try APIResponse.json(AnsweredDTO(answered))
        }
        group.post(SiteRoute.API.informationResponse) { request, context, id in
            let body = try await StrictJSON.decode(ResponseBody.self, from: request)
            let input = SharingInput(
                [
                    "outcome": body.outcome, "outcomeReason": body.outcomeReason,
                    "version": body.version.map(String.init),
                ])
            var errors: [FieldError] = []
            var response: InformationResponse?
            var draft: SharingDraft?
            do { response = try input.response() } catch SafeholdError.invalid(let e) { errors += e }
            do {
                draft = try (body.disclosure ?? DisclosureBody()).input.sharingDraft(
                    today: self.store.today, agencyRequired: false)
            } catch SafeholdError.invalid(let e) { errors += e }
            guard let response, let draft, errors.isEmpty else { throw SafeholdError.invalid(errors) }
            let answered = try await self.store.answerInformationRequest(
                id, response, disclosure: draft, context: try context.audit())
            return try APIResponse.json(AnsweredDTO(answered))
        }
    }
}
