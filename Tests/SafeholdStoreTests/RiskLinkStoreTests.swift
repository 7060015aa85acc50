import Foundation
import SafeholdCore
import SafeholdSeeding
import SafeholdStore
import Testing

/// Children linked to a person who poses a risk, in the store: the warning a linked child's social worker
/// sees without the MAPPA detail, who may link, the strategy discussion decision, and a change of address.
@Suite("Risk links in the store")
struct RiskLinkStoreTests {
    @Test(
        "The linked child's social worker sees the warning and the named officer, not the person or the profile",
        arguments: TestBackend.all)
    func warningWithoutDetail(_ backend: TestBackend) async throws {
        try await withWorld(backend) { w in
            let s = try await RiskSetting.make(w)
            let profile = try await s.profile()
            let link = try await s.store.linkToChild(s.link(), context: w.ctx(s.mappa))
            #expect(link.personName == "Lee Riskley" && link.origin == .recorded)
            let record = try await s.store.openPerson(s.child, context: w.ctx(w.alice))
            #expect(record.riskWarning == RiskWarning(officers: [.init(name: "Pro Bation", phone: "01632 960 123")]))
            let links = try await s.store.riskLinks(of: s.child, context: w.ctx(w.alice))
            #expect(links.links.count == 1 && links.links[0].personName == nil && links.mayDecide)
            _ = await expectRefusal(.notFound) { try await s.store.riskProfile(profile.id, context: w.ctx(w.alice)) }
            // A child with no link carries no warning; nor does a link that has ended.
            #expect(try await s.store.openPerson(s.otherChild, context: w.ctx(w.carol)).riskWarning == nil)
            _ = try await s.store.endRiskLink(
                link.id, child: s.child, endedOn: Synthetic.today, expectedVersion: 1, context: w.ctx(w.alice))
            #expect(try await s.store.openPerson(s.child, context: w.ctx(w.alice)).riskWarning == nil)
            // Nobody outside the child's record reads the links: not the MAPPA coordinator who made one.
            for user in [s.mappa, w.carol, s.probation] {
                _ = await expectRefusal(.notFound) { try await s.store.riskLinks(of: s.child, context: w.ctx(user)) }
            }
        }
    }

    @Test(
        "A person linked to themselves, a person with no risk profile, an adult as the child: 422, nothing written",
        arguments: TestBackend.all)
    func badLinks(_ backend: TestBackend) async throws {
        try await withWorld(backend) { w in
            let s = try await RiskSetting.make(w)
            try await s.profile()
            let before = try await s.footprint()
            for (draft, field) in [
                (s.link(person: s.child), "personId"), (s.link(child: s.adult), "personId"),
                (s.link(person: s.mother), "personId"), (s.link(child: s.mother), "childId"),
                (s.link(person: UUID()), "personId"),
            ] {
                let error = await expectRefusal(.invalid) {
                    try await s.store.linkToChild(draft, context: w.ctx(w.alice))
                }
                #expect(error?.fields == [field], "\(draft)")
            }
            var future = s.link()
            future.startedOn = Synthetic.today.adding(days: 1)
            let error = await expectRefusal(.invalid) { try await s.store.linkToChild(future, context: w.ctx(w.alice)) }
            #expect(error?.fields == ["startedOn"])
            var after = try await s.footprint()
            after["audit_log"] = before["audit_log"]
            #expect(after == before)
        }
    }

    @Test(
        "MAPPA, the police, the offender manager and the child's social worker link; others 403; twice 409",
        arguments: TestBackend.all)
    func whoLinks(_ backend: TestBackend) async throws {
        try await withWorld(backend) { w in
            let s = try await RiskSetting.make(w)
            try await s.profile()
            let before = try await s.footprint()
            for user in [s.probationColleague, w.carol] {
                _ = await expectRefusal(.forbidden) { try await s.store.linkToChild(s.link(), context: w.ctx(user)) }
                let denied = try await w.store.audit.entries(forPerson: s.child).filter {
                    $0.event.action == .denied && $0.event.actorId == user.id && $0.event.entityType == "risk_link"
                }
                #expect(denied.count == 1, "\(user.username)")
            }
            var after = try await s.footprint()
            after["audit_log"] = before["audit_log"]
            #expect(after == before)
            for (user, nature) in [
                (w.alice, RiskLinkNature.livesWith), (s.officer, .visits), (s.probation, .contact), (s.mappa, .visits),
            ] {
                let link = try await s.store.linkToChild(s.link(nature), context: w.ctx(user))
                _ = await expectRefusal(.conflict) { try await s.store.linkToChild(s.link(), context: w.ctx(user)) }
                _ = try await s.store.endRiskLink(
                    link.id, child: s.child, endedOn: Synthetic.today, expectedVersion: 1, context: w.ctx(user))
            }
            let entries = try await w.store.audit.entries(forPerson: s.adult).filter {
                $0.event.entityType == "risk_link" && $0.event.action == .create
            }
            #expect(entries.count == 4)
        }
    }

    @Test(
        "A new link tells the holders and the offender manager and is due for a strategy decision until decided",
        arguments: TestBackend.all)
    func strategyDecision(_ backend: TestBackend) async throws {
        try await withWorld(backend) { w in
            let s = try await RiskSetting.make(w)
            try await s.profile()
            let link = try await s.store.linkToChild(s.link(), context: w.ctx(s.officer))
            #expect(link.strategyDueOn == Ruleset.england2025.calendar.adding(workingDays: 1, to: Synthetic.today))
            let told = try await s.store.notifications(context: w.ctx(w.alice))
            #expect(told.map(\.kind) == [.due] && told[0].personId == s.child)
            #expect(!told[0].text.contains("Riskley"))
            let manager = try await s.store.notifications(context: w.ctx(s.probation))
            #expect(manager.count == 1 && manager[0].text.contains("Lee Riskley"))
            let due = try await s.store.dueList(.mine, context: w.ctx(w.alice))
            #expect(due.contains { $0.riskLinkId == link.id && $0.child.id == s.child })
            for user in [s.officer, s.probation, w.carol] {
                _ = await expectRefusal(.notFound) {
                    try await s.store.decideLinkStrategy(
                        link.id, child: s.child, outcome: .hold, reasons: "Risk", expectedVersion: 1,
                        context: w.ctx(user))
                }
            }
            _ = await expectRefusal(.invalid) {
                try await s.store.decideLinkStrategy(
                    link.id, child: s.child, outcome: .hold, reasons: " ", expectedVersion: 1, context: w.ctx(w.alice))
            }
            let decided = try await s.store.decideLinkStrategy(
                link.id, child: s.child, outcome: .hold, reasons: "He visits weekly.", expectedVersion: 1,
                context: w.ctx(w.alice))
            #expect(decided.strategyDecision?.outcome == .hold && decided.version == 2)
            _ = await expectRefusal(.conflict) {
                try await s.store.decideLinkStrategy(
                    link.id, child: s.child, outcome: .notNeeded, reasons: "No", expectedVersion: 2,
                    context: w.ctx(w.alice))
            }
            _ = await expectRefusal(.conflict) {
                try await s.store.endRiskLink(
                    link.id, child: s.child, endedOn: Synthetic.today, expectedVersion: 1, context: w.ctx(w.alice))
            }
            #expect(try await !s.store.dueList(.mine, context: w.ctx(w.alice)).contains { $0.riskLinkId != nil })
            // The link is on this child only: named with another child it is the one 404.
            _ = await expectRefusal(.notFound) {
                try await s.store.decideLinkStrategy(
                    link.id, child: s.otherChild, outcome: .hold, reasons: "x", expectedVersion: 2,
                    context: w.ctx(w.carol))
            }
        }
    }

    @Test(
        "Moving the person into the child's household links them, tells the holders and makes a due item",
        arguments: TestBackend.all)
    func addressChange(_ backend: TestBackend) async throws {
        try await withWorld(backend) { w in
            let s = try await RiskSetting.make(w)
            try await s.profile()
            // The same household typed differently: case, spacing and punctuation aside.
            try await s.move(
                s.adult, to: Address(line1: "4, ELM  road", town: "Northfield", postcode: "nf14ab"), by: w.alice)
            let links = try await s.store.riskLinks(of: s.child, context: w.ctx(w.alice))
            #expect(links.links.map(\.origin) == [.addressChange] && links.links[0].nature == .livesWith)
            #expect(links.warning != nil)
            #expect(try await s.store.notifications(context: w.ctx(w.alice)).map(\.kind) == [.due])
            #expect(try await s.store.notifications(context: w.ctx(s.probation)).count == 1)
            #expect(try await s.store.dueList(.mine, context: w.ctx(w.alice)).contains { $0.riskLinkId != nil })
            #expect(try await w.env.count("risk_links") == 1)
            // Saving again at the same address links nobody twice.
            let again = try await s.store.openPerson(s.adult, context: w.ctx(w.alice)).person
            var moved = again.details
            moved.phone = "07700 900999"
            _ = try await s.store.updatePerson(
                s.adult, details: moved, expectedVersion: again.version, context: w.ctx(w.alice))
            #expect(try await w.env.count("risk_links") == 1)
            // The due notices service tells the holders once when the decision falls due.
            #expect(try await s.store.notifyDueItems(context: w.env.system) >= 1)
        }
    }

    @Test(
        "A child moving into the household of a person who poses a risk is linked, the postcodes typed either way",
        arguments: TestBackend.all)
    func childMovesIn(_ backend: TestBackend) async throws {
        try await withWorld(backend) { w in
            let s = try await RiskSetting.make(w)
            try await s.profile()
            try await s.move(
                s.adult, to: Address(line1: "9 Larch Way", town: "Northfield", postcode: "nf2 9zz"), by: w.alice)
            #expect(try await w.env.count("risk_links") == 0)
            try await s.move(
                s.otherChild, to: Address(line1: "9, LARCH way", town: "Northfield", postcode: "NF29ZZ"), by: w.carol)
            let links = try await s.store.riskLinks(of: s.otherChild, context: w.ctx(w.carol))
            #expect(links.links.map(\.origin) == [.addressChange] && links.links.map(\.nature) == [.livesWith])
        }
    }

    @Test("An adult without a risk profile moving in links nobody", arguments: TestBackend.all)
    func noProfileNoLink(_ backend: TestBackend) async throws {
        try await withWorld(backend) { w in
            let s = try await RiskSetting.make(w)
            try await s.move(s.adult, to: RiskSetting.home, by: w.alice)
            #expect(try await w.env.count("risk_links") == 0)
        }
    }
    @Test(
        "The linked child's social worker is refused the MAPPA meeting and its minutes; a panel member reads them",
        arguments: TestBackend.all)
    func minutesRefused(_ backend: TestBackend) async throws {
        try await withWorld(backend) { w in
            let s = try await RiskSetting.make(w)
            let profile = try await s.profile()
            let meeting = try await s.store.recordMappaMeeting(
                profile: profile.id,
                MappaMeetingInput(
                    heldOn: "2026-11-20", chairName: "DI Chair",
                    attendees: [
                        MappaAttendeeInput(
                            name: "Pro Bation", agencyId: s.probationService.id.uuidString,
                            userId: s.probation.id.uuidString)
                    ], minutes: "Restricted: seen near the primary school.", plan: "Curfew; weekly visits."),
                context: w.ctx(s.mappa))
            _ = try await s.store.linkToChild(s.link(.livesWith), context: w.ctx(s.mappa))
            #expect(try await s.store.openPerson(s.child, context: w.ctx(w.alice)).riskWarning != nil)
            let error = await expectRefusal(.notFound) {
                try await s.store.mappaMeeting(meeting.id, context: w.ctx(w.alice))
            }
            #expect(error?.message == AccessPolicy.noVisibleRecord)
            let denied = try await w.store.audit.entries(forPerson: s.adult).filter {
                $0.event.action == .denied && $0.event.actorId == w.alice.id
            }
            #expect(!denied.isEmpty)
            let page = try await s.store.riskLinks(of: s.child, context: w.ctx(w.alice))
            #expect(page.links.allSatisfy { $0.personName == nil && $0.note?.contains("school") != true })
            let member = try await s.store.mappaMeeting(meeting.id, context: w.ctx(s.probation))
            #expect(member.minutes?.minutes == "Restricted: seen near the primary school.")
        }
    }
}
