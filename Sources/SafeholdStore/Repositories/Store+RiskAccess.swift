import Foundation
import SQLKit
import SafeholdCore

extension Store {
    /// The adult a risk record concerns (its profile's person), for `resolve`.
    func riskPersonQuery(_ ref: RecordRef) -> SQLQueryString {
        switch ref {
        case .mappaMeeting(let id):
            return """
                SELECT r.person_id AS child FROM mappa_meetings m JOIN risk_profiles r ON r.id = m.profile_id
                WHERE m.id = \(bind: id.db)
                """
        case .mappaAction(let id):
            return """
                SELECT r.person_id AS child FROM mappa_actions a JOIN risk_profiles r ON r.id = a.profile_id
                WHERE a.id = \(bind: id.db)
                """
        default:
            return "SELECT person_id AS child FROM risk_profiles WHERE id = \(bind: ref.entityId.db)"
        }
    }

    /// The profile a risk record belongs to, or nil when there is no such record.
    func riskProfileId(of ref: RecordRef, on db: any SQLDatabase) async throws -> UUID? {
        let query: SQLQueryString
        switch ref {
        case .mappaMeeting(let id): query = "SELECT profile_id AS p FROM mappa_meetings WHERE id = \(bind: id.db)"
        case .mappaAction(let id): query = "SELECT profile_id AS p FROM mappa_actions WHERE id = \(bind: id.db)"
        default: query = "SELECT id AS p FROM risk_profiles WHERE id = \(bind: ref.entityId.db)"
        }
        return try await db.raw(query).first()?.uuid("p")
    }

    /// `act`'s admission for a risk profile, a MAPPA meeting or an action: decided by `RiskAccess` (the
    /// MAPPA coordinator, the offender manager, the panels' members and agencies), never by the rules of
    /// a child the person is linked to. Audited against the adult; everyone else gets the one 404.
    func admitRisk(
        _ ref: RecordRef, _ action: PersonAction, _ entity: String, people: [UUID], actor: Actor,
        context: AuditContext, on db: any SQLDatabase
    ) async throws -> RecordAccess {
        let refused = { (reason: String, error: SafeholdError) -> AccessRefused in
            AccessRefused(
                events: context.events(.denied, entity, entityId: ref.entityId, against: people, detail: reason),
                error: error)
        }
        guard !people.isEmpty, let profile = try await riskProfileId(of: ref, on: db),
            let facts = try await riskFacts(profile: profile, on: db)
        else { throw refused("no such record", .notFound(AccessPolicy.noVisibleRecord)) }
        let wanted: RiskAction = action == .edit ? .edit : .view
        let (decision, sees) = RiskAccess.decide(actor, wanted, facts)
        if case .denied(let reason) = decision {
            throw refused(reason, sees ? .forbidden(reason) : .notFound(AccessPolicy.noVisibleRecord))
        }
        return RecordAccess(actor: actor, ref: ref, children: people, facts: [:], policy: policy, context: context)
    }

    /// The facts a profile's access is decided on, or nil when there is no such profile.
    func riskFacts(profile: UUID, on db: any SQLDatabase) async throws -> RiskRecordFacts? {
        guard
            let row = try await db.raw(
                "SELECT offender_manager_user_id FROM risk_profiles WHERE id = \(bind: profile.db)"
            ).first()
        else { return nil }
        let panels = try await mappaPanels(profile: profile, on: db)
        return RiskRecordFacts(
            offenderManagerUserId: try row.optionalUUID("offender_manager_user_id"), panels: Array(panels.values))
    }

    /// Each meeting's panel on a profile, by meeting id: the chair and attendees who are users, and the
    /// attendees' agencies.
    func mappaPanels(profile: UUID, on db: any SQLDatabase) async throws -> [UUID: MappaPanel] {
        let rows = try await db.raw(
            """
            SELECT m.id AS meeting, m.chair_user_id AS who, CAST(NULL AS TEXT) AS agency FROM mappa_meetings m
            WHERE m.profile_id = \(bind: profile.db)
            UNION ALL
            SELECT a.meeting_id AS meeting, a.user_id AS who, a.agency_id AS agency FROM mappa_attendees a
            JOIN mappa_meetings m ON m.id = a.meeting_id WHERE m.profile_id = \(bind: profile.db)
            """
        ).all()
        var members: [UUID: Set<UUID>] = [:], agencies: [UUID: Set<UUID>] = [:]
        for row in rows {
            let meeting = try row.uuid("meeting")
            members[meeting, default: []].formUnion([try row.optionalUUID("who")].compactMap { $0 })
            agencies[meeting, default: []].formUnion([try row.optionalUUID("agency")].compactMap { $0 })
        }
        return Dictionary(
            uniqueKeysWithValues: members.keys.map {
                ($0, MappaPanel(memberUserIds: members[$0] ?? [], agencyIds: agencies[$0] ?? []))
            })
    }

    /// A risk scope as an SQL condition on a profile row aliased `rp` (or, with `meeting`, on one
    /// meeting aliased by that name): the list twin of `RiskScope.matches`.
    static func riskSQL(_ scope: RiskScope, meeting: String? = nil) -> SQLQueryString {
        let onMeetings: (SQLQueryString) -> SQLQueryString = { condition in
            if let meeting {
                return
                    "EXISTS (SELECT 1 FROM mappa_meetings mm WHERE mm.id = \(unsafeRaw: meeting).id AND \(condition))"
            }
            return "EXISTS (SELECT 1 FROM mappa_meetings mm WHERE mm.profile_id = rp.id AND \(condition))"
        }
        switch scope {
        case .everyone: return "1 = 1"
        case .nobody: return "1 = 0"
        case .offenderManager(let user):
            if meeting != nil { return "1 = 0" }
            return "rp.offender_manager_user_id = \(bind: user.db)"
        case .panelMember(let user):
            return onMeetings(
                """
                (mm.chair_user_id = \(bind: user.db) OR EXISTS (SELECT 1 FROM mappa_attendees ma
                    WHERE ma.meeting_id = mm.id AND ma.user_id = \(bind: user.db)))
                """)
        case .panelAgency(let agency):
            return onMeetings(
                """
                EXISTS (SELECT 1 FROM mappa_attendees ma WHERE ma.meeting_id = mm.id
                    AND ma.agency_id = \(bind: agency.db))
                """)
        case .any(let scopes):
            guard !scopes.isEmpty else { return "1 = 0" }
            return "(" + scopes.map { riskSQL($0, meeting: meeting) }.joined(separator: " OR ") + ")"
        }
    }
}
