import Foundation
import Hummingbird

/// The performance (timeliness) dashboard, the children behind each figure, its CSV download, and the
/// `/api/v1` twins (in `openapi.yaml`).
extension SiteRoute {
    public static let performance = Route("performance")
    public static let performanceChildren = Route("performance", "children")
    public static let performanceCSV = Route("performance", "figures.csv")
}

extension SiteRoute.API {
    public static let performance = root / "performance"
    public static let performanceChildren = root / "performance" / "children"
}
