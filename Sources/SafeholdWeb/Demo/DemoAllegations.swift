import Foundation
import SafeholdCore
import SafeholdStore

/// The demo LADO service's caseload: allegations across sectors and outcomes over the last two years (so
/// the annual figures show something), one about a teacher at Riverside Primary School with a pupil from
/// the demo families concerned (strategy meeting held, actions open, a contact raised to the front door),
/// and new referrals whose initial consideration is due, so that `lado1` signs in to real work.
enum DemoAllegations {
    /// How far a demo case has gone.
    enum Path {
        case awaitingConsideration
        case noFurtherAction
        case meetingHeld
        case outcome(AllegationOutcome, afterDays: Int)
    }

    struct Case {
        let daysAgo: Int; let given: String; let family: String; let role: String; let employer: String
        let sector: AllegationSector; let source: AllegationSource; let criteria: [HarmCriterion]
        let summary: String; let path: Path
    }

    static let cases: [Case] = [
        Case(
            daysAgo: 610, given: "Gareth", family: "Pellow", role: "Swimming coach", employer: "Northbridge Swim Club",
            sector: .sport, source: .parent, criteria: [.harmedChild, .unsuitable],
            summary: "Messages to a 14-year-old swimmer on social media late at night.",
            path: .outcome(.substantiated, afterDays: 48)),
        Case(
            daysAgo: 540, given: "Irene", family: "Calloway", role: "Nursery practitioner",
            employer: "Little Acorns Nursery", sector: .earlyYears, source: .employer, criteria: [.harmedChild],
            summary: "Seen to shake a toddler who would not settle for a nap.",
            path: .outcome(.unfounded, afterDays: 20)),
        Case(
            daysAgo: 330, given: "Desmond", family: "Okoro", role: "Taxi driver (school contract)",
            employer: "Northfield Cars", sector: .transport, source: .police, criteria: [.possibleOffence],
            summary: "Arrested for an offence against a child outside work; drives pupils to school.",
            path: .outcome(.substantiated, afterDays: 85)),
        Case(
            daysAgo: 300, given: "Helen", family: "Marsh", role: "Foster carer",
            employer: "Northfield Fostering Service",
            sector: .fosterCare, source: .child, criteria: [.harmedChild],
            summary: "A foster child says she was locked in her bedroom as a punishment.",
            path: .outcome(.unsubstantiated, afterDays: 40)),
        Case(
            daysAgo: 250, given: "Victor", family: "Hale", role: "Youth worker", employer: "Riverside Youth Project",
            sector: .voluntary, source: .parent, criteria: [.unsuitable],
            summary: "Gave his personal number to young people and offered lifts home.",
            path: .outcome(.falseAllegation, afterDays: 15)),
        Case(
            daysAgo: 200, given: "Paula", family: "Grange", role: "Ward nurse (paediatrics)",
            employer: "Northfield General Hospital", sector: .health, source: .employer, criteria: [.riskOfHarm],
            summary: "Colleagues report rough handling of a child during a blood test.",
            path: .outcome(.malicious, afterDays: 25)),
        Case(
            daysAgo: 150, given: "Martin", family: "Frost", role: "Church youth leader", employer: "St Anne's Church",
            sector: .faith, source: .other, criteria: [.unsuitable],
            summary: "Shared an inappropriate video with the youth group.", path: .noFurtherAction),
        Case(
            daysAgo: 90, given: "Sandra", family: "Whitlow", role: "Residential care worker",
            employer: "Oakfield Children's Home", sector: .socialCare, source: .regulator,
            criteria: [.harmedChild, .riskOfHarm], summary: "Ofsted inspection found an unreported restraint injury.",
            path: .outcome(.substantiated, afterDays: 30)),
        Case(
            daysAgo: 40, given: "Owen", family: "Barrow", role: "PCSO", employer: "Northbridge Police",
            sector: .police, source: .police, criteria: [.unsuitable],
            summary: "Inappropriate comments to pupils during a school visit.", path: .meetingHeld),
        Case(
            daysAgo: 3, given: "Kerry", family: "Lund", role: "Teaching assistant", employer: "Northbridge Academy",
            sector: .education, source: .employer, criteria: [.harmedChild],
            summary: "A pupil says she was pulled by the wrist into the corridor.", path: .awaitingConsideration),
        Case(
            daysAgo: 0, given: "Neil", family: "Ashby", role: "Football coach", employer: "Northfield Juniors FC",
            sector: .sport, source: .parent, criteria: [.riskOfHarm],
            summary: "Parents report him shouting at and pushing an 11-year-old during a match.",
            path: .awaitingConsideration),
    ]

    static func load(
        into store: Store, children: [(child: UUID, worker: String)], users: [String: User]
    ) async throws {
        guard let lado = users["lado1"] else { return }
        let context = AuditContext(actor: lado.actor, ipAddress: nil, reason: "demo")
        for item in cases { try await record(item, store: store, context: context) }
        // The teacher at Riverside Primary School, with a pupil from the demo families held by sw.north1.
        guard let pupil = children.first(where: { $0.worker == "sw.north1" })?.child else { return }
        try await teacherCase(store: store, pupil: pupil, context: context)
    }

    static func record(_ item: Case, store: Store, context: AuditContext) async throws {
        let received = store.today.adding(days: -item.daysAgo)
        var a = try await store.recordAllegation(
            try draft(item, received: received, store: store, children: []), context: context)
        let on = { (days: Int) in min(store.today, received.adding(days: days)).description }
        switch item.path {
        case .awaitingConsideration:
            return
        case .noFurtherAction:
            _ = try await store.recordConsideration(
                a.id, decision: "no_further_action", reasons: "Conduct matter for the employer; no harm criterion met.",
                on: on(1), expectedVersion: a.version, context: context)
            return
        case .meetingHeld, .outcome:
            a = try await store.recordConsideration(
                a.id, decision: "threshold_met", reasons: "The harm criteria are met.", on: on(1),
                expectedVersion: a.version, context: context)
            a = try await store.recordAllegationMeeting(
                a.id, kind: "strategy_meeting", on: on(5),
                attendees: [
                    Attendee(name: "Lee Adoson", agency: "LADO Service"),
                    Attendee(name: "HR adviser", agency: item.employer),
                    Attendee(name: "DS Carter", agency: "Northbridge Police"),
                ],
                notes: "Police to consider a criminal investigation first; the employer to hold its own process after.",
                expectedVersion: a.version, context: context)
            a = try await store.addAllegationAction(
                a.id, owner: "employer", what: "Risk assessment of the role while the process runs.", dueOn: on(12),
                expectedVersion: a.version, context: context)
        }
        if case .outcome(let outcome, let days) = item.path {
            a = try await store.completeAllegationAction(
                a.id, actionId: a.actions[0].id.text, doneOn: on(10), expectedVersion: a.version,
                context: context)
            _ = try await store.recordAllegationOutcome(
                a.id,
                .init(
                    outcome: outcome.rawValue, on: on(days), notes: "Concluded by the LADO with the employer.",
                    dbsReferredOn: outcome == .substantiated ? on(days) : nil, regulatorReferredOn: nil,
                    regulatorName: nil, referralNote: nil), expectedVersion: a.version, context: context)
        }
    }

    static func teacherCase(store: Store, pupil: UUID, context: AuditContext) async throws {
        let item = Case(
            daysAgo: 8, given: "Thomas", family: "Harland", role: "Year 4 class teacher",
            employer: "Riverside Primary School", sector: .education, source: .employer,
            criteria: [.harmedChild, .riskOfHarm],
            summary: "A pupil told the head teacher that Mr Harland grabbed her by the arm and shook her when she "
                + "did not finish her work; a bruise was seen on the upper arm.", path: .meetingHeld)
        let received = store.today.adding(days: -item.daysAgo)
        var a = try await store.recordAllegation(
            try draft(item, received: received, store: store, children: [pupil]), context: context)
        let on = { (days: Int) in min(store.today, received.adding(days: days)).description }
        a = try await store.recordConsideration(
            a.id, decision: "threshold_met", reasons: "Physical harm to a pupil is alleged: harm criteria 1 and 3.",
            on: on(1), expectedVersion: a.version, context: context)
        a = try await store.recordEmployment(
            a.id, status: "suspended", from: on(1), note: "Suspended on full pay as a neutral act.",
            expectedVersion: a.version, context: context)
        a = try await store.recordAllegationMeeting(
            a.id, kind: "strategy_meeting", on: on(3),
            attendees: [
                Attendee(name: "Lee Adoson", agency: "LADO Service"),
                Attendee(name: "Rita Rivers", agency: "Riverside Primary School"),
                Attendee(name: "DS Carter", agency: "Northbridge Police"),
                Attendee(name: "Sam North", agency: "Children's social care"),
            ], notes: "Police to interview the pupil (ABE); school to keep the suspension under review.",
            expectedVersion: a.version, context: context)
        a = try await store.addAllegationAction(
            a.id, owner: "police", what: "Achieving Best Evidence interview of the pupil.", dueOn: on(6),
            expectedVersion: a.version, context: context)
        a = try await store.addAllegationAction(
            a.id, owner: "employer", what: "Review the suspension and report to the LADO.",
            dueOn: store.today.adding(days: 7).description, expectedVersion: a.version, context: context)
        _ = try await store.raiseContactFromAllegation(
            a.id, childId: pupil.text,
            concern: "A pupil at Riverside Primary School may have been harmed by a teacher (strategy meeting held "
                + "by the LADO). Please consider the child's support at home and at school.",
            expectedVersion: a.version, context: context)
    }

    static func draft(_ item: Case, received: LocalDate, store: Store, children: [UUID]) throws -> AllegationDraft {
        let at = LocalDateTime(date: received, hour: 9, minute: 30)?.instant(in: store.ruleset.timeZone)
        return try AllegationDraft.validated(
            subjectId: nil, subjectGivenName: item.given, subjectFamilyName: item.family,
            subjectDateOfBirth: received.adding(days: -365 * 38).description, subjectUserId: nil,
            source: item.source.rawValue, referrerName: "Safeguarding lead",
            referrerOrganisation: item.source == .employer ? item.employer : nil, employerName: item.employer,
            sector: item.sector.rawValue, role: item.role, criteria: item.criteria.map(\.rawValue),
            summary: item.summary, receivedAt: min(at ?? store.clock.now(), store.clock.now()),
            childIds: children.map(\.text), now: store.clock.now(), today: store.today)
    }
}
