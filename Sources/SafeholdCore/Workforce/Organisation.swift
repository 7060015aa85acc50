import Foundation

/// An organisation whose staff use Safehold: children's services, police, health, a school, probation.
public struct Agency: Identifiable, Hashable, Codable, Sendable {
    public enum Kind: String, CaseIterable, Codable, Sendable {
        case localAuthority = "local_authority", police, health, school, probation, other
    }

    public let id: UUID
    public var name: String
    public var kind: Kind

    public init(id: UUID, name: String, kind: Kind) {
        self.id = id
        self.name = name
        self.kind = kind
    }
}

/// A team within an agency; its managers and members share its caseload.
public struct Team: Identifiable, Hashable, Codable, Sendable {
    public let id: UUID
    public let agencyId: UUID
    public var name: String

    public init(id: UUID, agencyId: UUID, name: String) {
        self.id = id
        self.agencyId = agencyId
        self.name = name
    }
}

/// A person who signs in to Safehold.
public struct User: Identifiable, Hashable, Sendable {
    public let id: UUID
    public var username: String
    public var displayName: String
    public var role: Role
    public var agencyId: UUID
    public var teamId: UUID?
    public var active: Bool

    public init(
        id: UUID, username: String, displayName: String, role: Role, agencyId: UUID,
        teamId: UUID?, active: Bool = true
    ) {
        self.id = id
        self.username = username
        self.displayName = displayName
        self.role = role
        self.agencyId = agencyId
        self.teamId = teamId
        self.active = active
    }

    /// The same user as the access policy sees them.
    public var actor: Actor {
        Actor(userId: id, role: role, agencyId: agencyId, teamId: teamId, displayName: displayName)
    }

    /// Usernames: 3-40 characters of lower-case letters, digits, dots, hyphens and underscores.
    public static func isValidUsername(_ text: String) -> Bool {
        (3...40).contains(text.count)
            && text.allSatisfy { $0.isASCII && ($0.isLowercase || $0.isNumber || ".-_".contains($0)) }
    }

    /// A password must be 12 to 200 characters with no control characters (a tab, a new line, a NUL
    /// byte). Any length in bytes is safe: hashes pre-hash the password before bcrypt (see `Passwords`).
    public static func passwordProblem(_ password: String) -> String? {
        if password.count < 12 { return "must be at least 12 characters" }
        if password.count > 200 { return "must be 200 characters or fewer" }
        if password.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
            return "must not contain control characters (tabs, new lines and the like)"
        }
        return nil
    }
}
