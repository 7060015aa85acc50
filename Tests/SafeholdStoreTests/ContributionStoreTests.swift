import Foundation
import SafeholdCore
import SafeholdStore
import Testing

/// Invitations and agency reports: the invited professional writes their report and sees only their
/// slice; the child's holders see every report; everyone else gets the one 404 and nothing is written.
@Suite("Invitations and agency reports in the store")
struct ContributionStoreTests {
    @Test(
        "The invited health visitor is told, writes the report, and the social worker sees it on the record",
        arguments: TestBackend.all)
    func invitedProfessionalReports(_ backend: TestBackend) async throws {
        try await withWorld(backend) { w in
            let s = try await ContributionSetting.make(w)
            let invitation = try await s.invite()
            let told = try await w.store.notifications(context: w.ctx(s.hv))
            #expect(told.map(\.kind) == [.invitation] && told.first?.personId == s.child)

            let mine = try await w.store.myInvitations(context: w.ctx(s.hv))
            #expect(mine.count == 1 && mine.first?.childName == "Contrib Pipeline")
            #expect(mine.first?.childDateOfBirth == Synthetic.date("2016-04-12"))
            let report = try await s.report(invitation.id)
            #expect(report.version == 1 && report.agencyName == "Northfield Health Visiting")

            // The social worker (and the chair, anyone who may open the child) sees it before the meeting.
            let meetings = try await w.store.meetings(episode: s.episode, context: w.ctx(w.alice))
            #expect(meetings.count == 1 && meetings.first?.invitations.first?.report?.worries == "Home cold; Mum low.")
            #expect(try await w.store.notifications(context: w.ctx(w.alice)).contains { $0.kind == .informationShared })
            let chronology = try await w.store.chronology(of: s.child, context: w.ctx(w.alice))
            #expect(chronology.contains { $0.kind == .agencyReport && $0.source.contains("Vera Visitor") })
            let audited = try await w.store.audit.entries(forPerson: s.child).filter {
                $0.event.entityType == "agency_report" && $0.event.actorId == s.hv.id
            }
            #expect(audited.map(\.event.action) == [.create])

            // Changed with the version read; a stale version is a conflict and changes nothing.
            let changed = try await s.report(invitation.id, version: 1, worries: "Home still cold.")
            #expect(changed.version == 2)
            let stale = await expectRefusal(.conflict) { try await s.report(invitation.id, version: 1) }
            #expect(stale?.message.contains("Reload") == true)
            let first = await expectRefusal(.conflict) { try await s.report(invitation.id, version: 0) }
            #expect(first != nil)
            #expect(
                try await w.store.invitation(invitation.id, context: w.ctx(s.hv)).report?.worries == "Home still cold.")
        }
    }

    @Test(
        "Another agency's partner, another team's worker and unscheduled care get the one 404; nothing written",
        arguments: TestBackend.all)
    func strangersAreRefused(_ backend: TestBackend) async throws {
        try await withWorld(backend) { w in
            let s = try await ContributionSetting.make(w)
            let invitation = try await s.invite()
            let school = try await s.invite(s.dsl)
            let before = try await s.count("agency_reports")
            for user in [s.dsl, w.carol, s.nurse, w.officer] {
                await expectRefusal(.notFound) { try await w.store.invitation(invitation.id, context: w.ctx(user)) }
                let refused = await expectRefusal(.notFound) { try await s.report(invitation.id, by: user) }
                #expect(refused?.message == AccessPolicy.noVisibleRecord)
            }
            // The school's lead may not read the health visitor's invitation, nor the other way round.
            await expectRefusal(.notFound) { try await w.store.invitation(school.id, context: w.ctx(s.hv)) }
            #expect(try await w.store.myInvitations(context: w.ctx(s.nurse)).isEmpty)
            #expect(try await w.store.myInvitations(context: w.ctx(s.dsl)).map(\.invitation.id) == [school.id])
            // The social worker sees the invitation but does not write the agency's report.
            let forbidden = await expectRefusal(.forbidden) { try await s.report(invitation.id, by: w.alice) }
            #expect(forbidden?.message.contains("Only the professional invited") == true)
            #expect(try await s.count("agency_reports") == before)
            let denials = try await w.store.audit.entries(forPerson: s.child).filter { $0.event.action == .denied }
            #expect(Set(denials.compactMap(\.event.actorId)).isSuperset(of: [s.dsl.id, w.carol.id, s.nurse.id]))
        }
    }

    @Test(
        "Only children's social care who may change the record invite; odd invitees are refused by field",
        arguments: TestBackend.all)
    func invitingRules(_ backend: TestBackend) async throws {
        try await withWorld(backend) { w in
            let s = try await ContributionSetting.make(w)
            let request = InvitationRequest(
                kind: .initialConference, meetsOn: Synthetic.today.adding(days: 3), invitee: .user(s.hv.id))
            for user in [w.carol, s.hv, s.nurse] {
                await expectRefusal(.notFound) {
                    try await w.store.invite(episode: s.episode, request, context: w.ctx(user))
                }
            }
            #expect(try await s.count("meetings") == 0)
            let colleague = await expectRefusal(.invalid) {
                try await w.store.invite(
                    episode: s.episode,
                    InvitationRequest(kind: .coreGroup, meetsOn: Synthetic.today, invitee: .user(w.bob.id)),
                    context: w.ctx(w.alice))
            }
            #expect(colleague?.fields == ["inviteeUserId"])
            let nobody = await expectRefusal(.invalid) {
                try await w.store.invite(
                    episode: s.episode,
                    InvitationRequest(kind: .coreGroup, meetsOn: Synthetic.today, invitee: .user(UUID())),
                    context: w.ctx(w.alice))
            }
            #expect(nobody?.fields == ["inviteeUserId"])
            #expect(try await s.count("invitations") == 0)
            #expect(try await s.count("meetings") == 0)

            _ = try await w.store.invite(episode: s.episode, request, context: w.ctx(w.alice))
            let twice = await expectRefusal(.conflict) {
                try await w.store.invite(episode: s.episode, request, context: w.ctx(w.manager))
            }
            #expect(twice?.message.contains("already invited") == true)
            _ = try await w.store.invite(
                episode: s.episode,
                InvitationRequest(
                    kind: .initialConference, meetsOn: Synthetic.today.adding(days: 3),
                    invitee: .named(name: "Dr Gail Practise", agency: "Riverside Surgery", agencyKind: .health)),
                context: w.ctx(w.alice))
            #expect(try await s.count("invitations") == 2)
            #expect(try await s.count("meetings") == 1)
        }
    }

    @Test(
        "After the meeting: attendance closes the reports, the decision is shared with the invitees only",
        arguments: TestBackend.all)
    func afterTheMeeting(_ backend: TestBackend) async throws {
        try await withWorld(backend) { w in
            let s = try await ContributionSetting.make(w)
            let future = try await s.invite(days: 4)
            let early = await expectRefusal(.conflict) {
                try await w.store.recordAttendance(
                    invitation: future.id, episode: s.episode, .attended, context: w.ctx(w.alice))
            }
            #expect(early?.message.contains("on or after that day") == true)

            let today = try await s.invite(kind: .coreGroup, days: 0)
            _ = try await s.report(today.id)
            let own = await expectRefusal(.forbidden) {
                try await w.store.recordAttendance(
                    invitation: today.id, episode: s.episode, .attended, context: w.ctx(s.hv))
            }
            #expect(own != nil)
            try await w.store.recordAttendance(
                invitation: today.id, episode: s.episode, .attended, context: w.ctx(w.alice))
            let closed = await expectRefusal(.conflict) { try await s.report(today.id, version: 1) }
            #expect(closed?.message.contains("has been held") == true)

            let meeting = try #require(
                try await w.store.meetings(episode: s.episode, context: w.ctx(w.alice)).first {
                    $0.meeting.kind == .coreGroup
                })
            #expect(meeting.meeting.isHeld && meeting.invitations.first?.invitation.attendance == .attended)
            let bad = await expectRefusal(.invalid) {
                try await w.store.shareDecision(
                    meeting: meeting.meeting.id, episode: s.episode, summary: "Plan \u{202E}continues",
                    expectedVersion: meeting.meeting.version, context: w.ctx(w.alice))
            }
            #expect(bad?.fields == ["summary"])
            let refusedPartner = await expectRefusal(.notFound) {
                try await w.store.shareDecision(
                    meeting: meeting.meeting.id, episode: s.episode, summary: "x",
                    expectedVersion: meeting.meeting.version, context: w.ctx(s.hv))
            }
            #expect(refusedPartner != nil)
            _ = try await w.store.shareDecision(
                meeting: meeting.meeting.id, episode: s.episode, summary: "The plan continues; weekly visits.",
                expectedVersion: meeting.meeting.version, context: w.ctx(w.alice))
            let stale = await expectRefusal(.conflict) {
                try await w.store.shareDecision(
                    meeting: meeting.meeting.id, episode: s.episode, summary: "Changed.",
                    expectedVersion: meeting.meeting.version, context: w.ctx(w.alice))
            }
            #expect(stale != nil)
            let slice = try await w.store.invitation(today.id, context: w.ctx(s.hv))
            #expect(slice.meeting.sharedDecision == "The plan continues; weekly visits.")
            #expect(try await w.store.notifications(context: w.ctx(s.hv)).filter { $0.kind == .invitation }.count == 3)
            // The invitee of the other meeting was not told of this one's decision.
            #expect(try await w.store.invitation(future.id, context: w.ctx(s.hv)).meeting.sharedDecision == nil)
        }
    }

    @Test("A report with a bidirectional override or an empty section is refused by field", arguments: TestBackend.all)
    func badReports(_ backend: TestBackend) async throws {
        try await withWorld(backend) { w in
            let s = try await ContributionSetting.make(w)
            let invitation = try await s.invite()
            let bidi = await expectRefusal(.invalid) { try await s.report(invitation.id, worries: "Mum \u{202E}low") }
            #expect(bidi?.fields == ["worries"])
            let empty = await expectRefusal(.invalid) {
                try await w.store.submitReport(
                    invitation: invitation.id, whatWeKnow: " ", worries: nil, workingWell: "w",
                    recommendation: String(repeating: "x", count: 8001), expectedVersion: 0, context: w.ctx(s.hv))
            }
            #expect(empty?.fields == ["whatWeKnow", "worries", "recommendation"])
            let version = await expectRefusal(.invalid) {
                try await w.store.submitReport(
                    invitation: invitation.id, whatWeKnow: "k", worries: "w", workingWell: "g", recommendation: "r",
                    expectedVersion: nil, context: w.ctx(s.hv))
            }
            #expect(version?.fields == ["version"])
            #expect(try await s.count("agency_reports") == 0)
        }
    }
}
