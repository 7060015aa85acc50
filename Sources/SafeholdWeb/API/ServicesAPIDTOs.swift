import Foundation
import SafeholdCore
import SafeholdStore

/// A referral to a service as the API shows it, with its response due date and its history.
struct ReferralDTO: Encodable {
    struct Event: Encodable { let status: String, on: String, note: String?, by: String, at: String }
    let id: UUID, episodeId: UUID, personId: UUID, planId: UUID
    let serviceType: String, serviceLabel: String, provider: String, request: String, sentOn: String
    let responseDueOn: String, responseOverdue: Bool
    let status: String, declineReason: String?, outcome: String?, version: Int
    let history: [Event]

    init(_ r: ServiceReferral, _ store: Store) {
        (id, episodeId, personId, planId) = (r.id, r.episodeId, r.personId, r.planId)
        (serviceType, serviceLabel, provider, request) = (r.type.code, r.type.label, r.provider, r.request)
        sentOn = r.sentOn.description
        responseDueOn = r.responseDue(store.ruleset.calendar).description
        responseOverdue = r.isResponseOverdue(today: store.today, calendar: store.ruleset.calendar)
        (status, declineReason, outcome, version) = (r.status.rawValue, r.declineReason, r.outcome, r.version)
        history = r.history.map {
            Event(
                status: $0.status.rawValue, on: $0.on.description, note: $0.note, by: $0.byName,
                at: Timestamp.string($0.at))
        }
    }
}

/// An escalation as the API shows it: the same to its raiser and to those who answer it, and never
/// more of the child's record than the child's name.
struct EscalationDTO: Encodable {
    struct Stage: Encodable {
        let stage: Int, label: String, startedOn: String, responseDueOn: String, reason: String, movedBy: String
        let response: String?, respondedBy: String?, respondedOn: String?, responseOverdue: Bool
    }
    struct Resolution: Encodable { let outcome: String, note: String, by: String, on: String }
    let id: UUID, personId: UUID, childName: String
    let raisedBy: String, raisedByAgency: String, raisedOn: String
    let decision: String, linkedRecordId: UUID?, linkedRecordLabel: String?
    let disagreement: String, desiredOutcome: String
    let stage: Int, status: String, stages: [Stage], resolution: Resolution?, version: Int
    let standing: String?

    init(_ e: Escalation, _ store: Store, standing: EscalationStanding? = nil) {
        (id, personId, childName) = (e.id, e.personId, e.childName)
        (raisedBy, raisedByAgency, raisedOn) = (e.raisedByName, e.raisedByAgency, e.raisedOn.description)
        (decision, linkedRecordId, linkedRecordLabel) = (e.decision, e.linkedRecordId, e.linkedRecordLabel)
        (disagreement, desiredOutcome) = (e.disagreement, e.desiredOutcome)
        stage = e.current?.stage.number ?? 1
        status = e.isResolved ? "resolved" : (e.awaitsResponse ? "awaiting_response" : "responded")
        let today = store.today
        stages = e.steps.map {
            Stage(
                stage: $0.stage.number, label: $0.stage.label, startedOn: $0.startedOn.description,
                responseDueOn: $0.dueOn.description, reason: $0.reason, movedBy: $0.movedBy, response: $0.response,
                respondedBy: $0.respondedBy, respondedOn: $0.respondedOn?.description,
                responseOverdue: $0.response == nil && !e.isResolved && $0.dueOn < today)
        }
        resolution = e.resolution.map {
            Resolution(outcome: $0.outcome.rawValue, note: $0.note, by: $0.byName, on: $0.on.description)
        }
        version = e.version
        self.standing = standing?.rawValue
    }
}
