import Foundation
import SafeholdCore
import SafeholdStore

/// What the police API sends back. Police-only fields (an investigation's intelligence, the rationale
/// for an interview and the child's account) are left out of the shared view, so they never leave
/// the police side through the API unless a police user shared them as a disclosure.
enum PoliceAPIDTO {
    struct Investigation: Encodable {
        let id: UUID, agencyId: UUID, teamId: UUID
        let crimeReference: String?, incidentReference: String?
        let offences: [String]
        let officerId: UUID?, supervisorId: UUID?
        let status: InvestigationStatus
        let people: [InvestigationPerson]
        let episodeId: UUID?, strategyDiscussionId: UUID?
        let jointEnquiryOpen: Bool
        let operationId: UUID?
        let summary: String
        /// Police-only: absent in the shared view.
        let intelligence: String?
        let openedAt: Date
        let version: Int

        init(_ i: SafeholdCore.Investigation, view: PoliceRecordView) {
            id = i.id; agencyId = i.agencyId; teamId = i.teamId
            crimeReference = i.crimeReference; incidentReference = i.incidentReference; offences = i.offences
            officerId = i.officerId; supervisorId = i.supervisorId; status = i.status; people = i.people
            episodeId = i.episodeId; strategyDiscussionId = i.strategyDiscussionId
            jointEnquiryOpen = i.jointEnquiryOpen; operationId = i.operationId; summary = i.summary
            intelligence = view == .full ? i.intelligence : nil
            openedAt = i.openedAt; version = i.version
        }
    }

    struct Person: Encodable {
        let personId: UUID
        let role: InvestigationRole
        let relationshipToChild: String?
        let person: PersonSummary
    }

    struct Event: Encodable {
        let kind: String
        let status: InvestigationStatus?
        let detail: String?
        let occurredAt: Date
        let recordedBy: String
        let shared: Bool
    }

    struct KeyDateDTO: Encodable {
        let what: String, at: Date
        init?(_ key: KeyDate?) {
            guard let key else { return nil }
            what = key.what; at = key.at
        }
    }

    struct Interview: Encodable {
        struct Held: Encodable {
            let heldAt: Date
            let consentGiven: Bool
            let consentBy: String, present: String, recordingReference: String, storageLocation: String
            let reviewOn: LocalDate, destroyOn: LocalDate
            /// Police-only: absent in the shared view.
            let accountSummary: String?
        }
        let id: UUID, investigationId: UUID, childId: UUID
        let plannedFor: Date
        let type: InterviewType
        /// Police-only: absent in the shared view.
        let rationale: String?
        let interviewerIds: [UUID]
        let intermediary: String?
        let specialMeasures: [SpecialMeasure]
        let followsProtectionId: UUID?
        let held: Bool
        let record: Held?
        let version: Int

        init(_ a: AbeInterview, view: PoliceRecordView) {
            let full = view == .full
            id = a.id; investigationId = a.investigationId; childId = a.plan.childId; plannedFor = a.plan.plannedFor
            type = a.plan.type; rationale = full ? a.plan.rationale : nil; interviewerIds = a.plan.interviewerIds
            intermediary = a.plan.intermediary; specialMeasures = a.plan.specialMeasures
            followsProtectionId = a.plan.followsProtectionId; held = a.isHeld; version = a.version
            record = a.record.map {
                Held(
                    heldAt: $0.heldAt, consentGiven: $0.consentGiven, consentBy: $0.consentBy, present: $0.present,
                    recordingReference: $0.recordingReference, storageLocation: $0.storageLocation,
                    reviewOn: $0.reviewOn, destroyOn: $0.destroyOn, accountSummary: full ? $0.accountSummary : nil)
            }
        }
    }

    struct Decision: Encodable {
        let id: UUID, investigationId: UUID
        let suspectId: UUID?
        let decidedOn: LocalDate
        let decider: ChargingDecider
        let test: ChargingTest
        let outcome: ChargingOutcome
        let childViews: String, bestInterests: String
        let bail: BailKind
        let bailUntil: LocalDate?
        let bailConditions: String?
        let recordedAt: Date
        let recordedBy: String

        init(_ r: RecordedChargingDecision) {
            let d = r.decision
            id = r.id; investigationId = r.investigationId; suspectId = d.suspectId; decidedOn = d.decidedOn
            decider = d.decider; test = d.test; outcome = d.outcome; childViews = d.childViews
            bestInterests = d.bestInterests; bail = d.bail; bailUntil = d.bailUntil
            bailConditions = d.bailConditions; recordedAt = r.recordedAt; recordedBy = r.recordedBy
        }
    }

    struct Disclosure: Encodable {
        let id: UUID
        let field: String, text: String
        let lawfulBasis: String
        let reason: String
        let sharedAt: Date
        let sharedBy: String

        init(_ d: PoliceDisclosure) {
            id = d.id; field = d.field; text = d.text; lawfulBasis = d.lawfulBasis; reason = d.reason
            sharedAt = d.sharedAt; sharedBy = d.sharedBy
        }
    }

    /// A police protection with its 72-hour clock as it stands now.
    struct Protection: Encodable {
        struct Clock: Encodable {
            /// running, due_soon, overdue or ended.
            let state: String
            /// Whole hours since removal (for an ended protection, how long it lasted).
            let hours: Int
            let expiresAt: Date
            let label: String
        }
        struct Ending: Encodable {
            let endedAt: Date
            let outcome: PoliceProtectionOutcome
            let court: String?
            let applicationDate: LocalDate?
        }
        let id: UUID, childId: UUID
        let child: PersonSummary?
        let agencyId: UUID, teamId: UUID
        let investigationId: UUID?
        let removedAt: Date
        let removedFrom: String, placeOfSafety: String, reason: String
        let designatedOfficerId: UUID
        let localAuthorityToldAt: Date?, parentsToldAt: Date?, childToldAt: Date?
        let childToldHow: String?
        let ending: Ending?
        let contactId: UUID?
        let clock: Clock
        let version: Int

        init(_ p: PoliceProtection, child: PersonSummary? = nil, clock: ProtectionClock) {
            let d = p.details
            id = p.id; childId = p.childId; self.child = child; agencyId = p.agencyId; teamId = p.teamId
            investigationId = p.investigationId; removedAt = d.removedAt; removedFrom = d.removedFrom
            placeOfSafety = d.placeOfSafety; reason = d.reason; designatedOfficerId = d.designatedOfficerId
            localAuthorityToldAt = d.localAuthorityToldAt; parentsToldAt = d.parentsToldAt
            childToldAt = d.childToldAt; childToldHow = d.childToldHow; contactId = p.contactId; version = p.version
            ending = p.ending.map {
                Ending(endedAt: $0.endedAt, outcome: $0.outcome, court: $0.court, applicationDate: $0.applicationDate)
            }
            let hours: Int
            switch clock {
            case .running(let h), .dueSoon(let h), .overdue(let h): hours = h
            case .ended:
                let lasted = max(0, (p.ending?.endedAt ?? d.removedAt).timeIntervalSince(d.removedAt))
                hours = Int(min(lasted / 3600, 1_000_000))
            }
            self.clock = Clock(state: clock.code, hours: hours, expiresAt: p.expiresAt, label: clock.label)
        }

        init(_ line: ProtectionLine) { self.init(line.protection, child: line.child, clock: line.clock) }
    }

    /// An investigation as its reader may see it; `view` says which.
    struct File: Encodable {
        let view: String
        let canEdit: Bool
        let investigation: Investigation
        let teamName: String
        let officerName: String?, supervisorName: String?
        let offences: [OffenceCode]
        let people: [Person]
        let history: [Event]
        let interviews: [Interview]
        let decisions: [Decision]
        let protections: [Protection]
        let disclosures: [Disclosure]
        let nextKeyDate: KeyDateDTO?

        init(_ f: InvestigationFile, now: Date) {
            view = f.view.rawValue; canEdit = f.view == .full
            investigation = Investigation(f.investigation, view: f.view)
            teamName = f.teamName; officerName = f.officerName; supervisorName = f.supervisorName
            offences = f.offences
            people = f.people.map {
                Person(
                    personId: $0.person.personId, role: $0.person.role,
                    relationshipToChild: $0.person.relationshipToChild, person: $0.summary)
            }
            history = f.history.map {
                Event(
                    kind: $0.kind, status: $0.status, detail: $0.detail, occurredAt: $0.occurredAt,
                    recordedBy: $0.recordedBy, shared: $0.shared)
            }
            interviews = f.interviews.map { Interview($0, view: f.view) }
            decisions = f.decisions.map(Decision.init)
            protections = f.protections.map { Protection($0, clock: $0.clock(at: now)) }
            disclosures = f.disclosures.map(Disclosure.init)
            nextKeyDate = KeyDateDTO(f.nextKeyDate)
        }
    }
}
