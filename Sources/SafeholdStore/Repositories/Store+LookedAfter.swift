import Foundation
import SQLKit
import SafeholdCore

extension Store {
    /// Records that a child became looked after (one open period at a time); a second open period
    /// is a conflict, nothing written. The values are judged by Core once the policy has let the
    /// caller edit the child (a stranger learns nothing from a field error).
    public func startLookedAfter(
        _ childId: UUID, status: String?, startedOn: String?, context: AuditContext
    ) async throws -> LookedAfterPeriod {
        try await act(on: .person(childId), .edit, "looked_after", context: context) { db, access in
            let (status, startedOn) = try LookedAfterPeriod.validatedStart(
                status: status, startedOn: startedOn, today: self.today)
            guard let person = try await self.fetchPerson(childId, on: db), person.details.kind == .child else {
                throw SafeholdError.invalid([FieldError("personId", "only a child can be looked after")])
            }
            if try await db.raw(
                """
                SELECT 1 AS x FROM looked_after_periods WHERE person_id = \(bind: childId.db) AND ended_on IS NULL
                """
            ).first() != nil {
                throw SafeholdError.conflict(
                    "This child is already recorded as looked after. End that period before starting another.")
            }
            let period = LookedAfterPeriod(
                id: self.ids.next(), personId: childId, status: status, startedOn: startedOn, endedOn: nil)
            try await db.raw(
                """
                INSERT INTO looked_after_periods (id, person_id, status, started_on, recorded_by, recorded_at)
                VALUES (\(bind: period.id.db), \(bind: childId.db), \(bind: status.rawValue),
                    \(bind: startedOn.description), \(bind: access.actor.userId.db),
                    \(bind: Timestamp.string(self.clock.now())))
                """
            ).run()
            access.audit(
                .create, "looked_after", entityId: period.id, detail: "\(status.rawValue) from \(startedOn)")
            return period
        }
    }

    /// Ends the child's open looked-after period; with none open, a conflict.
    public func endLookedAfter(
        _ childId: UUID, endedOn: String?, context: AuditContext
    ) async throws
        -> LookedAfterPeriod
    {
        try await act(on: .person(childId), .edit, "looked_after", context: context) { db, access in
            guard let open = try await self.lookedAfterPeriods(of: childId, on: db).first(where: { $0.endedOn == nil })
            else {
                throw SafeholdError.conflict("This child has no open looked-after period to end.")
            }
            let end = try open.validatedEnd(endedOn, today: self.today)
            try await db.raw(
                """
                UPDATE looked_after_periods SET ended_on = \(bind: end.description)
                WHERE id = \(bind: open.id.db) AND ended_on IS NULL
                """
            ).run()
            access.audit(.update, "looked_after", entityId: open.id, detail: "ended \(end)")
            return LookedAfterPeriod(
                id: open.id, personId: childId, status: open.status, startedOn: open.startedOn, endedOn: end)
        }
    }

    /// A child's looked-after periods, newest first.
    func lookedAfterPeriods(of childId: UUID, on db: any SQLDatabase) async throws -> [LookedAfterPeriod] {
        try await db.raw(
            """
            SELECT id, status, started_on, ended_on FROM looked_after_periods WHERE person_id = \(bind: childId.db)
            ORDER BY started_on DESC
            """
        ).all().map {
            LookedAfterPeriod(
                id: try $0.uuid("id"), personId: childId, status: try $0.code("status", as: LookedAfterStatus.self),
                startedOn: try $0.date("started_on"), endedOn: try $0.optionalDate("ended_on"))
        }
    }
}
