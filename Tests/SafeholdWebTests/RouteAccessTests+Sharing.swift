import Foundation
import SafeholdCore
import SafeholdStore
import SafeholdWeb

/// The sharing record's part of the route walk: a request about the fixture's child, and bodies for the
/// sharing API that pass their input checks, so that only access can refuse them.
extension RouteAccessTests {
    /// Routes of the sharing record with no record id in the path, and why none reaches one child's record.
    static let sharingWithoutRecordId: Set<String> = [
        "GET /api/v1/lawful-bases",  // the code list
        // Lists scoped by a named rule (the register to the DPO, an agency's own slice), audited per child shown.
        "GET /disclosures", "GET /api/v1/disclosures", "GET /shared-with-us", "GET /api/v1/shared-with-us",
        // A new request about a child found by name (refused and audited against the child by `act`).
        "GET /information-requests/new", "POST /information-requests", "POST /api/v1/information-requests",
    ]

    static func seedSharingRequest(_ f: WebFixture) async throws -> UUID {
        try await f.store.raiseInformationRequest(
            InformationRequestDraft(
                personId: f.child.id, agencyId: f.police.agencyId, requesterName: "PC Ask", channel: .phone,
                receivedOn: f.store.today, what: "Who lives at home?", why: "A joint visit."),
            context: AuditContext(actor: f.north.actor, ipAddress: nil)
        ).id
    }

    /// JSON for the sharing API's writes that passes its own checks.
    static func sharingBody(_ method: String, _ path: String, _ s: Seeded) -> String? {
        guard method == "POST", path.hasPrefix("/api/v1/") else { return nil }
        let disclosure =
            #"{"decision":"disclosed","what":"Plan","recipientAgencyId":"\#(UUID().uuidString)","#
            + #""lawfulBasis":"ukgdpr_6_1_e","consent":"given","reasons":"Needed"}"#
        if path.hasPrefix("/api/v1/people/") && path.hasSuffix("/disclosures") { return disclosure }
        if path.hasPrefix("/api/v1/information-requests/") && path.hasSuffix("/response") {
            return #"{"version":1,"outcome":"disclosed_in_full","disclosure":\#(disclosure)}"#
        }
        return nil
    }
}
