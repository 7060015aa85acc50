import Foundation
import SafeholdCore
import SafeholdSeeding
import SafeholdStore

/// The demo's court work: one synthetic child of the Child Protection North team (allocated to
/// `sw.north1`) in care proceedings. A letter before proceedings and a pre-proceedings meeting; police
/// protection that ended in an application for an emergency protection order, which was granted,
/// extended and ended when an interim care order replaced it at issue; care proceedings issued 14 weeks
/// before the demo's today, with parties and their representatives, a case management hearing held and
/// an issues resolution hearing listed within the week. Other demo parts (documents, body maps,
/// statements, the court bundle) hang their records on the same child: find it by `childName`.
public enum DemoCourt {
    /// The child's given and family names (synthetic).
    public static let givenName = "Maisie"
    public static let familyName = "Thornbury"
    /// How the child is shown: "Maisie Thornbury".
    public static let childName = "\(givenName) \(familyName)"

    /// Loads the family and the court record; returns the child's id.
    @discardableResult
    static func load(into store: Store, teams: [String: Team], users: [String: User]) async throws -> UUID? {
        guard let team = teams["Child Protection North"], let worker = users["sw.north1"],
            let manager = users["tm.north"], let officer = users["police.cait1"]
        else { return nil }
        let today = store.today
        let system = AuditContext(system: "demo loader")
        let people = [
            BulkPerson(
                details: try PersonDetails(
                    kind: .child, givenName: givenName, familyName: familyName,
                    dateOfBirth: today.adding(months: -12 * 6 - 5),
                    sex: .female, ethnicity: "WBRI", firstLanguage: "English"),
                team: team.id, worker: worker.id),
            BulkPerson(
                details: try PersonDetails(
                    kind: .adult, givenName: "Kerry", familyName: familyName,
                    dateOfBirth: today.adding(months: -12 * 29),
                    sex: .female),
                team: nil, worker: nil),
            BulkPerson(
                details: try PersonDetails(
                    kind: .adult, givenName: "Dean", familyName: "Holloway",
                    dateOfBirth: today.adding(months: -12 * 33),
                    sex: .male),
                team: nil, worker: nil),
        ]
        let links = [
            BulkLink(from: 1, to: 0, kind: .mother, parentalResponsibility: true, livesTogether: true),
            BulkLink(from: 2, to: 0, kind: .father, parentalResponsibility: true, livesTogether: false),
        ]
        let child = try await store.bulkLoad(people, links: links, context: system)[0]
        let sw = AuditContext(actor: worker.actor, ipAddress: nil, reason: "demo")
        let day = { (offset: Int) in today.adding(days: offset).description }
        let stage = try await store.startPreProceedings(
            child,
            PreProceedingsForm(
                letterSentOn: day(-140), meetingOn: day(-133),
                attendees: "Kerry Thornbury (mother) and her solicitor; Dean Holloway (father); Sam Northam (social "
                    + "worker); Morgan Northgate (team manager); the local authority's solicitor",
                outcome: "continue", outcomeOn: day(-133)), context: sw)
        _ = try await store.updatePreProceedings(
            stage.id,
            PreProceedingsForm(
                letterSentOn: day(-140), meetingOn: day(-133), attendees: stage.attendees, outcome: "proceed_to_issue",
                outcomeOn: day(-111)), expectedVersion: stage.version, context: sw)
        let protection = try await policeProtection(store, child: child, officer: officer, today: today)
        let court = "Family Court at Northfield"
        let epo = try await store.applyForOrder(
            child,
            CourtOrderForm(
                kind: "emergency_protection", appliedOn: day(-111), court: court, applicant: "Northfield Council",
                policeProtectionId: protection?.text, outcome: "granted", outcomeOn: day(-111)), context: sw)
        let extended = try await store.extendOrder(
            epo.id,
            CourtOrderExtensionForm(
                extendedOn: day(-104), newExpiresOn: day(-97),
                reason: "The parenting assessment could not start before the order ran out; care proceedings "
                    + "to issue."),
            expectedVersion: epo.version, context: sw)
        let year = String(today.adding(days: -98).year % 100)
        let proceedings = try await store.issueProceedings(
            child,
            ProceedingsForm(
                issuedOn: day(-98), court: court, caseNumber: "ZZ\(year.count == 1 ? "0" + year : year)C00412",
                parties: [
                    PartyForm(
                        role: "child", name: childName, guardian: "Gemma Whitlock (children's guardian)",
                        solicitor: "Priya Anand", firm: "Anand Childs Solicitors"),
                    PartyForm(role: "mother", name: "Kerry Thornbury", solicitor: "Owen Barr", firm: "Barr & Lyle"),
                    PartyForm(
                        role: "father", name: "Dean Holloway", solicitor: "Ruth Mensah", firm: "Mensah Family Law"),
                    PartyForm(
                        role: "local_authority", name: "Northfield Council", solicitor: "Colin Ferris",
                        firm: "Northfield Council Legal Services"),
                ]), context: sw)
        _ = try await store.endOrder(
            epo.id,
            CourtOrderEndForm(endedOn: day(-98), reason: "replaced", note: "Replaced by an interim care order."),
            expectedVersion: extended.version, context: sw)
        _ = try await store.applyForOrder(
            child,
            CourtOrderForm(
                kind: "interim_care", appliedOn: day(-98), court: court, applicant: "Northfield Council",
                proceedingsId: proceedings.id.text, outcome: "granted", outcomeOn: day(-98)), context: sw)
        let heard = try await store.addHearing(
            to: proceedings.id,
            HearingForm(
                kind: "case_management", heldOn: day(-88),
                outcome: "Timetable set to week 26. Parenting assessment and a paediatric overview directed.",
                ordersMade: "Interim care order continued; case management order."),
            expectedVersion: proceedings.version, context: sw)
        _ = try await store.addHearing(
            to: proceedings.id, HearingForm(kind: "issues_resolution", heldOn: day(4)),
            expectedVersion: heard.version, context: AuditContext(actor: manager.actor, ipAddress: nil, reason: "demo"))
        return child
    }

    /// The police protection that began it: DC Peel took Maisie into police protection one evening, and it
    /// ended the next day when the council applied for an emergency protection order.
    private static func policeProtection(
        _ store: Store, child: UUID, officer: User, today: LocalDate
    ) async throws -> UUID? {
        let police = AuditContext(actor: officer.actor, ipAddress: nil, reason: "demo")
        let removed = Date(timeIntervalSince1970: Double(today.adding(days: -112).daysSinceEpoch) * 86_400 + 20 * 3600)
        let recorded = try await store.recordPoliceProtection(
            child: child,
            PoliceProtectionDraft(
                removedAt: removed, removedFrom: "The family home, Northfield",
                placeOfSafety: "Emergency foster carers",
                reason: "Found alone at night with an injury the mother could not explain; the mother was intoxicated.",
                designatedOfficerId: officer.id, localAuthorityToldAt: removed.addingTimeInterval(1800),
                parentsToldAt: removed.addingTimeInterval(3600)), context: police)
        _ = try await store.endPoliceProtection(
            recorded.id,
            PoliceProtectionEnding(
                endedAt: removed.addingTimeInterval(20 * 3600), outcome: .emergencyProtectionOrder,
                court: "Family Court at Northfield", applicationDate: today.adding(days: -111)),
            expectedVersion: recorded.version, context: police)
        return recorded.id
    }
}
