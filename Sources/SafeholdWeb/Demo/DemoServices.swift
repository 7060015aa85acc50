import Foundation
import SafeholdCore
import SafeholdStore

/// The demo's work with other services: referrals from children's plans in every status (one whose
/// answer is overdue, so it shows in the due lists), and escalations raised by the academy's
/// safeguarding lead: one at stage 2 awaiting the managers' response, one resolved.
enum DemoServices {
    /// One referral to make: the service, what is asked, and the statuses it then goes through.
    struct Referral {
        let type: String; let provider: String; let request: String; let path: [ServiceReferralStatus]
    }

    static let referrals: [Referral] = [
        Referral(
            type: "domestic_abuse", provider: "Northfield Women's Aid",
            request: "Outreach and safety planning for mother; refuge space if needed.", path: []),
        Referral(
            type: "family_support", provider: "Riverside Family Hub",
            request: "Weekly parenting support focused on routines and school attendance.", path: [.accepted]),
        Referral(
            type: "camhs", provider: "Northfield CAMHS", request: "Assessment of low mood and self-harm.",
            path: [.declined]),
        Referral(
            type: "substance_misuse", provider: "Turning Point Northfield",
            request: "Alcohol treatment for father; joint working with the plan.", path: [.waiting]),
        Referral(
            type: "housing", provider: "Northfield Homes", request: "Move from overcrowded one-bedroom flat.",
            path: [.accepted, .started]),
        Referral(
            type: "family_support", provider: "Home-Start Northfield", request: "Volunteer visits for a new mother.",
            path: [.accepted, .started, .ended]),
        Referral(
            type: "camhs", provider: "Northfield CAMHS", request: "Trauma-focused work after the incident.", path: []),
    ]

    static func load(
        into store: Store, children: [(child: UUID, worker: String)], staged: Set<UUID>, users: [String: User]
    ) async throws {
        let today = store.today
        var planned: [(child: UUID, worker: AuditContext, episode: UUID, started: LocalDate)] = []
        for entry in children where staged.contains(entry.child) {
            let worker = AuditContext(actor: users[entry.worker]!.actor, ipAddress: nil, reason: "demo")
            for episode in try await store.episodes(of: entry.child, context: worker) where !episode.state.isClosed {
                if let plan = episode.state.plans.last(where: { $0.endedOn == nil }) {
                    planned.append((entry.child, worker, episode.id, plan.startedOn))
                }
            }
        }
        // The longest-running plan gets the referral whose answer is overdue.
        planned.sort { $0.started < $1.started }
        for (index, referral) in referrals.enumerated() where index < planned.count {
            let target = planned[index]
            let sentOn = index == 0 ? target.started : max(target.started, today.adding(days: -index))
            var made = try await store.referToService(
                episode: target.episode, serviceType: referral.type, provider: referral.provider,
                request: referral.request, sentOn: sentOn.description, context: target.worker)
            for (step, status) in referral.path.enumerated() {
                made = try await store.updateServiceReferral(
                    made.id, status: status.rawValue, on: min(today, sentOn.adding(days: 2 + step)).description,
                    reason: status == .declined ? "Does not meet the threshold for a specialist service yet." : nil,
                    outcome: status == .ended ? "Mother reports feeling more confident; visits ended as planned." : nil,
                    expectedVersion: made.version, context: target.worker)
            }
        }
        try await loadEscalations(into: store, children: children, staged: staged, users: users)
    }

    /// Two escalations by the academy's safeguarding lead about children it has a grant on.
    static func loadEscalations(
        into store: Store, children: [(child: UUID, worker: String)], staged: Set<UUID>, users: [String: User]
    ) async throws {
        guard let lead = users["dsl.academy"] else { return }
        let academy = AuditContext(actor: lead.actor, ipAddress: nil, reason: "demo")
        var chosen: [(child: UUID, worker: String, decision: UUID?)] = []
        // Children with an episode first, so that the escalation names a decision on the record.
        let ordered = children.filter { staged.contains($0.child) } + children.filter { !staged.contains($0.child) }
        for entry in ordered where chosen.count < 2 {
            // Only a child whose record the academy may open: the grant the demo gave it.
            guard let subject = try? await store.escalationSubject(entry.child, context: academy) else { continue }
            let contact = subject.records.first { $0.label.contains("contact") } ?? subject.records.first
            chosen.append((entry.child, entry.worker, contact?.id))
        }
        for (index, entry) in chosen.enumerated() {
            let worker = AuditContext(actor: users[entry.worker]!.actor, ipAddress: nil, reason: "demo")
            let manager = users.values.first { $0.role == .teamManager && $0.teamId == users[entry.worker]!.teamId }
            var escalation = try await store.raiseEscalation(
                about: entry.child,
                decision: index == 0
                    ? "No child protection enquiry after the school's concerns" : "Closing the case after assessment",
                linkedRecordId: entry.decision?.text,
                disagreement: index == 0
                    ? "We see daily signs of neglect at school: no coat, hungry, late most days."
                    : "Attendance has fallen to 70% and the family has stopped answering our calls.",
                desiredOutcome: index == 0
                    ? "A strategy discussion and a child protection enquiry." : "A multi-agency meeting this month.",
                context: academy)
            escalation = try await store.respondToEscalation(
                escalation.id,
                response: "We have visited twice this week; the plan is working and we will keep it under review.",
                expectedVersion: escalation.version, context: worker)
            if index == 0 {
                _ = try await store.escalate(
                    escalation.id, toStage: "2", reason: "Nothing has changed at school; we ask the managers to look.",
                    response: nil, expectedVersion: escalation.version, context: academy)
            } else if let manager {
                _ = try await store.resolveEscalation(
                    escalation.id, outcome: EscalationOutcome.decisionChanged.rawValue,
                    note: "Multi-agency meeting booked; the school joins the core group.",
                    expectedVersion: escalation.version,
                    context: AuditContext(actor: manager.actor, ipAddress: nil, reason: "demo"))
            }
        }
    }
}
