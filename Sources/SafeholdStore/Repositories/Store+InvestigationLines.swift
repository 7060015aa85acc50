import Foundation
import SQLKit
import SafeholdCore

extension Store {
    /// Investigation lines for `ids` (in that order) at the view `view` gives each, in one query.
    func investigationLines(
        _ ids: [UUID], view: @escaping (UUID) -> PoliceRecordView, on db: any SQLDatabase
    ) async throws -> [InvestigationLine] {
        guard !ids.isEmpty else { return [] }
        let lines = try await investigationLines(
            selecting: """
                SELECT i.id, 0 AS finished, i.opened_at FROM investigations i
                WHERE i.id IN (\(binds: ids.map(\.db)))
                """, view: view, on: db)
        let byId = Dictionary(lines.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        return ids.compactMap { byId[$0] }
    }

    /// Investigation lines in one query: `selection` chooses the investigations (columns `id`,
    /// `finished`, `opened_at`, from `investigations i`); each line comes with its children (victims and
    /// witnesses, in the order they were added) and its next key date (interviews not yet held, bail
    /// dates, running police protections), in the order finished last, newest first.
    func investigationLines(
        selecting selection: SQLQueryString, view: @escaping (UUID) -> PoliceRecordView, on db: any SQLDatabase
    ) async throws -> [InvestigationLine] {
        let person =
            "p.id AS person_ref, p.local_id, p.kind AS person_kind, p.given_name, p.family_name, p.date_of_birth, "
            + "0 AS can_view"
        let noPerson =
            "NULL AS person_ref, NULL AS local_id, NULL AS person_kind, NULL AS given_name, NULL AS family_name, "
            + "NULL AS date_of_birth, NULL AS can_view"
        let noHead =
            "NULL AS crime_reference, NULL AS incident_reference, NULL AS status, NULL AS episode_id, "
            + "NULL AS officer_name"
        let rows = try await db.raw(
            """
            WITH chosen AS (\(selection))
            SELECT c.id AS inv, c.finished, c.opened_at, 0 AS part, i.crime_reference, i.incident_reference,
                i.status, i.episode_id, u.display_name AS officer_name, \(unsafeRaw: noPerson),
                NULL AS sort_key, NULL AS at, NULL AS bail, NULL AS bail_until
            FROM chosen c JOIN investigations i ON i.id = c.id LEFT JOIN users u ON u.id = i.officer_id
            UNION ALL
            SELECT c.id, c.finished, c.opened_at, 1, \(unsafeRaw: noHead), \(unsafeRaw: person),
                ip.added_at, NULL, NULL, NULL
            FROM chosen c JOIN investigation_people ip ON ip.investigation_id = c.id
            JOIN persons p ON p.id = ip.person_id WHERE ip.role <> 'suspect'
            UNION ALL
            SELECT c.id, c.finished, c.opened_at, 2, \(unsafeRaw: noHead), \(unsafeRaw: noPerson),
                NULL, a.planned_for, NULL, NULL
            FROM chosen c JOIN abe_interviews a ON a.investigation_id = c.id WHERE a.held_at IS NULL
            UNION ALL
            SELECT c.id, c.finished, c.opened_at, 3, \(unsafeRaw: noHead), \(unsafeRaw: noPerson),
                NULL, NULL, d.bail, d.bail_until
            FROM chosen c JOIN charging_decisions d ON d.investigation_id = c.id WHERE d.bail_until IS NOT NULL
            UNION ALL
            SELECT c.id, c.finished, c.opened_at, 4, \(unsafeRaw: noHead), \(unsafeRaw: noPerson),
                NULL, pp.removed_at, NULL, NULL
            FROM chosen c JOIN police_protections pp ON pp.investigation_id = c.id WHERE pp.ended_at IS NULL
            ORDER BY finished, opened_at DESC, inv, part, sort_key, person_ref
            """
        ).all()
        return try Self.lines(rows, view: view, now: clock.now(), ruleset: ruleset)
    }

    /// Folds the rows of `investigationLines(selecting:)` into lines, keeping the order of their heads.
    private static func lines(
        _ rows: [any SQLRow], view: (UUID) -> PoliceRecordView, now: Date, ruleset: Ruleset
    ) throws -> [InvestigationLine] {
        var order: [UUID] = []
        var heads: [UUID: any SQLRow] = [:]
        var children: [UUID: [PersonSummary]] = [:]
        var dates: [UUID: [KeyDate]] = [:]
        for row in rows {
            let id = try row.uuid("inv")
            switch try row.int("part") {
            case 0:
                order.append(id)
                heads[id] = row
            case 1:
                children[id, default: []].append(try summary(row))
            case 2:
                dates[id, default: []].append(KeyDate(what: "ABE interview", at: try row.timestamp("at")))
            case 3:
                let kind: BailKind = try row.code("bail")
                if let at = LocalDateTime(date: try row.date("bail_until"), hour: 9, minute: 0)?
                    .instant(in: ruleset.timeZone)
                {
                    dates[id, default: []].append(KeyDate(what: kind.label, at: at))
                }
            default:
                let removed = try row.timestamp("at")
                dates[id, default: []].append(
                    KeyDate(
                        what: "Police protection ends (72 hours)",
                        at: removed.addingTimeInterval(PoliceProtection.limit)))
            }
        }
        return try order.compactMap { id in
            guard let head = heads[id] else { return nil }
            return InvestigationLine(
                id: id, reference: try reference(head), status: try head.code("status"),
                officerName: try head.optionalString("officer_name"),
                joint: try head.optionalUUID("episode_id") != nil, children: children[id] ?? [],
                nextKeyDate: nextKeyDate(dates[id] ?? [], now: now), view: view(id))
        }
    }
}
