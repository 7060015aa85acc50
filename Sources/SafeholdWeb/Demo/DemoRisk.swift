import Foundation
import SafeholdCore
import SafeholdStore

/// The demo's people who pose a risk: registered sex offenders and MAPPA nominals at levels 1, 2 and 3,
/// each an adult of a demo family on the north team's caseload, with meetings attended by the police,
/// probation (`probation1`'s agency) and children's social care, actions (one overdue), a review due
/// soon, one overdue, and notifications due; so that `mappa1` signs in to real work.
enum DemoRisk {
    /// A demo nominal: the adult with the profile, and a child of their family (for the links' demo).
    struct Nominal: Sendable {
        let personId: UUID
        let name: String
        let profileId: UUID
        let childId: UUID
    }

    /// Loads the profiles and meetings; returns the nominals, level 3 first.
    @discardableResult
    static func load(
        into store: Store, children: [(child: UUID, worker: String)], staged: Set<UUID>, users: [String: User]
    ) async throws -> [Nominal] {
        let worker = AuditContext(actor: users["sw.north2"]!.actor, ipAddress: nil, reason: "demo")
        let coordinator = AuditContext(actor: users["mappa1"]!.actor, ipAddress: nil, reason: "demo")
        var families: [(adult: PersonSummary, child: UUID)] = []
        for child in children.filter({ $0.worker == "sw.north2" && !staged.contains($0.child) }).map(\.child) {
            let record = try await store.openPerson(child, context: worker)
            let taken = Set(families.map(\.adult.id))
            // One nominal per family.
            if record.related.contains(where: { taken.contains($0.other.id) }) { continue }
            if let adult = record.related.map(\.other).first(where: { $0.kind == .adult && !taken.contains($0.id) }) {
                families.append((adult, child))
            }
            if families.count == 4 { break }
        }
        guard families.count == 4 else { return [] }
        let plans = Plan.all(store.today, users: users)
        var nominals: [Nominal] = []
        for (plan, family) in zip(plans, families) {
            let profile = try await store.createRiskProfile(for: family.adult.id, plan.profile, context: coordinator)
            if let meeting = plan.meeting {
                var input = meeting
                if plan.listsDisclosure {
                    // Social care shared at the meeting what the panel needed about the child of the household,
                    // recorded in the child's sharing record with its lawful basis; the meeting lists it.
                    let shared = try await store.recordDisclosure(
                        about: family.child,
                        SharingDraft(
                            decision: .disclosed,
                            what: "The child lives in the household; the child protection plan's contact arrangements.",
                            recipientAgencyId: users["probation1"]!.agencyId, recipientUserId: users["probation1"]!.id,
                            sharedOn: LocalDate(iso: meeting.heldOn ?? "") ?? store.today,
                            lawfulBasis: "ukgdpr_9_2_g_dpa2018_sch1_para18", consent: .notSought,
                            consentReason: "Asking would alert the person who poses the risk.",
                            reasons: "The MAPPA panel manages the risk this adult poses to the children they live with."
                        ),
                        context: worker)
                    input.disclosureIds = [shared.id.text]
                }
                _ = try await store.recordMappaMeeting(profile: profile.id, input, context: coordinator)
            }
            nominals.append(
                Nominal(
                    personId: family.adult.id, name: family.adult.displayName, profileId: profile.id,
                    childId: family.child))
        }
        return nominals
    }

    /// One demo nominal's profile and first meeting.
    struct Plan {
        let profile: RiskProfileInput
        let meeting: MappaMeetingInput?
        let listsDisclosure: Bool

        static func all(_ today: LocalDate, users: [String: User]) -> [Plan] {
            let day = { (offset: Int) in today.adding(days: offset).description }
            let id = { (username: String) in users[username]!.id.text }
            let agency = { (username: String) in users[username]!.agencyId.text }
            let panel = [
                MappaAttendeeInput(name: "Paul Probert", agencyId: agency("probation1"), userId: id("probation1")),
                MappaAttendeeInput(
                    name: "DS Casey Bobbitt", agencyId: agency("police.cait2"), userId: id("police.cait2")),
                MappaAttendeeInput(name: "Nia Worthing", agencyId: agency("sw.north2"), userId: id("sw.north2")),
            ]
            let rso = { (level: String, harm: String, next: String?, notified: Int, change: Int?) in
                RiskProfileInput(
                    kind: "registered_sex_offender", registeredOn: day(-900), registrationPeriod: "indefinite",
                    lastNotifiedOn: day(notified), lastChangeOn: change.map(day), offences: ["SOA03-S7", "PCA78-S1"],
                    riskOfSeriousHarm: harm, riskTo: ["children"], leadAgencyId: agency("probation1"),
                    offenderManagerUserId: id("probation1"), offenderManagerPhone: "01632 960 410",
                    mappaCategory: "1", mappaLevel: level, nextMeetingOn: next)
            }
            let meeting = { (held: Int, minutes: String, actions: [MappaActionInput]) in
                MappaMeetingInput(
                    heldOn: day(held), chairName: "DCI Morgan Reeve (MAPPA chair)", attendees: panel,
                    minutes: minutes,
                    plan: "Licence conditions: no unsupervised contact with under-18s; curfew "
                        + "21:00-07:00; weekly home visits by the offender manager; police visits unannounced.",
                    actions: actions)
            }
            let action = { (what: String, owner: String, username: String, due: Int) in
                MappaActionInput(
                    what: what, ownerName: owner, ownerAgencyId: agency(username), ownerUserId: id(username),
                    dueOn: day(due))
            }
            var violent = RiskProfileInput(
                kind: "violent_offender", offences: ["OAPA-S18", "SCA15-S76"], riskOfSeriousHarm: "high",
                riskTo: ["children", "known_adults"], leadAgencyId: agency("probation1"),
                offenderManagerUserId: id("probation1"), offenderManagerPhone: "01632 960 410", mappaCategory: "2",
                mappaLevel: "2", nextMeetingOn: day(-8))
            violent.offences.append("CYPA33-S1")
            return [
                Plan(
                    profile: rso("3", "very_high", day(10), -200, nil),
                    meeting: meeting(
                        -21,
                        "Seen twice near the primary school gates in breach of the licence conditions. Lives with a "
                            + "partner "
                            + "whose two children are on a child protection plan; social care attended.",
                        [
                            action("Unannounced home visit with police", "Paul Probert", "probation1", -3),
                            action(
                                "Check the school collection list of the partner's children", "Nia Worthing",
                                "sw.north2", 7),
                        ]),
                    listsDisclosure: true),
                Plan(
                    profile: rso("2", "high", day(7), -120, -10),
                    meeting: meeting(
                        -105, "Compliant with notification; new partner disclosed late. Review contact arrangements.",
                        [action("Visit the new partner's address", "DS Casey Bobbitt", "police.cait2", 14)]),
                    listsDisclosure: false),
                Plan(
                    profile: RiskProfileInput(
                        kind: "registered_sex_offender", registeredOn: day(-1500), registrationPeriod: "10",
                        lastNotifiedOn: day(-352), offences: ["SOA03-S15A"], riskOfSeriousHarm: "medium",
                        riskTo: ["children"], leadAgencyId: agency("police.cait1"), offenderManagerName: "DC Lee Ward",
                        offenderManagerPhone: "01632 960 522", mappaCategory: "1", mappaLevel: "1"),
                    meeting: nil, listsDisclosure: false),
                Plan(
                    profile: violent,
                    meeting: MappaMeetingInput(
                        heldOn: day(-120), chairName: "DCI Morgan Reeve (MAPPA chair)",
                        attendees: Array(panel.prefix(2)),
                        minutes: "Domestic abuse perpetrator; victim has moved with the children. No contact order.",
                        plan: "Exclusion zone around the victim's new address; alarm fitted.",
                        actions: [action("Confirm the alarm is fitted", "DS Casey Bobbitt", "police.cait2", -100)],
                        nextReviewOn: day(-8)),
                    listsDisclosure: false),
            ]
        }
    }
}
