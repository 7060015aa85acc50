import Foundation

/// The workforce dashboard's part of the route walk: counts per worker and team, no child named
/// (`WorkforceDashboardAccess`), so no route of it has a record id.
extension RouteAccessTests {
    static let workforceDashboardRoutes: Set<String> = [
        "GET /workforce", "GET /workforce/figures.csv", "GET /api/v1/workforce/dashboard",
    ]
}
