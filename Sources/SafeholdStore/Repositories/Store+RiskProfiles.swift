import Foundation
import SQLKit
import SafeholdCore

/// A risk profile as a reader may see it: the profile, its notifications due, its MAPPA meetings (each
/// with its minutes only for the panel), and whether the reader may change it.
public struct RiskProfileView: Sendable {
    public let profile: RiskProfile
    public let notificationsDue: [NotificationDue]
    public let meetings: [MappaMeeting]
    public let mayEdit: Bool
}

extension Store {
    /// Opens a risk profile for an adult the MAPPA coordinator can find by name: one per person (a
    /// second is a 409), never on a child's record (422 naming `personId`). Audited against the adult.
    public func createRiskProfile(
        for person: UUID, _ input: RiskProfileInput, context: AuditContext
    ) async throws -> RiskProfile {
        try await act(on: .person(person), .findByName, "risk_profile", writes: true, context: context) { db, access in
            if case .denied(let reason) = RiskAccess.mayCreate(access.actor) { throw SafeholdError.forbidden(reason) }
            let draft = try RiskProfileDraft.validated(input, today: self.today)
            var v = Validation()
            let kind = try await db.raw("SELECT kind FROM persons WHERE id = \(bind: person.db)").first()?.string(
                "kind")
            if kind != PersonKind.adult.rawValue {
                v.add("personId", "is not an adult's record: a risk profile is kept for an adult, never a child")
            }
            let manager = try await self.checkRiskParties(draft, into: &v, on: db)
            try v.check()
            if try await db.raw("SELECT 1 AS x FROM risk_profiles WHERE person_id = \(bind: person.db)").first() != nil
            {
                throw SafeholdError.conflict("This person has a risk profile already: open it and change it there.")
            }
            let id = self.ids.next()
            try await db.raw(
                """
                INSERT INTO risk_profiles (id, person_id, kind, registered_on, registration_years,
                    registration_indefinite, last_notified_on, last_change_on, change_notified_on, offences, rosh,
                    rosh_to, lead_agency_id, offender_manager_user_id, offender_manager_name, offender_manager_phone,
                    mappa_category, mappa_level, next_meeting_on, version, created_by, created_at, updated_at)
                VALUES (\(bind: id.db), \(bind: person.db), \(Self.riskColumns(draft, manager: manager)), 1,
                    \(bind: access.actor.userId.db), \(bind: self.nowText), \(bind: self.nowText))
                """
            ).run()
            access.audit(.create, "risk_profile", entityId: id, detail: Self.riskDetail(draft))
            return try await self.loadRiskProfile(id, on: db)
        }
    }

    /// Changes a profile (the MAPPA coordinator); a stale version is a 409 and writes nothing.
    public func updateRiskProfile(
        _ id: UUID, _ input: RiskProfileInput, expectedVersion: Int, context: AuditContext
    ) async throws -> RiskProfile {
        var v = Validation()
        v.version("version", expectedVersion)
        try v.check()
        return try await act(on: .riskProfile(id), .edit, "risk_profile", context: context) { db, access in
            let draft = try RiskProfileDraft.validated(input, today: self.today)
            var v = Validation()
            let manager = try await self.checkRiskParties(draft, into: &v, on: db)
            try v.check()
            let columns = Self.riskColumns(draft, manager: manager)
            let updated = try await db.raw(
                """
                UPDATE risk_profiles SET (kind, registered_on, registration_years, registration_indefinite,
                    last_notified_on, last_change_on, change_notified_on, offences, rosh, rosh_to, lead_agency_id,
                    offender_manager_user_id, offender_manager_name, offender_manager_phone, mappa_category,
                    mappa_level, next_meeting_on) = (\(columns)),
                    version = version + 1, updated_at = \(bind: self.nowText)
                WHERE id = \(bind: id.db) AND version = \(bind: expectedVersion) RETURNING id
                """
            ).all()
            guard updated.count == 1 else {
                throw SafeholdError.conflict(
                    "Someone else changed this risk profile after you opened it. Reload it, check their change, "
                        + "and make yours again.")
            }
            access.audit(.update, "risk_profile", entityId: id, detail: Self.riskDetail(draft))
            return try await self.loadRiskProfile(id, on: db)
        }
    }

    /// A profile with its notifications due and its meetings, for those `RiskAccess` lets see it;
    /// audited against the adult (and which meetings' minutes were shown).
    public func riskProfile(_ id: UUID, context: AuditContext) async throws -> RiskProfileView {
        try await act(on: .riskProfile(id), .view, "risk_profile", context: context) { db, access in
            let profile = try await self.loadRiskProfile(id, on: db)
            let meetings = try await self.mappaMeetings(profile: id, access: access, on: db)
            let facts = try await self.riskFacts(profile: id, on: db)
            return RiskProfileView(
                profile: profile,
                notificationsDue: profile.notificationsDue(self.ruleset.risk, ruleset: self.ruleset),
                meetings: meetings,
                mayEdit: facts.map { RiskAccess.decide(access.actor, .edit, $0).decision.isAllowed } ?? false)
        }
    }

    /// The name of the adult a new profile is for (the MAPPA coordinator, who may find them by name);
    /// refused for a child's record (422 naming `personId`) and for anyone else (403).
    public func riskProfileSubject(_ person: UUID, context: AuditContext) async throws -> String {
        try await act(on: .person(person), .findByName, "risk_profile", context: context) { db, access in
            if case .denied(let reason) = RiskAccess.mayCreate(access.actor) { throw SafeholdError.forbidden(reason) }
            guard
                let row = try await db.raw(
                    "SELECT given_name, family_name, kind FROM persons WHERE id = \(bind: person.db)"
                ).first()
            else { throw SafeholdError.notFound(AccessPolicy.noVisibleRecord) }
            guard try row.string("kind") == PersonKind.adult.rawValue else {
                throw SafeholdError.invalid([
                    FieldError(
                        "personId", "is not an adult's record: a risk profile is kept for an adult, never a child")
                ])
            }
            return [try row.optionalString("given_name"), try row.string("family_name")].compactMap { $0 }
                .joined(separator: " ")
        }
    }

    /// The profile on `person`'s record, when there is one and `actor` may see it (for the link on the
    /// person's page, which the page's own read audits); nil otherwise, whether or not one exists.
    public func visibleRiskProfile(of person: UUID, actor: Actor) async throws -> UUID? {
        try await database.withConnection { db in
            let scope = Self.riskSQL(RiskAccess.scope(for: actor, .view))
            return try await db.raw(
                "SELECT rp.id FROM risk_profiles rp WHERE rp.person_id = \(bind: person.db) AND \(scope)"
            ).first()?.uuid("id")
        }
    }

    /// The lead agency must be police, probation or a prison (kept as another agency); an offender
    /// manager who is a user must be an active one. Returns the offender manager's name to keep.
    private func checkRiskParties(
        _ draft: RiskProfileDraft, into v: inout Validation, on db: any SQLDatabase
    ) async throws -> String {
        let lead = try await db.raw("SELECT kind FROM agencies WHERE id = \(bind: draft.leadAgencyId.db)").first()?
            .string("kind")
        if ![Agency.Kind.police, .probation, .other].map(\.rawValue).contains(lead ?? "") {
            v.add("leadAgencyId", "must be a police force, a probation service or a prison on the list of agencies")
        }
        guard let user = draft.offenderManagerUserId else { return draft.offenderManagerName ?? "" }
        guard
            let row = try await db.raw(
                "SELECT display_name FROM users WHERE id = \(bind: user.db) AND active = 1"
            ).first()
        else {
            v.add("offenderManagerUserId", "is not an active Safehold user")
            return ""
        }
        return try row.string("display_name")
    }

    /// The profile's columns in the order the INSERT and UPDATE name them.
    private static func riskColumns(_ d: RiskProfileDraft, manager: String) -> SQLQueryString {
        let r = d.registration
        var years: Int?
        if case .years(let n) = r?.period { years = n }
        return """
            \(bind: d.kind.rawValue), \(bind: r?.registeredOn.description), \(bind: years),
            \(bind: r?.period == .indefinite ? 1 : 0), \(bind: r?.lastNotifiedOn?.description),
            \(bind: r?.lastChangeOn?.description), \(bind: r?.changeNotifiedOn?.description),
            \(bind: d.offences.joined(separator: ",")), \(bind: d.riskOfSeriousHarm.rawValue),
            \(bind: d.riskTo.map(\.rawValue).joined(separator: ",")), \(bind: d.leadAgencyId.db),
            \(bind: d.offenderManagerUserId?.db), \(bind: manager), \(bind: d.offenderManagerPhone),
            \(bind: d.mappaCategory?.rawValue), \(bind: d.mappaLevel?.rawValue), \(bind: d.nextMeetingOn?.description)
            """
    }

    private static func riskDetail(_ d: RiskProfileDraft) -> String {
        "\(d.kind.rawValue), risk of serious harm \(d.riskOfSeriousHarm.rawValue)"
            + (d.mappaLevel.map { ", MAPPA category \(d.mappaCategory?.rawValue ?? 0) level \($0.rawValue)" } ?? "")
    }
}
