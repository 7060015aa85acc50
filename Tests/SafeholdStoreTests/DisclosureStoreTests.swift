import Foundation
import SafeholdCore
import SafeholdStore
import Testing

/// Recording disclosures and decisions not to disclose: who may, what must be given, what is written.
@Suite("Disclosures in the store")
struct DisclosureStoreTests {
    @Test(
        "A worker who may edit the child records a disclosure with its records; audited; the named recipient told",
        arguments: TestBackend.all)
    func recordsAndNotifies(_ backend: TestBackend) async throws {
        try await withWorld(backend) { w in
            let s = try await SharingSetting.make(w)
            let saved = try await s.store.recordDisclosure(
                about: s.child, s.draft(user: s.dsl.id, records: [SharedRecordLink(kind: .note, id: s.note)]),
                context: w.ctx(w.alice))
            #expect(saved.decision == .disclosed && saved.recipientAgency == "Riverside Primary School")
            #expect(saved.recipientName == "Dana Lead" && saved.decisionMaker == "Alice Example")
            #expect(saved.lawfulBasis?.code == "ukgdpr_6_1_e" && saved.consent == .notSought)
            #expect(saved.records == [SharedRecordLink(kind: .note, id: s.note)])
            let entries = try await w.store.audit.entries(forPerson: s.child).filter {
                $0.event.entityType == "disclosure" && $0.event.action == .create
            }
            #expect(entries.count == 1 && entries.first?.event.actorId == w.alice.id)
            let told = try await s.store.notifications(context: w.ctx(s.dsl))
            #expect(told.map(\.kind) == [.informationShared] && told.first?.personId == s.child)
            #expect(try await s.store.notifications(context: w.ctx(s.grantedDsl)).isEmpty)
        }
    }

    @Test(
        "No basis, an unknown, retired or police-only basis, or consent as basis without consent: 422, nothing written",
        arguments: TestBackend.all)
    func lawfulBasisRequired(_ backend: TestBackend) async throws {
        try await withWorld(backend) { w in
            let s = try await SharingSetting.make(w)
            try await w.env.execute("UPDATE lawful_bases SET active = 0 WHERE code = 'ukgdpr_6_1_d'")
            let before = try await s.footprint()
            for (basis, consent) in [
                (nil, ConsentStatus.notSought), ("", .notSought), ("gdpr_made_up", .notSought),
                ("ukgdpr_6_1_d", .notSought), ("dpa2018_part3_s35", .notSought), ("ukgdpr_6_1_a", .sought),
            ] {
                let error = await expectRefusal(.invalid) {
                    try await s.store.recordDisclosure(
                        about: s.child, s.draft(basis: basis, consent: consent), context: w.ctx(w.alice))
                }
                #expect(error?.fields == ["lawfulBasis"], "basis \(basis ?? "nil")")
            }
            #expect(try await s.footprint() == before)
            // Retired bases stay readable on the list, marked, and are not offered for a new choice.
            let all = try await s.store.lawfulBases(includeRetired: true)
            #expect(all.first { $0.code == "ukgdpr_6_1_d" }?.active == false)
            #expect(try await s.store.lawfulBases(for: .sharing).contains { $0.code == "ukgdpr_6_1_d" } == false)
        }
    }

    @Test(
        "Consent overridden or not sought without a reason, or refused and shared anyway: 422 naming the field",
        arguments: TestBackend.all)
    func consentReasons(_ backend: TestBackend) async throws {
        try await withWorld(backend) { w in
            let s = try await SharingSetting.make(w)
            let before = try await s.footprint()
            let cases: [(ConsentStatus, String?, String)] = [
                (.overridden, nil, "consentReason"), (.overridden, "  ", "consentReason"),
                (.notSought, nil, "consentReason"), (.refused, nil, "consent"),
            ]
            for (consent, reason, field) in cases {
                let error = await expectRefusal(.invalid) {
                    try await s.store.recordDisclosure(
                        about: s.child, s.draft(consent: consent, consentReason: reason), context: w.ctx(w.alice))
                }
                #expect(error?.fields == [field], "\(consent)")
            }
            #expect(try await s.footprint() == before)
            let overridden = try await s.store.recordDisclosure(
                about: s.child,
                s.draft(consent: .overridden, consentReason: "Father refused; the risk of harm outweighs it."),
                context: w.ctx(w.alice))
            #expect(overridden.consent == .overridden && overridden.consentReason?.hasPrefix("Father") == true)
        }
    }

    @Test(
        "A record from another child's file, or one that does not exist, is refused naming records",
        arguments: TestBackend.all)
    func linksStayOnTheChild(_ backend: TestBackend) async throws {
        try await withWorld(backend) { w in
            let s = try await SharingSetting.make(w)
            let before = try await s.footprint()
            for link in [
                SharedRecordLink(kind: .note, id: s.otherNote), SharedRecordLink(kind: .note, id: UUID()),
                SharedRecordLink(kind: .contact, id: s.note), SharedRecordLink(kind: .step, id: s.note),
                SharedRecordLink(kind: .report, id: s.note),
            ] {
                let error = await expectRefusal(.invalid) {
                    try await s.store.recordDisclosure(
                        about: s.child, s.draft(records: [link]), context: w.ctx(w.alice))
                }
                #expect(error?.fields == ["records"])
                #expect(error.map { "\($0)" }?.contains("Other.") == false)
            }
            #expect(try await s.footprint() == before)
        }
    }

    @Test(
        "A decision not to disclose keeps its reasons without a basis, tells nobody and is not shared with the agency",
        arguments: TestBackend.all)
    func decisionNotToDisclose(_ backend: TestBackend) async throws {
        try await withWorld(backend) { w in
            let s = try await SharingSetting.make(w)
            var withBasis = s.draft(user: s.dsl.id, decision: .notDisclosed)
            withBasis.lawfulBasis = "ukgdpr_6_1_e"
            let error = await expectRefusal(.invalid) {
                try await s.store.recordDisclosure(about: s.child, withBasis, context: w.ctx(w.alice))
            }
            #expect(error?.fields == ["lawfulBasis"])
            let kept = try await s.store.recordDisclosure(
                about: s.child, s.draft(user: s.dsl.id, decision: .notDisclosed), context: w.ctx(w.alice))
            #expect(kept.decision == .notDisclosed && kept.lawfulBasis == nil)
            #expect(kept.reasons == "School must know who may collect the child.")
            #expect(try await s.store.notifications(context: w.ctx(s.dsl)).isEmpty)
            #expect(try await s.store.sharedWithUs(context: w.ctx(s.dsl)).disclosures.isEmpty)
            let record = try await s.store.sharingRecord(of: s.child, context: w.ctx(w.alice))
            #expect(record.disclosures.map(\.id) == [kept.id])
        }
    }

    @Test(
        "Only someone who may edit the child records: other team, granted partner, police, DPO, ED refused and audited",
        arguments: TestBackend.all)
    func whoMayRecord(_ backend: TestBackend) async throws {
        try await withWorld(backend) { w in
            let s = try await SharingSetting.make(w)
            let refusals: [(User, Refusal)] = [
                (w.carol, .notFound), (s.grantedDsl, .forbidden), (w.officer, .notFound), (w.dpo, .notFound),
                (s.nurse, .notFound), (s.dsl, .notFound),
            ]
            for (user, refusal) in refusals {
                let before = try await s.footprint()
                await expectRefusal(refusal) {
                    try await s.store.recordDisclosure(about: s.child, s.draft(), context: w.ctx(user))
                }
                let after = try await s.footprint()
                #expect(
                    after["disclosures"] == before["disclosures"] && after["notifications"] == before["notifications"])
                let denied = try await w.store.audit.entries(forPerson: s.child).filter {
                    $0.event.action == .denied && $0.event.actorId == user.id
                }
                #expect(denied.count == 1, "\(user.username)")
            }
        }
    }

    @Test(
        "The decision maker is the recorder or a manager of their service; the recipient user must be the agency's",
        arguments: TestBackend.all)
    func decisionMakerAndRecipient(_ backend: TestBackend) async throws {
        try await withWorld(backend) { w in
            let s = try await SharingSetting.make(w)
            var byManager = s.draft()
            byManager.decisionMakerId = w.manager.id
            let saved = try await s.store.recordDisclosure(about: s.child, byManager, context: w.ctx(w.alice))
            #expect(saved.decisionMaker == "Mina Manager" && saved.recordedBy == "Alice Example")
            let before = try await s.footprint()
            var byColleague = s.draft()
            byColleague.decisionMakerId = w.carol.id
            #expect(
                await expectRefusal(.invalid) {
                    try await s.store.recordDisclosure(about: s.child, byColleague, context: w.ctx(w.alice))
                }?.fields == ["decisionMakerId"])
            #expect(
                await expectRefusal(.invalid) {
                    try await s.store.recordDisclosure(
                        about: s.child, s.draft(to: s.school.id, user: s.hv.id), context: w.ctx(w.alice))
                }?.fields == ["recipientUserId"])
            for agency in [w.council.id, UUID()] {
                #expect(
                    await expectRefusal(.invalid) {
                        try await s.store.recordDisclosure(about: s.child, s.draft(to: agency), context: w.ctx(w.alice))
                    }?.fields == ["recipientAgencyId"])
            }
            #expect(try await s.footprint() == before)
        }
    }
}
