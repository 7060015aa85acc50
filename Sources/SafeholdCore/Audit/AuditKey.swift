import Crypto
import Foundation

/// The secret that seals the audit chain and signs its checkpoints. It is held outside the database
/// (a key file or an environment variable), so someone who can only write to the database cannot
/// forge, reseal or re-chain an entry that still verifies.
public struct AuditKey: Sendable {
    /// The fewest bytes a key may have (HMAC-SHA256 gains nothing from more than 64).
    public static let minimumBytes = 32

    /// The key's bytes (`SymmetricKey` is not `Sendable`; one is made for each use).
    private let bytes: Data
    /// A fingerprint naming the key (an HMAC of a fixed label: it reveals nothing of the key), so an
    /// operator can tell which key signed a checkpoint.
    public let id: String

    /// A key of at least `minimumBytes` bytes; nil when shorter.
    public init?(bytes: some DataProtocol) {
        guard bytes.count >= Self.minimumBytes else { return nil }
        self.bytes = Data(bytes)
        id = String(Self.mac(self.bytes, ["safehold-audit-key-id"]).prefix(16))
    }

    /// A key from its base64 text (surrounding white space ignored); nil when it is not base64 of
    /// at least `minimumBytes` bytes.
    public init?(base64: String) {
        guard let data = Data(base64Encoded: base64.trimmingCharacters(in: .whitespacesAndNewlines)) else {
            return nil
        }
        self.init(bytes: data)
    }

    /// A new random 256-bit key, for the first start of an installation.
    public static func generate() -> AuditKey {
        let bytes = SymmetricKey(size: .bits256).withUnsafeBytes { Data($0) }
        guard let key = AuditKey(bytes: bytes) else { preconditionFailure("a 256-bit key is long enough") }
        return key
    }

    /// The key as base64 text, the form a key file and `SAFEHOLD_AUDIT_KEY` hold.
    public var base64: String { bytes.base64EncodedString() }

    /// HMAC-SHA256 over the unambiguous rendering of `fields`, as lower-case hex.
    func mac(_ fields: [String?]) -> String { Self.mac(bytes, fields) }

    /// `mac` with the key set up once, for sealing many entries in a row (the same MACs, without redoing the
    /// key's two padded blocks for each).
    func macs() -> ([String?]) -> String {
        let keyed = HMAC<SHA256>(key: SymmetricKey(data: bytes))
        return { fields in
            var mac = keyed
            mac.update(data: AuditChain.canonical(fields))
            return Digits.hex(mac.finalize())
        }
    }

    private static func mac(_ key: Data, _ fields: [String?]) -> String {
        Digits.hex(HMAC<SHA256>.authenticationCode(for: AuditChain.canonical(fields), using: SymmetricKey(data: key)))
    }
}
