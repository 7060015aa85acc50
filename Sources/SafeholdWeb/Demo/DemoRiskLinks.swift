import Foundation
import SafeholdCore
import SafeholdStore

/// The demo's children linked to people who pose a risk, from the MAPPA demo's nominals: one living with
/// their own child with the strategy discussion decided, one visiting with the decision pending, one moving
/// into another family's household (links made by the change of address, pending), and one in contact with a
/// child with the decision that no discussion is needed. Then the disclosure scheme's applications.
enum DemoRiskLinks {
    static func load(
        into store: Store, children: [(child: UUID, worker: String)], users: [String: User],
        nominals: [DemoRisk.Nominal]
    ) async throws {
        try await DemoDisclosureScheme.load(
            into: store, children: children.filter { c in !nominals.contains { $0.childId == c.child } },
            users: users, subjects: nominals.prefix(2).map(\.personId))
        guard nominals.count >= 4, let mappa = users["mappa1"], let officer = users["police.cait2"],
            let north2 = users["sw.north2"]
        else { return }
        let coordinator = AuditContext(actor: mappa.actor, ipAddress: nil, reason: "demo")
        let police = AuditContext(actor: officer.actor, ipAddress: nil, reason: "demo")
        let worker = AuditContext(actor: north2.actor, ipAddress: nil, reason: "demo")
        let today = store.today
        let first = try await store.linkToChild(
            RiskLinkDraft(
                personId: nominals[0].personId, childId: nominals[0].childId, nature: .livesWith,
                startedOn: today.adding(days: -400), note: "Lives with the child and the child's mother."),
            context: coordinator)
        _ = try await store.decideLinkStrategy(
            first.id, child: nominals[0].childId, outcome: .hold,
            reasons: "A registered sex offender in the household of a child on a plan: a strategy discussion with "
                + "the police and probation is needed to review the safety plan.",
            expectedVersion: first.version, context: worker)
        _ = try await store.linkToChild(
            RiskLinkDraft(
                personId: nominals[1].personId, childId: nominals[1].childId, nature: .visits,
                startedOn: today.adding(days: -2), note: "Seen by the police visiting the family at weekends."),
            context: police)
        let contact = try await store.linkToChild(
            RiskLinkDraft(
                personId: nominals[3].personId, childId: nominals[3].childId, nature: .contact,
                startedOn: today.adding(days: -60), note: "Supervised contact at a family centre."),
            context: coordinator)
        _ = try await store.decideLinkStrategy(
            contact.id, child: nominals[3].childId, outcome: .notNeeded,
            reasons: "Contact is supervised by the family centre and the plan already covers it.",
            expectedVersion: contact.version, context: worker)
        try await moveIn(nominals[2], store: store, children: children, nominals: nominals, context: worker)
    }

    /// Moves a nominal into the household of another family of the north team through the person-edit path,
    /// which links them to the children who live there.
    static func moveIn(
        _ nominal: DemoRisk.Nominal, store: Store, children: [(child: UUID, worker: String)],
        nominals: [DemoRisk.Nominal], context: AuditContext
    ) async throws {
        let taken = Set(nominals.map(\.childId))
        for candidate in children where candidate.worker == "sw.north2" && !taken.contains(candidate.child) {
            let child = try await store.openPerson(candidate.child, context: context).person
            guard let home = child.details.addresses.first(where: { $0.to == nil }) else { continue }
            let adult = try await store.openPerson(nominal.personId, context: context).person
            var details = adult.details
            details.addresses = details.addresses.map { old in
                var old = old
                if old.to == nil { old.to = store.today }
                return old
            }
            details.addresses.append(
                Address(
                    line1: home.line1, line2: home.line2, town: home.town, postcode: home.postcode, from: store.today))
            _ = try await store.updatePerson(
                nominal.personId, details: details, expectedVersion: adult.version, context: context)
            return
        }
    }
}
