import Foundation

extension JSONEnvelope {
    /// A string member with its escapes decoded as JSON defines them (`\\n`, `\\/`, `\\u00e9`, a surrogate pair);
    /// nil when absent, not a string, a lone surrogate or not UTF-8.
    public func text(_ key: String) -> String? {
        guard let range = members[key] else { return nil }
        return Self.text(bytes[range])
    }

    /// An array of strings, escapes decoded; nil when absent or anything else.
    public func texts(_ key: String) -> [String]? {
        guard let range = members[key] else { return nil }
        var scanner = Scanner(bytes: Array(bytes[range]))
        return scanner.array { $0.stringToken().flatMap(Self.text) }
    }

    /// An optional member as `read` reads it: `.some(nil)` when absent or `null`, nil when present and not readable
    /// (as `decodeIfPresent` would throw).
    public func optional<T>(_ key: String, _ read: (String) -> T?) -> T?? {
        isMissing(key) ? .some(nil) : read(key).map { .some($0) }
    }

    /// An optional string member: `.some(nil)` when absent or `null`, nil when present and not a string.
    public func optionalText(_ key: String) -> String?? { optional(key, text) }

    /// A string token's value (quotes included in `token`), escapes decoded; nil when it is not one.
    static func text(_ token: ArraySlice<UInt8>) -> String? {
        if let plain = plainString(token) { return plain }
        guard token.count >= 2, token.first == UInt8(ascii: "\""), token.last == UInt8(ascii: "\"") else {
            return nil
        }
        var out: [UInt8] = []
        out.reserveCapacity(token.count)
        var i = token.startIndex + 1
        let end = token.endIndex - 1
        while i < end {
            let byte = token[i]
            i += 1
            guard byte == UInt8(ascii: "\\") else {
                guard byte >= 0x20, byte != UInt8(ascii: "\"") else { return nil }
                out.append(byte)
                continue
            }
            guard i < end else { return nil }
            let escaped = token[i]
            i += 1
            switch escaped {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(escaped)
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "u"):
                guard let unit = hex4(token, at: i, end: end) else { return nil }
                i += 4
                var scalar = UInt32(unit)
                if (0xD800..<0xDC00).contains(unit) {
                    // A high surrogate must be followed by `\u` and a low one.
                    guard i + 6 <= end, token[i] == UInt8(ascii: "\\"), token[i + 1] == UInt8(ascii: "u"),
                        let low = hex4(token, at: i + 2, end: end), (0xDC00..<0xE000).contains(low)
                    else { return nil }
                    i += 6
                    scalar = 0x10000 + ((UInt32(unit) - 0xD800) << 10) + (UInt32(low) - 0xDC00)
                } else if (0xDC00..<0xE000).contains(unit) {
                    return nil
                }
                guard let value = Unicode.Scalar(scalar) else { return nil }
                out.append(contentsOf: value.utf8)
            default: return nil
            }
        }
        return String(validating: out, as: UTF8.self)
    }

    private static func hex4(_ token: ArraySlice<UInt8>, at start: Int, end: Int) -> UInt16? {
        guard start + 4 <= end else { return nil }
        var value: UInt16 = 0
        for byte in token[start..<start + 4] {
            guard let digit = byte.hexDigitValue else { return nil }
            value = value << 4 | UInt16(digit)
        }
        return value
    }
}
