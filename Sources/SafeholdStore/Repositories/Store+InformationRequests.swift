import Foundation
import SQLKit
import SafeholdCore

/// A request with the disclosure (or decision not to disclose) that answered it.
public struct AnsweredRequest: Sendable {
    public let request: InformationRequest
    public let answer: Disclosure?
    /// Whether the reader may answer it (children's social care who may change the child's record).
    public let mayAnswer: Bool
}

extension Store {
    /// Records a request for information about a child. A partner agency's user (or the police, the LADO,
    /// MAPPA) raises it in Safehold for their own agency, about a child they can find by name, received
    /// today; children's social care who may change the child's record record one received by telephone,
    /// letter, email or in a meeting, from any other agency. It is due the ruleset's working days after
    /// receipt (the number is data) and the child's holders are told.
    public func raiseInformationRequest(
        _ draft: InformationRequestDraft, context: AuditContext
    ) async throws -> InformationRequest {
        guard let actor = context.actor else { throw SafeholdError.unauthenticated("Sign in first.") }
        let raisedInSafehold = SharingAccess.mayRaiseRequest(actor).isAllowed
        let action: PersonAction = raisedInSafehold ? .findByName : .edit
        return try await act(
            on: .person(draft.personId), action, "information_request", writes: true, context: context
        ) { db, access in
            var draft = draft
            var v = Validation()
            if raisedInSafehold {
                if draft.agencyId != actor.agencyId { v.add("agencyId", "must be your own agency") }
                if draft.channel != .safehold { v.add("channel", "is Safehold when you raise the request yourself") }
                (draft.receivedOn, draft.requesterName) = (self.today, actor.displayName)
            } else {
                if case .denied(let reason) = SharingAccess.mayRecordReceivedRequest(actor) {
                    throw SafeholdError.forbidden(reason)
                }
                if draft.channel == .safehold { v.add("channel", "say how the request was received") }
                if draft.agencyId == actor.agencyId {
                    v.add("agencyId", "is your own service: choose the agency asking")
                }
            }
            do { draft = try draft.validated(today: self.today) } catch SafeholdError.invalid(let errors) {
                v.merge(errors)
            }
            let kind = try await db.raw("SELECT kind FROM persons WHERE id = \(bind: draft.personId.db)").first()?
                .string("kind")
            if kind != PersonKind.child.rawValue && kind != PersonKind.unborn.rawValue {
                v.add("personId", "is not a child: requests are recorded about children")
            }
            let agency = try await db.raw("SELECT name FROM agencies WHERE id = \(bind: draft.agencyId.db)").first()?
                .string("name")
            if agency == nil { v.add("agencyId", "is not an agency on the list") }
            try v.check()
            let id = self.ids.next()
            let due = draft.dueOn(workingDays: try await self.requestWorkingDays(on: db), ruleset: self.ruleset)
            try await db.raw(
                """
                INSERT INTO information_requests (id, person_id, agency_id, requester_name, channel, received_on,
                    due_on, what, why, recorded_by, recorded_by_name, recorded_at)
                VALUES (\(bind: id.db), \(bind: draft.personId.db), \(bind: draft.agencyId.db),
                    \(bind: draft.requesterName), \(bind: draft.channel.rawValue),
                    \(bind: draft.receivedOn.description),
                    \(bind: due.description), \(bind: draft.what), \(bind: draft.why), \(bind: actor.userId.db),
                    \(bind: actor.displayName), \(bind: self.nowText))
                """
            ).run()
            access.audit(
                .create, "information_request", entityId: id,
                detail: "from agency \(draft.agencyId.text) by \(draft.channel.rawValue), due \(due)")
            try await self.notifyHolders(
                of: draft.personId, .informationRequest,
                "\(agency ?? "An agency") asked for information about a child you hold; answer by \(due.display).",
                on: db)
            guard let saved = try await self.informationRequests(where: "r.id = \(bind: id.db)", on: db).first else {
                throw StoreError.corrupt("information request \(id) was not kept")
            }
            return saved
        }
    }

    /// One request with its answer, for children's social care who may open the child and the data
    /// protection officer and auditors (a requesting agency reads its requests in "Shared with us").
    public func informationRequest(_ id: UUID, context: AuditContext) async throws -> AnsweredRequest {
        guard let actor = context.actor else { throw SafeholdError.unauthenticated("Sign in first.") }
        let action = SharingAccess.childsRecordAction(actor) ?? .view
        return try await act(on: .informationRequest(id), action, "information_request", context: context) {
            db, access in
            guard SharingAccess.childsRecordAction(actor) != nil else {
                throw SafeholdError.forbidden(SharingAccess.notTheWholeRecord)
            }
            guard let request = try await self.informationRequests(where: "r.id = \(bind: id.db)", on: db).first else {
                throw SafeholdError.notFound(AccessPolicy.noVisibleRecord)
            }
            let answer = try await self.disclosures(where: "d.request_id = \(bind: id.db)", on: db).first
            return AnsweredRequest(
                request: request, answer: answer,
                mayAnswer: !request.isAnswered && SharingAccess.mayRecord(actor).isAllowed && access.may(.edit))
        }
    }

    /// Answers a request once: records the disclosure to the requesting agency (or the decision not to
    /// disclose) with the outcome, in one transaction. A second answer, or an answer to a version someone
    /// else has changed, is a conflict; the requester who raised it in Safehold is told.
    public func answerInformationRequest(
        _ id: UUID, _ response: InformationResponse, disclosure: SharingDraft, context: AuditContext
    ) async throws -> AnsweredRequest {
        try await act(on: .informationRequest(id), .edit, "information_request", context: context) { db, access in
            if case .denied(let reason) = SharingAccess.mayRecord(access.actor) {
                throw SafeholdError.forbidden(reason)
            }
            guard let request = try await self.informationRequests(where: "r.id = \(bind: id.db)", on: db).first else {
                throw SafeholdError.notFound(AccessPolicy.noVisibleRecord)
            }
            try request.checkAnswerable(version: response.version)
            var draft = disclosure
            draft.recipientAgencyId = request.agencyId
            var v = Validation()
            do { _ = try response.validated(with: draft.decision) } catch SafeholdError.invalid(let errors) {
                v.merge(errors)
            }
            do {
                _ = try draft.validated(bases: try await self.lawfulBases(on: db), today: self.today)
            } catch SafeholdError.invalid(let errors) {
                v.merge(errors)
            }
            try v.check()
            let answer = try await self.insertDisclosure(
                draft, child: request.personId, request: id, access: access, on: db)
            try await db.raw(
                """
                UPDATE information_requests SET outcome = \(bind: response.outcome.rawValue),
                    outcome_reason = \(bind: response.outcomeReason), disclosure_id = \(bind: answer.id.db),
                    responded_by_name = \(bind: access.actor.displayName), responded_at = \(bind: self.nowText),
                    version = version + 1
                WHERE id = \(bind: id.db) AND version = \(bind: response.version) AND outcome IS NULL
                """
            ).run()
            access.audit(.update, "information_request", entityId: id, detail: "answered: \(response.outcome.rawValue)")
            if request.channel == .safehold,
                let raiser = try await db.raw(
                    "SELECT recorded_by FROM information_requests WHERE id = \(bind: id.db)"
                ).first()?.uuid("recorded_by")
            {
                try await self.notify(
                    [raiser], .informationRequest, about: request.personId,
                    "Your request about \(request.childName) was answered: \(response.outcome.label).", on: db)
            }
            guard let saved = try await self.informationRequests(where: "r.id = \(bind: id.db)", on: db).first else {
                throw StoreError.corrupt("information request \(id) was not kept")
            }
            return AnsweredRequest(request: saved, answer: answer, mayAnswer: false)
        }
    }
}
