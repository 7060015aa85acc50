import Foundation
import SafeholdCore
import SafeholdStore

/// The demo's information-sharing record, so that the school, health visiting and probation have
/// something in "Shared with us" and the data protection officer a register to read: disclosures to
/// each, a decision not to disclose with its reasons, consent overridden with its reason, a request from
/// probation answered in part and a request from a school left overdue in the north team's due list.
enum DemoInformationSharing {
    static func load(
        into store: Store, children: [(child: UUID, worker: String)], users: [String: User]
    ) async throws {
        let north = children.filter { $0.worker == "sw.north1" }.map(\.child)
        guard north.count >= 4 else { return }
        let worker = AuditContext(actor: users["sw.north1"]!.actor, ipAddress: nil, reason: "demo")
        let agency = { (username: String) in users[username]!.agencyId }
        let today = store.today
        let note = try await store.addNote(
            to: north[0],
            CaseNoteDraft(
                notedOn: today.adding(days: -3), kind: .meeting, significant: true,
                body: "Safety plan agreed with mother: only she or the grandmother collect the children from school."),
            context: worker)
        let planBasis = "ukgdpr_9_2_g_dpa2018_sch1_para18"
        _ = try await store.recordDisclosure(
            about: north[0],
            SharingDraft(
                decision: .disclosed, what: "The safety plan's collection arrangements and who must not collect.",
                records: [SharedRecordLink(kind: .note, id: note.id)], recipientAgencyId: agency("dsl.riverside"),
                recipientUserId: users["dsl.riverside"]!.id, sharedOn: today.adding(days: -2),
                lawfulBasis: planBasis, consent: .given, reasons: "The school must know who may collect the child."),
            context: worker)
        _ = try await store.recordDisclosure(
            about: north[1],
            SharingDraft(
                decision: .disclosed, what: "The child is on a child protection plan; visits every ten working days.",
                recipientAgencyId: agency("hv1"), recipientUserId: users["hv1"]!.id, sharedOn: today.adding(days: -5),
                lawfulBasis: "ukgdpr_6_1_e", consent: .notSought,
                consentReason: "Routine sharing with the health visitor named in the plan; the family were told.",
                reasons: "The health visitor carries out plan actions and must know the plan."),
            context: worker)
        var overridden = SharingDraft(
            decision: .disclosed, what: "That the mother's partner now lives in the household with the child.",
            recipientAgencyId: agency("probation1"), recipientUserId: users["probation1"]!.id,
            sharedOn: today.adding(days: -1), lawfulBasis: planBasis, consent: .overridden,
            consentReason:
                "The partner refused consent; the child's safety outweighs it and asking again would raise the risk.",
            reasons: "Probation manage the partner's licence conditions, which bar unsupervised contact with children.")
        overridden.decisionMakerId = users["tm.north"]!.id
        _ = try await store.recordDisclosure(about: north[2], overridden, context: worker)
        _ = try await store.recordDisclosure(
            about: north[3],
            SharingDraft(
                decision: .notDisclosed, what: "The academy asked for the family's new address.",
                recipientAgencyId: agency("dsl.academy"), sharedOn: today.adding(days: -4), lawfulBasis: nil,
                consent: .refused,
                reasons: "The mother and child are in a refuge; the address is not needed for the child's education."),
            context: worker)
        try await requests(store, north, users: users, worker: worker)
    }

    /// A request from probation, answered in part; a request from the school, received by telephone three
    /// weeks ago and still unanswered (overdue).
    static func requests(
        _ store: Store, _ north: [UUID], users: [String: User], worker: AuditContext
    ) async throws {
        let probation = AuditContext(actor: users["probation1"]!.actor, ipAddress: nil, reason: "demo")
        let asked = try await store.raiseInformationRequest(
            InformationRequestDraft(
                personId: north[2], agencyId: users["probation1"]!.agencyId, requesterName: "Paul Probert",
                channel: .safehold, receivedOn: store.today, what: "Does the child have contact with our supervisee?",
                why: "To set licence conditions."), context: probation)
        _ = try await store.answerInformationRequest(
            asked.id,
            InformationResponse(
                outcome: .disclosedInPart, outcomeReason: "The child's school and address are withheld.", version: 1),
            disclosure: SharingDraft(
                decision: .disclosed, what: "Yes: supervised contact at a family centre, once a fortnight.",
                recipientAgencyId: users["probation1"]!.agencyId, recipientUserId: users["probation1"]!.id,
                sharedOn: store.today, lawfulBasis: "ukgdpr_6_1_e", consent: .notSought,
                consentReason: "Asking would alert the supervisee before conditions are set.",
                reasons: "Probation need to know of contact to protect the child."), context: worker)
        let received = store.ruleset.calendar.adding(workingDays: -15, to: store.today)
        _ = try await store.raiseInformationRequest(
            InformationRequestDraft(
                personId: north[0], agencyId: users["dsl.riverside"]!.agencyId, requesterName: "Rita Rivers",
                channel: .phone, receivedOn: received, what: "Is there a court order about who may see the child?",
                why: "A relative has asked to collect the child."), context: worker)
    }
}
