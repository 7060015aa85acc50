import Foundation
import SafeholdCore
import SafeholdStore

/// The police API's lists: the police home, an operation, a child's police panel, the directories.
extension PoliceAPIDTO {
    /// One investigation in outline, as the home, an operation and a child's panel list them.
    struct Line: Encodable {
        let id: UUID
        let reference: String
        let status: InvestigationStatus
        let officerName: String?
        let joint: Bool
        let children: [PersonSummary]
        let nextKeyDate: KeyDateDTO?
        let view: String

        init(_ l: InvestigationLine) {
            id = l.id; reference = l.reference; status = l.status; officerName = l.officerName; joint = l.joint
            children = l.children; nextKeyDate = KeyDateDTO(l.nextKeyDate); view = l.view.rawValue
        }
    }

    struct InterviewLine: Encodable {
        let interview: Interview
        let child: PersonSummary
        let reference: String
    }

    struct BailLine: Encodable {
        let decisionId: UUID, investigationId: UUID
        let reference: String
        let kind: BailKind
        let until: LocalDate
    }

    struct Home: Encodable {
        let investigations: [Line]
        let protections: [Protection]
        let interviewsToPlan: [InterviewLine]
        let bail: [BailLine]
        let decisionsDue: [Line]
        let toAllocate: [Line]

        init(_ h: PoliceHome) {
            investigations = h.investigations.map(Line.init)
            protections = h.protections.map(Protection.init)
            interviewsToPlan = h.interviewsToPlan.map {
                InterviewLine(interview: Interview($0.interview, view: .full), child: $0.child, reference: $0.reference)
            }
            bail = h.bail.map {
                BailLine(
                    decisionId: $0.decisionId, investigationId: $0.investigationId, reference: $0.reference,
                    kind: $0.kind, until: $0.until)
            }
            decisionsDue = h.decisionsDue.map(Line.init)
            toAllocate = h.toAllocate.map(Line.init)
        }
    }

    struct Panel: Encodable {
        let investigations: [Line]
        let protections: [Protection]

        init(_ p: PolicePanel) {
            investigations = p.investigations.map(Line.init)
            protections = p.protections.map(Protection.init)
        }
    }

    struct Operation: Encodable {
        let id: UUID, agencyId: UUID, teamId: UUID
        let name: String, summary: String
        let version: Int

        init(_ o: PoliceOperation) {
            id = o.id; agencyId = o.agencyId; teamId = o.teamId; name = o.name; summary = o.summary
            version = o.version
        }
    }

    struct Evidence: Encodable {
        let kind: EvidenceItem.Kind
        let identifier: String, hash: String
        let categoryA: Int, categoryB: Int, categoryC: Int

        init(_ e: EvidenceItem) {
            kind = e.kind; identifier = e.identifier; hash = e.hash
            categoryA = e.categoryA; categoryB = e.categoryB; categoryC = e.categoryC
        }
    }

    struct Victim: Encodable {
        let personId: UUID
        let role: InvestigationRole
        let person: PersonSummary
    }

    struct OperationFile: Encodable {
        let operation: Operation
        let investigations: [Line]
        let evidence: [Evidence]
        let victims: [Victim]

        init(_ f: SafeholdStore.OperationFile) {
            operation = Operation(f.operation)
            investigations = f.investigations.map(Line.init)
            evidence = f.evidence.map(Evidence.init)
            victims = f.victims.map { Victim(personId: $0.person.personId, role: $0.person.role, person: $0.summary) }
        }
    }

    struct IdentifiedVictim: Encodable {
        let childId: UUID, investigationId: UUID
        let role: InvestigationRole
        /// The contact raised to children's services, when one was.
        let contactId: UUID?
    }

    struct AccreditationDTO: Encodable {
        let id: UUID, userId: UUID
        let kind: Accreditation.Kind
        let validFrom: LocalDate, expiresOn: LocalDate

        init(_ a: Accreditation) {
            id = a.id; userId = a.userId; kind = a.kind; validFrom = a.validFrom; expiresOn = a.expiresOn
        }
    }

    struct Team: Encodable {
        let id: UUID, name: String, agencyId: UUID, agencyName: String
        init(_ t: PoliceTeam) { id = t.id; name = t.name; agencyId = t.agencyId; agencyName = t.agencyName }
    }

    struct Officer: Encodable {
        let id: UUID, displayName: String
        let teamId: UUID?, teamName: String?
        /// Whether an ABE interviewing accreditation is current today.
        let abeCurrent: Bool
        let accreditations: [AccreditationDTO]

        init(_ o: PoliceOfficer, today: LocalDate) {
            id = o.id; displayName = o.displayName; teamId = o.teamId; teamName = o.teamName
            abeCurrent = o.accreditations.contains { $0.kind == .abeInterviewing && $0.isCurrent(on: today) }
            accreditations = o.accreditations.map(AccreditationDTO.init)
        }
    }
}
