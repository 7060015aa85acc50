import Foundation
import SQLKit
import SafeholdCore
import SafeholdStore
import Testing

/// Explicit access grants: requested, approved by a manager of a team allocated the child (or made
/// directly by one), revoked, expiring; refused without an expiry or to a role that cannot work
/// with records.
@Suite("Access grants")
struct AccessGrantStoreTests {
    func draft(_ user: User, expires: String = "2026-12-24", edit: Bool = false) -> AccessGrantDraft {
        AccessGrantDraft(userId: user.id, canEdit: edit, reason: "Covering the duty rota", expiresOn: expires)
    }

    @Test("A request gives nothing until the manager approves; revoking ends it", arguments: TestBackend.all)
    func requestApproveRevoke(_ backend: TestBackend) async throws {
        try await withWorld(backend) { w in
            let child = try await w.store.createPerson(Synthetic.child("Gia", "Granted"), context: w.ctx(w.alice))
            let request = try await w.store.requestGrant(child.id, draft(w.carol), context: w.ctx(w.carol))
            #expect(request.status == .requested && request.requestedByName == "Carol Example")
            await expectRefusal(.notFound) { try await w.store.openPerson(child.id, context: w.ctx(w.carol)) }
            #expect(try await w.store.notifications(context: w.ctx(w.manager)).contains { $0.kind == .accessGrant })
            #expect(try await w.store.pendingGrants(context: w.ctx(w.manager)).map(\.id) == [request.id])
            // Not a manager of a team allocated the child: refused, nothing changes.
            await expectRefusal(.forbidden) {
                try await w.store.decideGrant(request.id, approve: true, context: w.ctx(w.alice))
            }
            try await w.store.decideGrant(request.id, approve: true, context: w.ctx(w.manager))
            _ = try await w.store.openPerson(child.id, context: w.ctx(w.carol))
            await expectRefusal(.conflict) {
                try await w.store.decideGrant(request.id, approve: true, context: w.ctx(w.manager))
            }
            let grants = try await w.store.grants(of: child.id, context: w.ctx(w.manager))
            #expect(grants.map(\.status) == [.active] && grants.first?.grantedByName == "Mina Manager")
            try await w.store.revokeGrant(request.id, context: w.ctx(w.manager))
            await expectRefusal(.notFound) { try await w.store.openPerson(child.id, context: w.ctx(w.carol)) }
            #expect(try await w.store.grants(of: child.id, context: w.ctx(w.manager)).map(\.status) == [.revoked])
            let audit = try await w.env.recentAudit(40).filter { $0.event.action == .grant }
            #expect(Set(audit.compactMap(\.event.detail)).isSuperset(of: ["approved", "revoked"]))
        }
    }

    @Test("A manager's own grant works at once and stops at its expiry", arguments: TestBackend.all)
    func expiry(_ backend: TestBackend) async throws {
        try await withWorld(backend) { w in
            let child = try await w.store.createPerson(Synthetic.child("Gia", "Expiring"), context: w.ctx(w.alice))
            let grant = try await w.store.requestGrant(
                child.id, draft(w.carol, expires: "2026-11-25"), context: w.ctx(w.manager))
            #expect(grant.status == .active)
            _ = try await w.store.openPerson(child.id, context: w.ctx(w.carol))
            // 23:59 UK time on the expiry day: still in; midnight: out.
            w.env.clock.set(Date(timeIntervalSince1970: 1_795_651_140))
            _ = try await w.store.openPerson(child.id, context: w.ctx(w.carol))
            w.env.clock.set(Date(timeIntervalSince1970: 1_795_651_200))
            await expectRefusal(.notFound) { try await w.store.openPerson(child.id, context: w.ctx(w.carol)) }
            #expect(try await w.store.grants(of: child.id, context: w.ctx(w.manager)).map(\.status) == [.expired])
        }
    }

    @Test(
        "No expiry, too long, a role without records, a partner to edit, a stranger: refused, nothing written",
        arguments: TestBackend.all)
    func refusals(_ backend: TestBackend) async throws {
        try await withWorld(backend) { w in
            let health = try await w.env.createAgency("Northfield Health", kind: .health)
            let nurse = try await w.env.createUser("hv.hana", "Hana Visitor", role: .partner, agency: health, team: nil)
            let managerB = try await w.env.createUser(
                "tm.b", "Bo Manager", role: .teamManager, agency: w.council, team: w.teamB)
            let child = try await w.store.createPerson(Synthetic.child("Gia", "Refused"), context: w.ctx(w.alice))
            let before = try await w.env.footprint()
            for (draft, field) in [
                (draft(w.carol, expires: ""), "expiresOn"), (draft(w.carol, expires: "2027-06-01"), "expiresOn"),
                (draft(w.carol, expires: "2026-11-01"), "expiresOn"), (draft(w.dpo), "userId"),
                (draft(w.admin), "userId"), (draft(nurse, edit: true), "canEdit"),
            ] {
                let error = await expectRefusal(.invalid) {
                    try await w.store.requestGrant(child.id, draft, context: w.ctx(w.manager))
                }
                if case .invalid(let errors) = error { #expect(errors.map(\.field) == [field]) }
            }
            // Another team's manager may ask only for themselves, not make one for someone else.
            await expectRefusal(.notFound) {
                try await w.store.requestGrant(child.id, draft(w.carol), context: w.ctx(managerB))
            }
            // The DPO's role does not work with records.
            await expectRefusal(.forbidden) {
                try await w.store.requestGrant(child.id, draft(w.dpo), context: w.ctx(w.dpo))
            }
            var after = try await w.env.footprint()
            after["audit_log"] = before["audit_log"]
            #expect(after == before)
            // A partner may be granted to read only, by the manager.
            let read = try await w.store.requestGrant(child.id, draft(nurse), context: w.ctx(w.manager))
            #expect(read.status == .active && !read.canEdit)
            let record = try await w.store.openPerson(child.id, context: w.ctx(nurse))
            #expect(record.facts.grants[nurse.id] == false)
            await expectRefusal(.notFound) {
                try await w.store.revokeGrant(read.id, context: w.ctx(w.dpo))
            }
            await expectRefusal(.notFound) { try await w.store.revokeGrant(read.id, context: w.ctx(managerB)) }
        }
    }
}
