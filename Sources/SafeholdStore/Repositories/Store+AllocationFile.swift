import Foundation
import SQLKit
import SafeholdCore

/// What the child's allocation page shows: who holds the child and since when, the history with its
/// reasons, the explicit grants, and (to a manager who may allocate) the workers to choose from.
public struct AllocationFile: Sendable {
    public let childName: String
    public let history: [AllocationEntry]
    public let grants: [AccessGrant]
    /// The reader manages a team holding the child (allocates it, decides its grants).
    public let manages: Bool
    /// Members of the reader's team who may be allocated the child (embedded members included).
    public let workers: [TeamMember]
    /// Teams a case may be passed to, with their agencies' names.
    public let teams: [(id: UUID, name: String)]

    public var current: [AllocationEntry] { history.filter(\.isCurrent) }
}

extension Store {
    /// The child's allocation history and grants, for whoever may open the record (one audited read).
    public func allocationFile(of child: UUID, context: AuditContext) async throws -> AllocationFile {
        try await act(on: .person(child), .view, "allocation", context: context) { db, access in
            let facts = access.facts[child] ?? RecordAccessFacts()
            let manages =
                access.actor.role == .teamManager
                && CaseloadAccess.mayAllocate(access.actor, holdingTeams: facts.allocatedTeamIds).isAllowed
            var workers: [TeamMember] = []
            var teams: [(UUID, String)] = []
            if manages, let team = access.actor.teamId {
                workers = try await self.teamMembers(team, on: db).filter {
                    $0.active && CaseloadAccess.holdsCases($0.role)
                }
                teams = try await db.raw(
                    """
                    SELECT t.id, t.name, a.name AS agency FROM teams t JOIN agencies a ON a.id = t.agency_id
                    ORDER BY a.name, t.name
                    """
                ).all().map { (try $0.uuid("id"), "\(try $0.string("name")) (\(try $0.string("agency")))") }
            }
            let name = try await db.raw(
                "SELECT given_name, family_name FROM persons WHERE id = \(bind: child.db)"
            ).first().map { [try $0.optionalString("given_name"), try $0.optionalString("family_name")] }
            return AllocationFile(
                childName: (name ?? []).compactMap { $0 }.joined(separator: " "),
                history: try await self.allocationHistory(of: child, on: db),
                grants: try await self.grants(of: child, on: db), manages: manages, workers: workers,
                teams: teams)
        }
    }
}

extension Store {
    /// The name of a child the caller may find by name, for the form asking for access to them (audited).
    public func accessRequestSubject(_ child: UUID, context: AuditContext) async throws -> String {
        try await act(on: .person(child), .findByName, "access_grant", context: context) { db, _ in
            let row = try await db.raw("SELECT given_name, family_name FROM persons WHERE id = \(bind: child.db)")
                .first()
            return [try row?.optionalString("given_name"), try row?.optionalString("family_name")]
                .compactMap { $0 }.joined(separator: " ")
        }
    }
}
