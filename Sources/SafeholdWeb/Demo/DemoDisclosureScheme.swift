import Foundation
import SafeholdCore
import SafeholdStore

/// The demo's applications under the child sex offender disclosure scheme, so that the police team and the
/// MAPPA coordinator have real work: one decided (checks made, disclosed to the mother, what was said
/// recorded) and one awaiting its decision, due within days. They ask about two of the MAPPA demo's
/// nominals (`subjects`), or about an adult the police record when there are none.
enum DemoDisclosureScheme {
    static func load(
        into store: Store, children: [(child: UUID, worker: String)], users: [String: User], subjects: [UUID]
    ) async throws {
        let north = children.filter { $0.worker == "sw.north2" }.map(\.child)
        guard north.count >= 2, let officer = users["police.cait2"], let mappa = users["mappa1"] else { return }
        let police = AuditContext(actor: officer.actor, ipAddress: nil, reason: "demo")
        let coordinator = AuditContext(actor: mappa.actor, ipAddress: nil, reason: "demo")
        let today = store.today
        var subjects = subjects
        if subjects.count < 2 {
            let adult = try await store.createPerson(
                PersonDetails(
                    kind: .adult, givenName: "Dean", familyName: "Harlow", dateOfBirth: LocalDate(iso: "1979-03-14"),
                    sex: .male),
                context: police)
            subjects = [adult.id, adult.id]
        }
        let received = today.adding(days: -30)
        var decided = try await store.receiveDisclosureApplication(
            DisclosureApplicationDraft(
                applicantName: "Kerry Stanton", applicantContact: "07700 900811; prefers calls after 4pm",
                relationship: .parent, subjectId: subjects[0], childId: north[0], receivedOn: received),
            context: police)
        for (kind, result, day) in [
            (DisclosureCheckKind.policeNationalComputer, "Convicted 2014 of sexual assault of a child under 13.", -28),
            (.visor, "Registered sex offender, notification requirements indefinite; last visit six weeks ago.", -27),
            (
                .childrensSocialCare, "The child is open to Child Protection North; the worker was told of the check.",
                -25
            ),
        ] {
            decided = try await store.recordDisclosureSchemeStep(
                .check(kind: kind, result: result, checkedOn: today.adding(days: day)), on: decided.id,
                expectedVersion: decided.version, context: police)
        }
        decided = try await store.recordDisclosureSchemeStep(
            .decision(
                outcome: .disclose,
                reasons: "He has regular unsupervised contact with the child through the applicant; disclosure to her "
                    + "is necessary and proportionate to protect the child.",
                decidedOn: today.adding(days: -20)), on: decided.id, expectedVersion: decided.version,
            context: coordinator)
        _ = try await store.recordDisclosureSchemeStep(
            .disclosure(
                disclosedTo: "Kerry Stanton (the applicant), in person at the police station",
                disclosedOn: today.adding(days: -18),
                what: "That he has a conviction for a sexual offence against a child and poses a risk to children; "
                    + "the applicant was told to keep the information confidential and given a safety plan."),
            on: decided.id, expectedVersion: decided.version, context: police)
        let waiting = try await store.receiveDisclosureApplication(
            DisclosureApplicationDraft(
                applicantName: "Maureen Pike", applicantContact: "07700 900812", relationship: .other,
                relationshipOther: "Grandmother", subjectId: subjects[1], childId: north[north.count - 1],
                receivedOn: today.adding(days: -43)),
            context: police)
        _ = try await store.recordDisclosureSchemeStep(
            .check(
                kind: .localPoliceSystems, result: "Two intelligence reports of him loitering near a play park.",
                checkedOn: today.adding(days: -40)), on: waiting.id, expectedVersion: waiting.version, context: police)
    }
}
