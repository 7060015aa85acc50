import Foundation

extension JSONEnvelope {
    /// A forward-only reader over UTF-8 JSON that finds where values start and end without building them.
    struct Scanner {
        let bytes: [UInt8]
        private var i = 0

        init(bytes: [UInt8]) { self.bytes = bytes }

        /// `{"name":{members}}` and nothing after it: the name and each member's raw range.
        mutating func envelope() -> (String, [String: Range<Int>])? {
            guard take(UInt8(ascii: "{")), let name = key(), take(UInt8(ascii: ":")), let members = object(),
                take(UInt8(ascii: "}"))
            else {
                return nil
            }
            space()
            return i == bytes.count ? (name, members) : nil
        }

        /// `{members}` (white space first allowed): each member's raw range; nil on a repeated key.
        mutating func object() -> [String: Range<Int>]? {
            guard take(UInt8(ascii: "{")) else { return nil }
            var members: [String: Range<Int>] = [:]
            if !take(UInt8(ascii: "}")) {
                repeat {
                    guard let member = key(), take(UInt8(ascii: ":")) else { return nil }
                    space()
                    let start = i
                    guard skipValue(depth: 0), members[member] == nil else { return nil }
                    members[member] = start..<i
                } while take(UInt8(ascii: ","))
                guard take(UInt8(ascii: "}")) else { return nil }
            }
            return members
        }

        /// `[element, ...]` and nothing after it, each element read by `element`; nil when any is not.
        mutating func array<T>(_ element: (inout Scanner) -> T?) -> [T]? {
            guard take(UInt8(ascii: "[")) else { return nil }
            var values: [T] = []
            if !take(UInt8(ascii: "]")) {
                repeat {
                    space()
                    guard let value = element(&self) else { return nil }
                    values.append(value)
                } while take(UInt8(ascii: ","))
                guard take(UInt8(ascii: "]")) else { return nil }
            }
            space()
            return i == bytes.count ? values : nil
        }

        /// Whether only white space is left.
        mutating func atEnd() -> Bool {
            space()
            return i == bytes.count
        }

        /// A string token's raw bytes, quotes included.
        mutating func stringToken() -> ArraySlice<UInt8>? {
            let start = i
            return skipString() ? bytes[start..<i] : nil
        }

        /// `["a","b"]` of plain strings, and nothing after it.
        mutating func plainStringArray() -> [String]? {
            array { $0.stringToken().flatMap(JSONEnvelope.plainString) }
        }

        /// A member's key: a string with no escape.
        private mutating func key() -> String? {
            space()
            let start = i
            guard skipString() else { return nil }
            return JSONEnvelope.plainString(bytes[start..<i])
        }

        private mutating func skipValue(depth: Int) -> Bool {
            guard depth < 64, i < bytes.count else { return false }
            switch bytes[i] {
            case UInt8(ascii: "\""): return skipString()
            case UInt8(ascii: "{"): return skipContainer(close: UInt8(ascii: "}"), keyed: true, depth: depth)
            case UInt8(ascii: "["): return skipContainer(close: UInt8(ascii: "]"), keyed: false, depth: depth)
            case UInt8(ascii: "t"): return literal("true")
            case UInt8(ascii: "f"): return literal("false")
            case UInt8(ascii: "n"): return literal("null")
            default: return skipNumber()
            }
        }

        private mutating func skipContainer(close: UInt8, keyed: Bool, depth: Int) -> Bool {
            i += 1
            if take(close) { return true }
            repeat {
                space()
                if keyed {
                    guard skipString(), take(UInt8(ascii: ":")) else { return false }
                    space()
                }
                guard skipValue(depth: depth + 1) else { return false }
            } while take(UInt8(ascii: ","))
            return take(close)
        }

        /// A string token as JSON allows it: escapes checked (`\\"` does not end it), no raw control character.
        private mutating func skipString() -> Bool {
            guard i < bytes.count, bytes[i] == UInt8(ascii: "\"") else { return false }
            i += 1
            while i < bytes.count {
                let byte = bytes[i]
                i += 1
                switch byte {
                case UInt8(ascii: "\""): return true
                case UInt8(ascii: "\\"):
                    guard i < bytes.count else { return false }
                    let escaped = bytes[i]
                    i += 1
                    if escaped == UInt8(ascii: "u") {
                        guard i + 4 <= bytes.count, bytes[i..<i + 4].allSatisfy({ $0.hexDigitValue != nil }) else {
                            return false
                        }
                        i += 4
                    } else if !"\"\\/bfnrt".utf8.contains(escaped) {
                        return false
                    }
                case 0..<0x20: return false
                default: continue
                }
            }
            return false
        }

        /// A number as JSON writes it: `-?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?`.
        private mutating func skipNumber() -> Bool {
            _ = take(exactly: UInt8(ascii: "-"))
            if !take(exactly: UInt8(ascii: "0")) {
                guard i < bytes.count, (UInt8(ascii: "1")...UInt8(ascii: "9")).contains(bytes[i]) else { return false }
                digits()
            }
            if take(exactly: UInt8(ascii: ".")) {
                guard digits() else { return false }
            }
            if take(exactly: UInt8(ascii: "e")) || take(exactly: UInt8(ascii: "E")) {
                _ = take(exactly: UInt8(ascii: "+")) || take(exactly: UInt8(ascii: "-"))
                guard digits() else { return false }
            }
            return true
        }

        /// Steps over ASCII digits; whether there was at least one.
        @discardableResult private mutating func digits() -> Bool {
            let start = i
            while i < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[i]) { i += 1 }
            return i > start
        }

        private mutating func take(exactly byte: UInt8) -> Bool {
            guard i < bytes.count, bytes[i] == byte else { return false }
            i += 1
            return true
        }

        private mutating func literal(_ word: String) -> Bool {
            let end = i + word.utf8.count
            guard end <= bytes.count, bytes[i..<end].elementsEqual(word.utf8) else { return false }
            i = end
            return true
        }

        /// Skips white space, then takes `byte` if it is next.
        private mutating func take(_ byte: UInt8) -> Bool {
            space()
            guard i < bytes.count, bytes[i] == byte else { return false }
            i += 1
            return true
        }

        private mutating func space() {
            while i < bytes.count {
                switch bytes[i] {
                case 0x20, 0x0A, 0x0D, 0x09: i += 1
                default: return
                }
            }
        }
    }
}
