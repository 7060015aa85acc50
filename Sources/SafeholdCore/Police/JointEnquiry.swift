import Foundation

/// How a strategy discussion that decides a joint section 47 enquiry reaches the police: it opens an
/// investigation held by a police team (which then allocates an officer), or links one already open.
public enum JointEnquiryLink: Hashable, Sendable {
    case open(policeTeam: UUID)
    case link(investigation: UUID)

    /// A joint decision needs a link; any other step or decision must not carry one.
    public static func check(_ link: JointEnquiryLink?, for step: EpisodeStep) throws(SafeholdError) {
        let joint: Bool
        if case .strategyDiscussion(_, _, _, _, let decision, _) = step {
            joint = decision == .jointS47
        } else {
            joint = false
        }
        if joint && link == nil {
            throw .invalid([
                FieldError(
                    "policeTeamId", "name the police team that will investigate jointly, or the investigation to link")
            ])
        }
        if !joint && link != nil {
            throw .invalid([
                FieldError("policeTeamId", "a police team is named only when the decision is a joint enquiry")
            ])
        }
    }
}
