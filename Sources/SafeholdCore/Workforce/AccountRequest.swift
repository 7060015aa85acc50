import Foundation

extension Role {
    /// Roles that reach children's records or the audit, and the administrator role itself (a second
    /// administrator account could approve its creator's requests). Creating a user with such a role,
    /// changing a user to it, or resetting such a user's password needs a second administrator.
    public var needsSecondAdministrator: Bool { worksWithRecords || readsAccessLog || self == .administrator }
}

/// A change to an account that waits for a second administrator: opening an account, changing a role,
/// or issuing a new one-time password. The requester can never approve it.
public struct AccountRequest: Identifiable, Hashable, Sendable {
    public enum Kind: String, Sendable, CaseIterable {
        case createUser = "create_user", changeRole = "change_role", resetPassword = "reset_password"
    }

    public enum Status: String, Sendable { case pending, approved, rejected }

    public let id: UUID
    public let kind: Kind
    /// The account concerned (for a new account, the id it will have).
    public let userId: UUID
    public let username: String
    public let displayName: String
    public let role: Role
    public let agencyId: UUID
    public let teamId: UUID?
    public let requestedBy: UUID
    public let requestedByName: String
    public let requestedAt: Date
    public let status: Status

    public init(
        id: UUID, kind: Kind, userId: UUID, username: String, displayName: String, role: Role, agencyId: UUID,
        teamId: UUID?, requestedBy: UUID, requestedByName: String, requestedAt: Date, status: Status
    ) {
        self.id = id
        self.kind = kind
        self.userId = userId
        self.username = username
        self.displayName = displayName
        self.role = role
        self.agencyId = agencyId
        self.teamId = teamId
        self.requestedBy = requestedBy
        self.requestedByName = requestedByName
        self.requestedAt = requestedAt
        self.status = status
    }

    /// What the request asks, in words for the approver.
    public var summary: String {
        switch kind {
        case .createUser: "Open an account for \(displayName) (\(username)) as \(role.label)"
        case .changeRole: "Change \(displayName) (\(username)) to \(role.label)"
        case .resetPassword: "Issue a new one-time password to \(displayName) (\(username)), \(role.label)"
        }
    }
}
