import Foundation

/// What kind of touch an audit entry records.
public enum AuditAction: String, Codable, Sendable, CaseIterable {
    case read, create, update, search, denied
    case login, loginFailed = "login_failed", logout, lockedOut = "locked_out"
    case userCreated = "user_created", passwordChanged = "password_changed"
    case secondFactorEnrolled = "second_factor_enrolled", tokenCreated = "token_created"
    case grant, allocate
    case userDeactivated = "user_deactivated", userReactivated = "user_reactivated", roleChanged = "role_changed"
    case accountRequested = "account_requested", accountApproved = "account_approved", accountRejected =
        "account_rejected"
    case passwordReset = "password_reset", tokenRevoked = "token_revoked"
}

/// One touch of the system, before it is placed in the chain: who, what, which record, from where, why.
public struct AuditEvent: Hashable, Sendable {
    public var actorId: UUID?
    /// The actor's name as it was at the time, so the log reads on its own.
    public var actorName: String
    public var action: AuditAction
    public var entityType: String
    public var entityId: UUID?
    /// The person whose record was touched, when there is one.
    public var personId: UUID?
    public var ipAddress: String?
    public var reason: String?
    /// Fields changed, a search's terms, a refusal's reason: never a copy of personal data.
    public var detail: String?
    /// The id of the HTTP request that did it (`X-Request-Id`), to find the request's log lines; nil outside a
    /// request (the command line, background services) and on entries written before it was kept.
    public var requestId: String?
    /// The digest of the `AuditReceipt` listing the people a bulk read carried, when the entry records one; it is
    /// stored (and sealed) as the entity id `receipt:<digest>`, so such an entry has no `entityId` of its own.
    public var receipt: String?

    public init(
        actorId: UUID?, actorName: String, action: AuditAction, entityType: String,
        entityId: UUID? = nil, personId: UUID? = nil, ipAddress: String? = nil,
        reason: String? = nil, detail: String? = nil, requestId: String? = nil, receipt: String? = nil
    ) {
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
        self.receipt = receipt
    }
}

/// Who is acting and from where, carried with every store call that must be audited.
public struct AuditContext: Sendable {
    public let actor: Actor?
    public let actorName: String
    public let ipAddress: String?
    public let reason: String?
    /// The HTTP request acting, carried into every entry it leaves (nil outside a request).
    public let requestId: String?

    public init(actor: Actor, ipAddress: String?, reason: String? = nil, requestId: String? = nil) {
        self.actor = actor
        self.actorName = actor.displayName
        self.ipAddress = ipAddress
        self.reason = reason
        self.requestId = requestId
    }

    /// The system itself (start-up, the command line), named for the log.
    public init(system name: String, ipAddress: String? = nil) {
        self.actor = nil
        self.actorName = name
        self.ipAddress = ipAddress
        self.reason = nil
        self.requestId = nil
    }

    /// An audit event by this actor.
    public func event(
        _ action: AuditAction, _ entityType: String, entityId: UUID? = nil,
        personId: UUID? = nil, detail: String? = nil
    ) -> AuditEvent {
        AuditEvent(
            actorId: actor?.userId, actorName: actorName, action: action, entityType: entityType,
            entityId: entityId, personId: personId, ipAddress: ipAddress, reason: reason, detail: detail,
            requestId: requestId)
    }

    /// The same event once against each of `people`, or once against nobody when there are none (a
    /// record that names no known child yet).
    public func events(
        _ action: AuditAction, _ entityType: String, entityId: UUID?, against people: [UUID], detail: String? = nil
    ) -> [AuditEvent] {
        guard !people.isEmpty else { return [event(action, entityType, entityId: entityId, detail: detail)] }
        return people.map { event(action, entityType, entityId: entityId, personId: $0, detail: detail) }
    }
}

/// An audit entry in the chain: the event, its place, its time and the hashes that bind it.
public struct AuditEntry: Hashable, Sendable {
    public let seq: Int
    public let at: Date
    public let event: AuditEvent
    public let previousHash: String
    public let hash: String

    public init(seq: Int, at: Date, event: AuditEvent, previousHash: String, hash: String) {
        self.seq = seq
        self.at = at
        self.event = event
        self.previousHash = previousHash
        self.hash = hash
    }
}
