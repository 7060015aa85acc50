/// Fixed-width decimal and hexadecimal text, written by hand: dates, timestamps and audit seals are
/// formatted on every request, and `String(format:)` goes through Foundation's format parser each time.
public enum Digits {
    /// `value` in decimal, zero-padded on the left to `width` digits (a minus sign before them).
    public static func padded(_ value: Int, width: Int) -> String {
        let digits = String(value.magnitude)
        let zeros = width > digits.count ? String(repeating: "0", count: width - digits.count) : ""
        return (value < 0 ? "-" : "") + zeros + digits
    }

    /// `bytes` as lower-case hexadecimal, two characters a byte.
    public static func hex(_ bytes: some Sequence<UInt8>) -> String {
        var text: [UInt8] = []
        text.reserveCapacity(64)
        for byte in bytes {
            text.append(hexDigits[Int(byte >> 4)])
            text.append(hexDigits[Int(byte & 0x0f)])
        }
        return String(decoding: text, as: UTF8.self)
    }

    /// Writes `value`'s last `width` decimal digits into `text`, the last at index `last` (a non-negative value;
    /// fixed-width dates and times).
    public static func write(_ value: Int, into text: UnsafeMutableBufferPointer<UInt8>, endingAt last: Int, width: Int)
    {
        var value = value
        for i in stride(from: last, to: last - width, by: -1) {
            text[i] = UInt8(ascii: "0") + UInt8(value % 10)
            value /= 10
        }
    }

    /// The number the ASCII digits `bytes[range]` spell; nil if any of them is not a digit 0-9.
    public static func read(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Int? {
        var value = 0
        for i in range {
            let digit = Int(bytes[i]) - 48
            guard (0...9).contains(digit) else { return nil }
            value = value * 10 + digit
        }
        return value
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)
}

extension UInt8 {
    /// The value of this byte as a hexadecimal digit (either case); nil when it is not one.
    var hexDigitValue: UInt8? {
        switch self {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): self - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): self - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): self - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
