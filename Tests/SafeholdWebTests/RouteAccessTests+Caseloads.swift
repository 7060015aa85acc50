import Foundation
import SafeholdCore
import SafeholdStore
import Testing

/// The caseload and allocation routes in the route walk: lists scoped by the store (without a record
/// id), a grant to call the grant routes with, and JSON that passes their input checks.
extension RouteAccessTests {
    /// Team lists and team membership: no child's record in the path. The caseload list is the team's
    /// managers' (each child audited) or an administrator's figures; members name no child; moving a
    /// user to a team is an administrator's; requests to decide are scoped to the manager's team.
    static let caseloadWithoutRecordId: Set<String> = [
        "GET /workforce/caseloads", "GET /api/v1/caseloads", "GET /api/v1/team-members",
        "POST /api/v1/team-memberships", "GET /api/v1/grant-requests",
        // Asking for access to a child found by name: the child's name only (act with findByName, audited);
        // the request gives nothing until a manager of the holding team approves it.
        "GET /access-requests", "POST /access-requests",
    ]

    /// A grant on the fixture's child, made by its team's manager for the police officer.
    static func seedGrant(_ f: WebFixture) async throws -> UUID {
        try await f.store.requestGrant(
            f.child.id,
            AccessGrantDraft(userId: f.police.id, canEdit: false, reason: "Joint visit", expiresOn: "2026-12-20"),
            context: AuditContext(actor: f.manager.actor, ipAddress: nil)
        ).id
    }

    /// JSON for the caseload API's writes on a child that passes its own checks.
    static func caseloadBody(_ method: String, _ path: String) -> String? {
        guard method == "POST", path.hasPrefix("/api/v1/people/") else { return nil }
        if path.hasSuffix("/allocations") {
            return #"{"workerId":"\#(UUID().uuidString)","reason":"Rebalancing","version":"\#(UUID().uuidString)"}"#
        }
        if path.hasSuffix("/grants") {
            return #"{"userId":"\#(UUID().uuidString)","reason":"Cover","expiresOn":"2026-12-01"}"#
        }
        return nil
    }
}
