import Foundation
import SafeholdCore
import SafeholdStore
import Testing

/// MAPPA meetings in the store: minutes, plan and actions for the panel's members and agencies only;
/// never for a worker who reaches the adult's or a child's record; disclosures listed from the
/// information-sharing record; actions owned and moved on; the home's due items.
@Suite("MAPPA meetings in the store")
struct MappaMeetingStoreTests {
    func meeting(_ r: RiskWorld, disclosures: [UUID] = [], next: String? = nil) -> MappaMeetingInput {
        MappaMeetingInput(
            heldOn: "2026-11-20", chairName: "DI Chair",
            attendees: [
                MappaAttendeeInput(
                    name: "Olu Manager", agencyId: r.probation.id.uuidString, userId: r.offenderManager.id.uuidString),
                MappaAttendeeInput(name: "DS Police", agencyId: r.w.police.id.uuidString),
            ], minutes: "Restricted: he has been seen near the primary school.", plan: "Curfew; weekly visits.",
            actions: [
                MappaActionInput(
                    what: "Home visit", ownerName: "Olu", ownerAgencyId: r.probation.id.uuidString,
                    ownerUserId: r.offenderManager.id.uuidString, dueOn: "2026-11-21")
            ], disclosureIds: disclosures.map(\.uuidString), nextReviewOn: next)
    }

    @Test(
        "The panel's members and agencies read the minutes; others see the meeting or nothing",
        arguments: TestBackend.all)
    func minutesForThePanel(_ backend: TestBackend) async throws {
        try await withRisk(backend) { r in
            let profile = try await r.createProfile()
            let recorded = try await r.store.recordMappaMeeting(
                profile: profile.id, meeting(r), context: r.ctx(r.coordinator))
            // The next review defaults to the MAPPA review interval (16 weeks) and becomes the profile's.
            let review = r.store.ruleset.due(r.store.ruleset.risk.mappaReview, from: Synthetic.date("2026-11-20"))
            #expect(recorded.nextReviewOn == review && recorded.minutes?.actions.count == 1)
            let view = try await r.store.riskProfile(profile.id, context: r.ctx(r.probationColleague))
            #expect(view.profile.nextMeetingOn == review && view.profile.version == 2)
            // A colleague of an attending agency reads the minutes; so does a police user (the police attended).
            #expect(view.meetings.first?.minutes?.minutes.contains("primary school") == true)
            let police = try await r.store.mappaMeeting(recorded.id, context: r.ctx(r.w.officer))
            #expect(police.minutes?.plan == "Curfew; weekly visits.")
            // A school (not at the meeting) and the social workers who hold the adult's and the child's records
            // see nothing: the one 404, audited against the adult.
            for user in [r.schoolLead, r.w.alice, r.w.manager, r.w.dpo] {
                let error = await expectRefusal(.notFound) {
                    try await r.store.mappaMeeting(recorded.id, context: r.ctx(user))
                }
                #expect(error == .notFound(AccessPolicy.noVisibleRecord))
                #expect(try await r.store.mappaHome(context: r.ctx(user)).profiles.isEmpty)
            }
            let denied = try await r.w.env.recentAudit(40).filter {
                $0.event.action == .denied && $0.event.actorId == r.schoolLead.id && $0.event.personId == r.adult
            }
            #expect(!denied.isEmpty)
            // The audit says whose minutes were shown.
            let shown = try await r.w.env.recentAudit(60).filter {
                $0.event.entityType == "mappa_meeting" && $0.event.actorId == r.w.officer.id
            }
            #expect(shown.contains { $0.event.detail == "minutes shown" && $0.event.personId == r.adult })
        }
    }

    @Test("The offender manager who sat on no panel sees the meeting, not its minutes", arguments: TestBackend.all)
    func managerWithoutPanel(_ backend: TestBackend) async throws {
        try await withRisk(backend) { r in
            let profile = try await r.createProfile()
            var input = meeting(r)
            input.attendees = [MappaAttendeeInput(name: "DS Police", agencyId: r.w.police.id.uuidString)]
            input.actions = []
            let recorded = try await r.store.recordMappaMeeting(
                profile: profile.id, input, context: r.ctx(r.coordinator))
            let seen = try await r.store.mappaMeeting(recorded.id, context: r.ctx(r.offenderManager))
            #expect(seen.minutes == nil && seen.chairName == "DI Chair")
            let withheld = try await r.w.env.recentAudit(10).filter { $0.event.actorId == r.offenderManager.id }
            #expect(withheld.contains { $0.event.detail == "minutes withheld" })
            // Their probation colleague (no agency at the meeting, not the manager) sees nothing.
            _ = await expectRefusal(.notFound) {
                try await r.store.riskProfile(profile.id, context: r.ctx(r.probationColleague))
            }
        }
    }

    @Test(
        "Social care at the meeting: its named worker reads the minutes, the child's other holders do not",
        arguments: TestBackend.all)
    func socialCareAsNamedMembersOnly(_ backend: TestBackend) async throws {
        try await withRisk(backend) { r in
            let profile = try await r.createProfile()
            var input = meeting(r)
            input.attendees.append(
                MappaAttendeeInput(
                    name: "Alice Example", agencyId: r.w.council.id.uuidString, userId: r.w.alice.id.uuidString))
            let recorded = try await r.store.recordMappaMeeting(
                profile: profile.id, input, context: r.ctx(r.coordinator))
            #expect(try await r.store.mappaMeeting(recorded.id, context: r.ctx(r.w.alice)).minutes != nil)
            // Bob and the manager hold the child's and the adult's records in Alice's team: nothing.
            for user in [r.w.bob, r.w.manager, r.w.carol] {
                _ = await expectRefusal(.notFound) { try await r.store.mappaMeeting(recorded.id, context: r.ctx(user)) }
            }
        }
    }

    @Test("Bad meetings are refused naming the field, and nothing is written", arguments: TestBackend.all)
    func badMeetings(_ backend: TestBackend) async throws {
        try await withRisk(backend) { r in
            let profile = try await r.createProfile()
            let other = try await r.w.env.createAgency("Elsewhere Probation", kind: .probation)
            var noAttendees = meeting(r)
            noAttendees.attendees = []
            var lateReview = meeting(r, next: "2027-06-01")
            lateReview.minutes = "\u{202E}reversed"
            var strangerUser = meeting(r)
            strangerUser.attendees = [
                MappaAttendeeInput(name: "X", agencyId: other.id.uuidString, userId: r.offenderManager.id.uuidString)
            ]
            for (input, fields) in [
                (noAttendees, ["attendees"]), (lateReview, ["minutes", "nextReviewOn"]),
                (strangerUser, ["attendees[0].userId"]),
            ] {
                let error = await expectRefusal(.invalid) {
                    try await r.store.recordMappaMeeting(profile: profile.id, input, context: r.ctx(r.coordinator))
                }
                #expect(error?.fields == fields)
            }
            // Only the coordinator records one; the offender manager is told why.
            _ = await expectRefusal(.forbidden) {
                try await r.store.recordMappaMeeting(profile: profile.id, meeting(r), context: r.ctx(r.offenderManager))
            }
            for table in ["mappa_meetings", "mappa_attendees", "mappa_actions", "mappa_meeting_disclosures"] {
                #expect(try await r.w.env.count(table) == 0, "\(table)")
            }
            #expect(try await r.store.riskProfile(profile.id, context: r.ctx(r.coordinator)).profile.version == 1)
        }
    }

    @Test(
        "A disclosure made to an agency at the meeting is listed; another agency's is refused",
        arguments: TestBackend.all)
    func disclosuresShared(_ backend: TestBackend) async throws {
        try await withRisk(backend) { r in
            let profile = try await r.createProfile()
            let draft = { (agency: UUID) in
                SharingDraft(
                    decision: .disclosed, what: "Mia lives with her mother; Dale visits at weekends.", records: [],
                    recipientAgencyId: agency, recipientUserId: nil, sharedOn: Synthetic.today,
                    lawfulBasis: "ukgdpr_6_1_e", consent: .notSought, consentReason: "Would alert him.",
                    reasons: "The panel must know which children he sees.")
            }
            let toProbation = try await r.store.recordDisclosure(
                about: r.child, draft(r.probation.id), context: r.ctx(r.w.alice))
            let toSchool = try await r.store.recordDisclosure(
                about: r.child, draft(r.school.id), context: r.ctx(r.w.alice))
            let refused = await expectRefusal(.invalid) {
                try await r.store.recordMappaMeeting(
                    profile: profile.id, meeting(r, disclosures: [toSchool.id]), context: r.ctx(r.coordinator))
            }
            #expect(refused?.fields == ["disclosureIds"])
            let recorded = try await r.store.recordMappaMeeting(
                profile: profile.id, meeting(r, disclosures: [toProbation.id]), context: r.ctx(r.coordinator))
            let shared = try #require(recorded.minutes?.sharedInformation.first)
            #expect(shared.disclosureId == toProbation.id && shared.recipientAgencyName == "Northfield Probation")
            #expect(shared.lawfulBasis?.isEmpty == false)
            // The listing is recorded against the child whose disclosure it is.
            let entries = try await r.w.env.recentAudit(30)
            #expect(entries.contains { $0.event.entityId == toProbation.id && $0.event.personId == r.child })
        }
    }

    @Test(
        "Actions: the owner is told and moves theirs on; a stale version is a conflict; due on the home",
        arguments: TestBackend.all)
    func actionsAndHome(_ backend: TestBackend) async throws {
        try await withRisk(backend) { r in
            let profile = try await r.createProfile()
            let recorded = try await r.store.recordMappaMeeting(
                profile: profile.id, meeting(r, next: "2026-11-23"), context: r.ctx(r.coordinator))
            let action = try #require(recorded.minutes?.actions.first)
            #expect(
                try await r.store.notifications(context: r.ctx(r.offenderManager)).contains {
                    $0.kind == .actionAssigned
                })
            // On the coordinator's home: the review (overdue: 2026-11-23 is before today), the overdue action,
            // and the change notification (due 3 days after 2026-11-20).
            let home = try await r.store.mappaHome(context: r.ctx(r.coordinator))
            #expect(home.profiles.map(\.id) == [profile.id])
            #expect(home.reviews.map(\.overdue) == [Synthetic.date("2026-11-23") < Synthetic.today])
            #expect(home.overdueActions.map(\.action.id) == [action.id])
            #expect(home.notifications.contains { $0.label == NotificationDue.Kind.change.label })
            // The offender manager's own due list is the same home, scoped to them.
            #expect(try await r.store.mappaHome(context: r.ctx(r.offenderManager)).overdueActions.count == 1)
            // The hourly due notices tell the coordinator and the offender manager once per item and status.
            let noticed = try await r.store.notifyDueItems(context: r.w.env.system)
            #expect(noticed >= 3)
            #expect(try await r.store.notifyDueItems(context: r.w.env.system) == 0)
            let told = try await r.store.notifications(context: r.ctx(r.coordinator)).filter { $0.kind == .due }
            #expect(told.contains { $0.text.contains("Home visit") && $0.text.hasPrefix("Overdue") })
            #expect(told.contains { $0.text.contains("MAPPA review of Dale Ashcombe") })
            #expect(try await r.store.notifications(context: r.ctx(r.offenderManager)).contains { $0.kind == .due })
            #expect(try await r.store.notifications(context: r.ctx(r.schoolLead)).isEmpty)

            let done = try await r.store.updateMappaAction(
                action.id, status: "done", expectedVersion: 1, context: r.ctx(r.offenderManager))
            #expect(done.status == .done && done.version == 2)
            _ = await expectRefusal(.conflict) {
                try await r.store.updateMappaAction(
                    action.id, status: "open", expectedVersion: 1, context: r.ctx(r.coordinator))
            }
            let bad = await expectRefusal(.invalid) {
                try await r.store.updateMappaAction(
                    action.id, status: "finished", expectedVersion: 2, context: r.ctx(r.coordinator))
            }
            #expect(bad?.fields == ["status"])
            // A police user on the panel may read it but does not own it: 403; a school: 404.
            _ = await expectRefusal(.forbidden) {
                try await r.store.updateMappaAction(
                    action.id, status: "open", expectedVersion: 2, context: r.ctx(r.w.officer))
            }
            _ = await expectRefusal(.notFound) {
                try await r.store.updateMappaAction(
                    action.id, status: "open", expectedVersion: 2, context: r.ctx(r.schoolLead))
            }
            #expect(try await r.store.mappaHome(context: r.ctx(r.coordinator)).overdueActions.isEmpty)
            let added = try await r.store.addMappaAction(
                meeting: recorded.id,
                MappaActionInput(
                    what: "Check the address", ownerName: "DS Police", ownerAgencyId: r.w.police.id.uuidString,
                    dueOn: "2026-12-05"), context: r.ctx(r.coordinator))
            #expect(added.status == .open && added.ownerAgencyName == "Northfield Police")
        }
    }
}
