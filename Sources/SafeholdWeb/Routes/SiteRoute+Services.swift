import Foundation
import Hummingbird

/// Referrals from a child's plan to services, and escalations of professional disagreement: the pages
/// and their `/api/v1` twins (documented in `openapi.yaml` like every other API route).
extension SiteRoute {
    public static let serviceReferrals = episode / "service-referrals"
    public static let serviceReferralStatus = Route("service-referrals") / id / "status"
    public static let newEscalation = person / "escalations" / "new"
    public static let escalations = Route("escalations")
    public static let escalation = escalations / id
    public static let escalationResponse = escalation / "response"
    public static let escalationEscalate = escalation / "escalate"
    public static let escalationResolve = escalation / "resolve"
}

extension SiteRoute.API {
    public static let serviceTypes = root / "service-types"
    public static let episodeServiceReferrals = root / "episodes" / SiteRoute.id / "service-referrals"
    public static let serviceReferralStatus = root / "service-referrals" / SiteRoute.id / "status"
    public static let escalationStages = root / "escalation-stages"
    public static let personEscalations = person / "escalations"
    public static let escalations = root / "escalations"
    public static let escalation = escalations / SiteRoute.id
    public static let escalationResponse = escalation / "response"
    public static let escalationEscalate = escalation / "escalate"
    public static let escalationResolve = escalation / "resolve"
}
