import Foundation

/// Who writes a statement for court: the child's social worker (or their manager) or a police officer.
public enum StatementAuthorRole: String, Codable, CaseIterable, Sendable {
    case socialWorker = "social_worker"
    case police

    public var label: String {
        switch self {
        case .socialWorker: "Social worker"
        case .police: "Police officer"
        }
    }
}

/// The text sections of a statement, in the order the court reads them, each with its limit in characters.
public enum StatementSection: String, CaseIterable, Codable, Sendable {
    case introduction, background, needsAndWishes, analysis, plan

    public var label: String {
        switch self {
        case .introduction: "Introduction and the author's qualifications"
        case .background: "Background"
        case .needsAndWishes: "The child's needs, wishes and feelings"
        case .analysis: "Analysis"
        case .plan: "The plan and recommendation"
        }
    }

    public var limit: Int {
        switch self {
        case .introduction: 4000
        case .background, .needsAndWishes, .plan: 20000
        case .analysis: 30000
        }
    }
}

/// One line of the statement's chronology: an entry of the child's chronology copied in, with the date and
/// record it came from; its wording is the author's and may be edited for court without changing the event.
public struct StatementChronologyLine: Codable, Hashable, Sendable {
    public let sourceId: UUID
    public let date: LocalDate
    public let text: String

    public init(sourceId: UUID, date: LocalDate, text: String) {
        self.sourceId = sourceId
        self.date = date
        self.text = text
    }

    /// The most lines a statement's chronology holds, and the longest line.
    public static let maxLines = 800
    public static let maxText = 2000

    /// The court wording a chronology entry starts with: its title and what happened.
    public static func wording(of entry: ChronologyEntry) -> StatementChronologyLine {
        let text = "\(entry.title): \(entry.detail)"
        return StatementChronologyLine(
            sourceId: entry.id, date: entry.date, text: String(text.prefix(maxText)))
    }
}

/// The author's statement of truth (Civil Procedure Rules Part 22, as the Family Procedure Rules apply it).
public struct StatementOfTruth: Codable, Hashable, Sendable {
    /// The words the author confirms.
    public static let words =
        "I believe that the facts stated in this statement are true. I understand that proceedings for "
        + "contempt of court may be brought against anyone who makes, or causes to be made, a false statement "
        + "in a document verified by a statement of truth without an honest belief in its truth."

    public let confirmed: Bool
    public let name: String?
    public let signedOn: LocalDate?

    public init(confirmed: Bool, name: String?, signedOn: LocalDate?) {
        self.confirmed = confirmed
        self.name = name
        self.signedOn = signedOn
    }
}

/// What the author saves: every section, the chronology lines and the statement of truth. Each save is a new
/// version of the statement.
public struct StatementDraft: Codable, Hashable, Sendable {
    public var title: String
    public var proceedings: String?
    public var sections: [String: String]
    public var chronology: [StatementChronologyLine]
    public var truth: StatementOfTruth

    public init(
        title: String, proceedings: String? = nil, sections: [StatementSection: String] = [:],
        chronology: [StatementChronologyLine] = [],
        truth: StatementOfTruth = .init(
            confirmed: false, name: nil, signedOn: nil)
    ) {
        self.title = title
        self.proceedings = proceedings
        self.sections = Dictionary(uniqueKeysWithValues: sections.map { ($0.key.rawValue, $0.value) })
        self.chronology = chronology
        self.truth = truth
    }

    public func text(_ section: StatementSection) -> String { sections[section.rawValue] ?? "" }

    /// Checks every field; names each one refused. `today` bounds the statement of truth's date.
    public func validate(today: LocalDate) throws(SafeholdError) {
        var v = Validation()
        v.text("title", title, required: true, max: 200)
        v.text("proceedings", proceedings, max: 100)
        for key in sections.keys where StatementSection(rawValue: key) == nil {
            v.add("sections", "'\(Validation.shown(key))' is not a section of a statement")
        }
        for section in StatementSection.allCases {
            v.text(section.rawValue, sections[section.rawValue], max: section.limit, multiline: true)
        }
        if v.count("chronology", chronology.count, max: StatementChronologyLine.maxLines, noun: "lines") {
            for (index, line) in chronology.enumerated() {
                v.text(
                    "chronology[\(index)]", line.text, required: true, max: StatementChronologyLine.maxText,
                    multiline: true)
            }
        }
        if truth.confirmed {
            v.text("truthName", truth.name, required: true, max: 200)
            v.date("truthDate", truth.signedOn, required: true, notAfter: today)
        } else if truth.name != nil || truth.signedOn != nil {
            v.text("truthName", truth.name, max: 200)
            v.date("truthDate", truth.signedOn, notAfter: today)
        }
        try v.check()
    }
}
