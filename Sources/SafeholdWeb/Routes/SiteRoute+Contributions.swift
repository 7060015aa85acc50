import Foundation
import Hummingbird

/// Partner agencies' contributions: invitations to conferences and core groups, attendance, agency
/// reports, the decisions shared afterwards, and the plan actions assigned to core group members.
extension SiteRoute {
    // On an episode: the meetings page, one meeting, and what children's social care records.
    public static let meetings = episode / "meetings"
    public static let meeting = meetings / PathID("meeting")
    public static let sharedDecision = meeting / "shared-decision"
    public static let invite = episode / "invitations"
    public static let attendance = invite / PathID("invitation") / "attendance"
    public static let coreGroupUsers = coreGroup / "users"
    public static let assignAction = planAction / "assignee"

    // The invited professional's and the core group member's own pages.
    public static let invitations = Route("invitations")
    public static let invitation = invitations / id
    public static let agencyReport = invitation / "report"
    public static let myActions = Route("my-actions")
    public static let myAction = myActions / PathID("action")
}

extension SiteRoute.API {
    static let contributionEpisode = root / "episodes" / SiteRoute.id
    public static let meetings = contributionEpisode / "meetings"
    public static let sharedDecision = meetings / PathID("meeting") / "shared-decision"
    public static let invite = contributionEpisode / "invitations"
    public static let attendance = invite / PathID("invitation") / "attendance"
    public static let coreGroupMembers = contributionEpisode / "core-group" / "members"
    public static let assignAction = contributionEpisode / "actions" / PathID("action") / "assignee"
    public static let invitations = root / "invitations"
    public static let invitation = invitations / SiteRoute.id
    public static let agencyReport = invitation / "report"
    public static let myActions = root / "my-actions"
    public static let myActionStatus = myActions / PathID("action") / "status"
    public static let professionals = root / "professionals"
}
