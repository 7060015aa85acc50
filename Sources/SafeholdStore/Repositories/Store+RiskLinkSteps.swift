import Foundation
import SQLKit
import SafeholdCore

/// A child's links to people who pose a risk, as the child's page and API show them.
public struct ChildRiskLinks: Sendable {
    public let childName: String
    public let warning: RiskWarning?
    public let links: [RiskLink]
    /// Whether the reader may record the strategy discussion decision (children's social care who may
    /// change the child's record).
    public let mayDecide: Bool
}

extension Store {
    /// Children's social care who may change the child's record record whether a strategy discussion will be
    /// held on a link, with reasons: once (a second decision or a stale version is a conflict). Audited
    /// against the child and the person.
    public func decideLinkStrategy(
        _ link: UUID, child: UUID, outcome: LinkStrategyOutcome, reasons: String, expectedVersion: Int,
        context: AuditContext
    ) async throws -> RiskLink {
        try LinkStrategyDecision.validateReasons(reasons)
        var v = Validation()
        v.version("version", expectedVersion)
        try v.check()
        return try await act(on: .person(child), .edit, "risk_link", context: context) { db, access in
            if case .denied(let reason) = RiskLinkAccess.mayDecide(access.actor, mayChangeChild: true) {
                throw SafeholdError.forbidden(reason)
            }
            let current = try await self.linkOnChild(link, child: child, on: db)
            if try current.optionalString("strategy_decision") != nil {
                throw SafeholdError.conflict("The strategy discussion decision on this link has already been recorded.")
            }
            let actor = access.actor
            try await self.bumpLink(
                link, expectedVersion: expectedVersion,
                set: """
                    strategy_decision = \(bind: outcome.rawValue), strategy_reasons = \(bind: reasons),
                    strategy_decided_by = \(bind: actor.userId.db),
                    strategy_decided_by_name = \(bind: actor.displayName), strategy_decided_at = \(bind: self.nowText)
                    """, on: db)
            self.auditLink(link, current, "strategy decision \(outcome.rawValue)", access)
            return try await self.fetchRiskLinks(where: "l.id = \(bind: link.db)", actor: actor, on: db)[0]
        }
    }

    /// Ends a link (the person moved out, contact stopped): by those who may make it. Ending it twice, or on
    /// a stale version, is a conflict.
    public func endRiskLink(
        _ link: UUID, child: UUID, endedOn: LocalDate, expectedVersion: Int, context: AuditContext
    ) async throws -> RiskLink {
        var v = Validation()
        v.version("version", expectedVersion)
        v.date("endedOn", endedOn, required: true, notAfter: today)
        try v.check()
        return try await act(on: .person(child), .findByName, "risk_link", writes: true, context: context) {
            db, access in
            let current = try await self.linkOnChild(link, child: child, on: db)
            if case .denied(let reason) = RiskLinkAccess.mayLink(
                access.actor, offenderManager: try current.optionalUUID("om"), mayChangeChild: access.may(.edit))
            {
                throw SafeholdError.forbidden(reason)
            }
            if try current.optionalString("ended_on") != nil {
                throw SafeholdError.conflict("This link has already ended.")
            }
            if endedOn < (try current.date("started_on")) {
                throw SafeholdError.invalid([FieldError("endedOn", "cannot be before the link started")])
            }
            try await self.bumpLink(
                link, expectedVersion: expectedVersion, set: "ended_on = \(bind: endedOn.description)", on: db)
            self.auditLink(link, current, "ended \(endedOn)", access)
            return try await self.fetchRiskLinks(where: "l.id = \(bind: link.db)", actor: access.actor, on: db)[0]
        }
    }

    /// A child's links (open first) and the warning, for whoever may open the child's record.
    public func riskLinks(of child: UUID, context: AuditContext) async throws -> ChildRiskLinks {
        try await act(on: .person(child), .view, "risk_link", context: context) { db, access in
            let name = try await db.raw("SELECT given_name, family_name FROM persons WHERE id = \(bind: child.db)")
                .first().map { try [$0.optionalString("given_name"), $0.optionalString("family_name")] }
            return ChildRiskLinks(
                childName: (name ?? []).compactMap { $0 }.joined(separator: " "),
                warning: try await self.riskWarning(for: child, on: db),
                links: try await self.fetchRiskLinks(
                    where: "l.child_id = \(bind: child.db)", actor: access.actor, on: db),
                mayDecide: RiskLinkAccess.mayDecide(access.actor, mayChangeChild: access.may(.edit)).isAllowed)
        }
    }

    /// The link on this child (else the one 404), with its person and the person's offender manager.
    private func linkOnChild(_ link: UUID, child: UUID, on db: any SQLDatabase) async throws -> any SQLRow {
        guard
            let row = try await db.raw(
                """
                SELECT l.*, r.offender_manager_user_id AS om FROM risk_links l
                LEFT JOIN risk_profiles r ON r.person_id = l.person_id
                WHERE l.id = \(bind: link.db) AND l.child_id = \(bind: child.db)
                """
            ).first()
        else { throw SafeholdError.notFound(AccessPolicy.noVisibleRecord) }
        return row
    }

    private func bumpLink(
        _ link: UUID, expectedVersion: Int, set: SQLQueryString, on db: any SQLDatabase
    ) async throws {
        let rows = try await db.raw(
            """
            UPDATE risk_links SET \(set), version = version + 1
            WHERE id = \(bind: link.db) AND version = \(bind: expectedVersion) RETURNING id
            """
        ).all()
        guard rows.count == 1 else {
            throw SafeholdError.conflict("Someone else changed this link after you opened it. Reload it.")
        }
    }

    private func auditLink(_ link: UUID, _ row: any SQLRow, _ detail: String, _ access: RecordAccess) {
        for person in [try? row.uuid("child_id"), try? row.uuid("person_id")].compactMap({ $0 }) {
            access.audit(access.context.event(.update, "risk_link", entityId: link, personId: person, detail: detail))
        }
    }
}
