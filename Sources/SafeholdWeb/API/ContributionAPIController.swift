import Foundation
import Hummingbird
import SafeholdCore
import SafeholdStore

/// `/api/v1` for partner agencies' contributions: invitations, attendance, agency reports, the
/// decisions shared, core group members with accounts and the actions assigned to them. The same
/// store calls, rules and audit as the pages; every field optional here so that Core names a
/// missing one.
struct ContributionAPIController {
    let store: Store

    struct InviteBody: Decodable {
        let meetingKind: String?, meetsOn: String?, inviteeUserId: String?
        let name: String?, agency: String?, agencyKind: String?
    }
    struct AttendanceBody: Decodable { let attendance: String? }
    struct DecisionBody: Decodable { let summary: String?, version: Int? }
    struct ReportBody: Decodable {
        let whatWeKnow: String?, worries: String?, workingWell: String?, recommendation: String?, version: Int?
    }
    struct MemberBody: Decodable { let userId: String? }
    struct AssignBody: Decodable { let memberId: String?, version: Int? }
    struct StatusBody: Decodable { let status: String?, version: Int? }

    func register(signedIn group: RouterGroup<SafeholdContext>) {
        group.get(SiteRoute.API.meetings) { _, context, id in
            let meetings = try await self.store.meetings(episode: id, context: try context.audit())
            return try APIResponse.json(["meetings": meetings.map(MeetingDTO.init)])
        }
        group.post(SiteRoute.API.invite) { request, context, id in
            let body = try await StrictJSON.decode(InviteBody.self, from: request)
            let invitation = try InvitationRequest.validated(
                kind: body.meetingKind, meetsOn: body.meetsOn, inviteeUserId: body.inviteeUserId, name: body.name,
                agency: body.agency, agencyKind: body.agencyKind)
            let made = try await self.store.invite(episode: id, invitation, context: try context.audit())
            return try APIResponse.json(InvitationDTO(made, report: nil), status: .created)
        }
        group.post(SiteRoute.API.attendance) { request, context, id, invitation in
            let body = try await StrictJSON.decode(AttendanceBody.self, from: request)
            guard let attendance = body.attendance.flatMap(Attendance.init(rawValue:)) else {
                throw SafeholdError.invalid([
                    FieldError(
                        "attendance", "must be one of \(Attendance.allCases.map(\.rawValue).joined(separator: ", "))")
                ])
            }
            let meeting = try await self.store.recordAttendance(
                invitation: invitation, episode: id, attendance, context: try context.audit())
            return try APIResponse.json(["meetingId": meeting.text, "attendance": attendance.rawValue])
        }
        group.post(SiteRoute.API.sharedDecision) { request, context, id, meeting in
            let body = try await StrictJSON.decode(DecisionBody.self, from: request)
            guard let version = body.version else {
                throw SafeholdError.invalid([FieldError("version", "is required")])
            }
            let shared = try await self.store.shareDecision(
                meeting: meeting, episode: id, summary: body.summary, expectedVersion: version,
                context: try context.audit())
            return try APIResponse.json(MeetingDTO(MeetingRecord(meeting: shared, invitations: [])))
        }
        group.post(SiteRoute.API.coreGroupMembers) { request, context, id in
            let body = try await StrictJSON.decode(MemberBody.self, from: request)
            guard let user = body.userId.flatMap(UUID.init(uuidString:)) else {
                throw SafeholdError.invalid([FieldError("userId", "is not a Safehold user")])
            }
            let member = try await self.store.addCoreGroupUser(episode: id, userId: user, context: try context.audit())
            return try APIResponse.json(MemberDTO(member), status: .created)
        }
        group.post(SiteRoute.API.assignAction) { request, context, id, action in
            let body = try await StrictJSON.decode(AssignBody.self, from: request)
            var fields: [FieldError] = []
            let member = body.memberId.flatMap(UUID.init(uuidString:))
            if member == nil { fields.append(FieldError("memberId", "is not a core group member")) }
            if body.version == nil { fields.append(FieldError("version", "is required")) }
            if !fields.isEmpty { throw SafeholdError.invalid(fields) }
            try await self.store.assignPlanAction(
                action, episode: id, memberId: member!, expectedVersion: body.version!, context: try context.audit())
            return try APIResponse.json(["actionId": action.text, "memberId": member!.text])
        }
        group.get(SiteRoute.API.invitations) { _, context in
            let items = try await self.store.myInvitations(context: try context.audit())
            return try APIResponse.json(["invitations": items.map(SliceDTO.init)])
        }
        group.get(SiteRoute.API.invitation) { _, context, id in
            try APIResponse.json(SliceDTO(try await self.store.invitation(id, context: try context.audit())))
        }
        group.put(SiteRoute.API.agencyReport) { request, context, id in
            let body = try await StrictJSON.decode(ReportBody.self, from: request)
            let report = try await self.store.submitReport(
                invitation: id, whatWeKnow: body.whatWeKnow, worries: body.worries, workingWell: body.workingWell,
                recommendation: body.recommendation, expectedVersion: body.version, context: try context.audit())
            return try APIResponse.json(ReportDTO(report))
        }
        group.get(SiteRoute.API.myActions) { _, context in
            let items = try await self.store.myActions(context: try context.audit())
            return try APIResponse.json(["actions": items.map(AssignedDTO.init)])
        }
        group.post(SiteRoute.API.myActionStatus) { request, context, id in
            let body = try await StrictJSON.decode(StatusBody.self, from: request)
            let action = try await self.store.updateAssignedAction(
                id, status: body.status, expectedVersion: body.version, context: try context.audit())
            return try APIResponse.json(
                ["id": action.id.text, "status": action.status.rawValue, "version": "\(action.version)"])
        }
        group.get(SiteRoute.API.professionals) { _, context in
            let list = try await self.store.invitableProfessionals(context: try context.audit())
            return try APIResponse.json(["professionals": list.map(ProfessionalDTO.init)])
        }
    }
}
