import Foundation
import SafeholdCore
import SafeholdSeeding
import SafeholdStore
import Testing

/// A child of team A (allocated to alice) living at 4 Elm Road, a child of team B, an adult, a police
/// child abuse team and a second police team, a MAPPA coordinator, another force's coordinator and a
/// probation officer (a partner agency).
struct RiskSetting: Sendable {
    let w: World
    let child: UUID
    let otherChild: UUID
    let adult: UUID
    /// Another adult, with no risk profile (the child's mother).
    let mother: UUID
    let cait: Team
    let officer: User
    let otherOfficer: User
    let mappa: User
    let otherForceMappa: User
    let probation: User
    let probationService: Agency
    /// Another probation officer, who is not the offender manager.
    let probationColleague: User

    var store: Store { w.store }

    static func make(_ w: World) async throws -> RiskSetting {
        let cait = try await w.env.createTeam("Child Abuse Investigation", in: w.police)
        let unit = try await w.env.createTeam("MAPPA Unit", in: w.police)
        let other = try await w.env.createTeam("Neighbourhood", in: w.police)
        let elsewhere = try await w.env.createAgency("Southshire Police", kind: .police)
        let probationService = try await w.env.createAgency("Probation Service", kind: .probation)
        let ids = try await w.store.bulkLoad(
            [
                BulkPerson(
                    details: Self.living(Synthetic.child("Robin", "Linkwell")), team: w.teamA.id, worker: w.alice.id),
                BulkPerson(details: Synthetic.child("Sam", "Otherly"), team: w.teamB.id, worker: w.carol.id),
                BulkPerson(details: Synthetic.adult("Lee", "Riskley"), team: w.teamA.id, worker: nil),
                BulkPerson(details: Synthetic.adult("Jo", "Linkwell"), team: nil, worker: nil),
            ], links: [], context: w.env.system)
        return RiskSetting(
            w: w, child: ids[0], otherChild: ids[1], adult: ids[2], mother: ids[3], cait: cait,
            officer: try await w.env.createUser("pc.cait", "Cai Tee", role: .police, agency: w.police, team: cait),
            otherOfficer: try await w.env.createUser(
                "pc.other", "Nia Bourhood", role: .police, agency: w.police, team: other),
            mappa: try await w.env.createUser(
                "mappa", "Mo Appa", role: .mappaCoordinator, agency: w.police, team: unit),
            otherForceMappa: try await w.env.createUser(
                "mappa.south", "Sou Thappa", role: .mappaCoordinator, agency: elsewhere,
                team: try await w.env.createTeam("South MAPPA", in: elsewhere)),
            probation: try await w.env.createUser(
                "probation", "Pro Bation", role: .partner, agency: probationService, team: nil),
            probationService: probationService,
            probationColleague: try await w.env.createUser(
                "probation2", "Col League", role: .partner, agency: probationService, team: nil))
    }

    /// The household the first child lives in.
    static let home = Address(line1: "4 Elm Road", town: "Northfield", postcode: "NF1 4AB")

    /// Moves `person` to `address` (their only one) through the record's edit, as `user`.
    func move(_ person: UUID, to address: Address, by user: User) async throws {
        let current = try await store.openPerson(person, context: w.ctx(user)).person
        var details = current.details
        details.addresses = [address]
        _ = try await store.updatePerson(
            person, details: details, expectedVersion: current.version, context: w.ctx(user))
    }

    static func living(_ details: PersonDetails) -> PersonDetails {
        var details = details
        details.addresses = [home]
        return details
    }

    /// A risk profile on `person` (the adult by default): a registered sex offender managed by probation,
    /// with the probation officer as offender manager.
    @discardableResult
    func profile(for person: UUID? = nil) async throws -> RiskProfile {
        try await store.createRiskProfile(
            for: person ?? adult,
            RiskProfileInput(
                kind: "registered_sex_offender", registeredOn: "2020-03-02", registrationPeriod: "indefinite",
                lastNotifiedOn: "2026-01-15", offences: ["SOA03-S7"], riskOfSeriousHarm: "high",
                riskTo: ["children"], leadAgencyId: probationService.id.uuidString,
                offenderManagerUserId: probation.id.uuidString, offenderManagerPhone: "01632 960 123",
                mappaCategory: "1", mappaLevel: "2", nextMeetingOn: "2026-12-10"),
            context: w.ctx(mappa))
    }

    /// A link from the adult to the first child.
    func link(_ nature: RiskLinkNature = .visits, person: UUID? = nil, child: UUID? = nil) -> RiskLinkDraft {
        RiskLinkDraft(
            personId: person ?? adult, childId: child ?? self.child, nature: nature, startedOn: Synthetic.today)
    }

    /// An application from the child's mother about the adult, received today.
    func application(subject: UUID? = nil, child: UUID? = nil) -> DisclosureApplicationDraft {
        DisclosureApplicationDraft(
            applicantName: "Jo Linkwell", applicantContact: "07700 900456", relationship: .parent,
            subjectId: subject ?? adult, childId: child ?? self.child, receivedOn: Synthetic.today)
    }

    /// Tables the links and the disclosure scheme write, and the audit.
    func footprint() async throws -> [String: Int] {
        var counts: [String: Int] = [:]
        for table in ["csod_applications", "csod_checks", "risk_links", "notifications", "audit_log"] {
            counts[table] = try await w.env.count(table)
        }
        return counts
    }
}
