import Foundation

extension UUID {
    /// Parses the canonical 36-character form (`8-4-4-4-12` hexadecimal digits, either case), as the
    /// store writes ids, without the C `sscanf` that `UUID(uuidString:)` uses on Linux: a dashboard of
    /// every team parses hundreds of thousands of ids, and that call was an eighth of its time.
    /// Anything else (another length, a misplaced dash, a non-hex or non-ASCII character) is nil.
    public static func canonical(_ text: String) -> UUID? {
        var text = text
        var value: uuid_t = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        let parsed = text.withUTF8 { bytes in
            withUnsafeMutableBytes(of: &value) { out in Self.parse(bytes, into: out) }
        }
        return parsed ? UUID(uuid: value) : nil
    }

    private static func parse(_ bytes: UnsafeBufferPointer<UInt8>, into out: UnsafeMutableRawBufferPointer) -> Bool {
        guard bytes.count == 36 else { return false }
        var index = 0
        var high: UInt8? = nil
        for (position, byte) in bytes.enumerated() {
            if position == 8 || position == 13 || position == 18 || position == 23 {
                guard byte == UInt8(ascii: "-") else { return false }
                continue
            }
            guard let nibble = byte.hexDigitValue else { return false }
            if let h = high {
                out[index] = h << 4 | nibble
                index += 1
                high = nil
            } else {
                high = nibble
            }
        }
        return true
    }

    /// The id as text, exactly as `uuidString` gives it (upper-case hexadecimal with dashes), made without the C
    /// library's `snprintf`, which Foundation calls for every id: ids are written as text for every bind, link
    /// and audit entry, and search sorted by id text made it a fifth of a search's time.
    public var text: String {
        withUnsafeBytes(of: uuid) { bytes in
            String(unsafeUninitializedCapacity: 36) { buffer in
                let digits: StaticString = "0123456789ABCDEF"
                var at = 0
                for (index, byte) in bytes.enumerated() {
                    if index == 4 || index == 6 || index == 8 || index == 10 {
                        buffer[at] = UInt8(ascii: "-")
                        at += 1
                    }
                    buffer[at] = digits.utf8Start[Int(byte >> 4)]
                    buffer[at + 1] = digits.utf8Start[Int(byte & 0x0F)]
                    at += 2
                }
                return at
            }
        }
    }

    /// Whether this id comes before `other` in the order of their text, without making the text (the text's
    /// order is the bytes' order: fixed-width hexadecimal, dashes in the same places).
    public func sortsBefore(_ other: UUID) -> Bool {
        withUnsafeBytes(of: uuid) { mine in
            withUnsafeBytes(of: other.uuid) { theirs in
                mine.lexicographicallyPrecedes(theirs)
            }
        }
    }
}
