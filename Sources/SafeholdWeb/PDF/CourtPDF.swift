import Foundation
import SafeholdCore

/// The bundle PDF as the benchmark (and any other caller outside the web layer) makes it: the same layout and
/// tools as a download.
public enum CourtPDF {
    /// Lays out `content` as the bundle's PDF; returns the PDF and each item's page label ("B5") in order.
    public static func bundle(
        _ content: BundleContent, tools: PDFTools = PDFTools()
    ) async throws -> (
        pdf: Data, labels: [String]
    ) {
        let made = try await BundleMaker(tools: tools).make(content)
        return (made.pdf, made.index.map(\.label))
    }

    /// A one-page-per-paragraph PDF of synthetic text, for benchmarks that need PDF documents to attach.
    public static func sample(pages: Int, title: String, tools: PDFTools = PDFTools()) async throws -> Data {
        let body = (1...max(pages, 1)).map {
            "<div class=\"item\"><h1>\(PrintHTML.escape(title))</h1><p>Page \($0) of a "
                + "synthetic letter.</p></div>"
        }.joined()
        return try await PDFTools.withScratch { folder in
            try await tools.pdf(
                PrintHTML.document(title: title, footerLeft: title, footer: SinglePrints.pageOfPages, body: body),
                base: folder)
        }
    }
}
