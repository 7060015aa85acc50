import Foundation

/// An address a user gives for notification emails: one mailbox, `local@domain`, no spaces, no
/// control characters (so it can never add a line to an email's headers), at most 254 characters.
public struct EmailAddress: Hashable, Sendable, CustomStringConvertible {
    public let value: String
    public var description: String { value }

    /// Reads an address; blank means "no email". A malformed one is a 422 naming `email`.
    public static func validated(_ text: String?) throws(SafeholdError) -> EmailAddress? {
        guard let text = text?.trimmingCharacters(in: .whitespaces), !text.isEmpty else { return nil }
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        let allowedLocal = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: ".!#$%&'*+/=?^_`{|}~-"))
        let allowedDomain = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: ".-"))
        let fits = { (part: Substring, allowed: CharacterSet) in
            !part.isEmpty && part.unicodeScalars.allSatisfy { $0.isASCII && allowed.contains($0) }
        }
        guard text.count <= 254, parts.count == 2, fits(parts[0], allowedLocal), fits(parts[1], allowedDomain),
            parts[1].contains("."), !parts[1].hasPrefix("."), !parts[1].hasSuffix("."), !parts[1].contains("..")
        else {
            throw SafeholdError.invalid([
                FieldError("email", "give one email address, like name@agency.example (letters, digits, no spaces)")
            ])
        }
        return EmailAddress(value: text)
    }

    private init(value: String) { self.value = value }
}
