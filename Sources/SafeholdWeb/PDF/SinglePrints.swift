import Foundation
import SafeholdCore

/// PDFs of one record and of the chronology, numbered "Page n of N".
struct SinglePrints {
    let tools: PDFTools

    static let pageOfPages = "\"Page \" counter(page) \" of \" counter(pages)"

    func record(_ record: PrintableRecord, childName: String, preparedOn: LocalDate) async throws -> Data {
        let html = PrintHTML()
        let body =
            "<p class=\"meta\">\(html.text(childName)). Printed \(preparedOn.display).</p>"
            + RecordPrint(html: html).body(record)
        return try await render(title: record.title, footerLeft: "\(record.title): \(childName)", body: body)
    }

    func chronology(_ entries: [ChronologyEntry], childName: String, preparedOn: LocalDate) async throws -> Data {
        let html = PrintHTML()
        let body =
            "<h1>Chronology: \(html.text(childName))</h1><p class=\"meta\">Printed \(preparedOn.display).</p>"
            + ChronologyPrint(html: html).table(entries)
        return try await render(title: "Chronology", footerLeft: "Chronology: \(childName)", body: body)
    }

    private func render(title: String, footerLeft: String, body: String) async throws -> Data {
        try await PDFTools.withScratch { folder in
            try await tools.pdf(
                PrintHTML.document(title: title, footerLeft: footerLeft, footer: Self.pageOfPages, body: body),
                base: folder)
        }
    }
}
