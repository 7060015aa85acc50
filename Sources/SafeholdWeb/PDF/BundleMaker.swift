import Foundation
import SafeholdCore

/// Where one item of a bundle starts: its section, its number there and its page label ("B5").
struct BundleIndexEntry: Equatable, Sendable {
    let letter: String
    let number: Int
    let title: String
    let page: Int

    var label: String { "\(letter)\(page)" }
}

/// Produces a court bundle's PDF. Each section is laid out by WeasyPrint on its own, so its pages count from 1
/// under its letter (A1, A2, ... B1, ...): WeasyPrint 57 cannot restart the page counter inside one document, so
/// `target-counter()` would give whole-document numbers. The page each item starts on is then read back from the
/// section's own PDF (`pdftotext`, the item's heading line), the cover and index are laid out with those true
/// numbers, and `pdfunite` joins the parts without touching their pages.
struct BundleMaker {
    let tools: PDFTools

    func make(_ content: BundleContent) async throws -> (pdf: Data, index: [BundleIndexEntry]) {
        try await PDFTools.withScratch { folder in
            let layout = BundleLayout(content)
            let files = try await documentFiles(content.documents, folder: folder)
            let sections = [
                layout.sectionA(), layout.sectionB(), layout.sectionC(), layout.sectionD(),
                layout.sectionE(files: files),
            ].filter { !$0.items.isEmpty }
            var parts: [URL] = []
            var index: [BundleIndexEntry] = []
            for section in sections {
                let pdf = try await tools.pdf(layout.document(section), base: folder)
                let pages = try await tools.pages(of: pdf)
                for (offset, item) in section.items.enumerated() {
                    let marker = BundleItem.marker(offset + 1, section.letter)
                    guard
                        let page = pages.firstIndex(where: { text in
                            text.split(separator: "\n").first { !$0.trimmingCharacters(in: .whitespaces).isEmpty }?
                                .trimmingCharacters(in: .whitespaces) == marker
                        })
                    else { throw BundleFailure(reason: "\(marker) was not found in the laid-out section") }
                    index.append(
                        BundleIndexEntry(letter: section.letter, number: offset + 1, title: item.title, page: page + 1))
                }
                let file = folder.appendingPathComponent("section-\(section.letter).pdf")
                try pdf.write(to: file)
                parts.append(file)
            }
            let front = try await tools.pdf(frontMatter(layout, sections, index), base: folder)
            let frontFile = folder.appendingPathComponent("front.pdf")
            try front.write(to: frontFile)
            let output = folder.appendingPathComponent("bundle.pdf")
            try await tools.unite([frontFile] + parts, into: output)
            return (try Data(contentsOf: output), index)
        }
    }

    struct BundleFailure: Error, CustomStringConvertible {
        let reason: String
        var description: String { "The bundle could not be laid out: \(reason)" }
    }

    /// The cover and the index (with the true page labels), numbered i, ii, ...
    func frontMatter(_ layout: BundleLayout, _ sections: [BundleSection], _ index: [BundleIndexEntry]) -> String {
        let html = layout.html
        let content = layout.content
        var body = "<div class=\"cover\"><h1>\(html.text(content.bundle.request.title))</h1>"
        body += "<p>Court bundle concerning \(html.text(content.childName))"
        body += content.childBornOn.map { ", born \($0.display)" } ?? ""
        body += "</p><p>Prepared by \(html.text(content.preparedBy)) on \(content.preparedOn.display)</p></div>"
        body += "<div class=\"item index\"><h1>Index</h1><table><thead><tr><th>Item</th><th>Description</th>"
        body += "<th>Page</th></tr></thead><tbody>"
        for section in sections {
            let entries = index.filter { $0.letter == section.letter }
            body += "<tr class=\"section\"><td>\(section.letter)</td><td>\(PrintHTML.escape(section.title))</td>"
            body += "<td class=\"page\">\(entries.first?.label ?? "")</td></tr>"
            for entry in entries {
                body += "<tr><td>\(entry.letter)/\(entry.number)</td><td>\(html.text(entry.title))</td>"
                body += "<td class=\"page\">\(entry.label)</td></tr>"
            }
        }
        body += "</tbody></table></div>"
        return PrintHTML.document(
            title: content.bundle.request.title, footerLeft: layout.footerLeft, footer: "counter(page, lower-roman)",
            body: body)
    }

    /// Why the bundle cannot be produced with this document in it, and what to do.
    static func refusal(_ refusal: PDFTools.RasterRefusal, title: String) -> String {
        let why =
            switch refusal {
            case .tooManyPages(let limit): "it has more than \(limit) pages"
            case .unreadable: "it is damaged, too large to draw, or took too long to read"
            }
        return "The document \"\(title)\" cannot be reproduced in the bundle: \(why). Nothing was produced; "
            + "take it out of the bundle or attach a shorter or repaired copy."
    }

    static let imageExtensions = ["image/png": "png", "image/jpeg": "jpg", "image/gif": "gif"]

    /// Writes each document's pages as files in the scratch folder: an image as it is, a PDF rasterised page by
    /// page (`pdftoppm`); other types get no pages and are listed as not reproduced.
    func documentFiles(_ documents: [BundleDocument], folder: URL) async throws -> [UUID: [String]] {
        var out: [UUID: [String]] = [:]
        for (n, document) in documents.enumerated() {
            switch document.mediaType {
            case "image/png", "image/jpeg", "image/gif":
                let name = "doc-\(n).\(Self.imageExtensions[document.mediaType] ?? "img")"
                try document.data.write(to: folder.appendingPathComponent(name))
                out[document.id] = [name]
            case "application/pdf":
                do {
                    out[document.id] = try await tools.rasterise(document.data, into: folder, prefix: "doc-\(n)")
                        .map(\.lastPathComponent)
                } catch let refusal as PDFTools.RasterRefusal {
                    throw SafeholdError.conflict(Self.refusal(refusal, title: document.title))
                }
            default:
                out[document.id] = []
            }
        }
        return out
    }
}
