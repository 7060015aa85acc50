import Foundation

/// The one validator of Safehold's rules: collects field errors while a value is checked, then
/// throws them all at once. Every free-text field, date, number and list a worker or an API caller
/// sends goes through these checks, in Core, so the pages and the API refuse exactly the same input.
public struct Validation: Sendable {
    public private(set) var errors: [FieldError] = []

    public init() {}

    public var isEmpty: Bool { errors.isEmpty }

    public mutating func add(_ field: String, _ message: String) {
        errors.append(FieldError(field, message))
    }

    /// Adds errors found elsewhere (a form's parsing, say), skipping any already collected.
    public mutating func merge(_ others: [FieldError]) {
        for error in others where !errors.contains(error) { errors.append(error) }
    }

    /// Checks a free-text value. A blank value is missing. Otherwise it must fit `max` characters and
    /// `max` x `TextRules.scalarsPerCharacter` Unicode code points, no character may be built from more than
    /// `TextRules.maxScalarsPerCharacter` code points, and it may hold no control characters and no
    /// bidirectional overrides or isolates. Line breaks and tabs are allowed only when `multiline`.
    public mutating func text(
        _ field: String, _ value: String?, required: Bool = false, max: Int = 200,
        multiline: Bool = false
    ) {
        guard let value, !value.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            if required { add(field, "is required") }
            return
        }
        if let problem = TextRules.problem(value, max: max, multiline: multiline) { add(field, problem) }
    }

    /// Checks a calendar date: within `LocalDate.acceptedRange` (1900 to 2100), and not after
    /// `notAfter` or before `notBefore` when given. Returns whether the date passed.
    @discardableResult
    public mutating func date(
        _ field: String, _ value: LocalDate?, required: Bool = false, notAfter: LocalDate? = nil,
        notBefore: LocalDate? = nil, beforeMessage: String = "is too early"
    ) -> Bool {
        guard let value else {
            if required { add(field, "is required") }
            return !required
        }
        guard LocalDate.acceptedRange.contains(value) else {
            let range = LocalDate.acceptedRange
            add(field, "must be a date between \(range.lowerBound.year) and \(range.upperBound.year)")
            return false
        }
        if let notAfter, value > notAfter { add(field, "cannot be in the future"); return false }
        if let notBefore, value < notBefore { add(field, beforeMessage); return false }
        return true
    }

    /// Reads and checks a date given as text (`YYYY-MM-DD`): required, a real date, then as `date`
    /// checks it. Returns the date when it passed.
    public mutating func isoDate(
        _ field: String, _ text: String?, notAfter: LocalDate? = nil, notBefore: LocalDate? = nil,
        beforeMessage: String = "is too early"
    ) -> LocalDate? {
        let trimmed = text?.trimmingCharacters(in: .whitespaces) ?? ""
        guard !trimmed.isEmpty else {
            add(field, "is required")
            return nil
        }
        guard let value = LocalDate(iso: trimmed) else {
            add(field, "must be a date (YYYY-MM-DD)")
            return nil
        }
        return date(field, value, notAfter: notAfter, notBefore: notBefore, beforeMessage: beforeMessage)
            ? value : nil
    }

    /// Checks an instant: a real time between 1900 and 2100, and no later than `notAfter` when given.
    @discardableResult
    public mutating func instant(_ field: String, _ value: Date, notAfter: Date? = nil) -> Bool {
        // A NaN time compares as inside every range, so finiteness is checked first.
        guard value.timeIntervalSince1970.isFinite, Timestamp.acceptedRange.contains(value) else {
            add(field, "must be a time between 1900 and 2100")
            return false
        }
        if let notAfter, value > notAfter { add(field, "cannot be in the future"); return false }
        return true
    }

    /// Checks a whole number against its range; `message` says what a worker should give instead.
    public mutating func number(_ field: String, _ value: Int, in range: ClosedRange<Int>, _ message: String? = nil) {
        if !range.contains(value) {
            add(field, message ?? "must be a whole number from \(range.lowerBound) to \(range.upperBound)")
        }
    }

    /// Checks how many items a list holds. Returns false when there are too many, so that callers
    /// skip checking each item (one error, not thousands).
    @discardableResult
    public mutating func count(_ field: String, _ count: Int, max: Int, noun: String) -> Bool {
        guard count <= max else { add(field, "at most \(max) \(noun)"); return false }
        return true
    }

    /// Checks a record version sent back by a form or a caller (1 or more).
    public mutating func version(_ field: String, _ value: Int) {
        number(field, value, in: 1...Int(Int32.max), "is not a version of this record: reload the page")
    }

    /// Throws `SafeholdError.invalid` when any error was collected.
    public func check() throws(SafeholdError) {
        if !errors.isEmpty { throw .invalid(errors) }
    }

    /// Shows a refused value inside a message: short, and with anything invisible or unprintable removed.
    public static func shown(_ value: String) -> String {
        let printable = String(
            String.UnicodeScalarView(
                value.unicodeScalars.prefix(40).filter {
                    !TextRules.isForbidden($0, multiline: false)
                }))
        return "'\(printable)\(value.unicodeScalars.count > 40 ? "…" : "")'"
    }
}

/// The rules every free-text value follows, whatever field it is in.
public enum TextRules {
    /// At most this many code points in one character (a letter with its accents, an emoji
    /// sequence); a letter under thousands of combining marks is refused.
    public static let maxScalarsPerCharacter = 16
    /// A text of `max` characters may hold `max` times this many code points: room for accents
    /// written as combining marks and for emoji sequences, not for padding a field with marks.
    public static let scalarsPerCharacter = 4

    /// The first problem with `value`, in words a worker understands, or nil when it is acceptable.
    public static func problem(_ value: String, max: Int, multiline: Bool) -> String? {
        let scalars = value.unicodeScalars
        // Counting characters walks grapheme clusters, so the cheap code point count goes first.
        if scalars.count > max * maxScalarsPerCharacter || value.count > max {
            return "must be \(max) characters or fewer"
        }
        if scalars.count > max * scalarsPerCharacter {
            return "must be \(max) characters or fewer "
                + "(it holds \(scalars.count) code points: too many accents or symbols)"
        }
        if scalars.contains(where: { isBidiControl($0) }) {
            return "contains invisible characters that change the direction of text"
        }
        if scalars.contains(where: { isForbidden($0, multiline: multiline) }) { return "contains control characters" }
        if value.contains(where: { $0.unicodeScalars.count > maxScalarsPerCharacter }) {
            return "contains a character built from too many accents or marks"
        }
        return nil
    }

    /// Bidirectional embeddings, overrides and isolates (U+202A-U+202E, U+2066-U+2069) and the
    /// invisible direction marks (U+200E, U+200F, U+061C): they can make text read differently
    /// from what is stored ("Trojan Source"), so no field accepts them.
    public static func isBidiControl(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x202A...0x202E, 0x2066...0x2069, 0x200E, 0x200F, 0x061C: true
        default: false
        }
    }

    /// Control characters (and line or paragraph separators), except line breaks and tabs in long text.
    public static func isForbidden(_ scalar: Unicode.Scalar, multiline: Bool) -> Bool {
        if isBidiControl(scalar) { return true }
        if multiline && (scalar == "\n" || scalar == "\r" || scalar == "\t") { return false }
        switch scalar.properties.generalCategory {
        case .control, .lineSeparator, .paragraphSeparator: return true
        default: return false
        }
    }
}
