import Foundation
import SafeholdCore
import SafeholdStore

/// The labels of the referral and escalation forms' fields.
let serviceFieldLabels: [String: String] = [
    "serviceType": "Service", "provider": "Provider", "request": "What is asked", "sentOn": "Sent on",
    "on": "Date", "reason": "Reason", "outcome": "Outcome", "decision": "Decision disagreed with",
    "linkedRecordId": "Record it concerns", "disagreement": "Why you disagree",
    "desiredOutcome": "What you want to happen", "response": "Response", "stage": "Stage", "note": "What was agreed",
]

/// The referrals to services of one episode, as its part of the child's page shows them: each with its
/// status history and the form to move it on, and the form to refer from the open plan.
struct ServiceReferralsView {
    struct Row {
        let id: String; let service: String; let provider: String; let request: String; let sent: String
        let status: String; let due: String; let hasDue: Bool; let overdue: Bool; let note: String?
        let history: [Event]; let statusAction: String; let version: Int
        let next: [Option]; let hasNext: Bool
    }
    struct Event { let status: String; let on: String; let by: String; let note: String? }

    let rows: [Row]
    let hasRows: Bool
    /// The form to refer: shown when the episode has an open plan and the reader may edit the child.
    let canRefer: Bool
    let canEdit: Bool
    let referAction: String
    let types: [Option]
    let today: String
    let episodeId: String

    init(episode: EpisodeRecord, work: ServiceWork, canEdit: Bool, today: LocalDate, calendar: WorkingCalendar) {
        rows = work.referrals.filter { $0.episodeId == episode.id }.map { r in
            Row(
                id: r.id.text, service: r.type.label, provider: r.provider, request: r.request,
                sent: r.sentOn.display, status: r.status.label,
                due: r.responseDue(calendar).display, hasDue: r.status == .sent,
                overdue: r.isResponseOverdue(today: today, calendar: calendar),
                note: r.declineReason.map { "Reason: \($0)" } ?? r.outcome.map { "Outcome: \($0)" },
                history: r.history.map {
                    Event(status: $0.status.label, on: $0.on.display, by: $0.byName, note: $0.note)
                },
                statusAction: SiteRoute.serviceReferralStatus(r.id).path, version: r.version,
                next: Option.list(r.status.next.map { ($0.rawValue, $0.label) }, selected: []),
                hasNext: canEdit && !r.status.next.isEmpty)
        }
        hasRows = !rows.isEmpty
        self.canEdit = canEdit
        canRefer = canEdit && episode.state.hasOpenPlan
        referAction = SiteRoute.serviceReferrals(episode.id).path
        types = Option.list(
            work.types.map { ($0.code, "\($0.label) (answer within \($0.responseWorkingDays) working days)") },
            selected: [])
        self.today = today.description
        episodeId = episode.id.text
    }
}

/// The escalations about a child its page lists (those the reader stands to) and the link to raise one.
struct EscalationsPanel {
    struct Row { let href: String; let raisedOn: String; let by: String; let decision: String; let status: String }
    let rows: [Row]
    let hasRows: Bool
    let raiseHref: String

    init(_ work: ServiceWork, childId: UUID) {
        rows = work.escalations.map {
            Row(
                href: SiteRoute.escalation($0.id).path, raisedOn: $0.raisedOn.display,
                by: "\($0.raisedByName) (\($0.raisedByAgency))", decision: $0.decision, status: $0.statusLabel)
        }
        hasRows = !rows.isEmpty
        raiseHref = SiteRoute.newEscalation(childId).path
    }
}
