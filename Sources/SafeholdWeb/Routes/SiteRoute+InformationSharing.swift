import Foundation
import Hummingbird

/// The information-sharing record: a child's disclosures and decisions not to disclose, requests for
/// information and their answers, what was shared with the reader's agency, and the register the data
/// protection officer reads.
extension SiteRoute {
    public static let disclosures = person / "disclosures"
    public static let newDisclosure = disclosures / "new"
    public static let informationRequests = Route("information-requests")
    public static let newInformationRequest = informationRequests / "new"
    public static let informationRequest = informationRequests / id
    public static let informationResponse = informationRequest / "response"
    public static let sharedWithUs = Route("shared-with-us")
    public static let sharingRegister = Route("disclosures")
}

extension SiteRoute.API {
    public static let lawfulBases = root / "lawful-bases"
    public static let disclosures = person / "disclosures"
    public static let sharingRegister = root / "disclosures"
    public static let sharedWithUs = root / "shared-with-us"
    public static let informationRequests = root / "information-requests"
    public static let informationRequest = informationRequests / SiteRoute.id
    public static let informationResponse = informationRequest / "response"
}
