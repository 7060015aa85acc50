import Crypto
import Foundation

/// The list of people one bulk read carried (a census return, a census check's findings), stored once beside
/// the read's single audit entry instead of one entry per person. The entry names the receipt by the SHA-256 of
/// its canonical text (entity id `receipt:<digest>`), and the entry's seal covers that name, so the list cannot
/// change without `audit verify` seeing that its digest no longer matches.
public struct AuditReceipt: Hashable, Sendable {
    /// What an entry's entity id starts with when it names a receipt.
    public static let entityIdPrefix = "receipt:"

    /// The people carried, each once, in the canonical order (their lower-case id text, sorted).
    public let people: [UUID]
    /// The canonical text: each person's id as lower-case UUID text, sorted, joined by "\n" (the stored form).
    public let text: String
    /// SHA-256 of `text` as lower-case hex.
    public let digest: String

    /// The receipt of `people`, in any order and with any repeats: the same set always makes the same receipt.
    public init(people: some Sequence<UUID>) {
        let ids = Set(people).map { ($0.text.lowercased(), $0) }.sorted { $0.0 < $1.0 }
        self.people = ids.map(\.1)
        text = ids.map(\.0).joined(separator: "\n")
        digest = Self.digest(ofStored: text)
    }

    /// The receipt of a read that carried nobody (stored as no rows).
    public static let nobody = AuditReceipt(people: [])

    /// The entity id of the audit entry that carries this receipt.
    public var entityId: String { Self.entityIdPrefix + digest }

    /// The SHA-256 (lower-case hex) of a receipt's text exactly as stored, whatever it holds: what `audit verify`
    /// compares with the digest the entry names.
    public static func digest(ofStored text: String) -> String {
        Digits.hex(SHA256.hash(data: Data(text.utf8)))
    }

    /// The digest named by an entry's stored entity id, or nil when the id does not name a receipt (a record's
    /// UUID, or a malformed name: anything but 64 lower-case hex digits after the prefix).
    public static func digest(fromEntityId entityId: String?) -> String? {
        guard let entityId, entityId.hasPrefix(entityIdPrefix) else { return nil }
        let digest = entityId.dropFirst(entityIdPrefix.count)
        guard digest.utf8.count == 64, digest.utf8.allSatisfy(Self.isLowerHex) else { return nil }
        return String(digest)
    }

    /// The text a receipt's stored people are searched for with: the person's id as it appears in `text`.
    public static func searchText(for person: UUID) -> String { person.text.lowercased() }

    private static func isLowerHex(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains(byte)
    }
}
