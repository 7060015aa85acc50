import Foundation
import SafeholdCore
import SafeholdStore
import SafeholdWeb

/// The contribution records the route walk calls the meeting, invitation and my-actions routes with,
/// and bodies that pass their input checks, so that only access can refuse them.
extension RouteAccessTests {
    /// A core group meeting today on the fixture child's episode, with the police officer invited.
    struct ContributionSeed {
        var meeting = UUID(), invitation = UUID()
    }

    static func seedContributions(_ f: WebFixture, episode: UUID) async throws -> ContributionSeed {
        let invitation = try await f.store.invite(
            episode: episode,
            InvitationRequest(kind: .coreGroup, meetsOn: f.store.today, invitee: .user(f.police.id)),
            context: AuditContext(actor: f.north.actor, ipAddress: nil))
        return ContributionSeed(meeting: invitation.meetingId, invitation: invitation.id)
    }

    /// Routes without a record id: the caller's own lists and a directory of professionals.
    static let contributionLists: Set<String> = [
        "GET /invitations", "GET /api/v1/invitations",  // the caller's own invitations, audited per child shown
        "GET /my-actions", "GET /api/v1/my-actions",  // the caller's assigned actions, audited per child shown
        "GET /api/v1/professionals",  // who may be invited: names and agencies, no child's record
    ]

    static func contributionForm() -> [(String, String)] {
        [
            ("meetingKind", "core_group"), ("meetsOn", "2026-11-24"), ("attendance", "attended"),
            ("summary", "Shared."), ("userId", UUID().uuidString), ("memberId", UUID().uuidString),
            ("whatWeKnow", "k"), ("recommendation", "r"),
        ]
    }

    static func contributionBody(_ method: String, _ path: String) -> String? {
        guard path.hasPrefix("/api/v1/"), method != "GET" else { return nil }
        if method == "PUT" && path.hasSuffix("/report") {
            return #"{"whatWeKnow":"k","worries":"w","workingWell":"g","recommendation":"r","version":0}"#
        }
        if path.hasPrefix("/api/v1/my-actions/") { return #"{"status":"done","version":1}"# }
        guard path.hasPrefix("/api/v1/episodes/") else { return nil }
        if path.hasSuffix("/invitations") {
            return
                #"{"meetingKind":"core_group","meetsOn":"2026-11-24","name":"HV","agency":"NHS","agencyKind":"health"}"#
        }
        if path.hasSuffix("/attendance") { return #"{"attendance":"attended"}"# }
        if path.hasSuffix("/shared-decision") { return #"{"summary":"s","version":1}"# }
        if path.hasSuffix("/core-group/members") { return #"{"userId":"\#(UUID().uuidString)"}"# }
        if path.hasSuffix("/assignee") { return #"{"memberId":"\#(UUID().uuidString)","version":1}"# }
        return nil
    }
}
