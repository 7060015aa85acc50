import Foundation
import Hummingbird

/// Court orders, the Public Law Outline's pre-proceedings and care proceedings: the pages (a "Court"
/// section reached from the child's page) and their `/api/v1` twins, documented in `openapi.yaml`.
extension SiteRoute {
    public static let court = person / "court"
    public static let courtOrders = person / "court-orders"
    public static let courtOrder = Route("court-orders") / id
    public static let courtOrderDecision = courtOrder / "decision"
    public static let courtOrderExtensions = courtOrder / "extensions"
    public static let courtOrderEnd = courtOrder / "end"
    public static let personPreProceedings = person / "pre-proceedings"
    public static let preProceedings = Route("pre-proceedings") / id
    public static let personCareProceedings = person / "care-proceedings"
    public static let careProceedings = Route("care-proceedings") / id
    public static let proceedingsHearings = careProceedings / "hearings"
    public static let hearingOutcome = proceedingsHearings / PathID("hearing") / "outcome"
    public static let proceedingsExtensions = careProceedings / "extensions"
    public static let proceedingsParties = careProceedings / "parties"
    public static let proceedingsConclusion = careProceedings / "conclusion"
}

extension SiteRoute.API {
    public static let court = person / "court"
    public static let courtOrders = person / "court-orders"
    public static let courtOrder = root / "court-orders" / SiteRoute.id
    public static let courtOrderDecision = courtOrder / "decision"
    public static let courtOrderExtensions = courtOrder / "extensions"
    public static let courtOrderEnd = courtOrder / "end"
    public static let personPreProceedings = person / "pre-proceedings"
    public static let preProceedings = root / "pre-proceedings" / SiteRoute.id
    public static let personCareProceedings = person / "care-proceedings"
    public static let careProceedings = root / "care-proceedings" / SiteRoute.id
    public static let proceedingsHearings = careProceedings / "hearings"
    public static let hearingOutcome = proceedingsHearings / PathID("hearing") / "outcome"
    public static let proceedingsExtensions = careProceedings / "extensions"
    public static let proceedingsParties = careProceedings / "parties"
    public static let proceedingsConclusion = careProceedings / "conclusion"
}
