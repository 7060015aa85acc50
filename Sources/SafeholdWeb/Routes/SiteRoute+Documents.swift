import Foundation
import Hummingbird

/// Documents and body maps: the pages and their `/api/v1` twins. A document is reached by its own id
/// and decided by the record it is attached to (a child, an episode, an investigation); a body map by
/// its id and decided by its child's record.
extension SiteRoute {
    public static let personDocuments = person / "documents"
    public static let episodeDocuments = episode / "documents"
    public static let investigationDocuments = investigation / "documents"
    public static let document = Route("documents") / id
    public static let documentDownload = document / "download"
    public static let personBodyMaps = person / "body-maps"
    public static let bodyMap = Route("body-maps") / id
}

extension SiteRoute.API {
    public static let personDocuments = person / "documents"
    public static let episodeDocuments = root / "episodes" / SiteRoute.id / "documents"
    public static let investigationDocuments = root / "investigations" / SiteRoute.id / "documents"
    public static let document = root / "documents" / SiteRoute.id
    public static let documentContent = document / "content"
    public static let personBodyMaps = person / "body-maps"
    public static let bodyMap = root / "body-maps" / SiteRoute.id
}
