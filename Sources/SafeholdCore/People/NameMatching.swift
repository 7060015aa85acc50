import Foundation

/// Cheap, tolerant name matching for person search: normalised text, a Soundex key per name, and
/// edit distance to rank what the keys found.
public enum NameMatching {
    /// Lower case, accents folded, only letters kept: "O'Brien-Nuñez" becomes "obriennunez".
    public static func normalise(_ text: String) -> String {
        // A name read back from the index is normalised already: search scores thousands a request.
        if isPlainNormalised(text) { return text }
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
        if isPlainNormalised(text) { return text.isEmpty ? [] : [text] }
        // Plain ASCII (nearly every name) is split on its bytes: search splits every name it scores, and
        // splitting Characters took a tenth of a search.
        if text.utf8.allSatisfy({ $0 < 0x80 }) {
            return text.utf8.split(whereSeparator: isASCIISeparator).compactMap { word in
                let normalised = normalise(String(decoding: word, as: UTF8.self))
                return normalised.isEmpty ? nil : normalised
            }
        }
        return text.split(whereSeparator: { $0.isWhitespace || $0 == "," || $0 == "-" }).map {
            normalise(String($0))
        }.filter { !$0.isEmpty }
    }

    /// The end of the range of texts that begin with `prefix`, in code point order (which is UTF-8's byte order):
    /// `prefix` with its last character's successor, so "smi" ends at "smj". A text is in [prefix, end) exactly when
    /// it begins with `prefix`. Nil for an empty prefix, or one ending in the last code point.
    public static func prefixEnd(_ prefix: String) -> String? {
        var scalars = Array(prefix.unicodeScalars)
        guard let last = scalars.popLast() else { return nil }
        var next = last.value + 1
        if (0xD800...0xDFFF).contains(next) { next = 0xE000 }  // the surrogates are not scalars
        guard let successor = Unicode.Scalar(next) else { return nil }
        scalars.append(successor)
        var end = ""
        end.unicodeScalars.append(contentsOf: scalars)
        return end
    }

    /// Whether `text` holds only the letters `a` to `z`, as a normalised ASCII name does: its own normal form and
    /// its own only word.
    private static func isPlainNormalised(_ text: String) -> Bool {
        text.utf8.allSatisfy { (UInt8(ascii: "a")...UInt8(ascii: "z")).contains($0) }
    }

    /// Whitespace (as `Character.isWhitespace` has it in ASCII: tab to carriage return, and space), a comma or a
    /// hyphen.
    private static func isASCIISeparator(_ byte: UInt8) -> Bool {
        switch byte {
        case 0x09...0x0D, UInt8(ascii: " "), UInt8(ascii: ","), UInt8(ascii: "-"): true
        default: false
        }
    }

    /// American Soundex of a normalised name ("Smith" and "Smyth" are both S530).
    public static func soundex(_ name: String) -> String {
        // The ASCII letters of the normalised name, as bytes (UTF-8 writes ASCII as itself and nothing else below
        // 0x80), coded into a four-byte key without building Characters.
        let letters = normalise(name).utf8.filter { $0 < 0x80 }
        guard let first = letters.first else { return "" }
        func code(_ byte: UInt8) -> UInt8? {
            switch byte {
            case UInt8(ascii: "b"), UInt8(ascii: "f"), UInt8(ascii: "p"), UInt8(ascii: "v"): UInt8(ascii: "1")
            case UInt8(ascii: "c"), UInt8(ascii: "g"), UInt8(ascii: "j"), UInt8(ascii: "k"), UInt8(ascii: "q"),
                UInt8(ascii: "s"), UInt8(ascii: "x"), UInt8(ascii: "z"):
                UInt8(ascii: "2")
            case UInt8(ascii: "d"), UInt8(ascii: "t"): UInt8(ascii: "3")
            case UInt8(ascii: "l"): UInt8(ascii: "4")
            case UInt8(ascii: "m"), UInt8(ascii: "n"): UInt8(ascii: "5")
            case UInt8(ascii: "r"): UInt8(ascii: "6")
            default: nil
            }
        }
        var key: [UInt8] = [(UInt8(ascii: "a")...UInt8(ascii: "z")).contains(first) ? first - 32 : first]
        var last = code(first)
        for byte in letters.dropFirst() {
            let c = code(byte)
            if let c, c != last { key.append(c) }
            if byte != UInt8(ascii: "h") && byte != UInt8(ascii: "w") { last = c }
            if key.count == 4 { break }
        }
        while key.count < 4 { key.append(UInt8(ascii: "0")) }
        return String(decoding: key, as: UTF8.self)
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
