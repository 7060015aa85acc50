import Crypto
import Foundation

/// A secret as the database keeps it: sealed with AES-256-GCM under a key held outside the database.
/// The text is `v1:` followed by base64 of nonce, ciphertext and tag.
public struct SealedSecret: Hashable, Sendable {
    public static let prefix = "v1:"
    public let text: String

    /// Wraps stored text; nil when it is not in the sealed format (for example a plaintext secret
    /// left by an older release).
    public init?(stored text: String) {
        guard text.hasPrefix(Self.prefix) else { return nil }
        self.text = text
    }
}

/// Seals and opens secrets (TOTP keys) with one symmetric key. The key never enters the database.
public struct SecretBox: Sendable {
    private let keyData: Data
    private var key: SymmetricKey { SymmetricKey(data: keyData) }

    /// A box over a 256-bit key; throws when the key is not 32 bytes.
    public init(keyData: Data) throws(SafeholdError) {
        guard keyData.count == 32 else {
            throw .invalid([FieldError("secret key", "must be 32 bytes (base64 of 32 random bytes)")])
        }
        self.keyData = keyData
    }

    /// A fresh random 256-bit key.
    public static func newKeyData() -> Data { SymmetricKey(size: .bits256).withUnsafeBytes { Data($0) } }

    public func seal(_ secret: String) throws -> SealedSecret {
        let box = try AES.GCM.seal(Data(secret.utf8), using: key)
        guard let combined = box.combined else { throw SafeholdError.conflict("could not seal a secret") }
        return SealedSecret(stored: SealedSecret.prefix + combined.base64EncodedString())!
    }

    /// The secret, or nil when the sealed text was not made with this key or was altered.
    public func open(_ sealed: SealedSecret) -> String? {
        guard let data = Data(base64Encoded: String(sealed.text.dropFirst(SealedSecret.prefix.count))),
            let box = try? AES.GCM.SealedBox(combined: data),
            let plain = try? AES.GCM.open(box, using: key)
        else { return nil }
        return String(data: plain, encoding: .utf8)
    }
}
