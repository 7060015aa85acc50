import Foundation
import Hummingbird

/// Caseloads and allocation: the team manager's caseload page, a child's allocation history and
/// grants, decisions on grants, and an administrator putting a user in a team (joint and embedded
/// teams); their `/api/v1` twins are documented in `openapi.yaml` like every other API route.
extension SiteRoute {
    public static let workforceCaseloads = Route("workforce", "caseloads")
    public static let allocation = person / "allocation"
    public static let personGrants = person / "grants"
    static let grant = Route("grants") / id
    public static let approveGrant = grant / "approve"
    public static let declineGrant = grant / "decline"
    public static let revokeGrant = grant / "revoke"
    public static let userTeam = user / "team"
    /// Asking for access to a child found by name only (`?person=` the child): the form and its answer.
    public static let accessRequest = Route("access-requests")
}

extension SiteRoute.API {
    public static let caseloads = root / "caseloads"
    public static let teamMembers = root / "team-members"
    public static let teamMemberships = root / "team-memberships"
    public static let allocations = person / "allocations"
    public static let grants = person / "grants"
    public static let grantRequests = root / "grant-requests"
    static let grant = root / "grants" / SiteRoute.id
    public static let approveGrant = grant / "approve"
    public static let declineGrant = grant / "decline"
    public static let revokeGrant = grant / "revoke"
}
