import Foundation
import Testing

/// Two readers of the same stored text (a fast reading and `JSONDecoder`) must give the same value, or both refuse.
enum StoredReaders {
    static func agree<T: Equatable>(
        _ json: String, fast: (String) throws -> T, full: (String) throws -> T,
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        let quick = Result { try fast(json) }
        let slow = Result { try full(json) }
        switch (quick, slow) {
        case (.success(let a), .success(let b)): #expect(a == b, "\(json)", sourceLocation: sourceLocation)
        case (.failure, .failure): break
        default:
            Issue.record("the readers disagree on \(json): \(quick) against \(slow)", sourceLocation: sourceLocation)
        }
    }

    /// `count` copies of the encoded values, each with one to three bytes replaced by JSON's punctuation, digits
    /// and letters of its literals.
    static func damaged(_ values: [some Encodable], count: Int = 3000) throws -> [String] {
        var generator = SystemRandomNumberGenerator()
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let sources = try values.map { Array(try encoder.encode($0)) }
        let alphabet = Array(#"{}[]":,\ 0123456789.-+eEtrufalsnu"#.utf8)
        return (0..<count).map { _ in
            var bytes = sources.randomElement(using: &generator)!
            for _ in 0..<Int.random(in: 1...3, using: &generator) {
                let at = Int.random(in: 0..<bytes.count, using: &generator)
                bytes[at] = alphabet.randomElement(using: &generator)!
            }
            return String(decoding: bytes, as: UTF8.self)
        }
    }
}
