import Foundation

/// Comma-separated values for a spreadsheet (RFC 4180), safe against formula injection: a cell a
/// spreadsheet would run as a formula (one starting with `=`, `+`, `-`, `@`, a tab or a carriage
/// return, after any leading spaces) is written with a leading apostrophe so it stays text. A name
/// typed as `=HYPERLINK("http://x", "click")` opens as those characters, never as a link.
public struct CSV: Sendable {
    private var lines: [String] = []

    /// A table with `header` as its first row.
    public init(header: [String]) { append(header) }

    /// Adds one row of cells.
    public mutating func append(_ row: [String]) { lines.append(row.map(Self.cell).joined(separator: ",")) }

    /// The file's text: CRLF line ends, every line ended.
    public var text: String { lines.map { $0 + "\r\n" }.joined() }

    /// One cell, neutralised and quoted when it must be.
    public static func cell(_ value: String) -> String {
        var text = value
        let lead = text.drop { $0 == " " }.unicodeScalars.first
        if let lead, "=+-@\t\r".unicodeScalars.contains(lead), Double(text.trimmingCharacters(in: .whitespaces)) == nil
        {
            text = "'" + text
        }
        if text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) || text.hasPrefix(" ")
            || text.hasSuffix(" ")
        {
            text = "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        return text
    }
}
