import Foundation
import Hummingbird

/// Supervision, management oversight and staff welfare: the pages and their `/api/v1` twins. A worker's
/// id names a user (their supervision record), never a child's record; the oversight actions are on the
/// child's record and go through it.
extension SiteRoute {
    public static let supervision = Route("workforce", "supervision")
    public static let workerSupervision = supervision / id
    public static let qualifiedOn = workerSupervision / "qualified-on"
    public static let supervisionSession = Route("supervision-sessions") / id
    public static let mySupervision = Route("me", "supervision")
    public static let myWelfare = Route("me", "welfare")
    public static let welfareCounts = Route("workforce", "welfare")
    public static let oversightActionDone = person / "oversight-actions" / PathID("action") / "done"
}

extension SiteRoute.API {
    public static let supervision = root / "workforce" / "supervision"
    public static let workerSupervision = supervision / SiteRoute.id
    public static let supervisionSessions = workerSupervision / "sessions"
    public static let qualifiedOn = workerSupervision / "qualified-on"
    public static let supervisionSession = root / "supervision-sessions" / SiteRoute.id
    public static let mySupervision = root / "me" / "supervision"
    public static let myWelfare = root / "me" / "welfare"
    public static let welfareCounts = root / "workforce" / "welfare"
    public static let oversight = person / "oversight"
    public static let oversightActionDone = person / "oversight-actions" / PathID("action") / "done"
}
