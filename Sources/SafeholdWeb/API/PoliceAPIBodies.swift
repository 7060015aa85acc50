import Foundation
import SafeholdCore

/// The request bodies of the police API. Each is read by `StrictJSON` (an unknown field is refused,
/// naming it) and turned into the Core value whose own rules then judge it.
enum PoliceAPIBody {
    /// A new investigation: references, offences from the code list, officers, people and text.
    struct Investigation: Decodable {
        let crimeReference: String?, incidentReference: String?
        let offences: [String]
        let officerId: UUID, supervisorId: UUID
        let people: [InvestigationPerson]
        let summary: String
        let intelligence: String?
        let operationId: UUID?

        var draft: InvestigationDraft {
            InvestigationDraft(
                crimeReference: crimeReference, incidentReference: incidentReference, offences: offences,
                officerId: officerId, supervisorId: supervisorId, people: people, summary: summary,
                intelligence: intelligence, operationId: operationId)
        }
    }

    /// The same fields, changed on an investigation the team holds, with the version last read.
    struct InvestigationUpdate: Decodable {
        let expectedVersion: Int
        let crimeReference: String?, incidentReference: String?
        let offences: [String]
        let officerId: UUID, supervisorId: UUID
        let people: [InvestigationPerson]
        let summary: String
        let intelligence: String?

        var draft: InvestigationDraft {
            InvestigationDraft(
                crimeReference: crimeReference, incidentReference: incidentReference, offences: offences,
                officerId: officerId, supervisorId: supervisorId, people: people, summary: summary,
                intelligence: intelligence)
        }
    }

    struct Status: Decodable {
        let status: InvestigationStatus
        let reason: String?
        let expectedVersion: Int
    }

    struct Disclosure: Decodable {
        let field: String, text: String
        /// A code from `GET /api/v1/lawful-bases`.
        let lawfulBasis: String
        let reason: String
    }

    struct InterviewPlanBody: Decodable {
        let childId: UUID
        let plannedFor: Date
        let type: InterviewType
        let rationale: String
        let interviewerIds: [UUID]
        let intermediary: String?
        let specialMeasures: [SpecialMeasure]?
        let followsProtectionId: UUID?

        var plan: InterviewPlan {
            InterviewPlan(
                childId: childId, plannedFor: plannedFor, type: type, rationale: rationale,
                interviewerIds: interviewerIds, intermediary: intermediary, specialMeasures: specialMeasures ?? [],
                followsProtectionId: followsProtectionId)
        }
    }

    struct InterviewHeld: Decodable {
        let expectedVersion: Int
        let heldAt: Date
        let consentGiven: Bool
        let consentBy: String, present: String, recordingReference: String, storageLocation: String
        let reviewOn: LocalDate, destroyOn: LocalDate
        let accountSummary: String

        var record: InterviewRecord {
            InterviewRecord(
                heldAt: heldAt, consentGiven: consentGiven, consentBy: consentBy, present: present,
                recordingReference: recordingReference, storageLocation: storageLocation, reviewOn: reviewOn,
                destroyOn: destroyOn, accountSummary: accountSummary)
        }
    }

    struct Charging: Decodable {
        let expectedVersion: Int
        let suspectId: UUID?
        let decidedOn: LocalDate
        let decider: ChargingDecider
        let test: ChargingTest
        let outcome: ChargingOutcome
        let childViews: String, bestInterests: String
        let bail: BailKind?
        let bailUntil: LocalDate?
        let bailConditions: String?

        var decision: ChargingDecision {
            ChargingDecision(
                suspectId: suspectId, decidedOn: decidedOn, decider: decider, test: test, outcome: outcome,
                childViews: childViews, bestInterests: bestInterests, bail: bail ?? .none, bailUntil: bailUntil,
                bailConditions: bailConditions)
        }
    }

    /// A police protection (Children Act 1989 s46) as the API carries it: one body for recording a
    /// removal (with `childId`, and `investigationId` when it belongs to one) and for changing a running
    /// protection (with the `expectedVersion` last read). Each route requires its own fields and refuses
    /// the other's, naming them.
    struct Protection: Decodable {
        let childId: UUID?
        let investigationId: UUID?
        let expectedVersion: Int?
        let removedAt: Date
        let removedFrom: String, placeOfSafety: String, reason: String
        let designatedOfficerId: UUID
        let localAuthorityToldAt: Date?, parentsToldAt: Date?, childToldAt: Date?
        let childToldHow: String?

        var draft: PoliceProtectionDraft {
            PoliceProtectionDraft(
                removedAt: removedAt, removedFrom: removedFrom, placeOfSafety: placeOfSafety, reason: reason,
                designatedOfficerId: designatedOfficerId, localAuthorityToldAt: localAuthorityToldAt,
                parentsToldAt: parentsToldAt, childToldAt: childToldAt, childToldHow: childToldHow)
        }

        /// Recording a removal: the child it concerns; a version is not part of it.
        func child() throws(SafeholdError) -> UUID {
            var errors: [FieldError] = []
            if childId == nil { errors.append(FieldError("childId", "is required")) }
            if expectedVersion != nil { errors.append(FieldError("expectedVersion", Self.notAccepted)) }
            guard let childId, errors.isEmpty else { throw .invalid(errors) }
            return childId
        }

        /// Changing a running protection: the version last read; its child and investigation stay.
        func version() throws(SafeholdError) -> Int {
            var errors: [FieldError] = []
            if expectedVersion == nil { errors.append(FieldError("expectedVersion", "is required")) }
            if childId != nil { errors.append(FieldError("childId", Self.notAccepted)) }
            if investigationId != nil { errors.append(FieldError("investigationId", Self.notAccepted)) }
            guard let expectedVersion, errors.isEmpty else { throw .invalid(errors) }
            return expectedVersion
        }

        static let notAccepted = "is not a field this API accepts"
    }

    struct ProtectionEnd: Decodable {
        let expectedVersion: Int
        let endedAt: Date
        let outcome: PoliceProtectionOutcome
        let court: String?
        let applicationDate: LocalDate?

        var ending: PoliceProtectionEnding {
            PoliceProtectionEnding(endedAt: endedAt, outcome: outcome, court: court, applicationDate: applicationDate)
        }
    }

    struct Operation: Decodable { let name: String, summary: String }

    struct Evidence: Decodable {
        let kind: EvidenceItem.Kind
        let identifier: String, hash: String
        let categoryA: Int, categoryB: Int, categoryC: Int

        var item: EvidenceItem {
            EvidenceItem(
                kind: kind, identifier: identifier, hash: hash, categoryA: categoryA, categoryB: categoryB,
                categoryC: categoryC)
        }
    }

    /// A child identified as a victim (or witness) of an operation, added to one of its investigations.
    struct Victim: Decodable {
        let childId: UUID
        let role: InvestigationRole
        let investigationId: UUID
        let raiseContact: Bool
        let concern: String?
    }

    struct AccreditationBody: Decodable {
        let userId: UUID
        let kind: Accreditation.Kind?
        let validFrom: LocalDate, expiresOn: LocalDate
    }
}
