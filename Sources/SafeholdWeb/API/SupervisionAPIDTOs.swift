import Foundation
import SafeholdCore
import SafeholdStore

/// How one worker's supervision stands.
struct StandingDTO: Encodable {
    let workerId: UUID, workerName: String, teamId: UUID?, lastSession: LocalDate?, nextDue: LocalDate
    let newlyQualified: Bool, status: String

    init(_ s: SupervisionStanding) {
        workerId = s.workerId
        workerName = s.workerName
        teamId = s.teamId
        lastSession = s.lastSession
        nextDue = s.nextDue
        newlyQualified = s.newlyQualified
        status = s.status.rawValue
    }
}

/// An action of a management oversight entry.
struct OversightActionDTO: Encodable {
    let id: UUID, what: String, ownerId: UUID, ownerName: String, dueOn: LocalDate, status: String, version: Int

    init(_ a: OversightAction) {
        id = a.id
        what = a.what
        ownerId = a.ownerId
        ownerName = a.ownerName
        dueOn = a.dueOn
        status = a.status.rawValue
        version = a.version
    }
}

/// A management oversight entry on a child's record.
struct OversightEntryDTO: Encodable {
    let id: UUID, childId: UUID, childName: String, decidedOn: LocalDate, decision: String, workerName: String
    let managerName: String, actions: [OversightActionDTO]

    init(_ e: OversightEntry) {
        id = e.id
        childId = e.childId
        childName = e.childName
        decidedOn = e.decidedOn
        decision = e.decision
        workerName = e.workerName
        managerName = e.managerName
        actions = e.actions.map(OversightActionDTO.init)
    }
}

/// A supervision session; `reflection` only for the worker and the supervisor who recorded it.
struct SessionDTO: Encodable {
    let id: UUID, workerId: UUID, workerName: String, supervisorId: UUID, supervisorName: String
    let heldOn: LocalDate, hasReflection: Bool, reflection: String?, caseDiscussions: [OversightEntryDTO]

    init(_ s: SupervisionSession) {
        id = s.id
        workerId = s.workerId
        workerName = s.workerName
        supervisorId = s.supervisorId
        supervisorName = s.supervisorName
        heldOn = s.heldOn
        hasReflection = s.hasReflection
        reflection = s.reflection
        caseDiscussions = s.discussions.map(OversightEntryDTO.init)
    }
}

/// A worker's supervision as their supervisor sees it.
struct WorkerSupervisionDTO: Encodable {
    struct Shared: Encodable { let occurredOn: LocalDate }
    let workerId: UUID, workerName: String, standing: StandingDTO, qualifiedOn: LocalDate?, qualifiedVersion: Int
    let sessions: [SessionDTO], sharedCheckIns: [Shared]

    init(_ w: WorkerSupervision) {
        workerId = w.worker.id
        workerName = w.worker.displayName
        standing = StandingDTO(w.standing)
        qualifiedOn = w.qualifiedOn
        qualifiedVersion = w.qualifiedVersion
        sessions = w.sessions.map(SessionDTO.init)
        sharedCheckIns = w.sharedCheckIns.map { Shared(occurredOn: $0.occurredOn) }
    }
}

/// The worker's own check-in, with the support offered.
struct CheckInDTO: Encodable {
    let id: UUID, occurredOn: LocalDate, event: String, howIAm: String, support: String, supportOffer: String
    let shareWithSupervisor: Bool

    init(_ c: WelfareCheckIn) {
        id = c.id
        occurredOn = c.occurredOn
        event = c.event.rawValue
        howIAm = c.howIAm
        support = c.support.rawValue
        supportOffer = c.support.offer
        shareWithSupervisor = c.shareWithSupervisor
    }
}
