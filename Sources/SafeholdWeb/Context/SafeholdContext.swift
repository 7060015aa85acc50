import Foundation
import Hummingbird
import NIOCore
import SafeholdCore
import SafeholdStore

/// The signed-in user as a request sees them.
public struct Identity: Sendable {
    public let user: User
    /// The session cookie, for browser requests; nil for API tokens.
    public let sessionToken: String?
    public let csrfToken: String?
    public let secondFactorDone: Bool
    public let mustChangePassword: Bool
    public let needsSecondFactorEnrolment: Bool
    /// Notifications not yet read, counted as the session was read (0 for API tokens).
    public var unreadNotifications = 0
    /// How long the session may stay idle before it ends, in seconds (nil for API tokens).
    public var idleTimeoutSeconds: Int?

    public var actor: Actor { user.actor }
}

/// The request context: who is asking, from where, under which request id.
public struct SafeholdContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// The socket's peer: the client, or the reverse proxy in front of Safehold.
    public let peerAddress: String?
    /// The client's address: the peer, or what a trusted proxy forwarded (`ClientAddressMiddleware`).
    public var remoteAddress: String?
    public var identity: Identity?
    /// The request's id: the client's sane `X-Request-Id` or one made here (`RequestIdMiddleware`). It is in
    /// every log line of the request, the response's `X-Request-Id` and every audit entry the request leaves.
    public var requestId: String

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        peerAddress = source.channel.remoteAddress?.ipAddress
        remoteAddress = peerAddress
        identity = nil
        requestId = RequestIdentifier.make()
    }

    /// The audit context of the signed-in actor; throws when nobody is signed in.
    public func audit(reason: String? = nil) throws -> AuditContext {
        guard let identity, identity.secondFactorDone else {
            throw SafeholdError.unauthenticated("Please sign in.")
        }
        return AuditContext(actor: identity.actor, ipAddress: remoteAddress, reason: reason, requestId: requestId)
    }

    /// The audit context of `user` acting in this request before their sign-in is complete (signing in,
    /// enrolling a second factor, signing out).
    public func auditContext(of user: User) -> AuditContext {
        AuditContext(actor: user.actor, ipAddress: remoteAddress, requestId: requestId)
    }

    /// The signed-in identity; throws when nobody is signed in.
    public func requireIdentity() throws -> Identity {
        guard let identity, identity.secondFactorDone else { throw SafeholdError.unauthenticated("Please sign in.") }
        return identity
    }
}
