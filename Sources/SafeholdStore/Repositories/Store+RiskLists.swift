import Foundation
import SQLKit
import SafeholdCore

extension Store {
    /// The risk profiles the caller may see (every one for the MAPPA coordinator; otherwise those they
    /// manage or whose meetings they or their agency sat on), by the rules that guard one profile;
    /// audited one entry per adult shown.
    public func riskProfiles(context: AuditContext, limit: Int = 500) async throws -> [RiskProfile] {
        try await list("risk_profile", detail: "risk profiles", context: context, people: { [$0.personId] }) {
            db, scope in
            let visible = Self.riskSQL(RiskAccess.scope(for: scope.actor, .view))
            return try await db.raw(
                """
                \(unsafeRaw: Self.riskProfileSelect) WHERE \(visible)
                ORDER BY rp.mappa_level DESC, p.family_name, p.given_name, rp.id LIMIT \(literal: limit)
                """
            ).all().map(Self.riskProfile)
        }
    }
}

extension Store {
    /// Adults the MAPPA coordinator finds by name to open a profile for: the ordinary search (name only,
    /// audited per person shown), children left out. Refused (403) to anyone who does not open profiles.
    public func adultsForRiskProfile(named text: String, context: AuditContext) async throws -> [PersonSummary] {
        guard let actor = context.actor else { throw SafeholdError.unauthenticated("Sign in first.") }
        if case .denied(let reason) = RiskAccess.mayCreate(actor) { throw SafeholdError.forbidden(reason) }
        let found = try await search(PersonQuery(text: text, dateOfBirth: nil), context: context)
        guard !found.isEmpty else { return [] }
        let adults = try await database.withConnection { db in
            try await db.raw(
                """
                SELECT id FROM persons WHERE kind = \(bind: PersonKind.adult.rawValue)
                AND id IN (\(binds: found.map(\.id.db)))
                """
            ).all().map { try $0.uuid("id") }
        }
        return found.filter { adults.contains($0.id) }
    }
}
