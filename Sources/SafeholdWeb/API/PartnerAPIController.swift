import Foundation
import Hummingbird
import SafeholdCore
import SafeholdStore

/// `/api/v1` for partner agencies' concerns and requests for advice: the same store calls, rules and
/// audit as the pages.
struct PartnerAPIController {
    let store: Store

    struct DescribedBody: Decodable {
        let name: String?, dateOfBirth: String?, address: String?, school: String?
        let gp: String?
    }
    struct ConcernBody: Decodable {
        let childIds: [UUID]?, describedChildren: [DescribedBody]?, seenOrHeard: String?, childsWords: String?
        let actionTaken: String?, parentsAware: Bool?, parentsNotAwareReason: String?
    }
    struct IdentifyBody: Decodable { let childIds: [UUID], version: Int }
    struct AdviceBody: Decodable { let question: String?, childId: UUID?, childDescription: String? }
    struct AnswerBody: Decodable { let advice: String?, version: Int }

    struct ConcernDTO: Encodable {
        struct Child: Encodable {
            let personId: UUID?, name: String, dateOfBirth: String?, address: String?, school: String?, gp: String?
        }
        let id: UUID, raisedAt: String, raisedBy: String, agency: String, children: [Child], seenOrHeard: String
        let childsWords: String?, actionTaken: String?, parentsAware: Bool, parentsNotAwareReason: String?
        let status: String, decidedAt: String?, feedback: String?, feedbackOn: String?, contactId: UUID?
        let version: Int

        init(_ c: PartnerConcern, showContact: Bool) {
            (id, raisedAt, raisedBy, agency) = (c.id, Timestamp.string(c.raisedAt), c.raisedByName, c.agencyName)
            children = c.children.map {
                Child(
                    personId: $0.personId, name: $0.name, dateOfBirth: $0.described?.dateOfBirth?.description,
                    address: $0.described?.address, school: $0.described?.school, gp: $0.described?.gp)
            }
            (seenOrHeard, childsWords, actionTaken) = (c.seenOrHeard, c.childsWords, c.actionTaken)
            (parentsAware, parentsNotAwareReason) = (c.parentsAware, c.parentsNotAwareReason)
            (status, decidedAt) = (c.status.rawValue, c.decidedAt.map(Timestamp.string))
            (feedback, feedbackOn, version) = (c.feedback, c.feedbackOn?.description, c.version)
            // The contact is the front door's record: its id is not given to the partner who raised it.
            contactId = showContact ? c.contactId : nil
        }
    }

    struct AdviceDTO: Encodable {
        let id: UUID, askedAt: String, askedBy: String, agency: String, question: String, childId: UUID?
        let childName: String?, childDescription: String?, advice: String?, advisedAt: String?, advisedBy: String?
        let version: Int
        init(_ a: AdviceRequest) {
            (id, askedAt, askedBy, agency, question) =
                (a.id, Timestamp.string(a.askedAt), a.askedByName, a.agencyName, a.question)
            (childId, childName, childDescription) = (a.childId, a.childName, a.childDescription)
            (advice, advisedAt, advisedBy, version) =
                (a.advice, a.advisedAt.map(Timestamp.string), a.advisedByName, a.version)
        }
    }

    static func draft(_ body: ConcernBody) throws(SafeholdError) -> PartnerConcernDraft {
        var v = Validation()
        let described = (body.describedChildren ?? []).enumerated().map { index, child in
            DescribedChild(
                name: child.name ?? "",
                dateOfBirth: PartnerForms.date(
                    child.dateOfBirth, field: "describedChildren.\(index + 1).dateOfBirth", &v),
                address: child.address, school: child.school, gp: child.gp)
        }
        try v.check()
        return PartnerConcernDraft(
            childIds: body.childIds ?? [], describedChildren: described, seenOrHeard: body.seenOrHeard ?? "",
            childsWords: body.childsWords, actionTaken: body.actionTaken, parentsAware: body.parentsAware,
            parentsNotAwareReason: body.parentsNotAwareReason)
    }

    func register(signedIn group: RouterGroup<SafeholdContext>) {
        group.get(SiteRoute.API.concerns) { _, context in
            let identity = try context.requireIdentity()
            let concerns = try await self.store.partnerConcerns(context: try context.audit())
            let show = !self.store.policy.mayRaisePartnerRequests(identity.actor).isAllowed
            return try APIResponse.json(["concerns": concerns.map { ConcernDTO($0, showContact: show) }])
        }
        group.post(SiteRoute.API.concerns) { request, context in
            let body = try await StrictJSON.decode(ConcernBody.self, from: request)
            let concern = try await self.store.raiseConcern(try Self.draft(body), context: try context.audit())
            return try APIResponse.json(ConcernDTO(concern, showContact: false), status: .created)
        }
        group.get(SiteRoute.API.concern) { _, context, id in
            let identity = try context.requireIdentity()
            let concern = try await self.store.partnerConcern(id, context: try context.audit())
            let show = !self.store.policy.mayRaisePartnerRequests(identity.actor).isAllowed
            return try APIResponse.json(ConcernDTO(concern, showContact: show))
        }
        group.post(SiteRoute.API.concernChildren) { request, context, id in
            let body = try await StrictJSON.decode(IdentifyBody.self, from: request)
            let concern = try await self.store.identifyChildren(
                ofConcern: id, body.childIds, expectedVersion: body.version, context: try context.audit())
            return try APIResponse.json(ConcernDTO(concern, showContact: true))
        }
        group.get(SiteRoute.API.advice) { _, context in
            let requests = try await self.store.adviceRequests(context: try context.audit())
            return try APIResponse.json(["requests": requests.map(AdviceDTO.init)])
        }
        group.post(SiteRoute.API.advice) { request, context in
            let body = try await StrictJSON.decode(AdviceBody.self, from: request)
            let asked = try await self.store.askForAdvice(
                AdviceRequestDraft(
                    question: body.question ?? "", childId: body.childId, childDescription: body.childDescription),
                context: try context.audit())
            return try APIResponse.json(AdviceDTO(asked), status: .created)
        }
        group.get(SiteRoute.API.adviceRequest) { _, context, id in
            try APIResponse.json(AdviceDTO(try await self.store.adviceRequest(id, context: try context.audit())))
        }
        group.post(SiteRoute.API.answerAdvice) { request, context, id in
            let body = try await StrictJSON.decode(AnswerBody.self, from: request)
            let answered = try await self.store.giveAdvice(
                id, advice: body.advice ?? "", expectedVersion: body.version, context: try context.audit())
            return try APIResponse.json(AdviceDTO(answered))
        }
    }
}
