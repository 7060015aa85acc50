import Foundation

extension CensusXML {
    /// An indenting writer of elements and escaped text, into UTF-8 bytes: element names are static text
    /// copied as they are, and the file is made a `String` once, at the end.
    struct Writer {
        private var bytes: [UInt8] = []
        private var depth = 0

        init(capacity: Int = 1 << 16) { bytes.reserveCapacity(capacity) }

        /// The document written so far.
        var text: String { String(decoding: bytes, as: UTF8.self) }

        mutating func raw(_ s: String) { bytes.append(contentsOf: s.utf8) }

        mutating func open(_ name: StaticString) {
            indent()
            tag(name, closing: false)
            bytes.append(Self.newline)
            depth += 1
        }

        mutating func close(_ name: StaticString) {
            depth -= 1
            indent()
            tag(name, closing: true)
            bytes.append(Self.newline)
        }

        /// An element with a value; nothing when the value is missing.
        mutating func leaf(_ name: StaticString, _ value: String?) {
            guard let value else { return }
            element(name, value)
        }

        /// An element with a date; nothing when the date is missing.
        mutating func leaf(_ name: StaticString, _ date: LocalDate?) {
            guard let date else { return }
            element(name, date)
        }

        /// A group element holding one `element` per value; nothing when there are no values.
        mutating func group(_ name: StaticString, _ element: StaticString, _ values: [String]) {
            guard !values.isEmpty else { return }
            open(name)
            for value in values { self.element(element, value) }
            close(name)
        }

        mutating func element(_ name: StaticString, _ value: String) {
            indent()
            tag(name, closing: false)
            CensusXML.escape(value, into: &bytes)
            tag(name, closing: true)
            bytes.append(Self.newline)
        }

        /// An element holding a date as `YYYY-MM-DD`, or empty when there is none (a review without a date).
        mutating func element(_ name: StaticString, _ date: LocalDate?) {
            indent()
            tag(name, closing: false)
            if let date { bytes.append(contentsOf: date.description.utf8) }
            tag(name, closing: true)
            bytes.append(Self.newline)
        }

        private mutating func tag(_ name: StaticString, closing: Bool) {
            bytes.append(UInt8(ascii: "<"))
            if closing { bytes.append(UInt8(ascii: "/")) }
            bytes.append(contentsOf: UnsafeBufferPointer(start: name.utf8Start, count: name.utf8CodeUnitCount))
            bytes.append(UInt8(ascii: ">"))
        }

        private mutating func indent() {
            for _ in 0..<min(depth, 11) {
                bytes.append(Self.space)
                bytes.append(Self.space)
            }
        }

        private static let newline = UInt8(ascii: "\n")
        private static let space = UInt8(ascii: " ")
    }

    /// Escapes markup characters and replaces what XML 1.0 forbids (most C0 controls, lone surrogates'
    /// stand-ins, U+FFFE and U+FFFF) with U+FFFD.
    static func escape(_ value: String, into out: inout [UInt8]) {
        // Dates, codes and flags (nearly every value) have nothing to escape: appended whole.
        if value.utf8.allSatisfy({
            $0 >= 0x20 && $0 < 0x7F && $0 != 0x26 && $0 != 0x3C && $0 != 0x3E && $0 != 0x22 && $0 != 0x27
        }) {
            out.append(contentsOf: value.utf8)
            return
        }
        for scalar in value.unicodeScalars {
            switch scalar {
            case "&": out.append(contentsOf: "&amp;".utf8)
            case "<": out.append(contentsOf: "&lt;".utf8)
            case ">": out.append(contentsOf: "&gt;".utf8)
            case "\"": out.append(contentsOf: "&quot;".utf8)
            case "'": out.append(contentsOf: "&apos;".utf8)
            case "\t", "\n", "\r": out.append(UInt8(scalar.value))
            default:
                let v = scalar.value
                let kept: Unicode.Scalar = v < 0x20 || v == 0xFFFE || v == 0xFFFF ? "\u{FFFD}" : scalar
                UTF8.encode(kept) { out.append($0) }
            }
        }
    }
}
