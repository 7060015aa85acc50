import Foundation
import SafeholdCore

/// Predicted breaches: the statutory steps on episodes that fall due within the next three working days
/// (`Timeliness.dueSoonWindow`) and are not done, so will be late unless something happens now. Read from
/// the due list (the `episode_due` cache of each open episode's next steps), scoped and audited as it is.
extension Store {
    /// The reader's own children's steps about to be late, and their team's (for a team manager).
    public func predictedBreaches(context: AuditContext) async throws -> (mine: [DueLine], team: [DueLine]) {
        guard let actor = context.actor else { throw SafeholdError.unauthenticated("Sign in first.") }
        guard actor.role.isChildrensSocialCare else { return ([], []) }
        let isStep = { (line: DueLine) in
            line.episodeId != nil && line.item.status == .dueSoon && line.serviceReferralId == nil
                && line.escalationId == nil && line.informationRequestId == nil && line.riskLinkId == nil
                && line.oversightActionId == nil
        }
        let mine = try await dueList(.mine, context: context).filter(isStep)
        guard actor.role == .teamManager, actor.teamId != nil else { return (mine, []) }
        let team = try await dueList(.team, context: context).filter(isStep)
        return (mine, team)
    }
}
