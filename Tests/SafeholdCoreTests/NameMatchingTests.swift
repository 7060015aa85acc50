import Foundation
import Testing

@testable import SafeholdCore

@Suite("NameMatching")
struct NameMatchingTests {
    @Test(
        "normalise folds accents, case and punctuation",
        arguments: [
            ("O'Brien-Nuñez", "obriennunez"), ("ÉLODIE", "elodie"), ("Zoë", "zoe"), ("  Smith  ", "smith"),
            ("Mary-Jane", "maryjane"), ("Jean-François", "jeanfrancois"), ("D'Arcy 2nd", "darcynd"),
            ("", ""), ("123 !?", ""),
        ])
    func normalise(input: String, expected: String) {
        #expect(NameMatching.normalise(input) == expected)
    }

    @Test("Differently accented spellings normalise alike")
    func accentedSpellingsMeet() {
        #expect(NameMatching.normalise("Nuñez") == NameMatching.normalise("NUNEZ"))
        // Precomposed and decomposed forms of the same letter.
        #expect(NameMatching.normalise("Ren\u{E9}") == NameMatching.normalise("Rene\u{301}"))
    }

    @Test("tokens splits on spaces and commas and drops empty words")
    func tokens() {
        #expect(NameMatching.tokens("Smith, John") == ["smith", "john"])
        #expect(NameMatching.tokens("  O'Brien   Nuñez ,, - ") == ["obrien", "nunez"])
        #expect(NameMatching.tokens("").isEmpty)
    }

    @Test(
        "soundex gives the classic American Soundex codes",
        arguments: [
            ("Robert", "R163"), ("Rupert", "R163"), ("Smith", "S530"), ("Smyth", "S530"), ("Tymczak", "T522"),
            ("Pfister", "P236"), ("Ashcraft", "A261"), ("Ashcroft", "A261"), ("Lee", "L000"), ("Honeyman", "H555"),
            ("Rubin", "R150"), ("Gutierrez", "G362"), ("Jackson", "J250"), ("O'Brien", "O165"), ("Müller", "M460"),
        ])
    func soundex(name: String, code: String) {
        #expect(NameMatching.soundex(name) == code)
    }

    /// The byte-wise `tokens` and `soundex` give what the Character-wise versions they replaced gave, on names
    /// of every ASCII byte (controls, punctuation, separators) and on non-ASCII ones.
    @Test("tokens and soundex agree with their Character-wise definitions")
    func byteWiseAgreesWithCharacterWise() {
        func referenceTokens(_ text: String) -> [String] {
            text.split(whereSeparator: { $0.isWhitespace || $0 == "," || $0 == "-" }).map {
                NameMatching.normalise(String($0))
            }.filter { !$0.isEmpty }
        }
        func referenceSoundex(_ name: String) -> String {
            let letters = Array(NameMatching.normalise(name).unicodeScalars.filter { $0.isASCII })
            guard let first = letters.first else { return "" }
            func code(_ s: Unicode.Scalar) -> Character? {
                switch s {
                case "b", "f", "p", "v": "1"
                case "c", "g", "j", "k", "q", "s", "x", "z": "2"
                case "d", "t": "3"
                case "l": "4"
                case "m", "n": "5"
                case "r": "6"
                default: nil
                }
            }
            var result = String(Character(first)).uppercased()
            var last = code(first)
            for s in letters.dropFirst() {
                let c = code(s)
                if let c, c != last { result.append(c) }
                if s != "h" && s != "w" { last = c }
                if result.count == 4 { break }
            }
            return result.padding(toLength: 4, withPad: "0", startingAt: 0)
        }
        var generator = SeededRandom(seed: 2026)
        let alphabet = (0...0x7F).map { Character(Unicode.Scalar(UInt8($0))) } + ["ñ", "é", "ø", "\u{301}", "\u{2028}"]
        var names = ["Smith, John", "  O'Brien\t\nNuñez ,, - ", "Ashcraft\r\nLee", "\u{1C}Ann\u{1F}Bo", "hhw-wh"]
        for _ in 0..<2_000 {
            let length = Int.random(in: 0...14, using: &generator)
            names.append(String((0..<length).map { _ in alphabet.randomElement(using: &generator)! }))
        }
        // Names as the index holds them (lower-case letters only), which take a shorter way.
        let letters = (UInt8(ascii: "a")...UInt8(ascii: "z")).map { Character(Unicode.Scalar($0)) }
        names += ["", "a", "smith", "hhw", "maryann"]
        for _ in 0..<500 {
            let length = Int.random(in: 1...14, using: &generator)
            let name = String((0..<length).map { _ in letters.randomElement(using: &generator)! })
            #expect(NameMatching.normalise(name) == name && NameMatching.normalise(name.uppercased()) == name)
            names.append(name)
        }
        for name in names {
            #expect(NameMatching.tokens(name) == referenceTokens(name), "\(name.debugDescription)")
            #expect(NameMatching.soundex(name) == referenceSoundex(name), "\(name.debugDescription)")
        }
    }

    @Test("soundex of a name with no letters is empty")
    func soundexEmpty() {
        #expect(NameMatching.soundex("") == "")
        #expect(NameMatching.soundex("-- 42 --") == "")
    }

    @Test(
        "distance is the Levenshtein edit distance",
        arguments: [
            ("kitten", "sitting", 3), ("smith", "smith", 0), ("smith", "smyth", 1), ("smith", "smiths", 1),
            ("smith", "mith", 1), ("smith", "simth", 2), ("", "abc", 3), ("abc", "", 3), ("", "", 0),
        ])
    func distance(a: String, b: String, expected: Int) {
        #expect(NameMatching.distance(a, b) == expected)
        #expect(NameMatching.distance(b, a) == expected)
    }

    @Test("distance stops past the limit and reports more than the limit")
    func distanceLimit() {
        #expect(NameMatching.distance("kitten", "sitting", limit: 1) > 1)
        #expect(NameMatching.distance("a", "abcdefgh", limit: 2) == 3)
        #expect(NameMatching.distance("abcdef", "uvwxyz", limit: 2) > 2)
        #expect(NameMatching.distance("smith", "smyth", limit: 1) == 1)
    }

    @Test("A word scores exact 4, prefix 3, typo 2, sound-alike 1, otherwise 0")
    func wordScores() {
        #expect(NameMatching.score(query: "robert", name: "robert") == 4)
        #expect(NameMatching.score(query: "rob", name: "robert") == 3)
        #expect(NameMatching.score(query: "robrt", name: "robert") == 2)
        #expect(NameMatching.score(query: "rupert", name: "robert") == 1)
        #expect(NameMatching.score(query: "jones", name: "robert") == 0)
    }

    @Test("Short queries are held to stricter rules")
    func shortQueries() {
        // One letter is not a prefix match; three letters allow no typo.
        #expect(NameMatching.score(query: "r", name: "robert") == 0)
        #expect(NameMatching.score(query: "ro", name: "robert") == 3)
        #expect(NameMatching.score(query: "bob", name: "rob") == 0)
        // Eight letters and more allow two typos.
        #expect(NameMatching.score(query: "catherene", name: "katherine") == 2)
        #expect(NameMatching.score(query: "kathrine", name: "catherine") == 2)
    }

    @Test("Whole-name scores rank exact above prefix above typo above sound-alike")
    func rankingAcrossNames() {
        let query = NameMatching.tokens("Robert Smith")
        let exact = NameMatching.score(queryTokens: query, given: "Robert", family: "Smith")
        let prefix = NameMatching.score(queryTokens: query, given: "Roberta", family: "Smithson")
        let typo = NameMatching.score(queryTokens: query, given: "Robrt", family: "Smth")
        let soundAlike = NameMatching.score(queryTokens: query, given: "Rupert", family: "Smythe")
        #expect(exact == 8)
        #expect(prefix == 6)
        #expect(typo == 4)
        #expect(soundAlike == 2)
        #expect(exact > prefix)
        #expect(prefix > typo)
        #expect(typo > soundAlike)
        #expect(soundAlike > 0)
    }

    @Test("Query words may match given or family name in any order")
    func anyOrder() {
        let forwards = NameMatching.score(
            queryTokens: NameMatching.tokens("Smith Robert"), given: "Robert", family: "Smith")
        #expect(forwards == 8)
        #expect(NameMatching.score(queryTokens: ["obrien"], given: "Ana", family: "O'Brien-Nuñez") == 4)
        #expect(NameMatching.score(queryTokens: ["maria"], given: "Ana Maria", family: "Testfamily") == 4)
    }

    @Test("The score is zero when any query word matches nothing")
    func zeroWhenAWordMisses() {
        #expect(NameMatching.score(queryTokens: ["robert", "zzyzx"], given: "Robert", family: "Smith") == 0)
        #expect(NameMatching.score(queryTokens: ["jones"], given: "Robert", family: "Smith") == 0)
        #expect(NameMatching.score(queryTokens: ["robert"], given: "", family: "") == 0)
    }

    @Test("The second part of a hyphenated family name finds the person")
    func hyphenatedSecondPart() {
        #expect(
            NameMatching.score(queryTokens: NameMatching.tokens("Nuñez"), given: "Ana", family: "O'Brien-Nuñez") > 0)
    }

    @Test("A prefix's range ends at its last letter's successor, and holds exactly the texts that begin with it")
    func prefixRange() throws {
        #expect(NameMatching.prefixEnd("smi") == "smj")
        #expect(NameMatching.prefixEnd("z") == "{")
        #expect(NameMatching.prefixEnd("") == nil)
        #expect(NameMatching.prefixEnd("ab\u{10FFFF}") == nil)
        #expect(NameMatching.prefixEnd("a\u{D7FF}") == "a\u{E000}")
        let end = try #require(NameMatching.prefixEnd("nu\u{F1}"))
        let texts = ["nu", "nu\u{F1}", "nu\u{F1}ez", "nu\u{F2}", "nuo", "nu\u{F1}\u{10FFFE}", "nv", "mu\u{F1}ez"]
        // In UTF-8's byte order, as SQLite compares texts and PostgreSQL's "C" collation does.
        let start = Array("nu\u{F1}".utf8), stop = Array(end.utf8)
        let inRange = texts.filter {
            let bytes = Array($0.utf8)
            return !bytes.lexicographicallyPrecedes(start) && bytes.lexicographicallyPrecedes(stop)
        }
        #expect(inRange == ["nu\u{F1}", "nu\u{F1}ez", "nu\u{F1}\u{10FFFE}"])
    }
}
