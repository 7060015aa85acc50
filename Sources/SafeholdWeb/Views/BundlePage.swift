import Foundation
import SafeholdCore
import SafeholdStore

/// The court bundle page: what can go in (statements, records, the chronology and its entries to redact),
/// phrases to redact, the bundles already requested with their PDFs, and PDFs of single records.
struct BundlePage: Page {
    static let template = Template.bundles
    struct Choice { let id: String; let label: String }
    struct Bundle { let title: String; let by: String; let at: String; let pdfHref: String }

    let chrome: Chrome
    let name: String
    let personHref: String
    let statementsHref: String
    let chronologyPDFHref: String
    let requestAction: String
    let statements: [Choice]
    let hasStatements: Bool
    let records: [Choice]
    let hasRecords: Bool
    let entries: [Choice]
    let hasEntries: Bool
    let bundles: [Bundle]
    let hasBundles: Bool
    let recordPDFs: [Bundle]
    let documents: [Choice]
    let hasDocuments: Bool
    /// Documents not to be disclosed to the family, which only a team manager may include.
    let withheld: [Choice]
    let hasWithheld: Bool

    init(
        personId: UUID, name: String, statements: [CourtStatement], records: [(id: UUID, title: String)],
        chronology: [ChronologyEntry], documents: [Document], includesWithheld: Bool, bundles: [CourtBundle],
        chrome: Chrome, ruleset: Ruleset
    ) {
        self.chrome = chrome
        self.name = name
        personHref = SiteRoute.person(personId).path
        statementsHref = SiteRoute.statements(personId).path
        chronologyPDFHref = SiteRoute.chronologyPDF(personId).path
        requestAction = SiteRoute.bundles(personId).path
        self.statements = statements.map {
            Choice(id: $0.id.text, label: "\($0.title), \($0.authorName): \(StatementPage.status($0))")
        }
        hasStatements = !self.statements.isEmpty
        self.records = records.map { Choice(id: $0.id.text, label: $0.title) }
        hasRecords = !self.records.isEmpty
        entries = chronology.map { Choice(id: $0.id.text, label: "\($0.date.display): \($0.title)") }
        hasEntries = !entries.isEmpty
        self.bundles = bundles.map {
            Bundle(
                title: $0.request.title, by: $0.requestedByName, at: ruleset.display($0.createdAt),
                pdfHref: SiteRoute.bundlePDF(personId, $0.id).path)
        }
        hasBundles = !self.bundles.isEmpty
        self.documents = documents.map {
            Choice(
                id: $0.id.text,
                label: "\($0.title) (\($0.type.label))" + ($0.notForFamily ? ": not to be disclosed to the family" : "")
            )
        }
        hasDocuments = !self.documents.isEmpty
        withheld =
            includesWithheld
            ? documents.filter(\.notForFamily).map { Choice(id: $0.id.text, label: $0.title) } : []
        hasWithheld = !withheld.isEmpty
        recordPDFs = records.map {
            Bundle(title: $0.title, by: "", at: "", pdfHref: SiteRoute.recordPDF(personId, $0.id).path)
        }
    }
}
