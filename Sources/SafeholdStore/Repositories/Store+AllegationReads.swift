import Foundation
import SQLKit
import SafeholdCore

/// The LADO's home: open cases and what is due on them.
public struct LADOHome: Sendable {
    /// Initial considerations not yet made, by due date (overdue ones first).
    public let considerationsDue: [Allegation]
    /// Open actions on open cases, with their case, by due date.
    public let actionsDue: [(allegation: Allegation, action: Allegation.Action)]
    /// Cases whose meeting or evaluation is held and whose outcome is awaited.
    public let awaitingOutcome: [Allegation]
    /// Every open case, newest first.
    public let open: [Allegation]
}

extension Store {
    /// One allegation (the LADO service, never its subject; everyone else the one 404), audited against
    /// the subject and every child it names.
    public func allegation(_ id: UUID, context: AuditContext) async throws -> Allegation {
        try await act(on: .allegation(id), .view, "allegation", context: context) { db, _ in
            try await self.loadAllegation(id, on: db)
        }
    }

    /// Every allegation the caller may work on (the LADO service, less any about the caller), newest
    /// first; a list audited one entry per subject and child shown. Other roles are refused (403).
    public func allegations(context: AuditContext, limit: Int = 500) async throws -> [Allegation] {
        guard let actor = context.actor else { throw SafeholdError.unauthenticated("Sign in first.") }
        if case .denied(let reason) = policy.mayRecordAllegations(actor) {
            try await audit.record([context.event(.denied, "allegation", detail: reason)])
            throw SafeholdError.forbidden(reason)
        }
        return try await list(
            "allegation", detail: "allegations", context: context, people: { [$0.subjectId] + $0.children.map(\.id) }
        ) { db, scope in
            let ids = try await db.raw(
                """
                SELECT a.id FROM allegations a JOIN persons p ON p.id = a.subject_id
                WHERE (a.subject_user_id IS NULL OR a.subject_user_id <> \(bind: actor.userId.db)) AND \(scope.view)
                ORDER BY a.received_at DESC LIMIT \(literal: limit)
                """
            ).all().map { try $0.uuid("id") }
            var out: [Allegation] = []
            for id in ids { out.append(try await self.loadAllegation(id, on: db)) }
            return out
        }
    }

    /// The LADO's home: open cases, initial considerations due, actions due and cases awaiting an outcome.
    public func ladoHome(context: AuditContext) async throws -> LADOHome {
        let all = try await allegations(context: context)
        let open = all.filter(\.isOpen)
        let actions = open.flatMap { a in a.actions.filter { $0.doneOn == nil }.map { (a, $0) } }
            .sorted { $0.1.dueOn < $1.1.dueOn }
        return LADOHome(
            considerationsDue: open.filter { $0.consideration == nil }.sorted {
                $0.considerationDue < $1.considerationDue
            },
            actionsDue: actions, awaitingOutcome: open.filter { $0.meeting != nil }, open: open)
    }

    /// The figures of referrals received in `year` (the LADO service only; counts, no names), audited.
    public func allegationFigures(year: Int, context: AuditContext) async throws -> AllegationFigures {
        guard let actor = context.actor else { throw SafeholdError.unauthenticated("Sign in first.") }
        var v = Validation()
        v.number("year", year, in: 1900...2100)
        try v.check()
        if case .denied(let reason) = policy.mayRecordAllegations(actor) {
            try await audit.record([context.event(.denied, "allegation_figures", detail: reason)])
            throw SafeholdError.forbidden(reason)
        }
        let rows = try await database.withConnection { db in
            try await db.raw(
                """
                SELECT source, sector, received_on, outcome, resolved_on, consideration_due, considered_on
                FROM allegations
                WHERE received_on >= \(bind: "\(year)-01-01") AND received_on <= \(bind: "\(year)-12-31")
                """
            ).all()
        }
        let referrals = try rows.map { row in
            AllegationFigures.Referral(
                source: try row.code("source"), sector: try row.code("sector"), receivedOn: try row.date("received_on"),
                outcome: try row.optionalString("outcome").map { try Self.decodeCode($0, column: "outcome") },
                resolvedOn: try row.optionalDate("resolved_on"),
                considerationDue: try row.optionalDate("consideration_due"),
                consideredOn: try row.optionalDate("considered_on"))
        }
        try await audit.recordReads([context.event(.read, "allegation_figures", detail: "year \(year)")])
        return AllegationFigures(year: year, referrals: referrals, ruleset: ruleset)
    }

    static func decodeCode<T: RawRepresentable>(_ text: String, column: String) throws -> T where T.RawValue == String {
        guard let code = T(rawValue: text) else {
            throw StoreError.corrupt("allegations.\(column) holds an unknown code \(text)")
        }
        return code
    }
}
