import Foundation
import SQLKit
import SafeholdCore
import Testing

@testable import SafeholdStore

/// Access decided once: for every combination of a record's facts, every role and every action, the
/// policy's scope evaluated in Core (`AccessScope.matches`) and compiled to SQL (`AccessSQL.predicate`
/// over real rows) give the same answer, and the facts the store loads are the facts that were set up.
@Suite("Core and SQL agree on every access decision")
struct AccessAgreementTests {
    /// The explicit grant a record holds for the actor.
    enum Grant: CaseIterable { case none, read, edit, expired, revoked }

    /// Whether the record is the subject of an allegation, and whether the actor is recorded as that subject.
    enum Subject: CaseIterable { case none, subject, actorIsSubject }

    /// One combination of facts about a record, relative to the actor.
    struct Combination: Hashable {
        let worker: Bool, team: Bool, grant: Grant, awaitingTriage: Bool, restricted: Bool
        /// The actor's team runs a joint investigation of the child whose section 47 enquiry is open.
        let jointEnquiry: Bool
        var subject: Subject = .none

        /// Every combination of the record facts; the allegation subjects crossed with the relationships
        /// that could reach them (allocation, team, grant, restriction).
        static let all: [Combination] =
            [false, true].flatMap { worker in
                [false, true].flatMap { team in
                    Grant.allCases.flatMap { grant in
                        [false, true].flatMap { triage in
                            [false, true].flatMap { restricted in
                                [false, true].map {
                                    Combination(
                                        worker: worker, team: team, grant: grant, awaitingTriage: triage,
                                        restricted: restricted, jointEnquiry: $0)
                                }
                            }
                        }
                    }
                }
            }
            + [Subject.subject, .actorIsSubject].flatMap { subject in
                [false, true].flatMap { worker in
                    [false, true].flatMap { team in
                        Grant.allCases.flatMap { grant in
                            [false, true].map {
                                Combination(
                                    worker: worker, team: team, grant: grant, awaitingTriage: false, restricted: $0,
                                    jointEnquiry: false, subject: subject)
                            }
                        }
                    }
                }
            }

        /// The facts the policy should see for the actor `user` of team `teamId`, with `other`'s edit grant.
        func facts(user: UUID, team teamId: UUID, other: UUID) -> RecordAccessFacts {
            var grants: [UUID: Bool] = [other: true]
            if grant == .read { grants[user] = false }
            if grant == .edit { grants[user] = true }
            return RecordAccessFacts(
                allocatedWorkerIds: worker ? [user] : [], allocatedTeamIds: team ? [teamId] : [],
                grants: grants, restricted: restricted, awaitingTriage: awaitingTriage,
                jointEnquiryTeamIds: jointEnquiry ? [teamId] : [], allegationSubject: subject != .none,
                subjectUserIds: subject == .actorIsSubject ? [user] : [])
        }
    }

    @Test(
        "Every combination of facts x every role x every action: Core and SQL give identical answers",
        arguments: TestBackend.all)
    func coreAndSQLAgree(_ backend: TestBackend) async throws {
        try await withWorld(backend) { w in
            let subjectTeam = try await w.env.createTeam("Subject Team", in: w.council)
            let subject = try await w.env.createUser(
                "subject", "Sam Subject", role: .socialWorker, agency: w.council,
                team: subjectTeam)
            var records: [UUID: Combination] = [:]
            for (index, combination) in Combination.all.enumerated() {
                let id = try await makeRecord(w, index: index, combination, user: subject.id, team: subjectTeam.id)
                records[id] = combination
            }
            #expect(records.count == 240)
            let now = w.env.clock.now()
            try await w.store.database.withConnection { db in
                for (id, combination) in records {
                    let loaded = try await w.store.facts(id, on: db)
                    #expect(
                        loaded == combination.facts(user: subject.id, team: subjectTeam.id, other: w.bob.id),
                        "\(combination)")
                }
            }
            var checked = 0, startedFromCandidates = 0
            for role in Role.allCases {
                let actor = Actor(
                    userId: subject.id, role: role, agencyId: w.council.id, teamId: subjectTeam.id,
                    displayName: "Sam Subject")
                for action in PersonAction.allCases {
                    let scope = w.store.policy.scope(for: actor, action)
                    let inSQL = Set(
                        try await w.store.database.withConnection { db in
                            try await db.raw(
                                """
                                SELECT p.id FROM persons p \
                                WHERE p.family_name = 'Matrix' AND \(AccessSQL.predicate(scope, now: now))
                                """
                            ).all().map { try $0.uuid("id") }
                        })
                    // A list that starts from the scope's candidates finds exactly the same people.
                    if let among = AccessSQL.candidates(scope) {
                        let fromCandidates = Set(
                            try await w.store.database.withConnection { db in
                                try await db.raw(
                                    """
                                    SELECT p.id FROM persons p WHERE p.family_name = 'Matrix' AND p.id IN (\(among)) \
                                    AND \(AccessSQL.predicate(scope, now: now))
                                    """
                                ).all().map { try $0.uuid("id") }
                            })
                        #expect(fromCandidates == inSQL, "\(role) \(action): starting from the candidates")
                        startedFromCandidates += 1
                    }
                    for (id, combination) in records {
                        let facts = combination.facts(user: subject.id, team: subjectTeam.id, other: w.bob.id)
                        let inCore = scope.matches(facts)
                        #expect(inCore == inSQL.contains(id), "\(role) \(action) \(combination)")
                        #expect(w.store.policy.decide(actor, action, facts).isAllowed == inCore)
                        checked += 1
                    }
                }
            }
            #expect(checked == 240 * Role.allCases.count * PersonAction.allCases.count)
            // Every role's view starts from candidates (a working relationship, a grant, the LADO's subjects).
            #expect(startedFromCandidates >= Role.allCases.count)
        }
    }

    /// A record with exactly `combination`'s facts for `user` of `team`, and unrelated noise (another
    /// user's grant, a decided contact, a joint investigation of the team whose enquiry is closed, the
    /// child as a suspect on the team's open joint investigation) that must never count.
    func makeRecord(_ w: World, index: Int, _ combination: Combination, user: UUID, team: UUID) async throws -> UUID {
        let person = try await w.store.createPerson(Synthetic.child("M\(index)", "Matrix"), context: w.ctx(w.carol))
        let id = person.id.uuidString
        let now = Timestamp.string(testNow)
        let past = Timestamp.string(testNow.addingTimeInterval(-86_400))
        let future = Timestamp.string(testNow.addingTimeInterval(86_400))
        var sql = [
            "DELETE FROM allocations WHERE person_id = '\(id)'",
            "UPDATE persons SET restricted = \(combination.restricted ? 1 : 0) WHERE id = '\(id)'",
            // Noise: another user's edit grant and an ended allocation to the subject never count.
            grantSQL(person.id, user: w.bob.id, edit: true, expires: nil, revoked: nil, index: 1),
            """
            INSERT INTO allocations (id, person_id, team_id, worker_id, started_at, ended_at)
            VALUES ('\(UUID().uuidString)', '\(id)', '\(team.uuidString)', '\(user.uuidString)', '\(past)', '\(now)')
            """,
        ]
        if combination.worker || combination.team {
            sql.append(
                """
                INSERT INTO allocations (id, person_id, team_id, worker_id, started_at)
                VALUES ('\(UUID().uuidString)', '\(id)', \(combination.team ? "'\(team.uuidString)'" : "NULL"),
                        \(combination.worker ? "'\(user.uuidString)'" : "NULL"), '\(past)')
                """)
        }
        switch combination.grant {
        case .none: break
        case .read: sql.append(grantSQL(person.id, user: user, edit: false, expires: future, revoked: nil, index: 2))
        case .edit: sql.append(grantSQL(person.id, user: user, edit: true, expires: nil, revoked: nil, index: 2))
        case .expired: sql.append(grantSQL(person.id, user: user, edit: true, expires: past, revoked: nil, index: 2))
        case .revoked: sql.append(grantSQL(person.id, user: user, edit: true, expires: nil, revoked: past, index: 2))
        }
        // A decided contact never counts; an undecided one does.
        sql += contactSQL(person.id, decided: true, creator: w.alice.id)
        if combination.awaitingTriage { sql += contactSQL(person.id, decided: false, creator: w.alice.id) }
        // A joint investigation counts only while open, and only for a child who is victim or witness.
        sql += investigationSQL(w, person.id, team: team, open: false, role: "victim")
        sql += investigationSQL(w, person.id, team: team, open: true, role: "suspect")
        if combination.jointEnquiry {
            sql += investigationSQL(w, person.id, team: team, open: true, role: index % 2 == 0 ? "victim" : "witness")
        }
        if combination.subject != .none {
            let subjectUser = combination.subject == .actorIsSubject ? "'\(user.uuidString)'" : "NULL"
            sql.append(
                """
                INSERT INTO allegations (id, subject_id, subject_user_id, source, referrer_name, employer_name, sector,
                    role, criteria, summary, received_at, received_on, consideration_due, version, created_by,
                    created_at)
                VALUES ('\(UUID().uuidString)', '\(id)', \(subjectUser), 'employer', 'R', 'E', 'education', 'Teacher',
                    'unsuitable', 'matrix', '\(now)', '2026-11-24', '2026-11-25', 1, '\(w.alice.id.uuidString)',
                    '\(now)')
                """)
        }
        for statement in sql { try await w.env.execute(statement) }
        return person.id
    }

    func grantSQL(_ person: UUID, user: UUID, edit: Bool, expires: String?, revoked: String?, index: Int) -> String {
        let canEdit = edit ? 1 : 0
        let expiresAt = expires.map { "'\($0)'" } ?? "NULL"
        let revokedAt = revoked.map { "'\($0)'" } ?? "NULL"
        return """
            INSERT INTO access_grants (id, person_id, user_id, can_edit, reason, granted_at, expires_at, revoked_at)
            VALUES ('\(UUID().uuidString)', '\(person.uuidString)', '\(user.uuidString)', \(canEdit), 'matrix \(index)',
                    '\(Timestamp.string(testNow))', \(expiresAt), \(revokedAt))
            """
    }

    /// A joint investigation held by `team` (as the police team) with `person` in `role`.
    func investigationSQL(_ w: World, _ person: UUID, team: UUID, open: Bool, role: String) -> [String] {
        let investigation = UUID().uuidString
        let now = Timestamp.string(testNow)
        return [
            """
            INSERT INTO investigations (id, agency_id, team_id, offences, officer_id, supervisor_id, status, joint_open,
                summary, opened_at, version)
            VALUES ('\(investigation)', '\(w.police.id.uuidString)', '\(team.uuidString)', '[]',
                    '\(w.officer.id.uuidString)', '\(w.officer.id.uuidString)', 'reported', \(open ? 1 : 0), 'matrix',
                    '\(now)', 1)
            """,
            """
            INSERT INTO investigation_people (investigation_id, person_id, role, added_at)
            VALUES ('\(investigation)', '\(person.uuidString)', '\(role)', '\(now)')
            """,
        ]
    }

    func contactSQL(_ person: UUID, decided: Bool, creator: UUID) -> [String] {
        let contact = UUID().uuidString
        let decision = decided ? "'nfa'" : "NULL"
        let now = Timestamp.string(testNow)
        return [
            """
            INSERT INTO contacts \
            (id, received_at, received_on, source, concern, decision, decision_due, version, recorded_by,
                created_at)
            VALUES ('\(contact)', '\(now)', '2026-11-24', '3B', 'matrix', \(decision), '2026-11-25', 1,
                    '\(creator.uuidString)', '\(now)')
            """,
            "INSERT INTO contact_children (contact_id, person_id) VALUES ('\(contact)', '\(person.uuidString)')",
        ]
    }
}
