import Foundation
import Hummingbird

/// `/api/v1` for information sharing: the plan look-up health systems call, the user's notifications,
/// and a child's looked-after periods. Documented in `openapi.yaml` like every other API route.
extension SiteRoute.API {
    public static let planLookups = root / "lookups"
    public static let notifications = root / "notifications"
    public static let notificationsRead = notifications / "read"
    public static let lookedAfter = person / "looked-after"
    public static let endLookedAfter = lookedAfter / "end"
}
