import Foundation
import SafeholdCore
import SafeholdStore

/// The demo's partner contributions: the health visitor (`hv1`) and a school's safeguarding lead
/// (`dsl.riverside`) invited to upcoming initial conferences with reports to write (one already
/// sent), a core group meeting already held with its decisions shared, and `hv1` in a core group with
/// two plan actions to update. Every write goes through the store, so the rules and audit apply.
enum DemoContributions {
    static func load(
        into store: Store, children: [(child: UUID, worker: String)], staged: Set<UUID>, users: [String: User]
    ) async throws {
        let today = store.today
        var awaiting: [(EpisodeRecord, AuditContext)] = []
        var onPlan: [(EpisodeRecord, AuditContext)] = []
        for entry in children where staged.contains(entry.child) {
            let worker = AuditContext(actor: users[entry.worker]!.actor, ipAddress: nil, reason: "demo")
            guard let episode = try await store.episodes(of: entry.child, context: worker).first,
                !episode.state.isClosed
            else { continue }
            if let enquiry = episode.state.enquiryAwaitingConference, enquiry.completedOn != nil {
                awaiting.append((episode, worker))
            } else if let plan = episode.state.openPlan(.childProtection), plan.startedOn < today {
                onPlan.append((episode, worker))
            }
        }
        let hv = users["hv1"]!, dsl = users["dsl.riverside"]!
        let hvContext = AuditContext(actor: hv.actor, ipAddress: nil, reason: "demo")
        // Two upcoming initial conferences: both partners invited, the health visitor's report sent to the second.
        for (index, (episode, worker)) in awaiting.prefix(2).enumerated() {
            let day = today.adding(days: 6 + index * 3)
            let hvInvite = try await store.invite(
                episode: episode.id, InvitationRequest(kind: .initialConference, meetsOn: day, invitee: .user(hv.id)),
                context: worker)
            _ = try await store.invite(
                episode: episode.id, InvitationRequest(kind: .initialConference, meetsOn: day, invitee: .user(dsl.id)),
                context: worker)
            _ = try await store.invite(
                episode: episode.id,
                InvitationRequest(
                    kind: .initialConference, meetsOn: day,
                    invitee: .named(name: "Dr Gail Practise", agency: "Riverside Surgery", agencyKind: .health)),
                context: worker)
            if index == 1 {
                _ = try await store.submitReport(
                    invitation: hvInvite.id, whatWeKnow: hvReport.0, worries: hvReport.1, workingWell: hvReport.2,
                    recommendation: hvReport.3, expectedVersion: 0, context: hvContext)
            }
        }
        // A child on a plan: a core group meeting held last week with both reports and the decision shared,
        // and the health visitor in the core group with two actions to update.
        guard let (episode, worker) = onPlan.first else { return }
        let held = max(today.adding(days: -3), episode.state.openPlan(.childProtection)!.startedOn)
        let hvInvite = try await store.invite(
            episode: episode.id, InvitationRequest(kind: .coreGroup, meetsOn: held, invitee: .user(hv.id)),
            context: worker)
        let dslInvite = try await store.invite(
            episode: episode.id, InvitationRequest(kind: .coreGroup, meetsOn: held, invitee: .user(dsl.id)),
            context: worker)
        _ = try await store.submitReport(
            invitation: hvInvite.id, whatWeKnow: hvReport.0, worries: hvReport.1, workingWell: hvReport.2,
            recommendation: hvReport.3, expectedVersion: 0, context: hvContext)
        _ = try await store.submitReport(
            invitation: dslInvite.id, whatWeKnow: "Attendance 82% this term; late most Mondays.",
            worries: "Arrives hungry; told a teaching assistant that Mum cries a lot.",
            workingWell: "Settled in class; close friendship; breakfast club place taken up.",
            recommendation: "Continue the plan; school to keep the breakfast club place and weekly check-ins.",
            expectedVersion: 0, context: AuditContext(actor: dsl.actor, ipAddress: nil, reason: "demo"))
        try await store.recordAttendance(invitation: hvInvite.id, episode: episode.id, .attended, context: worker)
        try await store.recordAttendance(invitation: dslInvite.id, episode: episode.id, .apologies, context: worker)
        let meeting = try await store.meetings(episode: episode.id, context: worker).first {
            $0.meeting.meetsOn == held
        }
        if let meeting {
            _ = try await store.shareDecision(
                meeting: meeting.meeting.id, episode: episode.id,
                summary: "The plan continues. Health visiting: weekly visits and the two-year review by the end of "
                    + "the month. School: breakfast club and a weekly check-in; tell the social worker of any absence.",
                expectedVersion: meeting.meeting.version, context: worker)
        }
        let member = try await store.addCoreGroupUser(episode: episode.id, userId: hv.id, context: worker)
        for (what, days) in [("Two-year developmental review", 10), ("Weekly home visit: sleep and feeding", 4)] {
            let action = try await store.addPlanAction(
                episode: episode.id, what: what, who: "Health visitor", dueOn: today.adding(days: days),
                context: worker)
            try await store.assignPlanAction(
                action.id, episode: episode.id, memberId: member.id, expectedVersion: action.version, context: worker)
        }
    }

    static let hvReport = (
        "Seen at home four times since the birth; growth on the 25th centile, immunisations up to date.",
        "Home cold on two visits; Mum low in mood and missed the last clinic; partner's drinking mentioned.",
        "Warm, attentive care when Mum is well; grandmother visits daily and helps with feeds.",
        "A child protection plan is needed; health visiting to visit weekly and refer Mum to perinatal mental health."
    )
}
