import Foundation
import SQLKit
import SafeholdCore

/// Turns the policy's `AccessScope` into an SQL condition on a person row aliased `p`, so that lists
/// and searches are scoped by exactly the rule that guards a single record.
enum AccessSQL {
    static func predicate(_ scope: AccessScope, now: Date) -> SQLQueryString {
        let nowText = Timestamp.string(now)
        switch scope {
        case .nobody:
            return "1 = 0"
        case .everyone:
            return "1 = 1"
        case .allocatedWorker(let user):
            return """
                EXISTS (SELECT 1 FROM allocations a WHERE a.person_id = p.id AND a.ended_at IS NULL
                        AND a.worker_id = \(bind: user.db))
                """
        case .allocatedTeam(let team):
            return """
                EXISTS (SELECT 1 FROM allocations a WHERE a.person_id = p.id AND a.ended_at IS NULL
                        AND a.team_id = \(bind: team.db))
                """
        case .granted(let user, let edit):
            return """
                EXISTS (SELECT 1 FROM access_grants g WHERE g.person_id = p.id AND g.user_id = \(bind: user.db)
                        AND g.revoked_at IS NULL AND (g.expires_at IS NULL OR g.expires_at > \(bind: nowText))
                        \(unsafeRaw: edit ? "AND g.can_edit = 1" : ""))
                """
        case .unrestricted:
            return "p.restricted = 0"
        case .awaitingTriage:
            return """
                EXISTS (SELECT 1 FROM contact_children cc JOIN contacts c ON c.id = cc.contact_id
                        WHERE cc.person_id = p.id AND c.decision IS NULL)
                """
        case .jointEnquiry(let team):
            return """
                EXISTS (SELECT 1 FROM investigation_people ip JOIN investigations i ON i.id = ip.investigation_id
                        WHERE ip.person_id = p.id AND ip.role <> 'suspect' AND i.joint_open = 1
                        AND i.team_id = \(bind: team.db))
                """
        case .all(let scopes):
            guard !scopes.isEmpty else { return "1 = 1" }
            return "(" + scopes.map { predicate($0, now: now) }.joined(separator: " AND ") + ")"
        case .any(let scopes):
            guard !scopes.isEmpty else { return "1 = 0" }
            return "(" + scopes.map { predicate($0, now: now) }.joined(separator: " OR ") + ")"
        }
    }

    /// The facts the policy needs about one record, read the same way the predicate reads them.
    static func facts(
        personId: UUID, restricted: Bool, now: Date, on db: any SQLDatabase
    ) async throws -> RecordAccessFacts {
        var facts = RecordAccessFacts(restricted: restricted)
        let allocations = try await db.raw(
            """
            SELECT worker_id, team_id FROM allocations WHERE person_id = \(bind: personId.db) AND ended_at IS NULL
            """
        ).all()
        for row in allocations {
            if let worker = try row.optionalUUID("worker_id") { facts.allocatedWorkerIds.insert(worker) }
            if let team = try row.optionalUUID("team_id") { facts.allocatedTeamIds.insert(team) }
        }
        let grants = try await db.raw(
            """
            SELECT user_id, can_edit FROM access_grants WHERE person_id = \(bind: personId.db)
            AND revoked_at IS NULL AND (expires_at IS NULL OR expires_at > \(bind: Timestamp.string(now)))
            """
        ).all()
        for row in grants {
            let user = try row.uuid("user_id")
            let canEdit = try row.flag("can_edit")
            facts.grants[user] = (facts.grants[user] ?? false) || canEdit
        }
        facts.awaitingTriage =
            try await db.raw(
                """
                SELECT 1 AS x FROM contact_children cc JOIN contacts c ON c.id = cc.contact_id
                WHERE cc.person_id = \(bind: personId.db) AND c.decision IS NULL
                """
            ).first() != nil
        let joint = try await db.raw(
            """
            SELECT DISTINCT i.team_id FROM investigation_people ip JOIN investigations i ON i.id = ip.investigation_id
            WHERE ip.person_id = \(bind: personId.db) AND ip.role <> 'suspect' AND i.joint_open = 1
            """
        ).all()
        facts.jointEnquiryTeamIds = Set(try joint.map { try $0.uuid("team_id") })
        return facts
    }
}
