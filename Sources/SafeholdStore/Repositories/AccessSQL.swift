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
        // The children held, as a set the query can start from (a worker's or team's few hundred), rather than a
        // check on every row: at a million children a team's due list went through all 2.5 million due items
        // by date, checking each (11 s); from the children held it reads theirs (1 ms).
        case .allocatedWorker(let user):
            return """
                p.id IN (SELECT a.person_id FROM allocations a WHERE a.worker_id = \(bind: user.db)
                         AND a.ended_at IS NULL)
                """
        case .allocatedTeam(let team):
            return """
                p.id IN (SELECT a.person_id FROM allocations a WHERE a.team_id = \(bind: team.db)
                         AND a.ended_at IS NULL)
                """
        case .granted(let user, let edit):
            return """
                EXISTS (SELECT 1 FROM access_grants g WHERE g.person_id = p.id AND g.user_id = \(bind: user.db)
                        AND g.revoked_at IS NULL AND g.pending = 0
                        AND (g.expires_at IS NULL OR g.expires_at > \(bind: nowText))
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
        case .allegationSubject:
            return "EXISTS (SELECT 1 FROM allegations al WHERE al.subject_id = p.id)"
        case .notAllegationSubject:
            return "NOT EXISTS (SELECT 1 FROM allegations al WHERE al.subject_id = p.id)"
        case .notSubjectUser(let user):
            return """
                NOT EXISTS (SELECT 1 FROM allegations al WHERE al.subject_id = p.id
                            AND al.subject_user_id = \(bind: user.db))
                """
        case .all(let scopes):
            guard !scopes.isEmpty else { return "1 = 1" }
            return "(" + scopes.map { predicate($0, now: now) }.joined(separator: " AND ") + ")"
        case .any(let scopes):
            guard !scopes.isEmpty else { return "1 = 0" }
            return "(" + scopes.map { predicate($0, now: now) }.joined(separator: " OR ") + ")"
        }
    }

    /// A subquery of person ids that holds everyone `scope` matches (and perhaps others), read from the few rows that
    /// name them (allocations, grants, contacts awaiting triage, joint enquiries, allegations); nil when the scope may
    /// match anyone (`everyone`, `unrestricted`, or only a negation). A query can start from these people and still
    /// apply the scope's own condition to each, rather than test the condition on every row it might return.
    static func candidates(_ scope: AccessScope) -> SQLQueryString? {
        switch scope {
        case .nobody:
            return "SELECT id FROM persons WHERE 1 = 0"
        case .everyone, .unrestricted, .notAllegationSubject, .notSubjectUser:
            return nil
        case .allocatedWorker(let user):
            return "SELECT person_id FROM allocations WHERE worker_id = \(bind: user.db) AND ended_at IS NULL"
        case .allocatedTeam(let team):
            return "SELECT person_id FROM allocations WHERE team_id = \(bind: team.db) AND ended_at IS NULL"
        case .granted(let user, _):
            return "SELECT person_id FROM access_grants WHERE user_id = \(bind: user.db) AND revoked_at IS NULL"
        case .awaitingTriage:
            return """
                SELECT cc.person_id FROM contacts c JOIN contact_children cc ON cc.contact_id = c.id
                WHERE c.decision IS NULL
                """
        case .jointEnquiry(let team):
            return """
                SELECT ip.person_id FROM investigations i JOIN investigation_people ip ON ip.investigation_id = i.id
                WHERE i.team_id = \(bind: team.db) AND i.joint_open = 1
                """
        case .allegationSubject:
            return "SELECT subject_id FROM allegations"
        case .all(let scopes):
            // Everyone all of them match is among the candidates of any one of them.
            return scopes.lazy.compactMap(candidates).first
        case .any(let scopes):
            // Everyone any of them matches is among all of their candidates together.
            let each = scopes.compactMap(candidates)
            guard each.count == scopes.count else { return nil }
            return each.isEmpty ? candidates(.nobody) : each.joined(separator: " UNION ")
        }
    }

    /// The facts the policy needs about each of `people`, read the same way the predicate reads them,
    /// in one query whatever their number. A person with no record is absent from the answer.
    static func facts(of people: [UUID], now: Date, on db: any SQLDatabase) async throws -> [UUID: RecordAccessFacts] {
        guard !people.isEmpty else { return [:] }
        let ids = people.map(\.db)
        let rows = try await db.raw(
            """
            SELECT 'r' AS fact, id AS person_id, CAST(NULL AS TEXT) AS who, CAST(NULL AS TEXT) AS team,
                restricted AS flag FROM persons WHERE id IN (\(binds: ids))
            UNION ALL SELECT 'a', person_id, worker_id, team_id, 0 FROM allocations
                WHERE person_id IN (\(binds: ids)) AND ended_at IS NULL
            UNION ALL SELECT 'g', person_id, user_id, NULL, can_edit FROM access_grants
                WHERE person_id IN (\(binds: ids)) AND revoked_at IS NULL AND pending = 0
                AND (expires_at IS NULL OR expires_at > \(bind: Timestamp.string(now)))
            UNION ALL SELECT DISTINCT 't', cc.person_id, NULL, NULL, 1 FROM contact_children cc
                JOIN contacts c ON c.id = cc.contact_id WHERE cc.person_id IN (\(binds: ids)) AND c.decision IS NULL
            UNION ALL SELECT DISTINCT 'j', ip.person_id, i.team_id, NULL, 0 FROM investigation_people ip
                JOIN investigations i ON i.id = ip.investigation_id
                WHERE ip.person_id IN (\(binds: ids)) AND ip.role <> 'suspect' AND i.joint_open = 1
            UNION ALL SELECT DISTINCT 's', subject_id, subject_user_id, NULL, 1 FROM allegations
                WHERE subject_id IN (\(binds: ids))
            """
        ).all()
        var facts: [UUID: RecordAccessFacts] = [:]
        for row in rows where try row.string("fact") == "r" {
            facts[try row.uuid("person_id")] = RecordAccessFacts(restricted: try row.flag("flag"))
        }
        for row in rows {
            let person = try row.uuid("person_id")
            guard var these = facts[person] else { continue }
            switch try row.string("fact") {
            case "a":
                if let worker = try row.optionalUUID("who") { these.allocatedWorkerIds.insert(worker) }
                if let team = try row.optionalUUID("team") { these.allocatedTeamIds.insert(team) }
            case "g":
                let user = try row.uuid("who")
                let canEdit = try row.flag("flag")
                these.grants[user] = (these.grants[user] ?? false) || canEdit
            case "t":
                these.awaitingTriage = true
            case "j":
                these.jointEnquiryTeamIds.insert(try row.uuid("who"))
            case "s":
                these.allegationSubject = true
                if let user = try row.optionalUUID("who") { these.subjectUserIds.insert(user) }
            default:
                break
            }
            facts[person] = these
        }
        return facts
    }
}
