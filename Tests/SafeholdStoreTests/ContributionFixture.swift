import Foundation
import SafeholdCore
import SafeholdStore
import Testing

/// A child of team A on a child protection plan (alice is the worker), a health visitor and a school's
/// safeguarding lead (partners of two agencies), and an emergency department nurse.
struct ContributionSetting: Sendable {
    let w: World
    let worked: PipelineFixture.Worked
    let hv: User
    let dsl: User
    let nurse: User

    var child: UUID { worked.child }
    var episode: UUID { worked.episode }

    static func make(_ w: World) async throws -> ContributionSetting {
        let worked = try await PipelineFixture.episodeWithPlan(w, name: "Contrib")
        let health = try await w.env.createAgency("Northfield Health Visiting", kind: .health)
        let school = try await w.env.createAgency("Riverside Primary", kind: .school)
        let hospital = try await w.env.createAgency("Northfield General", kind: .health)
        return ContributionSetting(
            w: w, worked: worked,
            hv: try await w.env.createUser("hv.one", "Vera Visitor", role: .partner, agency: health, team: nil),
            dsl: try await w.env.createUser("dsl.one", "Rita Rivers", role: .partner, agency: school, team: nil),
            nurse: try await w.env.createUser("nurse", "Ed Nurse", role: .unscheduledCare, agency: hospital, team: nil))
    }

    /// Invites `user` (the health visitor by default) to a meeting `days` from today, as alice.
    func invite(_ user: User? = nil, kind: MeetingKind = .reviewConference, days: Int = 5) async throws -> Invitation {
        try await w.store.invite(
            episode: episode,
            InvitationRequest(kind: kind, meetsOn: Synthetic.today.adding(days: days), invitee: .user((user ?? hv).id)),
            context: w.ctx(w.alice))
    }

    /// Writes a report as `user` (the health visitor by default).
    func report(
        _ invitation: UUID, by user: User? = nil, version: Int = 0, worries: String = "Home cold; Mum low."
    ) async throws -> AgencyReport {
        try await w.store.submitReport(
            invitation: invitation, whatWeKnow: "Seen four times.", worries: worries, workingWell: "Grandmother helps.",
            recommendation: "A plan is needed.", expectedVersion: version, context: w.ctx(user ?? hv))
    }

    func count(_ table: String) async throws -> Int { try await w.env.count(table) }
}
