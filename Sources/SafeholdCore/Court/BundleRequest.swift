import Foundation

/// What a worker asks to put in a court bundle for a child: which statements, records (assessments, plans,
/// conferences) and documents, whether the chronology goes in, and what is redacted. Kept with the bundle
/// request so that every production of the PDF applies the same choices.
public struct BundleDraft: Codable, Hashable, Sendable {
    public var title: String
    public var statementIds: [UUID]
    public var recordIds: [UUID]
    public var documentIds: [UUID]
    public var includeChronology: Bool
    /// Phrases removed wherever they appear (names, addresses, a placement), matched without regard to case.
    public var redactedPhrases: [String]
    /// Chronology entries removed from the bundle's chronology.
    public var redactedEntryIds: [UUID]
    /// Documents marked "not to be disclosed to the family" that a manager chose to include.
    public var includeWithheld: [UUID]

    public init(
        title: String, statementIds: [UUID] = [], recordIds: [UUID] = [], documentIds: [UUID] = [],
        includeChronology: Bool = true, redactedPhrases: [String] = [], redactedEntryIds: [UUID] = [],
        includeWithheld: [UUID] = []
    ) {
        self.title = title
        self.statementIds = statementIds
        self.recordIds = recordIds
        self.documentIds = documentIds
        self.includeChronology = includeChronology
        self.redactedPhrases = redactedPhrases
        self.redactedEntryIds = redactedEntryIds
        self.includeWithheld = includeWithheld
    }

    public static let maxItems = 200
    public static let maxPhrases = 100

    /// Checks the request; names each field refused. Duplicates are refused too (each item once).
    public func validate() throws(SafeholdError) {
        var v = Validation()
        v.text("title", title, required: true, max: 200)
        for (field, ids) in [
            ("statementIds", statementIds), ("recordIds", recordIds), ("documentIds", documentIds),
            ("redactedEntryIds", redactedEntryIds), ("includeWithheld", includeWithheld),
        ] {
            let fits = v.count(field, ids.count, max: Self.maxItems, noun: "items")
            if fits && Set(ids).count != ids.count { v.add(field, "names the same item twice") }
        }
        if v.count("redactedPhrases", redactedPhrases.count, max: Self.maxPhrases, noun: "phrases") {
            for (index, phrase) in redactedPhrases.enumerated() {
                v.text("redactedPhrases[\(index)]", phrase, required: true, max: 200)
                if phrase.trimmingCharacters(in: .whitespaces).count == 1 {
                    v.add("redactedPhrases[\(index)]", "must be at least two characters")
                }
            }
        }
        if !Set(includeWithheld).isSubset(of: Set(documentIds)) {
            v.add("includeWithheld", "names a document that is not in the bundle")
        }
        if statementIds.isEmpty && recordIds.isEmpty && documentIds.isEmpty && !includeChronology {
            v.add("bundle", "choose at least one statement, record, document or the chronology")
        }
        try v.check()
    }
}

/// Redaction by removal: text is cut into pieces kept and pieces removed, so that what is removed never
/// reaches the page (it is not covered over, it is not there to copy).
public enum Redaction {
    public enum Piece: Hashable, Sendable {
        case kept(String)
        case removed
    }

    /// The label printed where text was removed.
    public static let label = "[redacted]"

    /// `text` with every occurrence of each phrase removed (case and diacritics ignored; the longest phrase
    /// wins where two overlap).
    public static func pieces(_ text: String, removing phrases: [String]) -> [Piece] {
        let wanted = phrases.map { $0.trimmingCharacters(in: .whitespaces) }.filter { $0.count > 1 }
            .sorted { $0.count > $1.count }
        guard !wanted.isEmpty else { return text.isEmpty ? [] : [.kept(text)] }
        var ranges: [Range<String.Index>] = []
        for phrase in wanted {
            var from = text.startIndex
            while from < text.endIndex,
                let found = text.range(
                    of: phrase, options: [.caseInsensitive, .diacriticInsensitive], range: from..<text.endIndex)
            {
                if !ranges.contains(where: { $0.overlaps(found) }) { ranges.append(found) }
                from = found.upperBound
            }
        }
        ranges.sort { $0.lowerBound < $1.lowerBound }
        var pieces: [Piece] = []
        var cursor = text.startIndex
        for range in ranges {
            if cursor < range.lowerBound { pieces.append(.kept(String(text[cursor..<range.lowerBound]))) }
            pieces.append(.removed)
            cursor = range.upperBound
        }
        if cursor < text.endIndex { pieces.append(.kept(String(text[cursor...]))) }
        return pieces
    }

    /// `text` with each removed piece replaced by the label.
    public static func apply(_ text: String, removing phrases: [String]) -> String {
        pieces(text, removing: phrases).map {
            switch $0 {
            case .kept(let kept): kept
            case .removed: label
            }
        }.joined()
    }
}
