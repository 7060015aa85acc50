import Foundation
import Hummingbird

/// Partner agencies' concerns and questions to the front door, in the pages and under `/api/v1`.
extension SiteRoute {
    public static let concerns = Route("concerns")
    public static let newConcern = concerns / "new"
    public static let concern = concerns / id
    public static let identifyChildren = concern / "children"
    public static let advice = Route("advice")
    public static let answerAdvice = advice / id / "answer"
}

extension SiteRoute.API {
    public static let concerns = root / "concerns"
    public static let concern = concerns / SiteRoute.id
    public static let concernChildren = concern / "children"
    public static let advice = root / "advice"
    public static let adviceRequest = advice / SiteRoute.id
    public static let answerAdvice = adviceRequest / "answer"
}
