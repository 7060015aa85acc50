import Foundation
import Hummingbird

/// Statements for court, court bundles and PDFs of the child's records: pages and their `/api/v1` twins, all on
/// the child's record (`/people/{id}/...`), so the child's record decides first.
extension SiteRoute {
    public static let statements = person / "statements"
    public static let statement = statements / PathID("statement")
    public static let statementChronology = statement / "chronology"
    public static let statementSignOff = statement / "sign-off"
    public static let bundles = person / "bundles"
    public static let bundlePDF = bundles / PathID("bundle") / "pdf"
    public static let chronologyPDF = person / "chronology-pdf"
    public static let recordPDF = person / "steps" / PathID("step") / "pdf"
}

extension SiteRoute.API {
    public static let statements = person / "statements"
    public static let statement = statements / PathID("statement")
    public static let statementVersions = statement / "versions"
    public static let statementChronology = statement / "chronology"
    public static let statementSignOff = statement / "sign-off"
    public static let bundles = person / "bundles"
    public static let bundlePDF = bundles / PathID("bundle") / "pdf"
    public static let chronologyPDF = person / "chronology-pdf"
    public static let recordPDF = person / "steps" / PathID("step") / "pdf"
}
