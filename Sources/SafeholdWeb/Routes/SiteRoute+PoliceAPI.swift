import Foundation
import Hummingbird

/// `/api/v1` for the police side: the police home and directories, investigations with their
/// interviews, decisions and disclosures, police protection, operations, a child's police panel and
/// accreditations. Documented in `openapi.yaml` like every other API route (tested).
extension SiteRoute.API {
    public static let police = root / "police"
    public static let policeHome = police / "home"
    public static let policeTeams = police / "teams"
    public static let policeOfficers = police / "officers"
    public static let offences = root / "offences"

    public static let investigations = root / "investigations"
    public static let investigation = investigations / SiteRoute.id
    public static let investigationStatus = investigation / "status"
    public static let investigationDisclosures = investigation / "disclosures"
    public static let interviews = investigation / "interviews"
    public static let interviewRecord = interviews / PathID("interview") / "record"
    public static let chargingDecisions = investigation / "decisions"

    public static let policeProtections = root / "police-protections"
    public static let policeProtection = policeProtections / SiteRoute.id
    public static let endPoliceProtection = policeProtection / "end"

    public static let operations = root / "operations"
    public static let operation = operations / SiteRoute.id
    public static let operationEvidence = operation / "evidence"
    public static let operationVictims = operation / "victims"

    public static let policePanel = person / "police"
    public static let accreditations = root / "accreditations"
}
