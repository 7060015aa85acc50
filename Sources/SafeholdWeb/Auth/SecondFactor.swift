import Foundation
import HummingbirdOTP

/// TOTP second factor (RFC 6238, 6 digits, 30 s), as authenticator apps use it.
public enum SecondFactor {
    /// A new shared secret: 20 random characters (the app receives it base32-encoded).
    public static func newSecret() -> String {
        let alphabet = Array("ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789")
        var rng = SystemRandomNumberGenerator()
        return String((0..<20).map { _ in alphabet.randomElement(using: &rng)! })
    }

    /// The 30-second time step whose code matches: now, or one step either side (clock drift). Nil when none does.
    public static func matchingStep(code: String, secret: String, at date: Date) -> Int? {
        let digits = code.filter { !$0.isWhitespace }
        guard digits.count == 6, let value = Int(digits) else { return nil }
        let totp = TOTP(secret: secret)
        for offset in [0.0, -30, 30] where totp.compute(date: date.addingTimeInterval(offset)) == value {
            return Int((date.timeIntervalSince1970 + offset) / 30)
        }
        return nil
    }

    /// The `otpauth://` address an authenticator app reads.
    public static func enrolmentURL(secret: String, username: String) -> String {
        TOTP(secret: secret).createAuthenticatorURL(label: "Safehold:\(username)", issuer: "Safehold")
    }

    /// The secret as the app wants it typed: base32.
    public static func base32(_ secret: String) -> String {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567")
        var bits = 0, value = 0, output = ""
        for byte in secret.utf8 {
            value = (value << 8) | Int(byte)
            bits += 8
            while bits >= 5 {
                output.append(alphabet[(value >> (bits - 5)) & 31])
                bits -= 5
            }
        }
        if bits > 0 { output.append(alphabet[(value << (5 - bits)) & 31]) }
        return output
    }
}
