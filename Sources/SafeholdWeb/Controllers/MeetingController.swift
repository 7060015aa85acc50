import Foundation
import Hummingbird
import SafeholdCore
import SafeholdStore

/// Conferences and core groups on an episode, for the child's social worker, manager and the chair:
/// invitations, attendance, every agency report, the decision shared, and core group members with
/// Safehold accounts who are assigned plan actions.
struct MeetingController {
    let store: Store
    let renderer: PageRenderer

    func register(on group: RouterGroup<SafeholdContext>) {
        group.get(SiteRoute.meetings) { _, context, id in try await self.meetingsPage(context, id) }
        group.get(SiteRoute.meeting) { _, context, id, meeting in
            try await self.meetingPage(context, id, meeting)
        }
        group.post(SiteRoute.invite) { request, context, id in try await self.invite(request, context, id) }
        group.post(SiteRoute.attendance) { request, context, id, invitation in
            let form = try await FormData.read(request, context: context)
            guard let attendance = form["attendance"].flatMap(Attendance.init(rawValue:)) else {
                throw SafeholdError.invalid([FieldError("attendance", "choose whether they came")])
            }
            let meeting = try await store.recordAttendance(
                invitation: invitation, episode: id, attendance, context: try context.audit())
            return Response.redirect(to: SiteRoute.meeting(id, meeting).path, type: .normal)
        }
        group.post(SiteRoute.sharedDecision) { request, context, id, meeting in
            try await self.shareDecision(request, context, id, meeting)
        }
        group.post(SiteRoute.coreGroupUsers) { request, context, id in
            let form = try await FormData.read(request, context: context)
            guard let user = form["userId"].flatMap(UUID.init(uuidString:)) else {
                throw SafeholdError.invalid([FieldError("userId", "choose a Safehold user")])
            }
            _ = try await store.addCoreGroupUser(episode: id, userId: user, context: try context.audit())
            return Response.redirect(to: SiteRoute.meetings(id).fragment("core-group").path, type: .normal)
        }
        group.post(SiteRoute.assignAction) { request, context, id, action in
            let form = try await FormData.read(request, context: context)
            guard let member = form["memberId"].flatMap(UUID.init(uuidString:)) else {
                throw SafeholdError.invalid([FieldError("memberId", "choose a core group member")])
            }
            guard let version = form["version"].flatMap(Int.init) else {
                throw SafeholdError.invalid([FieldError("version", "is missing: reload the page")])
            }
            try await store.assignPlanAction(
                action, episode: id, memberId: member, expectedVersion: version, context: try context.audit())
            return Response.redirect(to: SiteRoute.meetings(id).fragment("core-group").path, type: .normal)
        }
    }

    struct MeetingsPage: Page {
        static let template = Template.meetings
        let chrome: Chrome; let form: FormState; let childName: String; let childHref: String
        let canRecord: Bool; let inviteAction: String; let kinds: [Option]; let professionals: [Option]
        let agencyKinds: [Option]; let meetings: [MeetingSummary]; let hasMeetings: Bool
        let hasCoreGroup: Bool; let members: [MemberRow]; let memberOptions: [Option]
        let coreGroupAction: String; let actions: [AssignRow]; let hasActions: Bool; let hasMembers: Bool
        struct MemberRow { let name: String; let agency: String; let linked: Bool }
    }

    func meetingsPage(
        _ context: SafeholdContext, _ episodeId: UUID, form: FormData? = nil, errors: [FieldError] = [],
        status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let identity = try context.requireIdentity()
        let audit = try context.audit()
        let meetings = try await store.meetings(episode: episodeId, context: audit)
        let (episode, person) = try await EpisodeController(store: store, renderer: renderer).load(context, episodeId)
        let canRecord = person.canEdit && identity.user.role.isChildrensSocialCare
        let professionals = canRecord ? try await store.invitableProfessionals(context: audit) : []
        let members = try await store.coreGroupMembers(episode: episodeId, context: audit)
        let state = FormState(form, errors: errors)
        let memberOptions = Option.list(members.map { ($0.id.text, "\($0.name), \($0.agency)") }, selected: [])
        return renderer.page(
            MeetingsPage(
                chrome: Chrome(title: "Conferences and core groups: \(person.person.displayName)", identity: identity),
                form: state, childName: person.person.displayName,
                childHref: SiteRoute.person(person.person.id).fragment("episodes").path, canRecord: canRecord,
                inviteAction: SiteRoute.invite(episodeId).path,
                kinds: state.options("meetingKind", MeetingKind.self) { $0.label },
                professionals: Option.professionals(professionals, selected: state.values["inviteeUserId"]),
                agencyKinds: Option.list(
                    Agency.Kind.allCases.map { ($0.rawValue, EpisodeView.agencyKindLabels[$0] ?? $0.rawValue) },
                    selected: Set([state.values["agencyKind"] ?? ""])),
                meetings: meetings.map { MeetingSummary($0, episode: episodeId) }, hasMeetings: !meetings.isEmpty,
                hasCoreGroup: episode.state.openPlan(.childProtection) != nil,
                members: members.map { .init(name: $0.name, agency: $0.agency, linked: $0.userId != nil) },
                memberOptions: memberOptions, coreGroupAction: SiteRoute.coreGroupUsers(episodeId).path,
                actions: episode.actions.map {
                    AssignRow(
                        what: $0.what, who: $0.who, due: $0.dueOn.display, status: $0.status.label,
                        action: SiteRoute.assignAction(episodeId, $0.id).path, version: $0.version,
                        id: $0.id.text)
                }, hasActions: !episode.actions.isEmpty && !members.isEmpty, hasMembers: !members.isEmpty),
            status: status)
    }

    func invite(_ request: Request, _ context: SafeholdContext, _ episodeId: UUID) async throws -> Response {
        _ = try context.requireIdentity()
        let form = try await FormData.read(request, context: context)
        do {
            let invitation = try InvitationRequest.validated(
                kind: form["meetingKind"], meetsOn: form["meetsOn"], inviteeUserId: form["inviteeUserId"],
                name: form["name"], agency: form["agency"], agencyKind: form["agencyKind"])
            let made = try await store.invite(episode: episodeId, invitation, context: try context.audit())
            return .redirect(to: SiteRoute.meeting(episodeId, made.meetingId).path, type: .normal)
        } catch SafeholdError.invalid(let errors) {
            return try await meetingsPage(context, episodeId, form: form, errors: errors, status: .unprocessableContent)
        }
    }

    struct MeetingPage: Page {
        static let template = Template.meeting
        let chrome: Chrome; let form: FormState; let title: String; let childName: String; let meetingsHref: String
        let state: String; let invitations: [InvitationRow]; let hasInvitations: Bool; let canRecord: Bool
        let dayCome: Bool; let decisionAction: String; let version: Int; let decision: String
        let hasDecision: Bool; let sharedBy: String; let reportCount: Int; let hasReports: Bool
    }

    func meetingPage(
        _ context: SafeholdContext, _ episodeId: UUID, _ meetingId: UUID, form: FormData? = nil,
        errors: [FieldError] = [], status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let identity = try context.requireIdentity()
        let records = try await store.meetings(episode: episodeId, context: try context.audit())
        guard let record = records.first(where: { $0.meeting.id == meetingId }) else {
            throw SafeholdError.notFound(AccessPolicy.noVisibleRecord)
        }
        let (_, person) = try await EpisodeController(store: store, renderer: renderer).load(context, episodeId)
        let m = record.meeting
        let rows = record.invitations.map { InvitationRow($0, episode: episodeId, ruleset: store.ruleset) }
        return renderer.page(
            MeetingPage(
                chrome: Chrome(title: m.title, identity: identity),
                form: FormState(form, errors: errors, defaults: ["summary": m.sharedDecision ?? ""]), title: m.title,
                childName: person.person.displayName, meetingsHref: SiteRoute.meetings(episodeId).path,
                state: MeetingSummary(record, episode: episodeId).state, invitations: rows,
                hasInvitations: !rows.isEmpty,
                canRecord: person.canEdit && identity.user.role.isChildrensSocialCare,
                dayCome: m.meetsOn <= store.today,
                decisionAction: SiteRoute.sharedDecision(episodeId, meetingId).path, version: m.version,
                decision: m.sharedDecision ?? "", hasDecision: m.sharedDecision != nil,
                sharedBy: both(m.sharedBy, m.sharedAt).map { "\($0), \(store.ruleset.display($1))" } ?? "",
                reportCount: rows.filter { $0.report != nil }.count, hasReports: rows.contains { $0.report != nil }),
            status: status)
    }

    func shareDecision(
        _ request: Request, _ context: SafeholdContext, _ episodeId: UUID, _ meetingId: UUID
    ) async throws -> Response {
        _ = try context.requireIdentity()
        let form = try await FormData.read(request, context: context)
        do {
            guard let version = form["version"].flatMap(Int.init) else {
                throw SafeholdError.invalid([FieldError("version", "is missing: reload the page")])
            }
            _ = try await store.shareDecision(
                meeting: meetingId, episode: episodeId, summary: form["summary"], expectedVersion: version,
                context: try context.audit())
            return .redirect(to: SiteRoute.meeting(episodeId, meetingId).path, type: .normal)
        } catch SafeholdError.invalid(let errors) {
            return try await meetingPage(
                context, episodeId, meetingId, form: form, errors: errors, status: .unprocessableContent)
        }
    }
}

/// Both values, or nil.
private func both<A, B>(_ a: A?, _ b: B?) -> (A, B)? {
    guard let a, let b else { return nil }
    return (a, b)
}
