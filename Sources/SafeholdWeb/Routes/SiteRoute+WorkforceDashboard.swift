import Foundation
import Hummingbird

/// The workforce dashboard for team managers and senior leaders, its CSV download, and its `/api/v1`
/// twin (in `openapi.yaml`).
extension SiteRoute {
    public static let workforceDashboard = Route("workforce")
    public static let workforceDashboardCSV = Route("workforce", "figures.csv")
}

extension SiteRoute.API {
    public static let workforceDashboard = root / "workforce" / "dashboard"
}
