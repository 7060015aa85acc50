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

    private static let hexDigits = Array("0123456789abcdef".utf8)
}
