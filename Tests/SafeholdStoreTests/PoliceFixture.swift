import Foundation
import SQLKit
import SafeholdCore
import SafeholdStore
import Testing

/// Northfield's police child protection teams on top of the `World`: CAIT A (an officer in the case,
/// a supervising sergeant and a second officer) and CAIT B (one officer), plus an officer of another
/// force. Two children and an adult suspect, all held by social care team A (alice). Every name is
/// synthetic.
struct PoliceWorld: Sendable {
    let w: World
    let caitA: Team
    let caitB: Team
    /// Team A: the officer in the case, the supervising sergeant, a second officer.
    let ash: User
    let bea: User
    let cal: User
    /// Team B's officer.
    let dev: User
    /// A child protection officer of another force.
    let sol: User
    let otherForce: Agency
    /// Children held by alice (social care team A), and an adult suspect.
    let amy: UUID
    let ben: UUID
    let suspect: UUID

    var store: Store { w.store }
    var env: TestEnv { w.env }
    func ctx(_ user: User) -> AuditContext { w.ctx(user) }

    static func make(_ w: World) async throws -> PoliceWorld {
        let env = w.env
        let caitA = try await env.createTeam("CAIT A", in: w.police)
        let caitB = try await env.createTeam("CAIT B", in: w.police)
        let otherForce = try await env.createAgency("Southmoor Police", kind: .police)
        let caitS = try await env.createTeam("CAIT Southmoor", in: otherForce)
        let amy = try await w.store.createPerson(Synthetic.child("Amy", "Policecase"), context: w.ctx(w.alice))
        let ben = try await w.store.createPerson(
            Synthetic.child("Ben", "Policecase", born: "2018-02-01"), context: w.ctx(w.alice))
        let suspect = try await w.store.createPerson(Synthetic.adult("Sid", "Suspectson"), context: w.ctx(w.alice))
        return PoliceWorld(
            w: w, caitA: caitA, caitB: caitB,
            ash: try await env.createUser("pc.ash", "Ash Officer", role: .police, agency: w.police, team: caitA),
            bea: try await env.createUser("sgt.bea", "Bea Sergeant", role: .police, agency: w.police, team: caitA),
            cal: try await env.createUser("pc.cal", "Cal Officer", role: .police, agency: w.police, team: caitA),
            dev: try await env.createUser("pc.dev", "Dev Officer", role: .police, agency: w.police, team: caitB),
            sol: try await env.createUser("pc.sol", "Sol Officer", role: .police, agency: otherForce, team: caitS),
            otherForce: otherForce, amy: amy.id, ben: ben.id, suspect: suspect.id)
    }

    /// A draft of an investigation by ash (supervised by bea): `children` as victims, the suspect.
    func draft(
        crime: String? = "NB/12345/26", incident: String? = nil, offences: [String] = ["CYPA1", "OAPA47"],
        children: [UUID]? = nil, roles: [InvestigationRole]? = nil, officer: UUID? = nil, supervisor: UUID? = nil,
        intelligence: String? = "Suspect known for violence (police only).", operation: UUID? = nil
    ) -> InvestigationDraft {
        let kids = children ?? [amy]
        var people = kids.enumerated().map { index, child in
            InvestigationPerson(personId: child, role: roles?[index] ?? .victim)
        }
        people.append(InvestigationPerson(personId: suspect, role: .suspect, relationshipToChild: "mother's partner"))
        return InvestigationDraft(
            crimeReference: crime, incidentReference: incident, offences: offences, officerId: officer ?? ash.id,
            supervisorId: supervisor ?? bea.id, people: people, summary: "Bruising seen at school.",
            intelligence: intelligence, operationId: operation)
    }

    /// Opens `draft` as ash.
    func open(_ draft: InvestigationDraft? = nil, by user: User? = nil) async throws -> Investigation {
        try await store.openInvestigation(draft ?? self.draft(), context: ctx(user ?? ash))
    }

    /// An ABE accreditation for `user`, recorded by the administrator.
    func accredit(_ user: User, from: String = "2026-01-01", to: String = "2027-12-31") async throws {
        _ = try await store.addAccreditation(
            user: user.id, kind: .abeInterviewing, validFrom: Synthetic.date(from), expiresOn: Synthetic.date(to),
            context: w.ctx(w.admin))
    }

    /// An interview plan for `child` led by `interviewers`.
    func plan(
        _ child: UUID? = nil, at: Date = testNow.addingTimeInterval(86_400), interviewers: [User]? = nil,
        follows: UUID? = nil
    ) -> InterviewPlan {
        InterviewPlan(
            childId: child ?? amy, plannedFor: at, type: .videoRecorded, rationale: "Recent disclosure; young child.",
            interviewerIds: (interviewers ?? [ash]).map(\.id), intermediary: nil, specialMeasures: [.liveLink],
            followsProtectionId: follows)
    }

    /// What happened at an interview held at `at`.
    func held(at: Date = testNow.addingTimeInterval(-3600)) -> InterviewRecord {
        let day = Ruleset.england2025.date(of: at)
        return InterviewRecord(
            heldAt: at, consentGiven: true, consentBy: "Amy, with her aunt", present: "Ash Officer, intermediary",
            recordingReference: "ABE-NB-0042", storageLocation: "Digital evidence store, Northfield",
            reviewOn: day.adding(days: 90), destroyOn: day.adding(days: 3650),
            accountSummary: "Amy described being hit with a belt (police only).")
    }

    /// A removal into police protection by team A at `removedAt`.
    func removal(at removedAt: Date = testNow.addingTimeInterval(-3600)) -> PoliceProtectionDraft {
        PoliceProtectionDraft(
            removedAt: removedAt, removedFrom: "12 Example Road", placeOfSafety: "Emergency foster carer",
            reason: "Found alone with injuries.", designatedOfficerId: bea.id,
            localAuthorityToldAt: removedAt.addingTimeInterval(600))
    }

    /// A charging decision with the child's views sought.
    func decision(
        _ outcome: ChargingOutcome = .charge, views: String = "Amy wants him kept away from home.",
        bail: BailKind = .none, until: LocalDate? = nil, conditions: String? = nil
    ) -> ChargingDecision {
        ChargingDecision(
            suspectId: suspect, decidedOn: Synthetic.today, decider: .cps, test: .fullCode, outcome: outcome,
            childViews: views, bestInterests: "Discussed with her social worker.", bail: bail, bailUntil: until,
            bailConditions: conditions)
    }

    /// Rows in each police table and the audit log.
    func footprint() async throws -> [String: Int] {
        var counts: [String: Int] = [:]
        for table in [
            "investigations", "investigation_people", "investigation_events", "police_disclosures", "training_records",
            "police_protections", "abe_interviews", "charging_decisions", "operations", "evidence_items", "contacts",
            "contact_children", "episode_steps", "audit_log",
        ] {
            counts[table] = try await env.count(table)
        }
        return counts
    }

    /// One column of the first row `sql` returns (nil when no row), for checks the store API does not expose.
    func value<V: Decodable & Sendable>(_ sql: SQLQueryString, _ column: String, as type: V.Type) async throws -> V? {
        try await store.database.withConnection { db in
            guard let row = try await db.raw(sql).first() else { return nil }
            return try row.decode(column: column, as: V.self)
        }
    }

    /// Audit entries against `person` by `actor` for `entity`, newest first.
    func audit(_ person: UUID, by actor: User, _ entity: String? = nil) async throws -> [AuditEntry] {
        try await store.audit.entries(forPerson: person).filter {
            $0.event.actorId == actor.id && (entity == nil || $0.event.entityType == entity)
        }
    }
}

/// Runs `body` in a fresh database holding a `PoliceWorld`.
func withPolice<T: Sendable>(_ backend: TestBackend, _ body: (PoliceWorld) async throws -> T) async throws -> T {
    try await withWorld(backend) { w in try await body(try await PoliceWorld.make(w)) }
}
