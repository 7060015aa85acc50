import Foundation
import Hummingbird

/// Allegations against people who work with children (the LADO service): the LADO's home, the annual
/// figures, a case with a form for each step, and their `/api/v1` twins (in `openapi.yaml`).
extension SiteRoute {
    public static let ladoHome = Route("lado")
    public static let ladoFigures = ladoHome / "figures"
    public static let allegations = Route("allegations")
    public static let newAllegation = allegations / "new"
    public static let allegation = allegations / id
    public static let allegationConsideration = allegation / "consideration"
    public static let allegationMeeting = allegation / "meeting"
    public static let allegationActions = allegation / "actions"
    public static let allegationActionDone = allegation / "actions" / "done"
    public static let allegationEmployment = allegation / "employment"
    public static let allegationOutcome = allegation / "outcome"
    public static let allegationChildren = allegation / "children"
    public static let allegationContacts = allegation / "contacts"
    public static let allegationGrants = allegation / "grants"
}

extension SiteRoute.API {
    public static let ladoHome = root / "lado" / "home"
    public static let ladoFigures = root / "lado" / "figures"
    public static let allegations = root / "allegations"
    public static let allegation = allegations / SiteRoute.id
    public static let allegationConsideration = allegation / "consideration"
    public static let allegationMeeting = allegation / "meeting"
    public static let allegationActions = allegation / "actions"
    public static let allegationActionDone = allegation / "actions" / "done"
    public static let allegationEmployment = allegation / "employment"
    public static let allegationOutcome = allegation / "outcome"
    public static let allegationChildren = allegation / "children"
    public static let allegationContacts = allegation / "contacts"
    public static let allegationGrants = allegation / "grants"
}
