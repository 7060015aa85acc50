import Foundation
import SQLKit
import SafeholdCore
import SafeholdStore
import Testing

/// A LADO service with an allegation against a teacher: the LADO (`lado`), a second LADO who is also the
/// subject as a Safehold user (`subjectLado`), a social worker of the child's team (alice, allocated
/// the child), a school's safeguarding lead with a grant on the child, and the teacher's adult record.
struct AllegationWorld: Sendable {
    let w: World
    let lado: User
    let subjectLado: User
    let school: User
    let child: UUID
    let teacher: UUID

    var store: Store { w.store }

    static func make(_ w: World) async throws -> AllegationWorld {
        let council = w.council
        let ladoTeam = try await w.env.createTeam("LADO Service", in: council)
        let lado = try await w.env.createUser("lado", "Lee Adoson", role: .lado, agency: council, team: ladoTeam)
        let subjectLado = try await w.env.createUser(
            "lado.two", "Tom Teacher", role: .lado, agency: council, team: ladoTeam)
        for user in [lado, subjectLado] {  // both hold a current LADO accreditation (the gate of taking a case)
            _ = try await w.store.recordTraining(
                TrainingDraft(course: "lado", completedOn: w.store.today.adding(days: -100).description), for: user.id,
                context: AuditContext(system: "test"))
        }
        let academy = try await w.env.createAgency("Northfield Academy", kind: .school)
        let school = try await w.env.createUser("dsl.na", "Sam Lead", role: .partner, agency: academy, team: nil)
        let child = try await w.store.createPerson(Synthetic.child("Ruby", "Quill"), context: w.ctx(w.alice)).id
        let teacher = try await w.store.createPerson(
            Synthetic.adult("Tom", "Teachwell"), context: w.ctx(w.alice)
        ).id
        try await w.env.execute(
            """
            INSERT INTO access_grants (id, person_id, user_id, can_edit, reason, granted_at)
            VALUES ('\(UUID().uuidString)', '\(child.uuidString)', '\(school.id.uuidString)', 0,
                    'school safeguarding lead', '\(Timestamp.string(testNow))')
            """)
        return AllegationWorld(
            w: w, lado: lado, subjectLado: subjectLado, school: school, child: child, teacher: teacher)
    }

    func ctx(_ user: User) -> AuditContext { w.ctx(user) }

    /// An allegation about the teacher (as `subjectUser`, when given) concerning the child.
    func draft(subject: UUID? = nil, subjectUser: UUID? = nil, children: [UUID]? = nil) throws -> AllegationDraft {
        try AllegationDraft.validated(
            subjectId: (subject ?? teacher).uuidString, subjectGivenName: nil, subjectFamilyName: nil,
            subjectDateOfBirth: nil, subjectUserId: subjectUser?.uuidString, source: "employer",
            referrerName: "Hannah Head", referrerOrganisation: "Northfield Academy",
            employerName: "Northfield Academy", sector: "education", role: "Class teacher",
            criteria: ["harmed_child", "unsuitable"], summary: "A pupil says the teacher grabbed her arm hard.",
            receivedAt: testNow.addingTimeInterval(-3600), childIds: (children ?? [child]).map(\.uuidString),
            now: testNow, today: Synthetic.today)
    }

    func record(subjectUser: UUID? = nil) async throws -> Allegation {
        try await store.recordAllegation(try draft(subjectUser: subjectUser), context: ctx(lado))
    }

    /// Rows in the tables an allegation writes, with contacts and notifications.
    func footprint() async throws -> [String: Int] {
        var counts: [String: Int] = [:]
        for table in [
            "allegations", "allegation_children", "allegation_attendees", "allegation_actions",
            "allegation_employment", "allegation_contacts", "contacts", "contact_children", "notifications", "persons",
        ] {
            counts[table] = try await w.env.count(table)
        }
        return counts
    }

    /// Whether `user`'s search by the teacher's name finds the teacher's record.
    func finds(_ user: User, _ name: String = "Teachwell") async throws -> Bool {
        try await store.search(PersonQuery(text: name), context: ctx(user)).contains { $0.id == teacher }
    }
}

func withAllegations<T: Sendable>(
    _ backend: TestBackend, _ body: (AllegationWorld) async throws -> T
) async throws -> T {
    try await withWorld(backend) { w in try await body(try await AllegationWorld.make(w)) }
}
