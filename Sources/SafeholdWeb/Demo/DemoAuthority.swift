import Foundation
import SafeholdCore
import SafeholdSeeding
import SafeholdStore

/// The synthetic demo local authority: its agencies, teams, workers in every role, and 300+ children
/// with their families, allocated across the teams. Loaded once; restarting adds nothing.
public enum DemoAuthority {
    /// Every demo worker's password (printed at start; demo only).
    public static let password = "safehold-demo-2026"
    static let settingKey = "demo_loaded"

    struct Worker { let username: String; let name: String; let role: Role; let team: String; let totp: String? }

    static let agencies: [(String, Agency.Kind, [String])] = [
        (
            "Northbridge Council Children's Services", .localAuthority,
            [
                "Front Door (MASH)", "Child Protection North", "Child Protection South", "Children in Need",
                "Conference and Review",
                "LADO Service", "Quality and Information Governance", "Systems Administration",
            ]
        ),
        ("Northbridge Police", .police, ["Child Abuse Investigation Team", "MAPPA Unit"]),
        ("Northbridge Health NHS Trust", .health, ["Safeguarding Children Team", "Health Visiting"]),
        ("Northbridge General Hospital", .health, ["Emergency Department"]),
        ("Riverside Primary School", .school, ["Riverside Safeguarding"]),
        ("Northbridge Academy", .school, ["Academy Safeguarding"]),
        ("Northbridge Probation Service", .probation, ["Public Protection"]),
    ]

    static let workers: [Worker] = [
        Worker(
            username: "admin", name: "Alex Admin", role: .administrator, team: "Systems Administration",
            totp: "DemoAdminSecret00001"),
        Worker(
            username: "dpo", name: "Dana Protection", role: .dataProtectionOfficer,
            team: "Quality and Information Governance", totp: "DemoDPOSecret0000001"),
        Worker(
            username: "admin2", name: "Jo Second-Admin", role: .administrator, team: "Systems Administration",
            totp: "DemoAdmin2Secret0001"),
        Worker(
            username: "auditor", name: "Avery Auditor", role: .auditor, team: "Quality and Information Governance",
            totp: "DemoAuditorSecret001"),
        Worker(
            username: "analyst", name: "Pat Analyst", role: .performanceAnalyst,
            team: "Quality and Information Governance", totp: nil),
        Worker(username: "frontdoor1", name: "Farah Doorley", role: .frontDoor, team: "Front Door (MASH)", totp: nil),
        Worker(username: "frontdoor2", name: "Frank Mashford", role: .frontDoor, team: "Front Door (MASH)", totp: nil),
        Worker(username: "tm.mash", name: "Maya Doorman", role: .teamManager, team: "Front Door (MASH)", totp: nil),
        Worker(
            username: "sw.north1", name: "Sam Northam", role: .socialWorker, team: "Child Protection North", totp: nil),
        Worker(
            username: "sw.north2", name: "Nia Worthing", role: .socialWorker, team: "Child Protection North",
            totp: nil),
        Worker(
            username: "sw.north3", name: "Kofi Mensworth", role: .socialWorker, team: "Child Protection North",
            totp: nil),
        Worker(
            username: "tm.north", name: "Morgan Northgate", role: .teamManager, team: "Child Protection North",
            totp: nil),
        Worker(
            username: "sw.south1", name: "Priya Southall", role: .socialWorker, team: "Child Protection South",
            totp: nil),
        Worker(
            username: "sw.south2", name: "Tom Southwell", role: .socialWorker, team: "Child Protection South", totp: nil
        ),
        Worker(
            username: "tm.south", name: "Grace Southby", role: .teamManager, team: "Child Protection South", totp: nil),
        Worker(username: "sw.cin1", name: "Ola Needham", role: .socialWorker, team: "Children in Need", totp: nil),
        Worker(username: "tm.cin", name: "Rowan Carewell", role: .teamManager, team: "Children in Need", totp: nil),
        Worker(
            username: "chair1", name: "Chris Chairley", role: .conferenceChair, team: "Conference and Review", totp: nil
        ),
        Worker(username: "lado1", name: "Lee Adoson", role: .lado, team: "LADO Service", totp: nil),
        Worker(
            username: "police.cait1", name: "DC Jordan Peel", role: .police, team: "Child Abuse Investigation Team",
            totp: nil),
        Worker(
            username: "police.cait2", name: "DS Casey Bobbitt", role: .police, team: "Child Abuse Investigation Team",
            totp: nil),
        Worker(
            username: "police.cait3", name: "DC Sam Ashdown", role: .police, team: "Child Abuse Investigation Team",
            totp: nil),
        Worker(
            username: "police.cait4", name: "DC Robin Fairlie", role: .police, team: "Child Abuse Investigation Team",
            totp: nil),
        Worker(username: "mappa1", name: "Robin Mappin", role: .mappaCoordinator, team: "MAPPA Unit", totp: nil),
        Worker(
            username: "nurse.safeguarding", name: "Hannah Nurseley", role: .partner, team: "Safeguarding Children Team",
            totp: nil),
        Worker(username: "hv1", name: "Vera Visitor", role: .partner, team: "Health Visiting", totp: nil),
        Worker(
            username: "ed.nurse1", name: "Eden Casualty", role: .unscheduledCare, team: "Emergency Department",
            totp: nil),
        Worker(
            username: "dsl.riverside", name: "Rita Rivers", role: .partner, team: "Riverside Safeguarding", totp: nil),
        Worker(username: "dsl.academy", name: "Adam Academe", role: .partner, team: "Academy Safeguarding", totp: nil),
        Worker(username: "probation1", name: "Paul Probert", role: .partner, team: "Public Protection", totp: nil),
    ]

    /// Loads the demo authority unless it is already loaded. Returns true when it loaded it now. Several
    /// servers started together on one database (or two loads in one process) load it once: the first
    /// holds the first start's lock while it loads, the others wait for it and then find it loaded.
    @discardableResult
    public static func load(
        into store: Store, passwords: Passwords, secrets: SecretBox,
        children minimum: Int = 300
    ) async throws -> Bool {
        if try await store.setting(settingKey) != nil { return false }
        return try await store.database.exclusively(lock: firstStartLockKey) {
            if try await store.setting(settingKey) != nil { return false }
            try await loadEverything(into: store, passwords: passwords, secrets: secrets, children: minimum)
            return true
        }
    }

    private static func loadEverything(
        into store: Store, passwords: Passwords, secrets: SecretBox, children minimum: Int
    ) async throws {
        let system = AuditContext(system: "demo loader")
        var teams: [String: Team] = [:]
        for (name, kind, teamNames) in agencies {
            let agency = try await store.createAgency(name, kind: kind, context: system)
            for teamName in teamNames {
                teams[teamName] = try await store.createTeam(teamName, agencyId: agency.id, context: system)
            }
        }
        let hash = try await passwords.hash(password)
        var users: [String: User] = [:]
        for w in workers {
            let team = teams[w.team]!
            let user = User(
                id: store.ids.next(), username: w.username, displayName: w.name, role: w.role,
                agencyId: team.agencyId, teamId: team.id)
            users[w.username] = try await store.createUser(
                user, passwordHash: hash, mustChangePassword: false,
                totpSecret: try w.totp.map(secrets.seal), context: system)
        }
        try await DemoTraining.load(into: store, users: users)
        let children = try await loadFamilies(
            into: store, teams: teams, users: users, minimumChildren: minimum, context: system)
        let caitTeam = teams["Child Abuse Investigation Team"]!.id
        let used = try await DemoPipeline.load(into: store, children: children, users: users, policeTeam: caitTeam)
        try await DemoPolice.load(
            into: store, children: children.map(\.child).filter { !used.contains($0) }, users: users)
        try await DemoLookups.load(into: store, teams: teams, children: children, staged: used, users: users)
        try await DemoPartners.load(
            into: store, children: Array(children.map(\.child).filter { !used.contains($0) }.suffix(4)), users: users)
        try await DemoContributions.load(into: store, children: children, staged: used, users: users)
        try await DemoServices.load(into: store, children: children, staged: used, users: users)
        try await DemoInformationSharing.load(into: store, children: children, users: users)
        // People who pose a risk; the nominals (adults of demo families with a child each) are returned for
        // the demo of their links to children.
        let nominals = try await DemoRisk.load(into: store, children: children, staged: used, users: users)
        try await DemoRiskLinks.load(into: store, children: children, users: users, nominals: nominals)
        try await DemoAllegations.load(into: store, children: children, users: users)
        try await DemoCaseloads.load(
            into: store, teams: teams, children: children, staged: used, users: users, passwordHash: hash)
        try await DemoSupervision.load(into: store, children: children, users: users)
        try await DemoCensus.load(into: store, teams: teams, users: users)
        // The child in care proceedings holds the demo's documents, body map, statements and bundle.
        if let child = try await DemoCourt.load(into: store, teams: teams, users: users),
            let worker = users["sw.north1"], let manager = users["tm.north"]
        {
            let documents = try await DemoDocuments.load(into: store, child: child, worker: worker)
            try await DemoStatements.load(
                into: store, child: child, documents: documents, worker: worker, manager: manager)
        }
        try await store.setSetting(settingKey, Timestamp.string(store.clock.now()))
    }

    /// Loads families; returns each ordinary (unrestricted) child with the username of their allocated worker.
    static func loadFamilies(
        into store: Store, teams: [String: Team], users: [String: User], minimumChildren: Int,
        context: AuditContext
    ) async throws -> [(child: UUID, worker: String)] {
        var allocated: [(child: UUID, worker: String)] = []
        let caseTeams: [(team: String, workers: [String])] = [
            ("Child Protection North", ["sw.north1", "sw.north2", "sw.north3"]),
            ("Child Protection South", ["sw.south1", "sw.south2"]),
            ("Children in Need", ["sw.cin1"]),
            ("Front Door (MASH)", ["frontdoor1", "frontdoor2"]),
        ]
        var generator = SyntheticFamilies(seed: 20_261_124, today: store.today)
        var children = 0, familyNumber = 0
        while children < minimumChildren {
            var batch: [BulkPerson] = [], links: [BulkLink] = [], childIndexes: [(Int, String)] = []
            for _ in 0..<20 {
                let family = generator.next()
                let assignment = caseTeams[familyNumber % caseTeams.count]
                let team = teams[assignment.team]!.id
                let workerName = assignment.workers[(familyNumber / caseTeams.count) % assignment.workers.count]
                let worker = users[workerName]!.id
                let offset = batch.count
                for (i, details) in family.people.enumerated() {
                    var grants: [(user: UUID, canEdit: Bool)] = []
                    if i < family.childCount, let dob = details.dateOfBirth {
                        let age = dob.years(until: generator.today)
                        if age < 5 { grants.append((users["hv1"]!.id, false)) }
                        if (5...11).contains(age) && familyNumber % 2 == 0 {
                            grants.append((users["dsl.riverside"]!.id, false))
                        }
                        if age >= 11 && familyNumber % 2 == 1 { grants.append((users["dsl.academy"]!.id, false)) }
                        if familyNumber % 7 == 0 { grants.append((users["police.cait1"]!.id, false)) }
                    }
                    let restricted = familyNumber % 97 == 96 && i < family.childCount
                    if i < family.childCount && details.kind == .child && !restricted {
                        childIndexes.append((batch.count, workerName))
                    }
                    batch.append(
                        BulkPerson(
                            details: details, restricted: restricted,
                            team: team, worker: i < family.childCount ? worker : nil, grants: grants))
                }
                links += family.links.map {
                    BulkLink(
                        from: $0.from + offset, to: $0.to + offset, kind: $0.kind,
                        parentalResponsibility: $0.parentalResponsibility, livesTogether: $0.livesTogether)
                }
                children += family.childCount
                familyNumber += 1
            }
            let ids = try await store.bulkLoad(batch, links: links, context: context)
            allocated += childIndexes.map { (ids[$0.0], $0.1) }
        }
        return allocated
    }

    /// The sign-in details to print at start.
    public static var credentials: String {
        var lines = ["Demo workers (synthetic), all with password '\(password)':"]
        for w in workers {
            var line = "  \(w.username.padding(toLength: 20, withPad: " ", startingAt: 0)) \(w.role.label) — \(w.team)"
            if let totp = w.totp { line += "  [TOTP key \(SecondFactor.base32(totp))]" }
            lines.append(line)
        }
        let embedded = DemoCaseloads.embedded.username.padding(toLength: 20, withPad: " ", startingAt: 0)
        lines.append("  \(embedded) \(Role.socialWorker.label) — Child Abuse Investigation Team (embedded, council)")
        return lines.joined(separator: "\n")
    }
}
