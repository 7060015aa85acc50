import Foundation
import SafeholdCore

/// Reads the statement and bundle forms into Core values without refusing anything itself: the store validates
/// them after the child's record has decided (so a caller who may not see the child learns nothing from a 422).
enum CourtForms {
    static func statement(_ form: FormData) -> StatementDraft {
        var sections: [StatementSection: String] = [:]
        for section in StatementSection.allCases { sections[section] = form.raw(section.rawValue) }
        let sources = form.all("lineSource"), dates = form.all("lineDate"), texts = form.all("lineText")
        var lines: [StatementChronologyLine] = []
        for index in sources.indices where index < dates.count && index < texts.count {
            guard let source = UUID(uuidString: sources[index]), let date = LocalDate(iso: dates[index]) else {
                continue
            }
            if form.all("lineRemove").contains(sources[index]) { continue }
            lines.append(StatementChronologyLine(sourceId: source, date: date, text: texts[index]))
        }
        return StatementDraft(
            title: form["title"] ?? "", proceedings: form["proceedings"], sections: sections, chronology: lines,
            truth: StatementOfTruth(
                confirmed: form.flag("truthConfirmed"), name: form["truthName"],
                signedOn: form["truthDate"].flatMap(LocalDate.init(iso:))))
    }

    static func version(_ form: FormData) -> Int { Int(form["version"] ?? "") ?? 0 }

    static func ids(_ form: FormData, _ key: String) -> [UUID] { form.all(key).compactMap(UUID.init(uuidString:)) }

    static func bundle(_ form: FormData) -> BundleDraft {
        BundleDraft(
            title: form["title"] ?? "", statementIds: ids(form, "statementIds"), recordIds: ids(form, "recordIds"),
            documentIds: ids(form, "documentIds"), includeChronology: form.flag("includeChronology"),
            redactedPhrases: (form["redactedPhrases"] ?? "").split(whereSeparator: \.isNewline)
                .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty },
            redactedEntryIds: ids(form, "redactedEntryIds"), includeWithheld: ids(form, "includeWithheld"))
    }
}
