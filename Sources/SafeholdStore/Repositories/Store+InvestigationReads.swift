import Foundation
import SQLKit
import SafeholdCore

extension Store {
    /// An investigation as the actor may see it (its team everything, the children's social care what is
    /// shared), audited against every child on it.
    public func investigationFile(
        _ id: UUID, forEditing: Bool = false, context: AuditContext
    ) async throws -> InvestigationFile {
        try await act(on: .investigation(id), forEditing ? .edit : .view, "investigation", context: context) {
            db, access in
            try await self.file(id, view: access.policeView ?? .shared, on: db)
        }
    }

    func file(_ id: UUID, view: PoliceRecordView, on db: any SQLDatabase) async throws -> InvestigationFile {
        var investigation = try await loadInvestigation(id, on: db)
        let full = view == .full
        if !full { investigation.intelligence = nil }
        let names = try await userNames(
            [investigation.officerId, investigation.supervisorId].compactMap { $0 }, on: db)
        let team =
            try await db.raw("SELECT name FROM teams WHERE id = \(bind: investigation.teamId.db)").first()?
            .string("name") ?? ""
        var people: [InvestigationPersonView] = []
        for person in investigation.people {
            let row = try await db.raw(
                """
                SELECT \(unsafeRaw: Self.summaryColumns), 0 AS can_view FROM persons p
                WHERE p.id = \(bind: person.personId.db)
                """
            ).first()
            if let row { people.append(InvestigationPersonView(person: person, summary: try Self.summary(row))) }
        }
        let history = try await db.raw(
            """
            SELECT * FROM investigation_events WHERE investigation_id = \(bind: id.db)
            \(unsafeRaw: full ? "" : "AND shared = 1") ORDER BY occurred_at, id
            """
        ).all().map(Self.investigationEvent)
        var interviews = try await db.raw(
            "SELECT * FROM abe_interviews WHERE investigation_id = \(bind: id.db) ORDER BY planned_for"
        ).all().map(Self.interview)
        if !full {
            interviews = interviews.map { interview in
                var shared = interview
                shared.record?.accountSummary = ""
                shared.plan.rationale = ""
                return shared
            }
        }
        let decisions = try await db.raw(
            "SELECT * FROM charging_decisions WHERE investigation_id = \(bind: id.db) ORDER BY decided_on, recorded_at"
        ).all().map(Self.chargingDecision)
        let protections = try await db.raw(
            "SELECT * FROM police_protections WHERE investigation_id = \(bind: id.db) ORDER BY removed_at"
        ).all().map(Self.protection)
        let disclosures = try await db.raw(
            """
            SELECT d.*, b.label AS basis_label FROM police_disclosures d
            LEFT JOIN lawful_bases b ON b.code = d.lawful_basis
            WHERE d.investigation_id = \(bind: id.db) ORDER BY d.shared_at
            """
        ).all().map(Self.disclosure)
        let codes = try await offenceLabels(investigation.offences, on: db)
        return InvestigationFile(
            investigation: investigation, view: view, teamName: team,
            officerName: investigation.officerId.flatMap { names[$0] },
            supervisorName: investigation.supervisorId.flatMap { names[$0] }, people: people, history: history,
            interviews: interviews, decisions: decisions, protections: protections, disclosures: disclosures,
            nextKeyDate: Self.nextKeyDate(
                interviews: interviews, decisions: decisions, protections: protections, now: clock.now(),
                ruleset: ruleset),
            offences: codes)
    }

    func userNames(_ ids: [UUID], on db: any SQLDatabase) async throws -> [UUID: String] {
        var names: [UUID: String] = [:]
        for id in Set(ids) {
            if let row = try await db.raw("SELECT display_name FROM users WHERE id = \(bind: id.db)").first() {
                names[id] = try row.string("display_name")
            }
        }
        return names
    }

    func offenceLabels(_ codes: [String], on db: any SQLDatabase) async throws -> [OffenceCode] {
        var labels: [OffenceCode] = []
        for code in codes {
            let label = try await db.raw("SELECT label FROM offence_codes WHERE code = \(bind: code)").first()?
                .string("label")
            labels.append(OffenceCode(code: code, label: label ?? code))
        }
        return labels
    }
}
