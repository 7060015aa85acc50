import Foundation
import SafeholdCore
import SafeholdStore

/// The JSON shapes of the contributions API (documented in `openapi.yaml`).
extension ContributionAPIController {
    struct ReportDTO: Encodable {
        let whatWeKnow: String, worries: String, workingWell: String, recommendation: String
        let authorName: String, agencyName: String, submittedAt: Date, updatedAt: Date, version: Int
        init(_ r: AgencyReport) {
            (whatWeKnow, worries, workingWell, recommendation) = (
                r.whatWeKnow, r.worries, r.workingWell, r.recommendation
            )
            (authorName, agencyName, submittedAt, updatedAt, version) =
                (r.authorName, r.agencyName, r.submittedAt, r.updatedAt, r.version)
        }
    }

    struct InvitationDTO: Encodable {
        let id: UUID, meetingId: UUID, inviteeUserId: UUID?, inviteeName: String, agencyName: String
        let agencyKind: String, invitedBy: String, invitedAt: Date, attendance: String?, report: ReportDTO?
        init(_ i: Invitation, report: AgencyReport?) {
            (id, meetingId, inviteeUserId, inviteeName, agencyName) =
                (i.id, i.meetingId, i.inviteeUserId, i.inviteeName, i.agencyName)
            (agencyKind, invitedBy, invitedAt, attendance) =
                (i.agencyKind.rawValue, i.invitedBy, i.invitedAt, i.attendance?.rawValue)
            self.report = report.map(ReportDTO.init)
        }
    }

    struct MeetingDTO: Encodable {
        let id: UUID, episodeId: UUID, kind: String, meetsOn: String, held: Bool, sharedDecision: String?
        let sharedBy: String?, sharedAt: Date?, version: Int, invitations: [InvitationDTO]
        init(_ m: MeetingRecord) {
            let x = m.meeting
            (id, episodeId, kind, meetsOn, held) = (x.id, x.episodeId, x.kind.rawValue, x.meetsOn.description, x.isHeld)
            (sharedDecision, sharedBy, sharedAt, version) = (x.sharedDecision, x.sharedBy, x.sharedAt, x.version)
            invitations = m.invitations.map { InvitationDTO($0.invitation, report: $0.report) }
        }
    }

    /// What an invited professional sees: the child's name and date of birth, the meeting, their own
    /// invitation and report, and the decision once shared.
    struct SliceDTO: Encodable {
        let childName: String, childDateOfBirth: String?, meetingKind: String, meetsOn: String, held: Bool
        let sharedDecision: String?, invitation: InvitationDTO
        init(_ s: InvitationSlice) {
            (childName, childDateOfBirth) = (s.childName, s.childDateOfBirth?.description)
            (meetingKind, meetsOn, held) = (s.meeting.kind.rawValue, s.meeting.meetsOn.description, s.meeting.isHeld)
            sharedDecision = s.meeting.sharedDecision
            invitation = InvitationDTO(s.invitation, report: s.report)
        }
    }

    struct MemberDTO: Encodable {
        let id: UUID, name: String, agency: String, userId: UUID?
        init(_ m: CoreGroupMember) { (id, name, agency, userId) = (m.id, m.name, m.agency, m.userId) }
    }

    struct AssignedDTO: Encodable {
        let id: UUID, childName: String, what: String, dueOn: String, status: String, version: Int, planOpen: Bool
        init(_ a: AssignedAction) {
            (id, childName, what, dueOn) = (a.action.id, a.childName, a.action.what, a.action.dueOn.description)
            (status, version, planOpen) = (a.action.status.rawValue, a.action.version, a.planOpen)
        }
    }

    struct ProfessionalDTO: Encodable {
        let id: UUID, name: String, role: String, agency: String
        init(_ p: ProfessionalEntry) { (id, name, role, agency) = (p.id, p.name, p.role.rawValue, p.agency) }
    }
}
