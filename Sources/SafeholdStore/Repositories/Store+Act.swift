import Foundation
import SQLKit
import SafeholdCore

/// A record the policy let the actor act on: who acts, every child the record concerns with the
/// facts the decision was taken on, and the audit entries the operation leaves (one per child).
public final class RecordAccess: @unchecked Sendable {
    public let actor: Actor
    public let ref: RecordRef
    /// Every child (or person) the record concerns, in a stable order.
    public let children: [UUID]
    /// The facts of each child, as the policy saw them.
    public let facts: [UUID: RecordAccessFacts]
    /// For a police record: the team that holds it and how much of it the actor sees.
    public let owner: RecordOwner?
    public let policeView: PoliceRecordView?
    /// For a contribution record (an invitation, an assigned action): in what capacity the actor reaches it.
    public let contribution: ContributionStanding?
    let policy: AccessPolicy
    let context: AuditContext
    private let lock = NSLock()
    private var notes: [AuditEvent] = []

    init(
        actor: Actor, ref: RecordRef, children: [UUID], facts: [UUID: RecordAccessFacts],
        owner: RecordOwner? = nil, policeView: PoliceRecordView? = nil, contribution: ContributionStanding? = nil,
        policy: AccessPolicy, context: AuditContext
    ) {
        self.actor = actor
        self.ref = ref
        self.children = children
        self.facts = facts
        self.owner = owner
        self.policeView = policeView
        self.contribution = contribution
        self.policy = policy
        self.context = context
    }

    /// Whether the actor may also take `action` on every child (for a page that offers editing).
    public func may(_ action: PersonAction) -> Bool {
        let childFacts = children.compactMap { facts[$0] }
        if let owner {
            return policy.decidePoliceRecord(actor, action, owner: owner, children: childFacts).decision.isAllowed
        }
        return policy.decide(actor, action, children: childFacts).decision.isAllowed
    }

    /// Records what the operation did, once against every child concerned (once, against no child,
    /// on a police record that concerns no child yet, such as a new operation).
    func audit(_ action: AuditAction, _ entity: String, entityId: UUID? = nil, detail: String? = nil) {
        let id = entityId ?? ref.entityId
        let events =
            children.isEmpty
            ? [context.event(action, entity, entityId: id, detail: detail)]
            : children.map { context.event(action, entity, entityId: id, personId: $0, detail: detail) }
        lock.withLock { notes += events }
    }

    /// Records one entry against one person (a relative linked, an episode opened for one child).
    func audit(_ event: AuditEvent) {
        lock.withLock { notes.append(event) }
    }

    /// What was recorded, or `fallback` against every child when the operation recorded nothing itself.
    func events(fallback action: AuditAction, _ entity: String) -> [AuditEvent] {
        let recorded = lock.withLock { notes }
        if !recorded.isEmpty { return recorded }
        if children.isEmpty { return [context.event(action, entity, entityId: ref.entityId)] }
        return children.map { context.event(action, entity, entityId: ref.entityId, personId: $0) }
    }
}

/// A refusal on its way out of a transaction: its audit entries are written after the rollback.
struct AccessRefused: Error {
    let events: [AuditEvent]
    let error: SafeholdError
}

extension Store {
    /// The one way to act on a record. Resolves `ref` to the children it concerns (a step or action
    /// must be on the episode named with it), loads their facts, asks the policy for every child,
    /// and runs `body` with the same connection: a read is audited (one entry per child) in the next
    /// group commit before it returns; a write runs in one transaction with its audit entries. A
    /// refusal is audited against every child concerned; a caller who may not see the record gets
    /// the same 404 whether or not it exists. A refusal `body` raises itself (`forbidden`) is
    /// audited the same way. `writes` runs in one transaction a body that writes under a permission
    /// to view (raising an escalation about a child one may open).
    public func act<T: Sendable>(
        on ref: RecordRef, _ action: PersonAction, _ entity: String, writes: Bool = false, context: AuditContext,
        _ body: @escaping @Sendable (any SQLDatabase, RecordAccess) async throws -> T
    )
        async throws -> T
    {
        guard let actor = context.actor else { throw SafeholdError.unauthenticated("Sign in first.") }
        do {
            if !writes && (action == .view || action == .viewAccessLog || action == .findByName) {
                let (result, access) = try await database.reading { db in
                    let access = try await self.admit(ref, action, entity, actor: actor, context: context, on: db)
                    return (try await self.refusing(access, entity) { try await body(db, access) }, access)
                }
                try await audit.recordReads(access.events(fallback: .read, entity))
                return result
            }
            return try await database.transaction { db in
                let access = try await self.admit(ref, action, entity, actor: actor, context: context, on: db)
                let result = try await self.refusing(access, entity) { try await body(db, access) }
                try await self.audit.append(access.events(fallback: .update, entity), on: db)
                return result
            }
        } catch let refused as AccessRefused {
            try await audit.recordReads(refused.events)
            throw refused.error
        }
    }

    /// Loads the facts of every child `ref` concerns and asks the policy; throws `AccessRefused`.
    private func admit(
        _ ref: RecordRef, _ action: PersonAction, _ entity: String, actor: Actor,
        context: AuditContext, on db: any SQLDatabase
    ) async throws -> RecordAccess {
        // A person is their own record: the facts query below finds them or not, so a person's page or
        // API read costs one statement less than resolving first.
        let children: [UUID]
        if case .person(let id) = ref { children = [id] } else { children = try await resolve(ref, on: db) }
        if case .escalation(let id) = ref {
            return try await admitEscalation(
                id, action, entity, children: children, actor: actor, context: context, on: db)
        }
        if case .disclosureApplication(let id) = ref {
            return try await admitDisclosureApplication(
                id, entity, children: children, actor: actor, context: context, on: db)
        }
        if case .allegation(let id) = ref {
            return try await admitAllegation(id, entity, people: children, actor: actor, context: context, on: db)
        }
        if ref.isPoliceRecord {
            return try await admitPoliceRecord(
                ref, action, entity, children: children, actor: actor, context: context, on: db)
        }
        if ref.isRiskRecord {
            return try await admitRisk(ref, action, entity, people: children, actor: actor, context: context, on: db)
        }
        if ref.isContributionRecord {
            return try await admitContribution(
                ref, entity, children: children, actor: actor, context: context, on: db)
        }
        let facts = try await self.facts(of: children, on: db)
        guard !children.isEmpty, children.allSatisfy({ facts[$0] != nil }) else {
            throw AccessRefused(
                events: [context.event(.denied, entity, entityId: ref.entityId, detail: "no such record")],
                error: .notFound(AccessPolicy.noVisibleRecord))
        }
        let (decision, seesEveryChild) = policy.decide(actor, action, children: children.compactMap { facts[$0] })
        if case .denied(let reason) = decision {
            throw AccessRefused(
                events: children.map {
                    context.event(.denied, entity, entityId: ref.entityId, personId: $0, detail: reason)
                },
                error: seesEveryChild ? .forbidden(reason) : .notFound(AccessPolicy.noVisibleRecord))
        }
        return RecordAccess(actor: actor, ref: ref, children: children, facts: facts, policy: policy, context: context)
    }

    /// The police record rules: the holding team sees everything, the children's social care what is
    /// shared; a record concerning no child yet (a new operation) is open to its team only.
    private func admitPoliceRecord(
        _ ref: RecordRef, _ action: PersonAction, _ entity: String, children: [UUID], actor: Actor,
        context: AuditContext, on db: any SQLDatabase
    ) async throws -> RecordAccess {
        let facts = try await self.facts(of: children, on: db)
        guard children.allSatisfy({ facts[$0] != nil }) else {
            throw SafeholdError.notFound("There is no record with that id.")
        }
        let refused = { (reason: String, error: SafeholdError) -> AccessRefused in
            let events =
                children.isEmpty
                ? [context.event(.denied, entity, entityId: ref.entityId, detail: reason)]
                : children.map { context.event(.denied, entity, entityId: ref.entityId, personId: $0, detail: reason) }
            return AccessRefused(events: events, error: error)
        }
        guard let owner = try await self.owner(of: ref, on: db) else {
            throw refused("no such record", .notFound(AccessPolicy.noVisibleRecord))
        }
        let (decision, view, sees) = policy.decidePoliceRecord(
            actor, action, owner: owner, children: children.compactMap { facts[$0] })
        if case .denied(let reason) = decision {
            throw refused(reason, sees ? .forbidden(reason) : .notFound(AccessPolicy.noVisibleRecord))
        }
        return RecordAccess(
            actor: actor, ref: ref, children: children, facts: facts, owner: owner, policeView: view, policy: policy,
            context: context)
    }

    /// The team that holds a police record, or nil when there is no such record.
    func owner(of ref: RecordRef, on db: any SQLDatabase) async throws -> RecordOwner? {
        let query: SQLQueryString
        switch ref {
        case .investigation(let id):
            query = "SELECT agency_id, team_id FROM investigations WHERE id = \(bind: id.db)"
        case .interview(let id, let investigation):
            query = """
                SELECT i.agency_id, i.team_id FROM abe_interviews a JOIN investigations i ON i.id = a.investigation_id
                WHERE a.id = \(bind: id.db) AND a.investigation_id = \(bind: investigation.db)
                """
        case .policeProtection(let id):
            query = "SELECT agency_id, team_id FROM police_protections WHERE id = \(bind: id.db)"
        case .operation(let id):
            query = "SELECT agency_id, team_id FROM operations WHERE id = \(bind: id.db)"
        default:
            return nil
        }
        guard let row = try await db.raw(query).first() else { return nil }
        return RecordOwner(agencyId: try row.uuid("agency_id"), teamId: try row.uuid("team_id"))
    }

    /// Runs `body`, turning a refusal it raises into one audited against every child concerned.
    private func refusing<T>(_ access: RecordAccess, _ entity: String, _ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch SafeholdError.forbidden(let reason) {
            throw AccessRefused(
                events: access.children.map {
                    access.context.event(.denied, entity, entityId: access.ref.entityId, personId: $0, detail: reason)
                }, error: .forbidden(reason))
        }
    }

    /// The children a record concerns; empty when there is no such record (or the step or action is
    /// not on the episode named with it).
    func resolve(_ ref: RecordRef, on db: any SQLDatabase) async throws -> [UUID] {
        let query: SQLQueryString
        switch ref {
        case .person(let id):
            query = "SELECT id AS child FROM persons WHERE id = \(bind: id.db)"
        case .episode(let id):
            query = "SELECT person_id AS child FROM episodes WHERE id = \(bind: id.db)"
        case .step(let id, let episode):
            query = """
                SELECT person_id AS child FROM episode_steps \
                WHERE id = \(bind: id.db) AND episode_id = \(bind: episode.db)
                """
        case .planAction(let id, let episode):
            query = """
                SELECT e.person_id AS child FROM plan_actions a JOIN episodes e ON e.id = a.episode_id
                WHERE a.id = \(bind: id.db) AND a.episode_id = \(bind: episode.db)
                """
        case .contact(let id):
            query =
                "SELECT person_id AS child FROM contact_children WHERE contact_id = \(bind: id.db) ORDER BY person_id"
        case .chronologyEntry(let entry, let person):
            query = """
                SELECT person_id AS child FROM episode_steps \
                WHERE id = \(bind: entry.db) AND person_id = \(bind: person.db)
                UNION SELECT person_id AS child FROM case_notes
                    WHERE id = \(bind: entry.db) AND person_id = \(bind: person.db) AND significant = 1
                UNION SELECT person_id AS child FROM contact_children
                    WHERE contact_id = \(bind: entry.db) AND person_id = \(bind: person.db)
                UNION SELECT ip.person_id AS child FROM investigation_events e
                    JOIN investigation_people ip ON ip.investigation_id = e.investigation_id
                    WHERE e.id = \(bind: entry.db) AND e.shared = 1 AND ip.person_id = \(bind: person.db)
                    AND ip.role <> 'suspect'
                UNION SELECT person_id AS child FROM police_protections
                    WHERE id = \(bind: entry.db) AND person_id = \(bind: person.db)
                UNION SELECT person_id AS child FROM agency_reports
                    WHERE invitation_id = \(bind: entry.db) AND person_id = \(bind: person.db)
                UNION SELECT person_id AS child FROM escalations
                    WHERE (id = \(bind: entry.db) OR resolution_id = \(bind: entry.db))
                    AND person_id = \(bind: person.db)
                UNION SELECT person_id AS child FROM oversight_entries
                    WHERE id = \(bind: entry.db) AND person_id = \(bind: person.db)
                UNION SELECT person_id AS child FROM body_maps
                    WHERE id = \(bind: entry.db) AND person_id = \(bind: person.db)
                UNION SELECT ip.person_id AS child FROM police_disclosures d
                    JOIN investigation_people ip ON ip.investigation_id = d.investigation_id
                    WHERE d.id = \(bind: entry.db) AND ip.person_id = \(bind: person.db) AND ip.role <> 'suspect'
                UNION SELECT person_id AS child FROM court_orders
                    WHERE (id = \(bind: entry.db) OR end_entry_id = \(bind: entry.db))
                    AND person_id = \(bind: person.db)
                UNION SELECT o.person_id AS child FROM court_order_extensions x JOIN court_orders o ON o.id = x.order_id
                    WHERE x.id = \(bind: entry.db) AND o.person_id = \(bind: person.db)
                UNION SELECT person_id AS child FROM pre_proceedings
                    WHERE (id = \(bind: entry.db) OR meeting_entry_id = \(bind: entry.db))
                    AND person_id = \(bind: person.db)
                UNION SELECT person_id AS child FROM care_proceedings
                    WHERE (id = \(bind: entry.db) OR conclusion_entry_id = \(bind: entry.db))
                    AND person_id = \(bind: person.db)
                UNION SELECT person_id AS child FROM hearings
                    WHERE id = \(bind: entry.db) AND person_id = \(bind: person.db) AND outcome IS NOT NULL
                """
        case .investigation(let id):
            query = """
                SELECT person_id AS child FROM investigation_people
                WHERE investigation_id = \(bind: id.db) AND role <> 'suspect' ORDER BY person_id
                """
        case .interview(let id, let investigation):
            query = """
                SELECT person_id AS child FROM abe_interviews
                WHERE id = \(bind: id.db) AND investigation_id = \(bind: investigation.db)
                """
        case .policeProtection(let id):
            query = "SELECT person_id AS child FROM police_protections WHERE id = \(bind: id.db)"
        case .operation(let id):
            query = """
                SELECT DISTINCT ip.person_id AS child FROM investigation_people ip
                JOIN investigations i ON i.id = ip.investigation_id
                WHERE i.operation_id = \(bind: id.db) AND ip.role <> 'suspect' ORDER BY ip.person_id
                """
        case .invitation(let id):
            query = """
                SELECT m.person_id AS child FROM invitations i JOIN meetings m ON m.id = i.meeting_id
                WHERE i.id = \(bind: id.db)
                """
        case .assignedAction(let id):
            query = """
                SELECT e.person_id AS child FROM plan_actions a JOIN episodes e ON e.id = a.episode_id
                WHERE a.id = \(bind: id.db)
                """
        case .serviceReferral(let id):
            query = "SELECT person_id AS child FROM service_referrals WHERE id = \(bind: id.db)"
        case .escalation(let id):
            query = "SELECT person_id AS child FROM escalations WHERE id = \(bind: id.db)"
        case .informationRequest(let id):
            query = "SELECT person_id AS child FROM information_requests WHERE id = \(bind: id.db)"
        case .riskProfile, .mappaMeeting, .mappaAction:
            query = riskPersonQuery(ref)
        case .disclosureApplication(let id):
            query = "SELECT child_id AS child FROM csod_applications WHERE id = \(bind: id.db)"
        case .allegation(let id):
            query = """
                SELECT subject_id AS child FROM allegations WHERE id = \(bind: id.db)
                UNION SELECT person_id AS child FROM allegation_children WHERE allegation_id = \(bind: id.db)
                """
        case .caseDiscussions(_, let children):
            return try await discussedChildren(children, on: db)
        case .courtRecord(let id):
            query = """
                SELECT person_id AS child FROM court_orders WHERE id = \(bind: id.db)
                UNION SELECT person_id AS child FROM pre_proceedings WHERE id = \(bind: id.db)
                UNION SELECT person_id AS child FROM care_proceedings WHERE id = \(bind: id.db)
                """
        }
        return try await db.raw(query).all().map { try $0.uuid("child") }
    }
}
