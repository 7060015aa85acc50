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
