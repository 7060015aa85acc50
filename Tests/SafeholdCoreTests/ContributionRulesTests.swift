import Foundation
import Testing

@testable import SafeholdCore

/// The contribution rules: who is invited and who reaches what, decided on facts alone.
@Suite struct ContributionRulesTests {
    static let team = UUID()
    static func actor(_ role: Role, team: UUID? = nil) -> Actor {
        Actor(userId: UUID(), role: role, agencyId: UUID(), teamId: team, displayName: "A")
    }
    static func child(team: UUID = team) -> RecordAccessFacts { RecordAccessFacts(allocatedTeamIds: [team]) }

    @Test func anInvitationNeedsAMeetingADayAndEitherAUserOrANamedProfessional() throws {
        let user = UUID()
        let made = try InvitationRequest.validated(
            kind: "core_group", meetsOn: "2026-12-01", inviteeUserId: user.uuidString, name: nil, agency: nil,
            agencyKind: nil)
        #expect(made.invitee == .user(user) && made.kind == .coreGroup)
        #expect(
            throws: SafeholdError.invalid([
                FieldError("meetingKind", "is required"), FieldError("meetsOn", "is required"),
                FieldError("inviteeUserId", "choose a Safehold user, or give the professional's name and agency"),
            ])
        ) {
            try InvitationRequest.validated(
                kind: nil, meetsOn: nil, inviteeUserId: nil, name: nil, agency: nil, agencyKind: nil)
        }
        #expect(throws: SafeholdError.self) {
            try InvitationRequest.validated(
                kind: "core_group", meetsOn: "2026-12-01", inviteeUserId: user.uuidString, name: "Both",
                agency: "NHS", agencyKind: "health")
        }
        let odd = #expect(throws: SafeholdError.self) {
            try InvitationRequest.validated(
                kind: "strategy", meetsOn: "2026-02-30", inviteeUserId: nil, name: "Dr \u{202E}Gail", agency: nil,
                agencyKind: "spaceship")
        }
        #expect(odd.map { fields($0) } == ["meetingKind", "meetsOn", "name", "agency", "agencyKind"])
    }

    func fields(_ error: SafeholdError) -> [String] {
        if case .invalid(let errors) = error { return errors.map(\.field) }
        return []
    }

    @Test func theInviteeReachesOnlyTheirOwnInvitationAndWritesOnlyTheirReport() {
        let partner = Self.actor(.partner)
        let facts = ContributionFacts(inviteeUserId: partner.userId)
        let mine = ContributionAccess.decide(partner, .writeReport, facts, children: [Self.child()])
        #expect(mine.decision == .allowed && mine.standing == .invitee)
        let other = ContributionAccess.decide(Self.actor(.partner), .read, facts, children: [Self.child()])
        #expect(other.decision == .denied(AccessPolicy.noVisibleRecord) && !other.seesRecord)
        let recording = ContributionAccess.decide(partner, .recordForMeeting, facts, children: [Self.child()])
        #expect(!recording.decision.isAllowed && recording.seesRecord)
    }

    @Test func theTeamReadsEveryReportRecordsTheMeetingButWritesNoAgencysReport() {
        let worker = Self.actor(.socialWorker, team: Self.team)
        let facts = ContributionFacts(inviteeUserId: UUID())
        #expect(ContributionAccess.decide(worker, .read, facts, children: [Self.child()]).decision == .allowed)
        #expect(
            ContributionAccess.decide(worker, .recordForMeeting, facts, children: [Self.child()]).decision == .allowed)
        let writing = ContributionAccess.decide(worker, .writeReport, facts, children: [Self.child()])
        #expect(!writing.decision.isAllowed && writing.seesRecord)
        let stranger = ContributionAccess.decide(
            Self.actor(.socialWorker, team: UUID()), .read, facts, children: [Self.child()])
        #expect(!stranger.seesRecord)
    }

    @Test func onlyTheAssignedMemberUpdatesTheActionAndUnscheduledCareReachesNothing() {
        let member = Self.actor(.partner)
        let facts = ContributionFacts(assigneeUserId: member.userId)
        #expect(
            ContributionAccess.decide(member, .updateActionStatus, facts, children: [Self.child()]).decision == .allowed
        )
        let nurse = Self.actor(.unscheduledCare)
        #expect(
            !ContributionAccess.decide(
                nurse, .read, ContributionFacts(inviteeUserId: nurse.userId),
                children: [Self.child()]
            ).seesRecord)
        #expect(ContributionAccess.invitationsListed(for: nurse) == nil)
        #expect(ContributionAccess.actionsListed(for: Self.actor(.socialWorker)) == nil)
        #expect(ContributionAccess.mayBeInvited(.police) && !ContributionAccess.mayBeInvited(.conferenceChair))
    }

    @Test func aHeldMeetingClosesItsReportsAndAFutureOneTakesNoAttendance() {
        let day = LocalDate(iso: "2026-12-01")!
        let open = Meeting(
            id: UUID(), episodeId: UUID(), kind: .initialConference, meetsOn: day, heldAt: nil, sharedDecision: nil,
            sharedBy: nil, sharedAt: nil, version: 1)
        #expect(throws: Never.self) { try open.requireOpenForReports() }
        #expect(throws: SafeholdError.self) { try open.requireDayCome(today: day.adding(days: -1), what: "attendance") }
        let held = Meeting(
            id: open.id, episodeId: open.episodeId, kind: .initialConference, meetsOn: day, heldAt: Date(),
            sharedDecision: nil, sharedBy: nil, sharedAt: nil, version: 2)
        #expect(throws: SafeholdError.self) { try held.requireOpenForReports() }
    }
}
