import Foundation
import SafeholdCore
import SafeholdStore
import Testing

/// Applications under the child sex offender disclosure scheme in the store: received, checked, decided
/// and disclosed by the police team that holds them (and the force's MAPPA coordinators); nobody else.
@Suite("Disclosure scheme in the store")
struct DisclosureSchemeStoreTests {
    static func check(_ kind: DisclosureCheckKind = .visor) -> DisclosureSchemeStep {
        .check(kind: kind, result: "Registered; conditions on contact with children.", checkedOn: Synthetic.today)
    }
    static let decide = DisclosureSchemeStep.decision(
        outcome: .disclose, reasons: "The child has unsupervised contact.", decidedOn: Synthetic.today)

    @Test(
        "The police receive an application, due in 45 days; checks, a decision and the disclosure follow, audited",
        arguments: TestBackend.all)
    func wholeApplication(_ backend: TestBackend) async throws {
        try await withWorld(backend) { w in
            let s = try await RiskSetting.make(w)
            let received = try await s.store.receiveDisclosureApplication(s.application(), context: w.ctx(s.officer))
            #expect(received.dueOn == Synthetic.today.adding(days: 45) && received.stage == .awaitingDecision)
            #expect(received.teamName == "Child Abuse Investigation" && received.version == 1)
            #expect(received.child.id == s.child && received.subject.id == s.adult && !received.child.canView)
            var app = try await s.store.recordDisclosureSchemeStep(
                Self.check(), on: received.id, expectedVersion: 1, context: w.ctx(s.officer))
            app = try await s.store.recordDisclosureSchemeStep(
                Self.check(.childrensSocialCare), on: app.id, expectedVersion: app.version, context: w.ctx(s.mappa))
            app = try await s.store.recordDisclosureSchemeStep(
                Self.decide, on: app.id, expectedVersion: app.version, context: w.ctx(s.officer))
            #expect(app.stage == .awaitingDisclosure && app.checks.map(\.kind) == [.visor, .childrensSocialCare])
            app = try await s.store.recordDisclosureSchemeStep(
                .disclosure(disclosedTo: "Jo Linkwell, in person", disclosedOn: Synthetic.today, what: "Convictions"),
                on: app.id, expectedVersion: app.version, context: w.ctx(s.officer))
            #expect(app.stage == .closed && app.disclosure?.disclosedTo == "Jo Linkwell, in person")
            #expect(app.decision?.decidedBy == "Cai Tee" && app.version == 5)
            for person in [s.child, s.adult] {
                let entries = try await w.store.audit.entries(forPerson: person).filter {
                    $0.event.entityType == "disclosure_application"
                }
                #expect(entries.filter { $0.event.action == .create }.count == 1)
                #expect(entries.filter { $0.event.action == .update }.count == 4)
            }
            let open = try await s.store.disclosureApplications(openOnly: true, context: w.ctx(s.mappa))
            #expect(open.isEmpty)
            #expect(try await s.store.disclosureApplications(context: w.ctx(s.officer)).map(\.id) == [app.id])
        }
    }

    @Test(
        "A partner, the child's own social worker, another police team and another force get the one 404, audited",
        arguments: TestBackend.all)
    func othersRefused(_ backend: TestBackend) async throws {
        try await withWorld(backend) { w in
            let s = try await RiskSetting.make(w)
            let app = try await s.store.receiveDisclosureApplication(s.application(), context: w.ctx(s.officer))
            let before = try await s.footprint()
            for user in [s.probation, w.alice, w.manager, s.otherOfficer, s.otherForceMappa, w.dpo] {
                let error = await expectRefusal(.notFound) {
                    try await s.store.disclosureApplication(app.id, context: w.ctx(user))
                }
                #expect(error?.message == AccessPolicy.noVisibleRecord, "\(user.username)")
                _ = await expectRefusal(.notFound) {
                    try await s.store.recordDisclosureSchemeStep(
                        Self.check(), on: app.id, expectedVersion: 1, context: w.ctx(user))
                }
                let denied = try await w.store.audit.entries(forPerson: s.child).filter {
                    $0.event.action == .denied && $0.event.actorId == user.id
                }
                #expect(denied.count == 2, "\(user.username)")
            }
            var after = try await s.footprint()
            after["audit_log"] = before["audit_log"]
            #expect(after == before)
            // Nobody outside the scheme lists any, and none of them may receive one.
            for user in [s.probation, w.alice] {
                _ = await expectRefusal(.forbidden) {
                    try await s.store.disclosureApplications(context: w.ctx(user))
                }
                _ = await expectRefusal(.forbidden) {
                    try await s.store.receiveDisclosureApplication(s.application(), context: w.ctx(user))
                }
            }
            #expect(try await s.store.disclosureApplications(context: w.ctx(s.otherOfficer)).isEmpty)
            #expect(try await s.store.disclosureApplications(context: w.ctx(s.otherForceMappa)).isEmpty)
        }
    }

    @Test(
        "A stale version, a second decision, a decision before any check, a disclosure after 'not to': 409",
        arguments: TestBackend.all)
    func conflicts(_ backend: TestBackend) async throws {
        try await withWorld(backend) { w in
            let s = try await RiskSetting.make(w)
            let app = try await s.store.receiveDisclosureApplication(s.application(), context: w.ctx(s.officer))
            let ctx = w.ctx(s.officer)
            _ = await expectRefusal(.conflict) {
                try await s.store.recordDisclosureSchemeStep(Self.decide, on: app.id, expectedVersion: 1, context: ctx)
            }
            let checked = try await s.store.recordDisclosureSchemeStep(
                Self.check(), on: app.id, expectedVersion: 1, context: ctx)
            _ = await expectRefusal(.conflict) {
                try await s.store.recordDisclosureSchemeStep(Self.check(), on: app.id, expectedVersion: 1, context: ctx)
            }
            let no = DisclosureSchemeStep.decision(
                outcome: .notDisclose, reasons: "No risk.", decidedOn: Synthetic.today)
            let decided = try await s.store.recordDisclosureSchemeStep(
                no, on: app.id, expectedVersion: checked.version, context: ctx)
            let before = try await s.footprint()
            for step in [
                Self.decide, Self.check(),
                .disclosure(disclosedTo: "Jo", disclosedOn: Synthetic.today, what: "w"),
            ] {
                let error = await expectRefusal(.conflict) {
                    try await s.store.recordDisclosureSchemeStep(
                        step, on: app.id, expectedVersion: decided.version, context: ctx)
                }
                #expect(error?.message.isEmpty == false)
            }
            #expect(try await s.footprint() == before)
            #expect(try await s.store.disclosureApplication(app.id, context: ctx).decision?.outcome == .notDisclose)
        }
    }

    @Test(
        "The child as the adult asked about, an adult as the child, an unknown person, no reasons: 422, nothing kept",
        arguments: TestBackend.all)
    func badInput(_ backend: TestBackend) async throws {
        try await withWorld(backend) { w in
            let s = try await RiskSetting.make(w)
            let ctx = w.ctx(s.officer)
            let before = try await s.footprint()
            for (draft, field) in [
                (s.application(subject: s.child), "subjectId"), (s.application(subject: s.otherChild), "subjectId"),
                (s.application(child: s.mother), "childId"), (s.application(child: UUID()), "childId"),
                (s.application(subject: UUID()), "subjectId"),
            ] {
                let error = await expectRefusal(.invalid) {
                    try await s.store.receiveDisclosureApplication(draft, context: ctx)
                }
                #expect(error?.fields == [field])
            }
            #expect(try await s.footprint() == before)
            let app = try await s.store.receiveDisclosureApplication(s.application(), context: ctx)
            _ = try await s.store.recordDisclosureSchemeStep(Self.check(), on: app.id, expectedVersion: 1, context: ctx)
            let after = try await s.footprint()
            let error = await expectRefusal(.invalid) {
                try await s.store.recordDisclosureSchemeStep(
                    .decision(outcome: .disclose, reasons: "\u{202E}", decidedOn: Synthetic.today), on: app.id,
                    expectedVersion: 2, context: ctx)
            }
            #expect(error?.fields == ["reasons"])
            #expect(try await s.footprint() == after)
        }
    }
    @Test(
        "An application's decision falling overdue is told once to the receiving team and the force's coordinators",
        arguments: TestBackend.all)
    func overdueDecisionNotified(_ backend: TestBackend) async throws {
        try await withWorld(backend) { w in
            let s = try await RiskSetting.make(w)
            let app = try await s.store.receiveDisclosureApplication(s.application(), context: w.ctx(s.officer))
            let system = AuditContext(system: "test")
            func told(_ user: User) async throws -> [UserNotification] {
                try await w.store.notifications(context: w.ctx(user)).filter {
                    $0.kind == .due && $0.text.contains("disclosure scheme application")
                }
            }
            _ = try await w.store.notifyDueItems(context: system)
            #expect(try await told(s.officer).isEmpty, "45 days away: nothing is due yet")
            w.env.clock.advance(by: 50 * 86_400)
            _ = try await w.store.notifyDueItems(context: system)
            let notice = try #require(try await told(s.officer).first)
            #expect(notice.text.hasPrefix("Overdue: the decision on the disclosure scheme application"))
            #expect(notice.personId == nil && !notice.text.contains("Jo Linkwell"), "no record named or linked")
            #expect(try await told(s.mappa).count == 1)
            for user in [s.otherOfficer, s.otherForceMappa, s.probation, w.alice] {
                #expect(try await told(user).isEmpty, "\(user.username) does not hold the application")
            }
            _ = try await w.store.notifyDueItems(context: system)
            #expect(try await told(s.officer).count == 1, "each application and status is told once")
            for person in [s.child, s.adult] {
                let audited = try await w.store.audit.entries(forPerson: person).filter {
                    $0.event.entityType == "notification" && $0.event.entityId == app.id
                }
                #expect(audited.count == 1)
            }
        }
    }
}
