import Foundation

/// An NHS number: ten digits whose last is a modulus-11 check digit.
public struct NHSNumber: Hashable, Sendable, CustomStringConvertible {
    /// The ten digits, with no spaces.
    public let digits: String

    /// Accepts the ten digits with or without spaces; nil unless the check digit is right.
    public init?(_ text: String) {
        let compact = text.filter { $0 != " " }
        guard compact.count == 10, compact.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        let values = compact.compactMap { $0.wholeNumberValue }
        let sum = zip(values.prefix(9), (2...10).reversed()).reduce(0) { $0 + $1.0 * $1.1 }
        var check = 11 - sum % 11
        if check == 11 { check = 0 }
        guard check != 10, check == values[9] else { return nil }
        digits = compact
    }

    /// Shown as NHS numbers are printed: `943 476 5919`.
    public var description: String {
        let d = Array(digits)
        return "\(String(d[0..<3])) \(String(d[3..<6])) \(String(d[6..<10]))"
    }
}

/// A unique pupil number: a check letter then twelve characters (the last a letter for a temporary UPN).
public struct UniquePupilNumber: Hashable, Sendable, CustomStringConvertible {
    public let value: String

    static let alphabet = Array("ABCDEFGHJKLMNPQRTUVWXYZ")

    /// Accepts a 13-character UPN in any case; nil unless its check letter is right.
    public init?(_ text: String) {
        let upper = text.uppercased().filter { $0 != " " }
        let chars = Array(upper)
        guard chars.count == 13, chars[1..<12].allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        var sum = 0
        for position in 2...13 {
            let char = chars[position - 1]
            let value: Int
            if let digit = char.wholeNumberValue, char.isASCII {
                value = digit
            } else if position == 13, let index = Self.alphabet.firstIndex(of: char) {
                value = index
            } else {
                return nil
            }
            sum += value * position
        }
        guard chars[0] == Self.alphabet[sum % 23] else { return nil }
        value = upper
    }

    /// Makes a valid UPN from its twelve-character body (for synthetic data).
    public static func withCheckLetter(body: String) -> UniquePupilNumber? {
        for letter in alphabet {
            if let upn = UniquePupilNumber(String(letter) + body) { return upn }
        }
        return nil
    }

    public var description: String { value }
}

extension NHSNumber {
    /// Makes a valid NHS number from nine leading digits, or nil when no check digit fits.
    public static func withCheckDigit(nine: String) -> NHSNumber? {
        (0...9).lazy.compactMap { NHSNumber(nine + String($0)) }.first
    }
}
