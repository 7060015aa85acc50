import Foundation
import SafeholdCore

/// Builds the HTML that WeasyPrint lays out. Every piece of recorded text goes through `text(_:)`, which escapes
/// it and removes redacted phrases (the label takes their place: the words are not in the file at all).
struct PrintHTML {
    let redactions: [String]

    init(redactions: [String] = []) { self.redactions = redactions }

    static func escape(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.count)
        for c in s.unicodeScalars {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.unicodeScalars.append(c)
            }
        }
        return out
    }

    /// Recorded text, escaped, redactions removed, line breaks kept.
    func text(_ s: String) -> String {
        Redaction.pieces(s, removing: redactions).map {
            switch $0 {
            case .kept(let kept): Self.escape(kept).replacingOccurrences(of: "\n", with: "<br>")
            case .removed: "<span class=\"redacted\">\(Redaction.label)</span>"
            }
        }.joined()
    }

    /// Recorded text as paragraphs (blank lines separate them).
    func paragraphs(_ s: String) -> String {
        let parts = s.components(separatedBy: "\n\n").filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
        return parts.map { "<p>\(text($0))</p>" }.joined(separator: "\n")
    }

    /// A whole document: `footer` is CSS `content` for the bottom-right margin box of every page.
    static func document(title: String, footerLeft: String, footer: String, body: String) -> String {
        """
        <!DOCTYPE html>
        <html lang="en-GB"><head><meta charset="utf-8"><title>\(escape(title))</title>
        <style>
        @page { size: A4; margin: 22mm 20mm 24mm 20mm;
          @bottom-left { content: "\(cssString(footerLeft))"; font: 8pt sans-serif; color: #333; }
          @bottom-right { content: \(footer); font: bold 10pt sans-serif; } }
        body { font: 10.5pt/1.45 "DejaVu Serif", serif; color: #000; }
        h1 { font: bold 17pt sans-serif; margin: 0 0 6mm; }
        h2 { font: bold 13pt sans-serif; margin: 6mm 0 3mm; }
        h3 { font: bold 11pt sans-serif; margin: 4mm 0 2mm; }
        .item { break-before: page; }
        .item:first-child { break-before: avoid; }
        .tab { font: bold 9pt sans-serif; color: #444; margin: 0 0 2mm; }
        .meta { font: 9pt sans-serif; color: #333; margin: 0 0 4mm; }
        .redacted { background: #000; color: #fff; padding: 0 2pt; font: bold 8pt sans-serif; }
        table { width: 100%; border-collapse: collapse; }
        th, td { border: 0.5pt solid #777; padding: 2pt 4pt; text-align: left; vertical-align: top; }
        th { background: #eee; font: bold 9pt sans-serif; }
        td.date { white-space: nowrap; width: 22mm; }
        .index td.page { text-align: right; white-space: nowrap; width: 18mm; font-weight: bold; }
        .index tr.section td { font-weight: bold; background: #f3f3f3; }
        .cover { text-align: center; padding-top: 50mm; }
        .cover h1 { font-size: 24pt; }
        .truth { border: 1pt solid #000; padding: 3mm; margin-top: 6mm; }
        .draft { border: 2pt solid #000; padding: 2mm; font: bold 10pt sans-serif; text-align: center; }
        img.page { width: 100%; max-height: 215mm; object-fit: contain; display: block; }
        dl dt { font: bold 9.5pt sans-serif; margin-top: 3mm; }
        dl dd { margin: 1mm 0 0 0; }
        </style></head><body>
        \(body)
        </body></html>
        """
    }

    /// `s` as a CSS string's content.
    static func cssString(_ s: String) -> String {
        s.unicodeScalars.map { c -> String in
            switch c {
            case "\"", "\\": "\\" + String(c)
            case "<": "\\3C "
            case "\n", "\r": " "
            default: String(c)
            }
        }.joined()
    }
}
