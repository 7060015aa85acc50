import Foundation
import SafeholdCore
import SafeholdStore

/// The child's statements for court, with the form that starts one.
struct StatementsPage: Page {
    static let template = Template.statements
    struct Line { let href: String; let title: String; let author: String; let status: String }

    let chrome: Chrome
    let name: String
    let personHref: String
    let lines: [Line]
    let hasLines: Bool
    let startAction: String
    let bundlesHref: String

    init(_ statements: [CourtStatement], personId: UUID, name: String, chrome: Chrome) {
        self.chrome = chrome
        self.name = name
        personHref = SiteRoute.person(personId).path
        lines = statements.map {
            Line(
                href: SiteRoute.statement(personId, $0.id).path, title: $0.title,
                author: "\($0.authorName) (\($0.authorRole.label))", status: StatementPage.status($0))
        }
        hasLines = !lines.isEmpty
        startAction = SiteRoute.statements(personId).path
        bundlesHref = SiteRoute.bundles(personId).path
    }
}

/// One statement: the latest version as an editing form for its author, the chronology entries that can be
/// inserted, the sign-off for a manager, and every version kept (any one shown read-only with `?version=N`).
struct StatementPage: Page {
    static let template = Template.statement
    struct Section { let key: String; let label: String; let text: String; let limit: Int }
    struct ChronologyLine { let sourceId: String; let date: String; let dateText: String; let text: String }
    struct Entry { let id: String; let date: String; let title: String }
    struct Version { let number: Int; let savedBy: String; let savedAt: String; let signed: String?; let href: String }

    let chrome: Chrome
    let name: String
    let title: String
    let proceedings: String
    let author: String
    let status: String
    let statementsHref: String
    let shownNumber: Int
    let isLatest: Bool
    let sections: [Section]
    let lines: [ChronologyLine]
    let hasLines: Bool
    let truthWords: String
    let truthConfirmed: Bool
    let truthName: String
    let truthDate: String
    let versions: [Version]
    let version: Int
    let canEdit: Bool
    let canSignOff: Bool
    let saveAction: String
    let chronologyAction: String
    let signOffAction: String
    let entries: [Entry]
    let hasEntries: Bool

    init(
        _ file: StatementFile, shown: StatementVersion, personId: UUID, name: String, chronology: [ChronologyEntry],
        chrome: Chrome, ruleset: Ruleset
    ) {
        let statement = file.statement
        let content = shown.content
        self.chrome = chrome
        self.name = name
        title = content.title
        proceedings = content.proceedings ?? ""
        author = "\(statement.authorName) (\(statement.authorRole.label))"
        status = Self.status(statement)
        statementsHref = SiteRoute.statements(personId).path
        shownNumber = shown.number
        isLatest = shown.number == statement.version
        sections = StatementSection.allCases.map {
            Section(key: $0.rawValue, label: $0.label, text: content.text($0), limit: $0.limit)
        }
        lines = content.chronology.map {
            ChronologyLine(
                sourceId: $0.sourceId.text, date: $0.date.description, dateText: $0.date.display, text: $0.text)
        }
        hasLines = !lines.isEmpty
        truthWords = StatementOfTruth.words
        truthConfirmed = content.truth.confirmed
        truthName = content.truth.name ?? ""
        truthDate = content.truth.signedOn?.description ?? ""
        let href = SiteRoute.statement(personId, statement.id)
        versions = file.versions.map {
            Version(
                number: $0.number, savedBy: $0.savedByName, savedAt: ruleset.display($0.savedAt),
                signed: $0.signedByName.map { name in "Signed off by \(name)" },
                href: href.query([("version", "\($0.number)")]).path)
        }
        version = statement.version
        canEdit = file.canEdit && isLatest
        canSignOff = file.canSignOff && isLatest
        saveAction = href.path
        chronologyAction = SiteRoute.statementChronology(personId, statement.id).path
        signOffAction = SiteRoute.statementSignOff(personId, statement.id).path
        let present = Set(content.chronology.map(\.sourceId))
        entries = chronology.filter { !present.contains($0.id) }.map {
            Entry(id: $0.id.text, date: $0.date.display, title: "\($0.title): \($0.detail)")
        }
        hasEntries = canEdit && !entries.isEmpty
    }

    static func status(_ statement: CourtStatement) -> String {
        if statement.isSigned { return "Version \(statement.version), signed off" }
        if let signed = statement.signedVersion {
            return "Version \(statement.version), draft (version \(signed) signed off)"
        }
        return "Version \(statement.version), draft"
    }
}
