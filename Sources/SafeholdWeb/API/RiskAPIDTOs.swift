import Foundation
import SafeholdCore
import SafeholdStore

/// An offence on the risk profile's code list.
struct OffenceDTO: Encodable {
    let code: String, label: String, sexual: Bool
    init(_ o: RiskOffence) { (code, label, sexual) = (o.code, o.label, o.sexual) }
}

/// A risk profile as the API shows it (with its notifications due and meetings when read one at a time).
struct RiskProfileDTO: Encodable {
    struct Registration: Encodable {
        let registeredOn: String, registrationPeriod: String, endsOn: String?
        let lastNotifiedOn: String?, lastChangeOn: String?, changeNotifiedOn: String?
    }
    struct Due: Encodable { let kind: String, dueOn: String, overdue: Bool }
    struct Manager: Encodable { let userId: UUID?, name: String, phone: String }
    let id: UUID, personId: UUID, personName: String, kind: String
    let registration: Registration?
    let offences: [OffenceDTO]
    let riskOfSeriousHarm: String, riskTo: [String]
    let leadAgencyId: UUID, leadAgency: String
    let offenderManager: Manager
    let mappaCategory: Int?, mappaLevel: Int?, nextMeetingOn: String?, nextMeetingOverdue: Bool
    let notificationsDue: [Due]
    let meetings: [MappaMeetingDTO]?
    let mayEdit: Bool?
    let version: Int

    init(_ p: RiskProfile, _ store: Store, meetings: [MappaMeeting]? = nil, mayEdit: Bool? = nil) {
        let today = store.today
        (id, personId, personName, kind) = (p.id, p.personId, p.personName, p.kind.rawValue)
        registration = p.registration.map {
            Registration(
                registeredOn: $0.registeredOn.description, registrationPeriod: $0.period.text,
                endsOn: $0.endsOn?.description, lastNotifiedOn: $0.lastNotifiedOn?.description,
                lastChangeOn: $0.lastChangeOn?.description, changeNotifiedOn: $0.changeNotifiedOn?.description)
        }
        offences = p.offences.compactMap(RiskOffenceCodes.offence).map(OffenceDTO.init)
        (riskOfSeriousHarm, riskTo) = (p.riskOfSeriousHarm.rawValue, p.riskTo.map(\.rawValue))
        (leadAgencyId, leadAgency) = (p.leadAgencyId, p.leadAgencyName)
        offenderManager = Manager(
            userId: p.offenderManager.userId, name: p.offenderManager.name, phone: p.offenderManager.phone)
        (mappaCategory, mappaLevel) = (p.mappaCategory?.rawValue, p.mappaLevel?.rawValue)
        nextMeetingOn = p.nextMeetingOn?.description
        nextMeetingOverdue = p.mappaLevel?.meets == true && (p.nextMeetingOn.map { $0 < today } ?? false)
        notificationsDue = p.notificationsDue(store.ruleset.risk, ruleset: store.ruleset).map {
            Due(kind: $0.kind.rawValue, dueOn: $0.dueOn.description, overdue: $0.dueOn < today)
        }
        self.meetings = meetings.map { $0.map { MappaMeetingDTO($0, today: today) } }
        self.mayEdit = mayEdit
        version = p.version
    }

    init(_ view: RiskProfileView, _ store: Store) {
        self.init(view.profile, store, meetings: view.meetings, mayEdit: view.mayEdit)
    }
}

/// An action of a MAPPA risk management plan.
struct MappaActionDTO: Encodable {
    let id: UUID, meetingId: UUID, profileId: UUID, what: String
    let ownerName: String, ownerAgencyId: UUID, ownerAgency: String, ownerUserId: UUID?
    let dueOn: String, overdue: Bool, status: String, version: Int

    init(_ a: MappaAction, today: LocalDate) {
        (id, meetingId, profileId, what) = (a.id, a.meetingId, a.profileId, a.what)
        (ownerName, ownerAgencyId, ownerAgency, ownerUserId) = (
            a.ownerName, a.ownerAgencyId, a.ownerAgencyName, a.ownerUserId
        )
        (dueOn, overdue, status, version) = (a.dueOn.description, a.isOverdue(on: today), a.status.rawValue, a.version)
    }
}

/// A MAPPA meeting: `minutes`, `plan`, `actions` and `sharedInformation` are null for a reader who may see
/// the profile but is not on the meeting's panel (`minutesRestricted`).
struct MappaMeetingDTO: Encodable {
    struct Attendee: Encodable { let name: String, agencyId: UUID, agency: String, userId: UUID? }
    struct Shared: Encodable {
        let disclosureId: UUID, sharedOn: String, recipientAgency: String, lawfulBasis: String?, recordedBy: String
    }
    let id: UUID, profileId: UUID, heldOn: String, level: Int, chairName: String, chairUserId: UUID?
    let attendees: [Attendee]
    let nextReviewOn: String?
    let minutesRestricted: Bool
    let minutes: String?, plan: String?, actions: [MappaActionDTO]?, sharedInformation: [Shared]?
    let version: Int

    init(_ m: MappaMeeting, today: LocalDate) {
        (id, profileId, heldOn, level) = (m.id, m.profileId, m.heldOn.description, m.level.rawValue)
        (chairName, chairUserId) = (m.chairName, m.chairUserId)
        attendees = m.attendees.map {
            Attendee(name: $0.name, agencyId: $0.agencyId, agency: $0.agencyName, userId: $0.userId)
        }
        nextReviewOn = m.nextReviewOn?.description
        minutesRestricted = m.minutes == nil
        minutes = m.minutes?.minutes
        plan = m.minutes?.plan
        actions = m.minutes?.actions.map { MappaActionDTO($0, today: today) }
        sharedInformation = m.minutes?.sharedInformation.map {
            Shared(
                disclosureId: $0.disclosureId, sharedOn: $0.sharedOn.description,
                recipientAgency: $0.recipientAgencyName,
                lawfulBasis: $0.lawfulBasis, recordedBy: $0.recordedByName)
        }
        version = m.version
    }
}

/// The MAPPA home: nominals by level, reviews and notifications due (within 28 days or overdue), and
/// overdue actions.
struct MappaHomeDTO: Encodable {
    struct Due: Encodable { let profileId: UUID, personName: String, what: String, dueOn: String, overdue: Bool }
    struct Level: Encodable { let level: Int?, count: Int, profileIds: [UUID] }
    struct Action: Encodable { let personName: String, action: MappaActionDTO }
    let byLevel: [Level]
    let reviews: [Due], notifications: [Due]
    let overdueActions: [Action]

    init(_ home: MappaHome, today: LocalDate) {
        byLevel = ([3, 2, 1] as [Int?] + [nil]).map { level in
            let ids = home.profiles.filter { $0.mappaLevel?.rawValue == level }.map(\.id)
            return Level(level: level, count: ids.count, profileIds: ids)
        }
        let due = { (d: MappaHome.Due) in
            Due(
                profileId: d.profile.id, personName: d.profile.personName, what: d.label, dueOn: d.on.description,
                overdue: d.overdue)
        }
        reviews = home.reviews.map(due)
        notifications = home.notifications.map(due)
        overdueActions = home.overdueActions.map {
            Action(personName: $0.personName, action: MappaActionDTO($0.action, today: today))
        }
    }
}
