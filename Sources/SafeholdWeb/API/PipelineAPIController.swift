import Foundation
import Hummingbird
import SafeholdCore
import SafeholdStore

/// `/api/v1` for the statutory pipeline: contacts and triage, episodes and their steps, authorisation,
/// due lists, case notes and the chronology. The same store calls, policy and audit as the pages.
struct PipelineAPIController {
    let store: Store

    struct TriageBody: Decodable {
        let decision: TriageDecision; let reason: String; let urgency: Urgency; let referrerInformedOn: LocalDate?;
        let version: Int
        let allocateTo: UUID?
        let referrerFeedback: String?
    }
    struct StepBody: Decodable { let expectedSteps: Int; let step: StepPayload }
    struct CommentBody: Decodable { let comment: String }
    struct RecordedStepDTO: Encodable {
        let id: UUID, kind: String, step: StepPayload, recordedAt: Date, recordedBy: String, authorisedBy: String?,
            authorisedAt: Date?, managerComment: String?
        init(_ s: RecordedStep) {
            id = s.id; kind = s.step.kind; step = StepPayload(s.step); recordedAt = s.recordedAt;
            recordedBy = s.recordedBy
            authorisedBy = s.authorisedBy; authorisedAt = s.authorisedAt; managerComment = s.managerComment
        }
    }
    struct EpisodeDTO: Encodable {
        let id: UUID, childId: UUID, referralDate: LocalDate, referralSource: ReferralSource, primaryNeed: PrimaryNeed?
        let closedOn: LocalDate?, closureReason: ClosureReason?, stepCount: Int, steps: [RecordedStepDTO],
            due: [DueItem], actions: [PlanAction]
        init(_ e: EpisodeRecord) {
            id = e.id; childId = e.childId; referralDate = e.referralDate; referralSource = e.referralSource;
            primaryNeed = e.primaryNeed
            closedOn = e.state.closed?.on; closureReason = e.state.closed?.reason; stepCount = e.stepCount
            steps = e.steps.map(RecordedStepDTO.init); due = e.due; actions = e.actions
        }
    }
    struct DueDTO: Encodable {
        let child: PersonSummary; let episodeId: UUID?; let what: String; let dueOn: LocalDate; let status: String
        var serviceReferralId: UUID? = nil
        var escalationId: UUID? = nil
        var informationRequestId: UUID? = nil
        var riskLinkId: UUID? = nil
        var oversightActionId: UUID? = nil
        var courtOrderId: UUID? = nil
        var proceedingsId: UUID? = nil
    }
    struct ChronologyDTO: Encodable {
        struct Analysis: Encodable { let body: String; let authorName: String; let at: Date }
        let id: UUID, date: LocalDate, kind: String, title: String, detail: String, source: String, analysis: [Analysis]
    }
    struct NoteHitDTO: Encodable { let note: CaseNote; let child: PersonSummary }

    func register(signedIn group: RouterGroup<SafeholdContext>) {
        group.get(SiteRoute.API.contacts) { _, context in
            try APIResponse.json([
                "contacts": try await self.store.contactsAwaitingDecision(context: try context.audit())
            ])
        }
        group.post(SiteRoute.API.contacts) { request, context in
            let draft = try await StrictJSON.decode(ContactDraft.self, from: request)
            return try APIResponse.json(
                try await self.store.recordContact(draft, context: try context.audit()), status: .created)
        }
        group.get(SiteRoute.API.contact) { _, context, id in
            try APIResponse.json(try await self.store.contact(id, context: try context.audit()))
        }
        group.post(SiteRoute.API.decision) { request, context, id in
            let body = try await StrictJSON.decode(TriageBody.self, from: request)
            let contact = try await self.store.triage(
                id,
                TriageDraft(
                    decision: body.decision, reason: body.reason, urgency: body.urgency,
                    referrerInformedOn: body.referrerInformedOn,
                    allocateTo: body.allocateTo, referrerFeedback: body.referrerFeedback),
                expectedVersion: body.version, context: try context.audit())
            return try APIResponse.json(contact)
        }
        group.get(SiteRoute.API.episodes) { _, context, id in
            let episodes = try await self.store.episodes(of: id, context: try context.audit())
            return try APIResponse.json(["episodes": episodes.map(EpisodeDTO.init)])
        }
        group.post(SiteRoute.API.steps) { request, context, id in
            let body = try await StrictJSON.decode(StepBody.self, from: request)
            let recorded = try await self.store.recordStep(
                body.step.step, episode: id,
                expectedSteps: body.expectedSteps, jointEnquiry: body.step.jointEnquiry, context: try context.audit())
            return try APIResponse.json(RecordedStepDTO(recorded), status: .created)
        }
        group.post(SiteRoute.API.authorisation) { request, context, episode, step in
            let body = try await StrictJSON.decode(CommentBody.self, from: request)
            try await self.store.authoriseStep(
                step, episode: episode, comment: body.comment, context: try context.audit())
            return Response(status: .noContent)
        }
        group.get(SiteRoute.API.due) { request, context in
            let text = FormData(request.uri.query ?? "")["scope"] ?? "mine"
            guard let scope = DueListScope(rawValue: text) else {
                throw SafeholdError.invalid([FieldError("scope", "is one of mine, team or service")])
            }
            let lines = try await self.store.dueList(scope, context: try context.audit())
            let supervision = try await self.store.supervisionDue(context: try context.audit())
            struct Due: Encodable { let due: [DueDTO]; let supervision: [StandingDTO] }
            return try APIResponse.json(
                Due(
                    due: lines.map {
                        DueDTO(
                            child: $0.child, episodeId: $0.episodeId, what: $0.item.what, dueOn: $0.item.dueOn,
                            status: $0.item.status.rawValue, serviceReferralId: $0.serviceReferralId,
                            escalationId: $0.escalationId, informationRequestId: $0.informationRequestId,
                            riskLinkId: $0.riskLinkId, oversightActionId: $0.oversightActionId,
                            courtOrderId: $0.courtOrderId, proceedingsId: $0.proceedingsId)
                    }, supervision: supervision.map(StandingDTO.init)))
        }
        group.post(SiteRoute.API.notes) { request, context, id in
            let draft = try await StrictJSON.decode(CaseNoteDraft.self, from: request)
            return try APIResponse.json(
                try await self.store.addNote(
                    to: id, draft,
                    context: try context.audit()), status: .created)
        }
        group.get(SiteRoute.API.noteSearch) { request, context in
            let hits = try await self.store.searchNotes(
                FormData(request.uri.query ?? "")["q"] ?? "", context: try context.audit())
            return try APIResponse.json(["results": hits.map { NoteHitDTO(note: $0.note, child: $0.child) }])
        }
        group.get(SiteRoute.API.chronology) { _, context, id in
            let entries = try await self.store.chronology(of: id, context: try context.audit())
            return try APIResponse.json([
                "entries": entries.map {
                    ChronologyDTO(
                        id: $0.id, date: $0.date, kind: $0.kind.rawValue, title: $0.title, detail: $0.detail,
                        source: $0.source,
                        analysis: $0.analysis.map {
                            ChronologyDTO.Analysis(body: $0.body, authorName: $0.authorName, at: $0.at)
                        })
                }
            ])
        }
    }
}
