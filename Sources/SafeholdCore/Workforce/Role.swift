import Foundation

/// What a user does in the service (DOMAIN.md section 1); the access policy reads it.
public enum Role: String, CaseIterable, Codable, Sendable {
    case socialWorker = "social_worker"
    case teamManager = "team_manager"
    case frontDoor = "front_door"
    case conferenceChair = "conference_chair"
    case police = "police"
    case partner = "partner"
    /// An emergency department, walk-in centre or out-of-hours clinician: asks whether a child is on a
    /// plan or looked after, and sees nothing else.
    case unscheduledCare = "unscheduled_care"
    case lado = "lado"
    case mappaCoordinator = "mappa_coordinator"
    case dataProtectionOfficer = "data_protection_officer"
    case auditor = "auditor"
    case performanceAnalyst = "performance_analyst"
    case administrator = "administrator"

    public var label: String {
        switch self {
        case .socialWorker: "Child protection social worker"
        case .teamManager: "Team manager"
        case .frontDoor: "Front door (MASH) worker"
        case .conferenceChair: "Conference chair"
        case .police: "Police child protection officer"
        case .partner: "Partner agency professional"
        case .unscheduledCare: "Unscheduled care clinician"
        case .lado: "LADO"
        case .mappaCoordinator: "MAPPA coordinator"
        case .dataProtectionOfficer: "Data protection officer"
        case .auditor: "Auditor / inspector"
        case .performanceAnalyst: "Performance analyst"
        case .administrator: "Administrator"
        }
    }

    /// Roles that work with children's records through allocation, team membership or a grant.
    public var worksWithRecords: Bool {
        switch self {
        case .socialWorker, .teamManager, .frontDoor, .conferenceChair, .police, .partner, .lado, .mappaCoordinator:
            true
        case .unscheduledCare, .dataProtectionOfficer, .auditor, .performanceAnalyst, .administrator: false
        }
    }

    /// Children's social care: the roles that hold a child's case for the local authority (social
    /// workers, their managers, the front door, conference chairs). Partner agencies (school, health,
    /// probation), the police, the LADO and MAPPA are not, whatever access to a record they hold.
    public var isChildrensSocialCare: Bool {
        switch self {
        case .socialWorker, .teamManager, .frontDoor, .conferenceChair: true
        default: false
        }
    }

    /// Roles that may open new person records.
    public var createsRecords: Bool {
        switch self {
        case .socialWorker, .teamManager, .frontDoor, .police, .lado: true
        default: false
        }
    }

    /// Roles that see who has looked at a record.
    public var readsAccessLog: Bool { self == .dataProtectionOfficer || self == .auditor }

    /// Roles for which a second factor (TOTP) is mandatory; every other role may opt in.
    public var requiresSecondFactor: Bool {
        self == .administrator || self == .dataProtectionOfficer || self == .auditor
    }
}
