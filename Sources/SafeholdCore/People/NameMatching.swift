import Foundation

/// Cheap, tolerant name matching for person search: normalised text, a Soundex key per name, and
/// edit distance to rank what the keys found.
public enum NameMatching {
    /// Lower case, accents folded, only letters kept: "O'Brien-Nuñez" becomes "obriennunez".
    public static func normalise(_ text: String) -> String {
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
        let x = Array(a), y = Array(b)
        if abs(x.count - y.count) > limit { return limit + 1 }
        var previous = Array(0...y.count)
        for i in 1...max(x.count, 1) where !x.isEmpty {
            var current = [i] + Array(repeating: 0, count: y.count)
            var rowMin = i
            for j in stride(from: 1, through: y.count, by: 1) {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (x[i - 1] == y[j - 1] ? 0 : 1))
                rowMin = min(rowMin, current[j])
            }
            if rowMin > limit { return limit + 1 }
            previous = current
        }
        return x.isEmpty ? y.count : previous[y.count]
    }

    /// How well one query word matches one name word: 0 is no match, 4 exact.
    public static func score(query: String, name: String) -> Double {
        if query == name { return 4 }
        if query.count >= 2 && name.hasPrefix(query) { return 3 }
        let allowed = query.count >= 8 ? 2 : (query.count >= 4 ? 1 : 0)
        if allowed > 0 && distance(query, name, limit: allowed) <= allowed { return 2 }
        if query.count >= 3 && soundex(query) == soundex(name) { return 1 }
        return 0
    }

    /// Scores a whole query against a given and family name; every query word must match some part.
    public static func score(queryTokens: [String], given: String, family: String) -> Double {
        let parts = tokens(given) + tokens(family)
        var total = 0.0
        for token in queryTokens {
            let best = parts.map { score(query: token, name: $0) }.max() ?? 0
            if best == 0 { return 0 }
            total += best
        }
        return total
    }
}
