import Foundation

/// An audit entry exactly as the database stores it: every column as its stored text. The chain's
/// hash is computed over these values, never over parsed ones, so a change that parses to the same
/// value (an id in lower case, a time written differently) still breaks the seal.
public struct AuditRecord: Hashable, Sendable {
    public var seq: Int
    public var at: String
    public var actorId: String?
    public var actorName: String
    public var action: String
    public var entityType: String
    public var entityId: String?
    public var personId: String?
    public var ipAddress: String?
    public var reason: String?
    public var detail: String?
    /// The HTTP request that wrote the entry; sealed when present (see `contentFields`).
    public var requestId: String?
    public var previousHash: String
    public var hash: String
    /// How `hash` was made: 1 = unkeyed SHA-256 (entries written before the key existed),
    /// 2 = HMAC-SHA256 with the audit key.
    public var format: Int

    public init(
        seq: Int, at: String, actorId: String?, actorName: String, action: String, entityType: String,
        entityId: String?, personId: String?, ipAddress: String?, reason: String?, detail: String?,
        requestId: String? = nil, previousHash: String, hash: String, format: Int
    ) {
        self.seq = seq
        self.at = at
        self.actorId = actorId
        self.actorName = actorName
        self.action = action
        self.entityType = entityType
        self.entityId = entityId
        self.personId = personId
        self.ipAddress = ipAddress
        self.reason = reason
        self.detail = detail
        self.requestId = requestId
        self.previousHash = previousHash
        self.hash = hash
        self.format = format
    }

    /// The stored form of `event` at `seq` and `at`, not yet sealed: ids as upper-case text, the
    /// time to the millisecond.
    public init(_ event: AuditEvent, seq: Int, at: Date, previousHash: String, format: Int) {
        self.init(event, seq: seq, storedAt: Timestamp.string(at), previousHash: previousHash, format: format)
    }

    /// The stored form of `event` at `seq`, at the time already written as it is stored.
    init(_ event: AuditEvent, seq: Int, storedAt at: String, previousHash: String, format: Int) {
        self.init(
            seq: seq, at: at, actorId: event.actorId?.text, actorName: event.actorName,
            action: event.action.rawValue, entityType: event.entityType,
            entityId: event.receipt.map { AuditReceipt.entityIdPrefix + $0 } ?? event.entityId?.text,
            personId: event.personId?.text, ipAddress: event.ipAddress, reason: event.reason,
            detail: event.detail, requestId: event.requestId, previousHash: previousHash, hash: "", format: format)
    }

    /// The content fields in the order the hash covers them (the format and key are added by the seal).
    /// The request id, kept since migration 22, is sealed as a thirteenth field only when an entry has one:
    /// entries without it (every entry written before it was kept) seal exactly the twelve fields they were
    /// sealed with, and the length-prefixed rendering tells twelve fields from thirteen, so a request id can be
    /// neither added to, removed from nor changed on an entry without breaking its seal.
    var contentFields: [String?] {
        let fields: [String?] = [
            String(seq), at, actorId, actorName, action, entityType, entityId, personId, ipAddress, reason, detail,
            previousHash,
        ]
        guard let requestId else { return fields }
        return fields + [requestId]
    }

    /// Why a stored entry cannot be read as an audit entry.
    public struct Unreadable: Error, CustomStringConvertible {
        public let description: String
    }

    /// The entry as the application reads it; throws when a stored value does not parse.
    public func entry() throws(Unreadable) -> AuditEntry {
        guard let time = Timestamp.date(at) else { throw Unreadable(description: "its time '\(at)' is not a time") }
        guard let kind = AuditAction(rawValue: action) else {
            throw Unreadable(description: "its action '\(action)' is unknown")
        }
        func id(_ text: String?, _ column: String) throws(Unreadable) -> UUID? {
            guard let text else { return nil }
            guard let id = UUID(uuidString: text) else {
                throw Unreadable(description: "its \(column) '\(text)' is not an id")
            }
            return id
        }
        // An entity id naming a receipt is the receipt's digest, not a record's id.
        let receipt = AuditReceipt.digest(fromEntityId: entityId)
        let event = AuditEvent(
            actorId: try id(actorId, "actor_id"), actorName: actorName, action: kind,
            entityType: entityType, entityId: receipt == nil ? try id(entityId, "entity_id") : nil,
            personId: try id(personId, "person_id"), ipAddress: ipAddress, reason: reason,
            detail: detail, requestId: requestId, receipt: receipt)
        return AuditEntry(seq: seq, at: time, event: event, previousHash: previousHash, hash: hash)
    }
}
