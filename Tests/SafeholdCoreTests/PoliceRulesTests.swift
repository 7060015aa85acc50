import Foundation
import Testing

@testable import SafeholdCore

/// Synthetic police values that pass validation, for the police rule tests.
enum PoliceFixture {
    static let officer = Fixture.id(201)
    static let supervisor = Fixture.id(202)
    static let child = Fixture.id(301)
    static let sibling = Fixture.id(302)
    static let suspect = Fixture.id(401)

    static func draft(
        crime: String? = "NB/12345/26", incident: String? = nil, offences: [String] = ["CYPA1"],
        officer: UUID = officer, supervisor: UUID = supervisor,
        people: [InvestigationPerson] = [
            InvestigationPerson(personId: child, role: .victim),
            InvestigationPerson(personId: suspect, role: .suspect, relationshipToChild: "mother's partner"),
        ],
        summary: String = "Bruising reported by the school.", intelligence: String? = nil
    ) -> InvestigationDraft {
        InvestigationDraft(
            crimeReference: crime, incidentReference: incident, offences: offences, officerId: officer,
            supervisorId: supervisor, people: people, summary: summary, intelligence: intelligence)
    }

    /// The fields named by an `.invalid` refusal of `body`, or a recorded issue when it did not refuse so.
    static func fields<T>(sourceLocation: SourceLocation = #_sourceLocation, _ body: () throws -> T) -> [String] {
        do {
            _ = try body()
            Issue.record("expected .invalid, but it passed", sourceLocation: sourceLocation)
        } catch SafeholdError.invalid(let errors) {
            return errors.map(\.field)
        } catch {
            Issue.record("expected .invalid, got \(error)", sourceLocation: sourceLocation)
        }
        return []
    }
}

@Suite("Police references, investigation drafts and status moves")
struct PoliceRulesTests {
    typealias P = PoliceFixture

    @Test(
        "Crime references: force code, 5-8 digit serial, two-digit year; canonical upper case",
        arguments: [
            ("NB/12345/26", "NB/12345/26"), (" nb/12345678/26 ", "NB/12345678/26"), ("abcd/00001/99", "ABCD/00001/99"),
            ("Nb/123456/01", "NB/123456/01"),
        ])
    func crimeReferencesAccepted(_ text: String, _ canonical: String) {
        #expect(PoliceReference.crime(text) == canonical)
    }

    @Test(
        "Crime references of the wrong shape are refused",
        arguments: [
            "", "NB", "N/12345/26", "ABCDE/12345/26", "NB/1234/26", "NB/123456789/26", "NB/12345/2026", "NB/12345/6",
            "NB-12345-26", "NB/12345/26/1", "NB//26", "N1/12345/26", "NB/12a45/26", "NB/١٢٣٤٥/26", "ＮＢ/12345/26",
            "NB /12345/26", "NB/12345/26\n",
        ])
    func crimeReferencesRefused(_ text: String) {
        #expect(PoliceReference.crime(text) == nil, "\(text)")
    }

    @Test(
        "Incident references: force code, a real date between 1900 and 2100, four-digit serial",
        arguments: [
            ("NB-20261126-0042", "NB-20261126-0042"), ("nb-20240229-0001", "NB-20240229-0001"),
            (" abc-19000101-9999 ", "ABC-19000101-9999"),
        ])
    func incidentReferencesAccepted(_ text: String, _ canonical: String) {
        #expect(PoliceReference.incident(text) == canonical)
    }

    @Test(
        "Incident references with an impossible date or the wrong shape are refused",
        arguments: [
            "NB-20260230-0001", "NB-20250229-0001", "NB-20261301-0001", "NB-20260000-0001", "NB-20261100-0001",
            "NB-20261132-0001", "NB-18991231-0001", "NB-21010101-0001", "NB-2026112-0042", "NB-20261126-042",
            "NB/20261126/0042", "NB-20261126-00420", "20261126-0042", "NB-20261126", "NB-2026-11-26-0042",
        ])
    func incidentReferencesRefused(_ text: String) {
        #expect(PoliceReference.incident(text) == nil, "\(text)")
    }

    @Test("A valid draft passes with its references canonical, its text trimmed and blank intelligence dropped")
    func validDraft() throws {
        let draft = try P.draft(crime: " nb/12345/26", incident: "nb-20261126-0042", intelligence: "  \n")
            .validated()
        #expect(draft.crimeReference == "NB/12345/26")
        #expect(draft.incidentReference == "NB-20261126-0042")
        #expect(draft.intelligence == nil)
        let incidentOnly = try P.draft(crime: "  ", incident: "NB-20261126-0042").validated()
        #expect(incidentOnly.crimeReference == nil)
    }

    @Test("A draft names every field that is wrong")
    func draftRefusals() {
        #expect(P.fields { try P.draft(crime: nil, incident: nil).validated() } == ["crimeReference"])
        #expect(P.fields { try P.draft(crime: "NB-12345-26").validated() } == ["crimeReference"])
        #expect(P.fields { try P.draft(incident: "NB-20260231-0001").validated() } == ["incidentReference"])
        #expect(P.fields { try P.draft(offences: []).validated() } == ["offences"])
        #expect(P.fields { try P.draft(offences: ["CYPA1", "SOA7", "CYPA1"]).validated() } == ["offences"])
        let many = (0...InvestigationDraft.maxOffences).map { "X\($0)" }
        #expect(P.fields { try P.draft(offences: many).validated() } == ["offences"])
        #expect(P.fields { try P.draft(supervisor: P.officer).validated() } == ["supervisorId"])
        #expect(P.fields { try P.draft(summary: "Bruising\u{202E}reported").validated() } == ["summary"])
        #expect(P.fields { try P.draft(summary: "  ").validated() } == ["summary"])
        #expect(P.fields { try P.draft(intelligence: "Seen with \u{2066}x").validated() } == ["intelligence"])
    }

    @Test("People: at least one child, nobody twice, and no suspect who is also a victim or witness")
    func draftPeople() {
        let onlySuspect = [InvestigationPerson(personId: P.suspect, role: .suspect)]
        #expect(P.fields { try P.draft(people: onlySuspect).validated() } == ["people"])
        #expect(P.fields { try P.draft(people: []).validated() } == ["people"])
        for role in [InvestigationRole.victim, .witness, .victimAndWitness] {
            let both = [
                InvestigationPerson(personId: P.child, role: role),
                InvestigationPerson(personId: P.child, role: .suspect),
            ]
            do {
                _ = try P.draft(people: both).validated()
                Issue.record("a suspect who is also \(role) passed")
            } catch {
                #expect(error.message.contains("suspect cannot also be a victim or witness"))
            }
        }
        let twice = [
            InvestigationPerson(personId: P.child, role: .victim),
            InvestigationPerson(personId: P.child, role: .witness),
        ]
        #expect(P.fields { try P.draft(people: twice).validated() } == ["people"])
        let longRelationship = [
            InvestigationPerson(personId: P.child, role: .victim),
            InvestigationPerson(
                personId: P.suspect, role: .suspect, relationshipToChild: String(repeating: "x", count: 101)),
        ]
        #expect(P.fields { try P.draft(people: longRelationship).validated() } == ["relationshipToChild"])
        let siblings = [
            InvestigationPerson(personId: P.child, role: .victim),
            InvestigationPerson(personId: P.sibling, role: .witness),
        ]
        #expect((try? P.draft(people: siblings).validated()) != nil)
    }

    @Test("A joint draft names both the episode and its strategy discussion")
    func jointDraftNeedsBoth() {
        var draft = P.draft()
        draft.episodeId = Fixture.id(9)
        #expect(P.fields { try draft.validated() } == ["strategyDiscussionId"])
        draft.strategyDiscussionId = Fixture.id(10)
        #expect((try? draft.validated()) != nil)
    }

    /// The moves the domain allows, written out independently of `InvestigationStatus.next`.
    static let allowedMoves: Set<String> = [
        "reported>under_investigation", "reported>no_further_action",
        "under_investigation>suspect_interviewed", "under_investigation>file_to_cps",
        "under_investigation>no_further_action", "suspect_interviewed>under_investigation",
        "suspect_interviewed>file_to_cps", "suspect_interviewed>no_further_action", "file_to_cps>charged",
        "file_to_cps>no_further_action", "file_to_cps>under_investigation", "charged>court_outcome",
    ]

    @Test("Every status move is allowed or refused as a conflict, exactly as the table says")
    func statusMoves() {
        for from in InvestigationStatus.allCases {
            for to in InvestigationStatus.allCases {
                let change = StatusChangeDraft(status: to, reason: "reason", expectedVersion: 1)
                let allowed = Self.allowedMoves.contains("\(from.rawValue)>\(to.rawValue)")
                do {
                    try change.check(from: from)
                    #expect(allowed, "\(from) -> \(to) passed")
                } catch {
                    #expect(!allowed, "\(from) -> \(to) refused")
                    guard case .conflict(let message) = error else {
                        Issue.record("\(from) -> \(to): expected a conflict, got \(error)")
                        continue
                    }
                    #expect(message.contains(from.label.lowercased()))
                    if from.isFinal { #expect(message.contains("finished")) }
                }
            }
        }
    }

    @Test("No further action and a court outcome need a reason; other moves do not; the version must be real")
    func statusReasons() {
        for status in [InvestigationStatus.noFurtherAction, .courtOutcome] {
            for reason in [nil, "", "  \n"] {
                let draft = StatusChangeDraft(status: status, reason: reason, expectedVersion: 1)
                #expect(P.fields { try draft.validated() } == ["reason"])
            }
            #expect(
                (try? StatusChangeDraft(status: status, reason: "No evidence", expectedVersion: 2).validated()) != nil)
        }
        #expect(
            (try? StatusChangeDraft(status: .underInvestigation, reason: nil, expectedVersion: 1).validated()) != nil)
        #expect(
            P.fields { try StatusChangeDraft(status: .charged, reason: nil, expectedVersion: 0).validated() } == [
                "expectedVersion"
            ])
        let bidi = StatusChangeDraft(status: .noFurtherAction, reason: "a\u{202D}b", expectedVersion: 1)
        #expect(P.fields { try bidi.validated() } == ["reason"])
    }

}
