import Foundation
import SQLKit
import SafeholdCore

extension Store {
    /// Records an application for an order on a child's record (with the court's decision when it is
    /// known), by children's social care who may change the child's record. The values are judged once
    /// the policy has let the caller in; an expiry beyond the legal maximum is a 422 naming the limit.
    /// A police protection linked must be this child's; an interim order must name this child's open
    /// proceedings. Nothing is written on any refusal.
    public func applyForOrder(_ childId: UUID, _ form: CourtOrderForm, context: AuditContext) async throws -> CourtOrder
    {
        try await act(on: .person(childId), .edit, "court_order", context: context) { db, access in
            try Self.require(CourtAccess.mayRecord(access.actor))
            let born = try await self.courtChildBornOn(childId, on: db)
            let draft = try CourtOrderDraft.validated(
                form, rules: self.ruleset.court, dateOfBirth: born, today: self.today)
            try await self.checkOrderLinks(draft, child: childId, on: db)
            let id = self.ids.next()
            let decision = draft.decision
            try await db.raw(
                """
                INSERT INTO court_orders (id, person_id, kind, applied_on, court, applicant, police_protection_id,
                    proceedings_id, outcome, outcome_on, starts_on, expires_on, version, created_by, created_at)
                VALUES (\(bind: id.db), \(bind: childId.db), \(bind: draft.kind.rawValue),
                    \(bind: draft.application.appliedOn.description), \(bind: draft.application.court),
                    \(bind: draft.application.applicant), \(bind: draft.policeProtectionId?.db),
                    \(bind: draft.proceedingsId?.db), \(bind: decision?.outcome.rawValue),
                    \(bind: decision?.on.description), \(bind: decision?.startsOn?.description),
                    \(bind: decision?.expiresOn?.description), 1, \(bind: access.actor.userId.db),
                    \(bind: self.nowText))
                """
            ).run()
            access.audit(
                .create, "court_order", entityId: id,
                detail: "\(draft.kind.rawValue) applied \(draft.application.appliedOn)"
                    + (decision.map { ", \($0.outcome.rawValue) \($0.on)" } ?? ""))
            return try await self.existingOrder(id, on: db)
        }
    }

    /// Records the court's decision on an application still awaiting it (409 once decided; a stale
    /// version is a 409).
    public func decideOrder(
        _ id: UUID, _ form: CourtDecisionForm, expectedVersion: Int, context: AuditContext
    ) async throws -> CourtOrder {
        try Self.checkVersion(expectedVersion)
        return try await act(on: .courtRecord(id), .edit, "court_order", context: context) { db, access in
            try Self.require(CourtAccess.mayRecord(access.actor))
            let order = try await self.existingOrder(id, on: db)
            guard order.outcome == nil else {
                throw SafeholdError.conflict("The court's decision on this application is already recorded.")
            }
            let decision = try form.validated(
                kind: order.kind, appliedOn: order.application.appliedOn, rules: self.ruleset.court,
                dateOfBirth: try await self.courtChildBornOn(order.childId, on: db), today: self.today)
            try Self.checkOrderVersion(order, expectedVersion)
            try await self.updateOrder(
                id, expectedVersion,
                """
                outcome = \(bind: decision.outcome.rawValue), outcome_on = \(bind: decision.on.description),
                starts_on = \(bind: decision.startsOn?.description),
                expires_on = \(bind: decision.expiresOn?.description)
                """, on: db)
            access.audit(.update, "court_order", entityId: id, detail: "\(decision.outcome.rawValue) \(decision.on)")
            return try await self.existingOrder(id, on: db)
        }
    }

    /// Extends an order in force within its legal limits: beyond the limit is a 422 naming it, beyond
    /// the number allowed (or a kind never extended) a 409; a stale version is a 409.
    public func extendOrder(
        _ id: UUID, _ form: CourtOrderExtensionForm, expectedVersion: Int, context: AuditContext
    ) async throws -> CourtOrder {
        try Self.checkVersion(expectedVersion)
        return try await act(on: .courtRecord(id), .edit, "court_order", context: context) { db, access in
            try Self.require(CourtAccess.mayRecord(access.actor))
            let order = try await self.existingOrder(id, on: db)
            let draft = try form.validated(
                of: order, rules: self.ruleset.court,
                dateOfBirth: try await self.courtChildBornOn(order.childId, on: db), today: self.today)
            try Self.checkOrderVersion(order, expectedVersion)
            try await self.updateOrder(
                id, expectedVersion, "expires_on = \(bind: draft.newExpiresOn.description)", on: db)
            let extensionId = self.ids.next()
            try await db.raw(
                """
                INSERT INTO court_order_extensions (id, order_id, position, extended_on, previous_expiry, new_expiry,
                    reason, by_name, created_at)
                VALUES (\(bind: extensionId.db), \(bind: id.db), \(bind: order.extensions.count),
                    \(bind: draft.extendedOn.description), \(bind: order.expiresOn!.description),
                    \(bind: draft.newExpiresOn.description), \(bind: draft.reason), \(bind: access.actor.displayName),
                    \(bind: self.nowText))
                """
            ).run()
            access.audit(.update, "court_order", entityId: id, detail: "extended to \(draft.newExpiresOn)")
            return try await self.existingOrder(id, on: db)
        }
    }

    /// Ends an order in force (discharged, replaced, the proceedings concluded...); a stale version or
    /// an order not in force is a 409.
    public func endOrder(
        _ id: UUID, _ form: CourtOrderEndForm, expectedVersion: Int, context: AuditContext
    ) async throws -> CourtOrder {
        try Self.checkVersion(expectedVersion)
        return try await act(on: .courtRecord(id), .edit, "court_order", context: context) { db, access in
            try Self.require(CourtAccess.mayRecord(access.actor))
            let order = try await self.existingOrder(id, on: db)
            let end = try form.validated(of: order, today: self.today)
            try Self.checkOrderVersion(order, expectedVersion)
            try await self.updateOrder(
                id, expectedVersion,
                """
                ended_on = \(bind: end.endedOn.description), end_reason = \(bind: end.reason.rawValue),
                end_note = \(bind: end.note), end_entry_id = \(bind: self.ids.next().db)
                """, on: db)
            access.audit(.update, "court_order", entityId: id, detail: "ended \(end.endedOn), \(end.reason.rawValue)")
            return try await self.existingOrder(id, on: db)
        }
    }

    static func checkVersion(_ version: Int) throws {
        var v = Validation()
        v.version("version", version)
        try v.check()
    }

    static let staleOrder = "Someone else changed this order after you opened the page. Reload it and check."

    static func checkOrderVersion(_ order: CourtOrder, _ expected: Int) throws {
        guard order.version == expected else { throw SafeholdError.conflict(staleOrder) }
    }

    /// Sets `assignments` on the order by compare-and-set on its version.
    private func updateOrder(
        _ id: UUID, _ expected: Int, _ assignments: SQLQueryString, on db: any SQLDatabase
    ) async throws {
        let rows = try await db.raw(
            """
            UPDATE court_orders SET \(assignments), version = version + 1
            WHERE id = \(bind: id.db) AND version = \(bind: expected) RETURNING id
            """
        ).all()
        guard rows.count == 1 else { throw SafeholdError.conflict(Self.staleOrder) }
    }

    /// The child's date of birth when known; a record that is not a child's holds no court orders.
    func courtChildBornOn(_ id: UUID, on db: any SQLDatabase) async throws -> LocalDate? {
        guard let row = try await db.raw("SELECT kind, date_of_birth FROM persons WHERE id = \(bind: id.db)").first()
        else { throw SafeholdError.notFound(AccessPolicy.noVisibleRecord) }
        let kind = try row.code("kind", as: PersonKind.self)
        guard kind == .child || kind == .unborn else {
            throw SafeholdError.invalid([FieldError("person", "court orders and proceedings are about a child")])
        }
        return try row.optionalDate("date_of_birth")
    }

    /// A linked police protection must be this child's; an interim order is made in this child's
    /// proceedings, which must still be open.
    private func checkOrderLinks(_ draft: CourtOrderDraft, child: UUID, on db: any SQLDatabase) async throws {
        var v = Validation()
        if let protection = draft.policeProtectionId,
            try await db.raw(
                """
                SELECT 1 AS x FROM police_protections
                WHERE id = \(bind: protection.db) AND person_id = \(bind: child.db)
                """
            ).first() == nil
        {
            v.add("policeProtectionId", "is not a police protection of this child")
        }
        var open = true
        if let id = draft.proceedingsId {
            if let row = try await db.raw(
                """
                SELECT concluded_on FROM care_proceedings WHERE id = \(bind: id.db) AND person_id = \(bind: child.db)
                """
            ).first() {
                open = try row.optionalDate("concluded_on") == nil
            } else {
                v.add("proceedingsId", "is not care proceedings of this child")
            }
        } else if draft.kind.isInterim {
            v.add("proceedingsId", "is required: an interim order is made in care proceedings")
        }
        try v.check()
        if draft.kind.isInterim && !open {
            throw SafeholdError.conflict("These proceedings have concluded: an interim order cannot be made in them.")
        }
    }
}
