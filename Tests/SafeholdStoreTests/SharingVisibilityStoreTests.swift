import Foundation
import SafeholdCore
import SafeholdStore
import Testing

/// Who sees what of the sharing record: each agency only what was shared with it, the DPO everything,
/// children's social care the children they may open, unscheduled care nothing.
@Suite("Who sees the sharing record")
struct SharingVisibilityStoreTests {
    @Test(
        "An agency sees only what was shared with it (what, when, by whom, basis), never another agency's",
        arguments: TestBackend.all)
    func eachAgencyItsOwn(_ backend: TestBackend) async throws {
        try await withWorld(backend) { w in
            let s = try await SharingSetting.make(w)
            let toSchool = try await s.store.recordDisclosure(
                about: s.child, s.draft(records: [SharedRecordLink(kind: .note, id: s.note)]), context: w.ctx(w.alice))
            let toHealth = try await s.store.recordDisclosure(
                about: s.child, s.draft(to: s.health.id), context: w.ctx(w.alice))
            let school = try await s.store.sharedWithUs(context: w.ctx(s.dsl))
            #expect(school.disclosures.map(\.id) == [toSchool.id])
            let line = try #require(school.disclosures.first)
            #expect(line.what == toSchool.what && line.sharedBy == "Alice Example" && line.childName == "Sky Sharewell")
            #expect(line.lawfulBasis == toSchool.lawfulBasis?.label)
            #expect(try await s.store.sharedWithUs(context: w.ctx(s.hv)).disclosures.map(\.id) == [toHealth.id])
            // The police see only what was shared with the police (nothing yet), then only that.
            #expect(try await s.store.sharedWithUs(context: w.ctx(w.officer)).disclosures.isEmpty)
            let toPolice = try await s.store.recordDisclosure(
                about: s.child, s.draft(to: w.police.id), context: w.ctx(w.alice))
            #expect(try await s.store.sharedWithUs(context: w.ctx(w.officer)).disclosures.map(\.id) == [toPolice.id])
            // The school's reading is audited against the child.
            let reads = try await w.store.audit.entries(forPerson: s.child).filter {
                $0.event.entityType == "shared_with_us" && $0.event.actorId == s.dsl.id
            }
            #expect(reads.map(\.event.action) == [.search] && reads.allSatisfy { $0.event.receipt != nil })
        }
    }

    @Test(
        "Unscheduled care, analysts and administrators see nothing shared; the refusal is audited",
        arguments: TestBackend.all)
    func unscheduledCareNothing(_ backend: TestBackend) async throws {
        try await withWorld(backend) { w in
            let s = try await SharingSetting.make(w)
            _ = try await s.store.recordDisclosure(about: s.child, s.draft(to: s.health.id), context: w.ctx(w.alice))
            for user in [s.nurse, w.admin] {
                await expectRefusal(.forbidden) { try await s.store.sharedWithUs(context: w.ctx(user)) }
            }
            await expectRefusal(.notFound) { try await s.store.sharingRecord(of: s.child, context: w.ctx(s.nurse)) }
            let denied = try await w.store.audit.recent(limit: 20).filter {
                $0.event.actorId == s.nurse.id && $0.event.action == .denied
            }
            #expect(denied.count == 2)
        }
    }

    @Test(
        "The child's whole record: its workers and the DPO; not another team, a granted partner or the police",
        arguments: TestBackend.all)
    func childsWholeRecord(_ backend: TestBackend) async throws {
        try await withWorld(backend) { w in
            let s = try await SharingSetting.make(w)
            _ = try await s.store.recordDisclosure(about: s.child, s.draft(), context: w.ctx(w.alice))
            _ = try await s.store.recordDisclosure(
                about: s.child, s.draft(to: s.health.id, decision: .notDisclosed), context: w.ctx(w.alice))
            let alice = try await s.store.sharingRecord(of: s.child, context: w.ctx(w.alice))
            #expect(alice.disclosures.count == 2 && alice.mayRecord)
            let dpo = try await s.store.sharingRecord(of: s.child, context: w.ctx(w.dpo))
            #expect(dpo.disclosures.count == 2 && !dpo.mayRecord)
            await expectRefusal(.notFound) { try await s.store.sharingRecord(of: s.child, context: w.ctx(w.carol)) }
            await expectRefusal(.notFound) { try await s.store.sharingRecord(of: s.child, context: w.ctx(w.officer)) }
            await expectRefusal(.notFound) { try await s.store.sharingRecord(of: s.child, context: w.ctx(s.dsl)) }
            // A partner granted sight of the child still sees only their agency's slice.
            await expectRefusal(.forbidden) {
                try await s.store.sharingRecord(of: s.child, context: w.ctx(s.grantedDsl))
            }
            let denied = try await w.store.audit.entries(forPerson: s.child).filter {
                $0.event.action == .denied && $0.event.entityType == "disclosure"
            }
            #expect(Set(denied.compactMap(\.event.actorId)) == [w.carol.id, w.officer.id, s.dsl.id, s.grantedDsl.id])
        }
    }

    @Test(
        "The register: the DPO reads every disclosure, narrowed by date and agency; nobody else",
        arguments: TestBackend.all)
    func register(_ backend: TestBackend) async throws {
        try await withWorld(backend) { w in
            let s = try await SharingSetting.make(w)
            _ = try await s.store.recordDisclosure(about: s.child, s.draft(), context: w.ctx(w.alice))
            _ = try await s.store.recordDisclosure(
                about: s.otherChild, s.draft(to: s.health.id), context: w.ctx(w.carol))
            let all = try await s.store.sharingRegister(SharingRegisterFilter(), context: w.ctx(w.dpo))
            #expect(all.disclosures.count == 2)
            let school = try await s.store.sharingRegister(
                SharingRegisterFilter(agencyId: s.school.id), context: w.ctx(w.dpo))
            #expect(school.disclosures.map(\.personId) == [s.child])
            let earlier = try await s.store.sharingRegister(
                SharingRegisterFilter(to: Synthetic.today.adding(days: -1)), context: w.ctx(w.dpo))
            #expect(earlier.disclosures.isEmpty)
            let byBasis = try await s.store.sharingRegister(
                SharingRegisterFilter(lawfulBasis: "ukgdpr_6_1_a"), context: w.ctx(w.dpo))
            #expect(byBasis.disclosures.isEmpty)
            for user in [w.alice, w.manager, s.dsl, w.officer] {
                await expectRefusal(.forbidden) {
                    try await s.store.sharingRegister(SharingRegisterFilter(), context: w.ctx(user))
                }
            }
            let listed = try await w.store.audit.entries(forPerson: s.otherChild).filter {
                $0.event.entityType == "sharing_register" && $0.event.actorId == w.dpo.id
            }
            // Listed once (in the unfiltered register), audited once.
            #expect(listed.count == 1)
        }
    }
}
