import Foundation
import Testing

@testable import SafeholdCore

/// The rules every free-text field follows: length in characters and in code points, no control
/// characters, no bidirectional overrides, isolates or direction marks, line breaks only in long text.
@Suite struct TextRulesTests {
    func problems(_ value: String, max: Int = 100, multiline: Bool = false) -> [FieldError] {
        var v = Validation()
        v.text("field", value, required: true, max: max, multiline: multiline)
        return v.errors
    }

    @Test(
        "Every bidirectional override, isolate and direction mark is refused, in short and long text",
        arguments: [
            0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2066, 0x2067, 0x2068, 0x2069, 0x200E, 0x200F, 0x061C,
        ])
    func bidirectionalControlsAreRefused(code: UInt32) {
        let text = "Visit \(Character(Unicode.Scalar(code)!))at home"
        for multiline in [false, true] {
            #expect(
                problems(text, max: 4000, multiline: multiline)
                    == [FieldError("field", "contains invisible characters that change the direction of text")])
        }
    }

    @Test func aLetterUnderFiveThousandCombiningMarksIsRefusedEvenWhereTenThousandCharactersAreAllowed() {
        let zalgo = "a" + String(repeating: "\u{0301}", count: 5000)
        #expect(zalgo.count == 1)
        #expect(
            problems(zalgo, max: 10_000, multiline: true)
                == [FieldError("field", "contains a character built from too many accents or marks")])
    }

    @Test func lengthIsCountedInCodePointsAsWellAsCharacters() {
        let marked = String(repeating: "a\u{0301}\u{0302}\u{0303}\u{0304}\u{0305}", count: 100)
        #expect(marked.count == 100)
        #expect(
            problems(marked, max: 100)
                == [
                    FieldError(
                        "field",
                        "must be 100 characters or fewer (it holds 600 code points: too many accents or symbols)")
                ])
        #expect(problems(String(repeating: "e\u{0301}", count: 100), max: 100).isEmpty, "decomposed accents are fine")
        #expect(problems(String(repeating: "é", count: 100), max: 100).isEmpty)
        #expect(
            problems(String(repeating: "x", count: 101), max: 100) == [
                FieldError("field", "must be 100 characters or fewer")
            ])
    }

    @Test func lineBreaksAreAllowedOnlyInLongText() {
        #expect(problems("Seen at home.\nSeemed well.\r\n\tTired.", max: 4000, multiline: true).isEmpty)
        for text in ["Line one\nline two", "Tab\there", "Line\u{2028}separator", "Para\u{2029}graph"] {
            #expect(
                problems(text, max: 4000, multiline: false) == [FieldError("field", "contains control characters")],
                "\(text)")
        }
        for text in ["Nul\u{0}", "Esc\u{1B}[31m", "Del\u{7F}", "Next\u{85}line", "Para\u{2029}graph"] {
            #expect(
                problems(text, max: 4000, multiline: true) == [FieldError("field", "contains control characters")],
                "\(text)")
        }
    }

    @Test func ordinaryTextInManyScriptsAndEmojiSequencesIsAccepted() {
        for text in [
            "Zoë O'Brien-Nuñez", "محمد علي", "Nguyễn Thị Minh Khai", "👨‍👩‍👧‍👦 family", "🏴󠁧󠁢󠁥󠁮󠁧󠁿 flag", "<b>&amp;</b>",
        ] {
            #expect(problems(text).isEmpty, "\(text)")
        }
    }

    @Test func blankRequiredTextIsMissingAndBlankOptionalTextIsFine() {
        #expect(problems(" \n ") == [FieldError("field", "is required")])
        var v = Validation()
        v.text("field", "  ", max: 10)
        v.text("other", nil, max: 10)
        #expect(v.errors.isEmpty)
    }

    @Test func aRefusedValueIsShownShortAndWithoutInvisibleCharacters() {
        #expect(Validation.shown("1A") == "'1A'")
        #expect(Validation.shown("\u{202E}evil\u{0}") == "'evil'")
        #expect(Validation.shown(String(repeating: "x", count: 1000)) == "'\(String(repeating: "x", count: 40))…'")
    }

    @Test func numbersDatesAndCountsHaveTheirRanges() {
        var v = Validation()
        v.number("n", 0, in: 1...60)
        v.number("m", Int.max, in: 1...60)
        v.number("ok", 60, in: 1...60)
        v.date("old", LocalDate(iso: "1899-12-31"))
        v.date("far", LocalDate(iso: "2101-01-01"))
        v.date("fine", LocalDate(iso: "1900-01-01"))
        v.date("future", LocalDate(iso: "2026-01-02"), notAfter: LocalDate(iso: "2026-01-01"))
        v.instant("ancient", Date(timeIntervalSince1970: -3e9))
        v.instant("nan", Date(timeIntervalSince1970: .nan))
        v.count("list", 51, max: 50, noun: "people")
        v.version("version", 0)
        v.version("version2", Int.max)
        #expect(
            v.errors.map(\.field) == [
                "n", "m", "old", "far", "future", "ancient", "nan", "list", "version", "version2",
            ])
    }
}
