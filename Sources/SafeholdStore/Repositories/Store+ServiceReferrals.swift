import Foundation
import SQLKit
import SafeholdCore

extension Store {
    /// The service types a plan may refer to, with their response times (a code list held as data).
    public func serviceTypes() async throws -> [ServiceType] {
        try await database.withConnection { db in try await self.serviceTypes(on: db) }
    }

    func serviceTypes(on db: any SQLDatabase) async throws -> [ServiceType] {
        try await db.raw("SELECT code, label, response_working_days FROM service_types ORDER BY position").all().map {
            ServiceType(
                code: try $0.string("code"), label: try $0.string("label"),
                responseWorkingDays: try $0.int("response_working_days"))
        }
    }

    /// Refers the child of an episode to a service from the episode's open plan (a child protection or
    /// child in need plan), by a worker who may edit the child. The values are judged once the policy
    /// has let the caller in, so a stranger learns nothing from a field error.
    public func referToService(
        episode episodeId: UUID, serviceType: String?, provider: String?, request: String?, sentOn: String?,
        context: AuditContext
    ) async throws -> ServiceReferral {
        try await act(on: .episode(episodeId), .edit, "service_referral", context: context) { db, access in
            let (child, referral, steps) = try await self.loadEpisode(episodeId, on: db)
            let state = EpisodeState.derive(referralDate: referral, steps: steps)
            guard !state.isClosed, let plan = state.plans.last(where: { $0.endedOn == nil }) else {
                throw SafeholdError.conflict(
                    "Referrals to services are made from an open plan, and this episode has none.")
            }
            let draft = try ServiceReferralDraft.validated(
                serviceType: serviceType, provider: provider, request: request, sentOn: sentOn,
                types: try await self.serviceTypes(on: db), planStartedOn: plan.startedOn, today: self.today)
            let id = self.ids.next()
            let due = self.ruleset.calendar.adding(workingDays: draft.type.responseWorkingDays, to: draft.sentOn)
            try await db.raw(
                """
                INSERT INTO service_referrals (id, episode_id, person_id, plan_id, service_type, provider, request,
                    sent_on, response_due_on, status, version, created_by, created_at)
                VALUES (\(bind: id.db), \(bind: episodeId.db), \(bind: child.db), \(bind: plan.id.db),
                    \(bind: draft.type.code), \(bind: draft.provider), \(bind: draft.request),
                    \(bind: draft.sentOn.description), \(bind: due.description), 'sent', 1,
                    \(bind: access.actor.userId.db), \(bind: self.nowText))
                """
            ).run()
            try await self.addReferralEvent(
                id, .sent, on: draft.sentOn, note: nil, position: 0, actor: access.actor, on: db)
            access.audit(.create, "service_referral", entityId: id, detail: "\(draft.type.code) sent \(draft.sentOn)")
            return try await self.serviceReferrals(where: "r.id = \(bind: id.db)", on: db)[0]
        }
    }

    /// Moves a referral on (accepted, declined with a reason, waiting, started, ended with an outcome).
    /// A step the table does not allow is a conflict in plain words; a stale version is a conflict.
    public func updateServiceReferral(
        _ id: UUID, status: String?, on: String?, reason: String?, outcome: String?, expectedVersion: Int,
        context: AuditContext
    ) async throws -> ServiceReferral {
        var v = Validation()
        v.version("version", expectedVersion)
        try v.check()
        return try await act(on: .serviceReferral(id), .edit, "service_referral", context: context) { db, access in
            guard let current = try await self.serviceReferrals(where: "r.id = \(bind: id.db)", on: db).first else {
                throw SafeholdError.notFound(AccessPolicy.noVisibleRecord)
            }
            let update = try ServiceReferralUpdate.validated(
                status: status, on: on, reason: reason, outcome: outcome, sentOn: current.sentOn, today: self.today)
            guard current.version == expectedVersion else {
                throw SafeholdError.conflict(
                    "Someone else updated this referral after you opened the page. Reload it and check.")
            }
            try update.check(from: current.status)
            let declined = update.status == .declined ? update.note : current.declineReason
            let ended = update.status == .ended ? update.note : current.outcome
            let rows = try await db.raw(
                """
                UPDATE service_referrals SET status = \(bind: update.status.rawValue), version = version + 1,
                    decline_reason = \(bind: declined), outcome = \(bind: ended)
                WHERE id = \(bind: id.db) AND version = \(bind: expectedVersion) RETURNING id
                """
            ).all()
            guard rows.count == 1 else {
                throw SafeholdError.conflict(
                    "Someone else updated this referral after you opened the page. Reload it and check.")
            }
            try await self.addReferralEvent(
                id, update.status, on: update.on, note: update.note, position: current.history.count,
                actor: access.actor, on: db)
            access.audit(.update, "service_referral", entityId: id, detail: "status \(update.status.rawValue)")
            return try await self.serviceReferrals(where: "r.id = \(bind: id.db)", on: db)[0]
        }
    }

    /// The child's referrals to services, newest first: an audited read of the child's record.
    public func serviceReferrals(of childId: UUID, context: AuditContext) async throws -> [ServiceReferral] {
        try await act(on: .person(childId), .view, "service_referral", context: context) { db, _ in
            try await self.serviceReferrals(where: "r.person_id = \(bind: childId.db)", on: db)
        }
    }

    /// The referrals made from an episode's plans, newest first: an audited read of the child's record.
    public func serviceReferrals(episode episodeId: UUID, context: AuditContext) async throws -> [ServiceReferral] {
        try await act(on: .episode(episodeId), .view, "service_referral", context: context) { db, _ in
            try await self.serviceReferrals(where: "r.episode_id = \(bind: episodeId.db)", on: db)
        }
    }

    private func addReferralEvent(
        _ referral: UUID, _ status: ServiceReferralStatus, on date: LocalDate, note: String?, position: Int,
        actor: Actor, on db: any SQLDatabase
    ) async throws {
        try await db.raw(
            """
            INSERT INTO service_referral_events (id, referral_id, status, on_date, note, by_user, by_name, at, position)
            VALUES (\(bind: ids.next().db), \(bind: referral.db), \(bind: status.rawValue), \(bind: date.description),
                \(bind: note), \(bind: actor.userId.db), \(bind: actor.displayName), \(bind: nowText),
                \(bind: position))
            """
        ).run()
    }

    /// Referrals matching `condition` (on `service_referrals r`), each with its history, newest first.
    func serviceReferrals(where condition: SQLQueryString, on db: any SQLDatabase) async throws -> [ServiceReferral] {
        let rows = try await db.raw(
            """
            SELECT r.*, t.label, t.response_working_days FROM service_referrals r
            JOIN service_types t ON t.code = r.service_type WHERE \(condition)
            ORDER BY r.sent_on DESC, r.created_at DESC
            """
        ).all()
        guard !rows.isEmpty else { return [] }
        let ids = try rows.map { try $0.uuid("id").db }
        var history: [UUID: [ServiceReferralEvent]] = [:]
        for row in try await db.raw(
            """
            SELECT referral_id, status, on_date, note, by_name, at FROM service_referral_events
            WHERE referral_id IN (\(binds: ids)) ORDER BY position
            """
        ).all() {
            history[try row.uuid("referral_id"), default: []].append(
                ServiceReferralEvent(
                    status: try row.code("status", as: ServiceReferralStatus.self), on: try row.date("on_date"),
                    note: try row.optionalString("note"), byName: try row.string("by_name"),
                    at: try row.timestamp("at")))
        }
        return try rows.map { r in
            let id = try r.uuid("id")
            return ServiceReferral(
                id: id, episodeId: try r.uuid("episode_id"), personId: try r.uuid("person_id"),
                planId: try r.uuid("plan_id"),
                type: ServiceType(
                    code: try r.string("service_type"), label: try r.string("label"),
                    responseWorkingDays: try r.int("response_working_days")),
                provider: try r.string("provider"), request: try r.string("request"), sentOn: try r.date("sent_on"),
                status: try r.code("status", as: ServiceReferralStatus.self),
                declineReason: try r.optionalString("decline_reason"), outcome: try r.optionalString("outcome"),
                version: try r.int("version"), history: history[id] ?? [])
        }
    }
}

/// What the child's page shows of work with other services: referrals from the child's plans, and the
/// escalations about the child the reader stands to (all of them for the child's holders).
public struct ServiceWork: Sendable {
    public let referrals: [ServiceReferral]
    public let escalations: [Escalation]
    public let types: [ServiceType]
    /// Whether the reader may refer and move referrals on (edit the child's record).
    public let canEdit: Bool
}

extension Store {
    /// The child's referrals and escalations as the reader may see them: one audited read of the record.
    public func serviceWork(of childId: UUID, context: AuditContext) async throws -> ServiceWork {
        try await act(on: .person(childId), .view, "service_work", context: context) { db, access in
            try await self.loadServiceWork(of: childId, access: access, on: db)
        }
    }

    /// The child's service work; `withTypes` false leaves out the list of services one may refer to (the child's
    /// page offers the referral form only on an open plan, to a reader who may edit).
    func loadServiceWork(
        of childId: UUID, access: RecordAccess, withTypes: Bool = true, present: PersonLists = .all,
        on db: any SQLDatabase
    ) async throws -> ServiceWork {
        ServiceWork(
            referrals: present.contains(.serviceReferrals)
                ? try await serviceReferrals(where: "r.person_id = \(bind: childId.db)", on: db) : [],
            escalations: present.contains(.escalations)
                ? try await escalations(of: childId, access: access, on: db) : [],
            types: withTypes ? try await serviceTypes(on: db) : [], canEdit: access.may(.edit))
    }
}
