import Foundation

/// The performance dashboard's part of the route walk: figures per service, team and worker with no
/// record id in the path (`PerformanceAccess`); the children behind a figure are a list scoped by
/// `Store.list` and audited one entry per child shown, like the due list.
extension RouteAccessTests {
    static let performanceRoutes: Set<String> = [
        "GET /performance", "GET /performance/figures.csv", "GET /performance/children",
        "GET /api/v1/performance", "GET /api/v1/performance/children",
    ]
}
