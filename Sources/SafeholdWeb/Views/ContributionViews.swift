import Foundation
import SafeholdCore
import SafeholdStore

/// The labels of the contribution forms' fields, for error lines.
let contributionFieldLabels: [String: String] = [
    "meetingKind": "Meeting", "meetsOn": "Date of the meeting", "inviteeUserId": "Safehold user",
    "agencyKind": "Kind of agency", "attendance": "Attendance", "whatWeKnow": "What we know",
    "worries": "What we are worried about", "workingWell": "What is working well",
    "recommendation": "Our view and recommendation", "userId": "Safehold user", "memberId": "Core group member",
    "version": "Version",
]

/// An agency report as pages show it.
struct ReportView {
    let whatWeKnow: String; let worries: String; let workingWell: String; let recommendation: String
    let by: String; let submitted: String

    init(_ r: AgencyReport, ruleset: Ruleset) {
        (whatWeKnow, worries, workingWell, recommendation) = (r.whatWeKnow, r.worries, r.workingWell, r.recommendation)
        by = "\(r.authorName), \(r.agencyName)"
        submitted = ruleset.display(r.updatedAt)
    }
}

/// A meeting's title, day and what has happened to it, as lists show it.
struct MeetingSummary {
    let title: String; let href: String; let state: String; let invited: Int; let reports: Int

    init(_ m: MeetingRecord, episode: UUID) {
        title = m.meeting.title
        href = SiteRoute.meeting(episode, m.meeting.id).path
        state = m.meeting.sharedDecision != nil ? "Held, decision shared" : m.meeting.isHeld ? "Held" : "Not yet held"
        invited = m.invitations.count
        reports = m.invitations.filter { $0.report != nil }.count
    }
}

/// One invitation on the meeting page: the invitee, attendance, the report, the attendance form.
struct InvitationRow {
    let name: String; let agency: String; let hasAccount: Bool; let attendance: String
    let attendanceAction: String; let attendanceOptions: [Option]; let id: String
    let report: ReportView?; let invitedBy: String

    init(_ r: InvitationRecord, episode: UUID, ruleset: Ruleset) {
        let i = r.invitation
        (name, agency, hasAccount, id) = (i.inviteeName, i.agencyName, i.inviteeUserId != nil, i.id.text)
        attendance = i.attendance?.label ?? "Not recorded"
        attendanceAction = SiteRoute.attendance(episode, i.id).path
        attendanceOptions = Option.list(
            Attendance.allCases.map { ($0.rawValue, $0.label) }, selected: Set([i.attendance?.rawValue ?? ""]))
        report = r.report.map { ReportView($0, ruleset: ruleset) }
        invitedBy = "\(i.invitedBy), \(ruleset.display(i.invitedAt))"
    }
}

/// A plan action on the meetings page, with the form that assigns it to a core group member.
struct AssignRow {
    let what: String; let who: String; let due: String; let status: String; let action: String; let version: Int
    let id: String
}

extension Option {
    /// The professionals who may be invited, as choices.
    static func professionals(_ list: [ProfessionalEntry], selected: String?) -> [Option] {
        Option.list(
            list.map { ($0.id.text, "\($0.name), \($0.agency) (\($0.role.label))") },
            selected: Set([selected ?? ""]))
    }
}

/// Where a partner agency's notification leads: their invitations or their actions, never the child's
/// record (which they may not open).
enum ContributionLinks {
    static func page(for n: UserNotification, role: Role) -> String? {
        guard ContributionAccess.mayBeInvited(role) else { return nil }
        switch n.kind {
        case .invitation: return SiteRoute.invitations.path
        case .actionAssigned: return SiteRoute.myActions.path
        default: return nil
        }
    }
}
