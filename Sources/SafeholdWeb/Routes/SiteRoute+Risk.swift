import Foundation
import Hummingbird

/// Applications under the child sex offender disclosure scheme, and children linked to a person who poses
/// a risk, in the pages and under `/api/v1`.
extension SiteRoute {
    public static let disclosureApplications = Route("disclosure-applications")
    public static let newDisclosureApplication = disclosureApplications / "new"
    public static let disclosureApplication = disclosureApplications / id
    public static let disclosureApplicationChecks = disclosureApplication / "checks"
    public static let disclosureApplicationDecision = disclosureApplication / "decision"
    public static let disclosureApplicationDisclosure = disclosureApplication / "disclosure"
    static let riskLink = PathID("link")
    public static let childRiskLinks = person / "risk-links"
    public static let linkStrategyDecision = childRiskLinks / riskLink / "strategy-decision"
    public static let endRiskLink = childRiskLinks / riskLink / "end"
    public static let newRiskLink = Route("risk-links") / "new"
}

extension SiteRoute.API {
    public static let disclosureApplications = root / "disclosure-applications"
    public static let disclosureApplication = disclosureApplications / SiteRoute.id
    public static let disclosureApplicationChecks = disclosureApplication / "checks"
    public static let disclosureApplicationDecision = disclosureApplication / "decision"
    public static let disclosureApplicationDisclosure = disclosureApplication / "disclosure"
    public static let riskLinks = root / "risk-links"
    public static let childRiskLinks = person / "risk-links"
    public static let linkStrategyDecision = childRiskLinks / SiteRoute.riskLink / "strategy-decision"
    public static let endRiskLink = childRiskLinks / SiteRoute.riskLink / "end"
}
