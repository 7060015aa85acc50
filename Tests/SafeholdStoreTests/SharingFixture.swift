import Foundation
import SafeholdCore
import SafeholdSeeding
import SafeholdStore
import Testing

/// A child of team A (allocated to alice, with a note and a contact on file), a second child of team B, a
/// school and a health service each with a partner user, a school partner granted sight of the first child,
/// and an emergency department nurse.
struct SharingSetting: Sendable {
    let w: World
    let child: UUID
    let otherChild: UUID
    let note: UUID
    let otherNote: UUID
    let school: Agency
    let health: Agency
    let dsl: User
    let hv: User
    let grantedDsl: User
    let nurse: User

    var store: Store { w.store }

    static func make(_ w: World) async throws -> SharingSetting {
        let school = try await w.env.createAgency("Riverside Primary School", kind: .school)
        let health = try await w.env.createAgency("Northfield Health Visiting", kind: .health)
        let dsl = try await w.env.createUser("dsl", "Dana Lead", role: .partner, agency: school, team: nil)
        let granted = try await w.env.createUser("dsl2", "Gina Lead", role: .partner, agency: school, team: nil)
        let hv = try await w.env.createUser("hv.one", "Hana Visitor", role: .partner, agency: health, team: nil)
        let nurse = try await w.env.createUser(
            "ed.nurse", "Eddie Nurse", role: .unscheduledCare, agency: health, team: nil)
        let ids = try await w.store.bulkLoad(
            [
                BulkPerson(
                    details: Synthetic.child("Sky", "Sharewell"), team: w.teamA.id, worker: w.alice.id,
                    grants: [(user: granted.id, canEdit: false)]),
                BulkPerson(details: Synthetic.child("Rory", "Elsewhere"), team: w.teamB.id, worker: w.carol.id),
            ], links: [], context: w.env.system)
        let note = try await w.store.addNote(
            to: ids[0], CaseNoteDraft(notedOn: Synthetic.today, kind: .observation, significant: true, body: "Seen."),
            context: w.ctx(w.alice))
        let other = try await w.store.addNote(
            to: ids[1], CaseNoteDraft(notedOn: Synthetic.today, kind: .observation, significant: true, body: "Other."),
            context: w.ctx(w.carol))
        return SharingSetting(
            w: w, child: ids[0], otherChild: ids[1], note: note.id, otherNote: other.id, school: school,
            health: health, dsl: dsl, hv: hv, grantedDsl: granted, nurse: nurse)
    }

    /// A disclosure to `agency` (the school by default) under public task, consent not sought.
    func draft(
        to agency: UUID? = nil, user: UUID? = nil, decision: SharingDecision = .disclosed,
        basis: String? = "ukgdpr_6_1_e", consent: ConsentStatus = .notSought,
        consentReason: String? = "Asking would alert the person causing harm.", records: [SharedRecordLink] = []
    ) -> SharingDraft {
        SharingDraft(
            decision: decision, what: "The child protection plan's safety actions for school.", records: records,
            recipientAgencyId: agency ?? school.id, recipientUserId: user, sharedOn: Synthetic.today,
            lawfulBasis: decision == .disclosed ? basis : nil, consent: consent, consentReason: consentReason,
            reasons: "School must know who may collect the child.")
    }

    /// Tables the sharing record writes, and the audit.
    func footprint() async throws -> [String: Int] {
        var counts: [String: Int] = [:]
        for table in ["disclosures", "disclosure_records", "information_requests", "notifications", "audit_log"] {
            counts[table] = try await w.env.count(table)
        }
        return counts
    }
}
