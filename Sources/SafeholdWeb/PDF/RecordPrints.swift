import Foundation
import SafeholdCore

/// A statement as the court reads it: heading, author, version and sign-off, each section, the chronology
/// lines and the statement of truth.
struct StatementPrint {
    let html: PrintHTML

    func body(_ statement: CourtStatement, _ version: StatementVersion) -> String {
        let draft = version.content
        var out = "<h1>\(html.text(draft.title))</h1>"
        out +=
            "<p class=\"meta\">Statement of \(html.text(statement.authorName)), \(statement.authorRole.label)"
            + (draft.proceedings.map { ". Proceedings: \(html.text($0))" } ?? "") + ". Version \(version.number)"
            + (version.signedByName.map { ", signed off by \(html.text($0))" } ?? "") + ".</p>"
        if version.signedByName == nil {
            out += "<p class=\"draft\">DRAFT: this version has not been signed off by a manager.</p>"
        }
        var number = 1
        for section in StatementSection.allCases {
            let text = draft.text(section)
            guard !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { continue }
            out += "<h2>\(number). \(section.label)</h2>\(html.paragraphs(text))"
            number += 1
            if section == .background && !draft.chronology.isEmpty {
                out += "<h2>\(number). Chronology</h2>" + lines(draft.chronology)
                number += 1
            }
        }
        if !draft.chronology.isEmpty && draft.text(.background).isEmpty {
            out += "<h2>\(number). Chronology</h2>" + lines(draft.chronology)
        }
        out += "<div class=\"truth\"><h3>Statement of truth</h3><p>\(StatementOfTruth.words)</p>"
        if draft.truth.confirmed {
            out +=
                "<p>Signed: \(html.text(draft.truth.name ?? ""))<br>Date: \(draft.truth.signedOn?.display ?? "")</p>"
        } else {
            out += "<p><strong>Not yet confirmed by the author.</strong></p>"
        }
        return out + "</div>"
    }

    private func lines(_ lines: [StatementChronologyLine]) -> String {
        "<table><thead><tr><th>Date</th><th>Event</th></tr></thead><tbody>"
            + lines.map { "<tr><td class=\"date\">\($0.date.display)</td><td>\(html.text($0.text))</td></tr>" }
            .joined() + "</tbody></table>"
    }
}

/// The child's chronology as a table: date, what happened, where it came from.
struct ChronologyPrint {
    let html: PrintHTML

    func table(_ entries: [ChronologyEntry]) -> String {
        guard !entries.isEmpty else { return "<p>The chronology holds no entries.</p>" }
        return "<table><thead><tr><th>Date</th><th>Event</th><th>Source</th></tr></thead><tbody>"
            + entries.map { entry in
                "<tr><td class=\"date\">\(entry.date.display)</td><td><strong>\(html.text(entry.title))</strong><br>"
                    + "\(html.text(entry.detail))</td><td>\(html.text(entry.source))</td></tr>"
            }.joined() + "</tbody></table>"
    }
}

/// One recorded step (an assessment, a conference's minutes, a plan) as labelled fields.
struct RecordPrint {
    let html: PrintHTML

    func body(_ record: PrintableRecord) -> String {
        "<h1>\(html.text(record.title))</h1>"
            + "<p class=\"meta\">\(record.date.display). Recorded by \(html.text(record.recordedBy)).</p><dl>"
            + record.fields.map { "<dt>\(PrintHTML.escape($0.label))</dt><dd>\(html.paragraphs($0.text))</dd>" }
            .joined() + "</dl>"
    }
}
