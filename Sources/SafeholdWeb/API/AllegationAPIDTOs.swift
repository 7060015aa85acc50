import Foundation
import SafeholdCore
import SafeholdStore

/// An allegation as the API returns it (the `Allegation` schema of `openapi.yaml`).
struct AllegationDTO: Encodable {
    struct Consideration: Encodable { let decision: String, reasons: String, on: String, byName: String }
    struct Meeting: Encodable { let kind: String, on: String, attendees: [Attendee], notes: String }
    struct Action: Encodable { let id: UUID, owner: String, what: String, dueOn: String, doneOn: String? }
    struct Employment: Encodable { let status: String, from: String, note: String?, byName: String }
    struct Outcome: Encodable {
        let outcome: String, on: String, notes: String, dbsReferredOn: String?, regulatorReferredOn: String?
        let regulatorName: String?, markedForRemovalOn: String?
    }
    struct Child: Encodable { let id: UUID, name: String }
    struct RaisedContact: Encodable { let contactId: UUID, childId: UUID, childName: String, raisedOn: String }

    let id: UUID
    let subjectId: UUID
    let subjectName: String
    let subjectUserId: UUID?
    let source: String, referrerName: String, referrerOrganisation: String?
    let employerName: String, sector: String, role: String
    let criteria: [String]
    let summary: String
    let receivedAt: Date
    let receivedOn: String
    let considerationDue: String
    let stage: String
    let consideration: Consideration?
    let meeting: Meeting?
    let actions: [Action]
    let employment: [Employment]
    let outcome: Outcome?
    let resolvedOn: String?
    let children: [Child]
    let contacts: [RaisedContact]
    let version: Int

    init(_ a: Allegation) {
        let d = a.details
        id = a.id
        subjectId = a.subjectId
        subjectName = a.subjectName
        subjectUserId = a.subjectUserId
        source = d.source.rawValue
        referrerName = d.referrerName
        referrerOrganisation = d.referrerOrganisation
        employerName = d.employerName
        sector = d.sector.rawValue
        role = d.role
        criteria = d.criteria.map(\.rawValue)
        summary = d.summary
        receivedAt = a.receivedAt
        receivedOn = a.receivedOn.description
        considerationDue = a.considerationDue.description
        stage = a.stageLabel
        consideration = a.consideration.map {
            Consideration(decision: $0.decision.rawValue, reasons: $0.reasons, on: $0.on.description, byName: $0.byName)
        }
        meeting = a.meeting.map {
            Meeting(kind: $0.kind.rawValue, on: $0.on.description, attendees: $0.attendees, notes: $0.notes)
        }
        actions = a.actions.map {
            Action(
                id: $0.id, owner: $0.owner.rawValue, what: $0.what, dueOn: $0.dueOn.description,
                doneOn: $0.doneOn?.description)
        }
        employment = a.employment.map {
            Employment(status: $0.status.rawValue, from: $0.from.description, note: $0.note, byName: $0.byName)
        }
        outcome = a.outcome.map {
            Outcome(
                outcome: $0.outcome.rawValue, on: $0.on.description, notes: $0.notes,
                dbsReferredOn: $0.dbsReferredOn?.description, regulatorReferredOn: $0.regulatorReferredOn?.description,
                regulatorName: $0.regulatorName, markedForRemovalOn: $0.markedForRemovalOn?.description)
        }
        resolvedOn = a.resolvedOn?.description
        children = a.children.map { Child(id: $0.id, name: $0.name) }
        contacts = a.contacts.map {
            RaisedContact(
                contactId: $0.contactId, childId: $0.childId, childName: $0.childName, raisedOn: $0.raisedOn.description
            )
        }
        version = a.version
    }

    /// Encodes absent optionals as null, as the schema says.
    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: Keys.self)
        try c.encode(id, forKey: .id)
        try c.encode(subjectId, forKey: .subjectId)
        try c.encode(subjectName, forKey: .subjectName)
        try c.encode(subjectUserId, forKey: .subjectUserId)
        try c.encode(source, forKey: .source)
        try c.encode(referrerName, forKey: .referrerName)
        try c.encode(referrerOrganisation, forKey: .referrerOrganisation)
        try c.encode(employerName, forKey: .employerName)
        try c.encode(sector, forKey: .sector)
        try c.encode(role, forKey: .role)
        try c.encode(criteria, forKey: .criteria)
        try c.encode(summary, forKey: .summary)
        try c.encode(receivedAt, forKey: .receivedAt)
        try c.encode(receivedOn, forKey: .receivedOn)
        try c.encode(considerationDue, forKey: .considerationDue)
        try c.encode(stage, forKey: .stage)
        try c.encode(consideration, forKey: .consideration)
        try c.encode(meeting, forKey: .meeting)
        try c.encode(actions, forKey: .actions)
        try c.encode(employment, forKey: .employment)
        try c.encode(outcome, forKey: .outcome)
        try c.encode(resolvedOn, forKey: .resolvedOn)
        try c.encode(children, forKey: .children)
        try c.encode(contacts, forKey: .contacts)
        try c.encode(version, forKey: .version)
    }

    enum Keys: String, CodingKey {
        case id, subjectId, subjectName, subjectUserId, source, referrerName, referrerOrganisation, employerName
        case sector, role, criteria, summary, receivedAt, receivedOn, considerationDue, stage, consideration
        case meeting, actions, employment, outcome, resolvedOn, children, contacts, version
    }
}

/// The LADO's home as the API returns it.
struct LADOHomeDTO: Encodable {
    struct DueAction: Encodable {
        let allegationId: UUID, subjectName: String, owner: String, what: String, dueOn: String
    }
    let considerationsDue: [AllegationDTO]
    let actionsDue: [DueAction]
    let awaitingOutcome: [AllegationDTO]
    let open: [AllegationDTO]

    init(_ home: LADOHome) {
        considerationsDue = home.considerationsDue.map(AllegationDTO.init)
        actionsDue = home.actionsDue.map {
            DueAction(
                allegationId: $0.allegation.id, subjectName: $0.allegation.subjectName, owner: $0.action.owner.rawValue,
                what: $0.action.what, dueOn: $0.action.dueOn.description)
        }
        awaitingOutcome = home.awaitingOutcome.map(AllegationDTO.init)
        open = home.open.map(AllegationDTO.init)
    }
}

/// The annual figures as the API returns them.
struct AllegationFiguresDTO: Encodable {
    struct Count: Encodable { let code: String, label: String, count: Int }
    struct Target: Encodable {
        let label: String, within: Int, resolved: Int, percent: Int?
        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: Keys.self)
            try c.encode(label, forKey: .label)
            try c.encode(within, forKey: .within)
            try c.encode(resolved, forKey: .resolved)
            try c.encode(percent, forKey: .percent)
        }
        enum Keys: String, CodingKey { case label, within, resolved, percent }
    }
    let year: Int, total: Int, open: Int
    let bySource: [Count], bySector: [Count], byOutcome: [Count]
    let timeliness: [Target]
    /// The initial considerations made within their timescale; `resolved` counts those made.
    let consideration: Target

    init(_ f: AllegationFigures) {
        year = f.year
        total = f.total
        open = f.open
        let counts = { (list: [AllegationFigures.Count]) in
            list.map { Count(code: $0.code, label: $0.label, count: $0.count) }
        }
        bySource = counts(f.bySource)
        bySector = counts(f.bySector)
        byOutcome = counts(f.byOutcome)
        timeliness = f.timeliness.map {
            Target(label: $0.label, within: $0.within, resolved: $0.resolved, percent: $0.percent)
        }
        let c = f.consideration
        consideration = Target(label: c.label, within: c.within, resolved: c.resolved, percent: c.percent)
    }
}
