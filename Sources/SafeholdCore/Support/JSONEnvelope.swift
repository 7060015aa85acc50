import Foundation

/// A stored value's JSON in the shape Swift synthesises for an enum case with labels,
/// `{"<case>":{"<label>":<value>,...}}`, read without decoding what nobody asked for: the case's name and the
/// raw text of each member, every other value skipped byte by byte.
///
/// Made for the whole-authority reads (the census) that need two or three fields of each of a hundred
/// thousand stored steps. It is strict rather than complete: it gives up (nil) on anything it does not
/// expect (an escape in a key, a second case, trailing text, nesting beyond 64) and the caller then decodes
/// the value in full with `JSONDecoder`, which is the authority on what the text means.
public struct JSONEnvelope {
    /// The case's name: the outer object's only key.
    public let name: String
    let bytes: [UInt8]
    let members: [String: Range<Int>]

    /// Reads `text`; nil when it is not one object with one key whose value is an object.
    public init?(_ text: String) {
        var scanner = Scanner(bytes: Array(text.utf8))
        guard let (name, members) = scanner.envelope() else { return nil }
        self.init(name: name, bytes: scanner.bytes, members: members)
    }

    /// A stored value read by `read` from its envelope, or decoded in full by `decoder` when the text is not an
    /// envelope or does not hold what `read` expects (the full decoder stays the authority on what it means).
    public static func decode<T: Decodable>(
        _ text: String, decoder: JSONDecoder, reading read: (JSONEnvelope) -> T?
    ) throws -> T {
        if let envelope = JSONEnvelope(text), let value = read(envelope) { return value }
        return try decoder.decode(T.self, from: Data(text.utf8))
    }

    /// Reads `text` as one bare object, `{members}`, with an empty name; nil when it is anything else.
    public init?(object text: String) {
        var scanner = Scanner(bytes: Array(text.utf8))
        guard let members = scanner.object(), scanner.atEnd() else { return nil }
        self.init(name: "", bytes: scanner.bytes, members: members)
    }

    private init(name: String, bytes: [UInt8], members: [String: Range<Int>]) {
        self.name = name
        self.bytes = bytes
        self.members = members
    }

    /// An array of objects, each read as an envelope with an empty name (its members, skipped byte by byte until
    /// asked for); nil when absent or anything else.
    public func objects(_ key: String) -> [JSONEnvelope]? {
        guard let range = members[key] else { return nil }
        var scanner = Scanner(bytes: Array(bytes[range]))
        return scanner.array { $0.object() }.map { all in
            all.map { JSONEnvelope(name: "", bytes: scanner.bytes, members: $0) }
        }
    }

    /// Whether the member is absent or `null`.
    public func isMissing(_ key: String) -> Bool {
        guard let range = members[key] else { return true }
        return bytes[range].elementsEqual("null".utf8)
    }

    /// A string member without escapes; nil when absent, not a string, or escaped (decode it in full).
    public func string(_ key: String) -> String? {
        guard let range = members[key] else { return nil }
        return Self.plainString(bytes[range])
    }

    /// A `true` or `false` member; nil otherwise.
    public func bool(_ key: String) -> Bool? {
        guard let range = members[key] else { return nil }
        if bytes[range].elementsEqual("true".utf8) { return true }
        if bytes[range].elementsEqual("false".utf8) { return false }
        return nil
    }

    /// A whole-number member of at most nine digits (an optional minus sign first); nil otherwise.
    public func int(_ key: String) -> Int? {
        guard let range = members[key], (1...10).contains(range.count) else { return nil }
        return Int(String(decoding: bytes[range], as: UTF8.self))
    }

    /// An array of strings without escapes; nil when absent, not such an array, or escaped.
    public func strings(_ key: String) -> [String]? {
        guard let range = members[key] else { return nil }
        var scanner = Scanner(bytes: Array(bytes[range]))
        return scanner.plainStringArray()
    }

    /// A JSON array of plain strings (`["a", "b"]`, spaces allowed) read without a decoder; nil when the text
    /// is anything else (an escape, another type), for the caller to decode in full.
    public static func plainStrings(_ json: String) -> [String]? {
        var scanner = Scanner(bytes: Array(json.utf8))
        return scanner.plainStringArray()
    }

    /// A `YYYY-MM-DD` string member.
    public func date(_ key: String) -> LocalDate? {
        guard let range = members[key] else { return nil }
        let slice = bytes[range]
        guard slice.count == 12, slice.first == UInt8(ascii: "\""), slice.last == UInt8(ascii: "\"") else {
            return nil
        }
        return slice.dropFirst().dropLast().withContiguousStorageIfAvailable { LocalDate(isoBytes: $0) } ?? nil
    }

    /// A canonical UUID string member.
    public func uuid(_ key: String) -> UUID? { string(key).flatMap(UUID.canonical) }

    static func plainString(_ token: ArraySlice<UInt8>) -> String? {
        guard token.count >= 2, token.first == UInt8(ascii: "\""), token.last == UInt8(ascii: "\"") else {
            return nil
        }
        let inner = token.dropFirst().dropLast()
        // An escape, a quote or a raw control character: leave it to the full decoder.
        guard !inner.contains(where: { $0 == UInt8(ascii: "\\") || $0 == UInt8(ascii: "\"") || $0 < 0x20 }) else {
            return nil
        }
        return String(decoding: inner, as: UTF8.self)
    }
}
