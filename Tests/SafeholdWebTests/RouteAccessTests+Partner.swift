import Foundation
import SafeholdCore
import SafeholdStore
import SafeholdWeb

/// A school's concern and question about the fixture's child, for the route walk: the partner routes
/// with an id must refuse another team's social worker and audit the refusal against the child.
extension RouteAccessTests {
    struct PartnerSeed {
        var concern = UUID(), advice = UUID()
    }

    static func seedPartner(_ f: WebFixture) async throws -> PartnerSeed {
        let system = AuditContext(system: "test")
        let school = try await f.store.createAgency("Testshire Primary", kind: .school, context: system)
        let lead = try await f.store.createUser(
            User(
                id: UUID(), username: "dsl.route", displayName: "Dee Lead", role: .partner, agencyId: school.id,
                teamId: nil), passwordHash: "unused", mustChangePassword: false, totpSecret: nil, context: system)
        let asLead = AuditContext(actor: lead.actor, ipAddress: nil)
        let concern = try await f.store.raiseConcern(
            PartnerConcernDraft(
                childIds: [f.child.id],
                describedChildren: [
                    DescribedChild(name: "Sib Testwick", dateOfBirth: nil, address: nil, school: nil, gp: nil)
                ], seenOrHeard: "Hungry.", childsWords: nil, actionTaken: nil, parentsAware: true,
                parentsNotAwareReason: nil), context: asLead)
        let advice = try await f.store.askForAdvice(
            AdviceRequestDraft(question: "Refer?", childId: f.child.id, childDescription: nil), context: asLead)
        return PartnerSeed(concern: concern.id, advice: advice.id)
    }

    /// Bodies for the partner routes that pass their own checks, so that only access refuses them.
    static func partnerBody(_ method: String, _ path: String, _ s: Seeded) -> (form: [(String, String)], json: String)?
    {
        guard method == "POST" else { return nil }
        if path.hasSuffix("/children") {
            return ([("version", "1"), ("child.1", s.otherLocalId)], #"{"childIds":["\#(s.child)"],"version":1}"#)
        }
        if path.hasSuffix("/answer") {
            return ([("version", "1"), ("advice", "Refer.")], #"{"advice":"Refer.","version":1}"#)
        }
        return nil
    }
}
