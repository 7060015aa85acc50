import Foundation
import SQLKit
import SafeholdCore
import SafeholdStore
import Testing

@Suite("The police home's lists, each one query, agree with the investigation's own page")
struct PoliceHomeQueryTests {
    @Test(
        "Each home line matches its investigation file: reference, status, officer, children, next key date",
        arguments: TestBackend.all)
    func linesMatchFiles(_ backend: TestBackend) async throws {
        try await withPolice(backend) { p in
            try await p.accredit(p.ash)
            // Two children and an interview to plan, and a police protection linked to it.
            let both = try await p.open(p.draft(children: [p.amy, p.ben], roles: [.victim, .witness]))
            _ = try await p.store.planInterview(p.plan(), investigation: both.id, context: p.ctx(p.ash))
            _ = try await p.store.recordPoliceProtection(
                child: p.ben, p.removal(), investigation: both.id, context: p.ctx(p.ash))
            // Charged with bail: its key date is the bail date.
            let bailed = try await p.open(p.draft(crime: "NB/22222/26"))
            _ = try await p.store.changeStatus(
                bailed.id, StatusChangeDraft(status: .underInvestigation, reason: nil, expectedVersion: 1),
                context: p.ctx(p.ash))
            _ = try await p.store.changeStatus(
                bailed.id, StatusChangeDraft(status: .fileToCPS, reason: nil, expectedVersion: 2),
                context: p.ctx(p.ash))
            _ = try await p.store.recordChargingDecision(
                p.decision(bail: .bail, until: Synthetic.today.adding(days: 14), conditions: "Not to contact Amy."),
                investigation: bailed.id, expectedVersion: 3, context: p.ctx(p.ash))
            // Finished: listed last, whatever its age.
            let finished = try await p.open(p.draft(crime: "NB/33333/26", incident: "NB-20260101-0001"))
            _ = try await p.store.changeStatus(
                finished.id, StatusChangeDraft(status: .noFurtherAction, reason: "No evidence.", expectedVersion: 1),
                context: p.ctx(p.ash))
            // Another team's is never on this home.
            let theirs = try await p.open(p.draft(crime: "NB/44444/26"), by: p.dev)

            let home = try await p.store.policeHome(context: p.ctx(p.bea))
            #expect(Set(home.investigations.map(\.id)) == [both.id, bailed.id, finished.id])
            #expect(home.investigations.last?.id == finished.id)
            #expect(!home.investigations.contains { $0.id == theirs.id })
            for line in home.investigations {
                let file = try await p.store.investigationFile(line.id, context: p.ctx(p.bea))
                let i = file.investigation
                #expect(line.reference == i.crimeReference ?? i.incidentReference ?? "No reference yet")
                #expect(line.status == i.status)
                #expect(line.officerName == file.officerName)
                #expect(line.joint == i.isJoint)
                #expect(line.children == file.people.filter { $0.person.role.isChild }.map(\.summary))
                #expect(line.nextKeyDate == file.nextKeyDate)
                #expect(line.view == .full)
            }
            let withChildren = try #require(home.investigations.first { $0.id == both.id })
            #expect(withChildren.children.map(\.id) == [p.amy, p.ben])
            #expect(withChildren.nextKeyDate?.what == "ABE interview")
            #expect(home.investigations.first { $0.id == bailed.id }?.nextKeyDate?.what == BailKind.bail.label)
            #expect(home.bail.map(\.investigationId) == [bailed.id])
            #expect(home.protections.map(\.child.id) == [p.ben])
            #expect(home.protections.first?.child.familyName == "Policecase")
            #expect(home.interviewsToPlan.map(\.child.id) == [p.amy])
            #expect(home.interviewsToPlan.first?.reference == "NB/12345/26")
        }
    }

    @Test("An empty team's home lists nothing and audits one 'nothing shown' read", arguments: TestBackend.all)
    func emptyHome(_ backend: TestBackend) async throws {
        try await withPolice(backend) { p in
            let before = try await p.env.count("audit_log")
            let home = try await p.store.policeHome(context: p.ctx(p.dev))
            #expect(home.investigations.isEmpty && home.protections.isEmpty && home.bail.isEmpty)
            #expect(try await p.env.count("audit_log") == before + 1)
        }
    }
}
