import Foundation
import SafeholdCore

/// One section of a court bundle (A applications and orders, B statements, C the chronology, D assessments and
/// plans, E documents) with its items; each item starts on a new page under a line naming it, which is how the
/// index finds the page it starts on.
struct BundleSection {
    let letter: String
    let title: String
    var items: [BundleItem]
}

struct BundleItem {
    let title: String
    /// The item's body (already escaped and redacted).
    let html: String
}

extension BundleItem {
    /// The line that heads the item's first page (and that the index looks for).
    static func marker(_ number: Int, _ letter: String) -> String { "Item \(number) of section \(letter)" }
}

/// Lays a bundle's content out as sections of HTML; `files` are written into the scratch folder (images of
/// documents) and referenced relatively, so WeasyPrint reads nothing from outside it.
struct BundleLayout {
    let content: BundleContent
    let html: PrintHTML

    init(_ content: BundleContent) {
        self.content = content
        self.html = PrintHTML(redactions: content.bundle.request.redactedPhrases)
    }

    func sectionA() -> BundleSection {
        var body = "<h1>Applications, orders and proceedings</h1>"
        body += "<dl><dt>Child</dt><dd>\(html.text(content.childName))</dd>"
        body += "<dt>Date of birth</dt><dd>\(content.childBornOn?.display ?? "Not known")</dd>"
        let references = Set(content.statements.compactMap { $0.version.content.proceedings }).sorted()
        if !references.isEmpty {
            body += "<dt>Proceedings</dt><dd>\(references.map(html.text).joined(separator: "; "))</dd>"
        }
        body += "</dl>"
        if content.proceedings.isEmpty {
            body += "<p>No applications or orders are recorded on this child's record in Safehold.</p>"
        }
        var items = [BundleItem(title: "Summary of the child and the proceedings", html: body)]
        for item in content.proceedings {
            // A line ending in a colon heads the lines after it (the hearings, the parties).
            let lines = item.lines.map { $0.hasSuffix(":") ? "<h2>\(html.text($0))</h2>" : "<p>\(html.text($0))</p>" }
                .joined()
            items.append(
                BundleItem(
                    title: item.title,
                    html: "<h1>\(html.text(item.title))</h1><p class=\"meta\">\(item.date?.display ?? "")</p>\(lines)"))
        }
        return BundleSection(letter: "A", title: "Applications, orders and proceedings", items: items)
    }

    func sectionB() -> BundleSection {
        let items = content.statements.map { statement, version in
            BundleItem(
                title: "Statement of \(statement.authorName): \(version.content.title)",
                html: StatementPrint(html: html).body(statement, version))
        }
        return BundleSection(letter: "B", title: "Statements", items: items)
    }

    func sectionC() -> BundleSection {
        guard content.bundle.request.includeChronology else {
            return BundleSection(letter: "C", title: "Chronology", items: [])
        }
        let body =
            "<h1>Chronology of significant events</h1>"
            + ChronologyPrint(html: html).table(content.chronology)
        return BundleSection(
            letter: "C", title: "Chronology", items: [BundleItem(title: "Chronology of significant events", html: body)]
        )
    }

    func sectionD() -> BundleSection {
        let items = content.records.map { record in
            BundleItem(title: "\(record.title), \(record.date.display)", html: RecordPrint(html: html).body(record))
        }
        return BundleSection(letter: "D", title: "Assessments, conferences and plans", items: items)
    }

    /// Section E: images as they are; PDF documents as one image per page (`rasterised` gives each PDF
    /// document's page files, by document id); any other type is listed and not reproduced.
    func sectionE(files: [UUID: [String]]) -> BundleSection {
        let items = content.documents.map { document -> BundleItem in
            var body = "<h1>\(html.text(document.title))</h1><p class=\"meta\">\(document.date.display)</p>"
            let pages = files[document.id] ?? []
            if pages.isEmpty {
                body +=
                    "<p>This document (\(PrintHTML.escape(document.mediaType))) cannot be reproduced in a bundle.</p>"
            }
            for (index, page) in pages.enumerated() {
                body += index == 0 ? "" : "<div class=\"item\"></div>"
                body += "<img class=\"page\" src=\"\(PrintHTML.escape(page))\" alt=\"Page \(index + 1)\">"
            }
            return BundleItem(title: document.title, html: body)
        }
        return BundleSection(letter: "E", title: "Documents", items: items)
    }

    /// A section as one HTML document: each item on a new page under its marker, every page numbered with
    /// the section's letter (A1, A2, ...).
    func document(_ section: BundleSection) -> String {
        let body = section.items.enumerated().map { index, item in
            "<div class=\"item\"><p class=\"tab\">\(BundleItem.marker(index + 1, section.letter))</p>\(item.html)</div>"
        }.joined(separator: "\n")
        return PrintHTML.document(
            title: content.bundle.request.title, footerLeft: footerLeft,
            footer: "\"\(section.letter)\" counter(page)", body: body)
    }

    var footerLeft: String {
        Redaction.apply("\(content.bundle.request.title): \(content.childName)", removing: html.redactions)
    }
}
