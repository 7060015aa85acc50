import Foundation
import Hummingbird

/// People who pose a risk: risk profiles, MAPPA meetings and their actions, and the MAPPA coordinator's
/// home; the pages and their `/api/v1` twins (documented in `openapi.yaml`).
extension SiteRoute {
    public static let mappaHome = Route("mappa")
    static let riskProfiles = Route("risk-profiles")
    public static let newRiskProfile = riskProfiles / "new"
    public static let riskProfile = riskProfiles / id
    public static let editRiskProfile = riskProfile / "edit"
    public static let newMappaMeeting = riskProfile / "meetings" / "new"
    public static let mappaMeetingActions = Route("mappa-meetings") / id / "actions"
    public static let mappaActionStatus = Route("mappa-actions") / id / "status"
}

extension SiteRoute.API {
    public static let riskOffences = root / "risk-offences"
    public static let riskProfiles = root / "risk-profiles"
    public static let riskProfile = riskProfiles / SiteRoute.id
    public static let riskProfileMeetings = riskProfile / "meetings"
    public static let mappaMeeting = root / "mappa-meetings" / SiteRoute.id
    public static let mappaMeetingActions = mappaMeeting / "actions"
    public static let mappaActionStatus = root / "mappa-actions" / SiteRoute.id / "status"
    public static let mappaHome = root / "mappa" / "home"
}
