import Foundation

/// Cheap, tolerant name matching for person search: normalised text, a Soundex key per name, and
/// edit distance to rank what the keys found.
public enum NameMatching {
    /// Lower case, accents folded, only letters kept: "O'Brien-Nuñez" becomes "obriennunez".
    public static func normalise(_ text: String) -> String {
        // Plain ASCII, nearly every name, needs no folding: search scores up to 2,000 names a request and
        // Foundation's folding cost most of that.
        if text.utf8.allSatisfy({ $0 < 0x80 }) {
            return String(
                decoding: text.utf8.compactMap { byte -> UInt8? in
                    switch byte {
                    case UInt8(ascii: "a")...UInt8(ascii: "z"): byte
                    case UInt8(ascii: "A")...UInt8(ascii: "Z"): byte + 32
                    default: nil
                    }
                }, as: UTF8.self)
        }
        let folded = text.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: nil).lowercased()
        return String(folded.unicodeScalars.filter { $0.properties.isAlphabetic }.map(Character.init))
    }

    /// The words of a query or a name, each normalised; empty words dropped.
    public static func tokens(_ text: String) -> [String] {
        text.split(whereSeparator: { $0.isWhitespace || $0 == "," || $0 == "-" }).map { normalise(String($0)) }.filter {
            !$0.isEmpty
        }
    }

    /// American Soundex of a normalised name ("Smith" and "Smyth" are both S530).
    public static func soundex(_ name: String) -> String {
        let letters = Array(normalise(name).unicodeScalars.filter { $0.isASCII })
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

    /// Levenshtein distance, stopping early once it passes `limit`.
    public static func distance(_ a: String, _ b: String, limit: Int = 3) -> Int {
        if a.utf8.allSatisfy({ $0 < 0x80 }) && b.utf8.allSatisfy({ $0 < 0x80 }) {
            return levenshtein(Array(a.utf8), Array(b.utf8), limit: limit)
        }
        return levenshtein(Array(a), Array(b), limit: limit)
    }

    private static func levenshtein<Element: Equatable>(_ x: [Element], _ y: [Element], limit: Int) -> Int {
        if abs(x.count - y.count) > limit { return limit + 1 }
        if x.isEmpty { return y.count }
        var previous = Array(0...y.count)
        var current = Array(repeating: 0, count: y.count + 1)
        for i in 1...x.count {
            current[0] = i
            var rowMin = i
            for j in stride(from: 1, through: y.count, by: 1) {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (x[i - 1] == y[j - 1] ? 0 : 1))
                rowMin = min(rowMin, current[j])
            }
            if rowMin > limit { return limit + 1 }
            swap(&previous, &current)
        }
        return previous[y.count]
    }

    /// How well one query word matches one name word: 0 is no match, 4 exact.
    public static func score(query: String, name: String) -> Double {
        let word = Word(query)
        let close = closeScore(word, name: name)
        return close == 0 && word.length >= 3 && word.key == soundex(name) ? 1 : close
    }

    /// A query word prepared once for scoring against many names.
    public struct Word: Sendable {
        let text: String
        let length: Int
        let key: String

        public init(_ text: String) {
            self.text = text
            length = text.count
            key = NameMatching.soundex(text)
        }
    }

    /// Exact 4, prefix 3, typo 2, otherwise 0 (the sound-alike test is left to the caller, who may know the key).
    static func closeScore(_ word: Word, name: String) -> Double {
        if word.text == name { return 4 }
        if word.length >= 2 && name.hasPrefix(word.text) { return 3 }
        let allowed = word.length >= 8 ? 2 : (word.length >= 4 ? 1 : 0)
        if allowed > 0 && distance(word.text, name, limit: allowed) <= allowed { return 2 }
        return 0
    }

    /// Scores a whole query against a given and family name; every query word must match some part.
    public static func score(queryTokens: [String], given: String, family: String) -> Double {
        score(queryTokens.map(Word.init), given: given, family: family)
    }

    /// `score(queryTokens:given:family:)` with the query's words prepared once (`Word`), for scoring many names.
    public static func score(_ words: [Word], given: String, family: String) -> Double {
        let parts = tokens(given) + tokens(family)
        var keys = [String?](repeating: nil, count: parts.count)
        var total = 0.0
        for word in words {
            var best = 0.0
            for (index, part) in parts.enumerated() {
                var score = closeScore(word, name: part)
                if score == 0 && word.length >= 3 {
                    if keys[index] == nil { keys[index] = soundex(part) }
                    if keys[index] == word.key { score = 1 }
                }
                best = max(best, score)
                if best == 4 { break }
            }
            if best == 0 { return 0 }
            total += best
        }
        return total
    }
}
