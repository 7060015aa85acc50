import Foundation
import Testing

@testable import SafeholdCore

@Suite("Statements, bundles and redaction rules")
struct StatementRulesTests {
    static let today = LocalDate(iso: "2026-11-24")!

    static func fields(_ error: SafeholdError) -> Set<String> {
        guard case .invalid(let errors) = error else { return [] }
        return Set(errors.map(\.field))
    }

    @Test func redactionRemovesEveryOccurrenceWhateverItsCase() {
        let text = "She lives at Flat 9 Larkspur Row. FLAT 9 larkspur row is near the school."
        let pieces = Redaction.pieces(text, removing: ["flat 9 larkspur row"])
        #expect(pieces == [.kept("She lives at "), .removed, .kept(". "), .removed, .kept(" is near the school.")])
        #expect(Redaction.apply(text, removing: ["Larkspur"]).contains("Flat 9 [redacted] Row"))
        #expect(!Redaction.apply(text, removing: ["larkspur"]).localizedCaseInsensitiveContains("larkspur"))
    }

    @Test func overlappingPhrasesRemoveTheLongestAndSingleLettersAreIgnored() {
        let out = Redaction.apply("Ann Smith met Ann.", removing: ["Ann", "Ann Smith", "a"])
        #expect(out == "[redacted] met [redacted].")
        #expect(Redaction.pieces("", removing: ["x"]).isEmpty)
        #expect(Redaction.apply("Café Rouge", removing: ["cafe rouge"]) == "[redacted]")
    }

    @Test func aBundleRequestNamesEachFieldItRefuses() {
        let id = UUID()
        let bad = BundleDraft(
            title: "", statementIds: [id, id], documentIds: [], redactedPhrases: ["x", "ok phrase", "bad \u{202E}"],
            includeWithheld: [UUID()])
        #expect(throws: SafeholdError.self) { try bad.validate() }
        do {
            try bad.validate()
        } catch {
            let fields = Self.fields(error)
            #expect(fields == ["title", "statementIds", "redactedPhrases[0]", "redactedPhrases[2]", "includeWithheld"])
        }
        #expect(throws: SafeholdError.self) { try BundleDraft(title: "Empty", includeChronology: false).validate() }
        #expect(throws: Never.self) { try BundleDraft(title: "Chronology only").validate() }
    }

    @Test func aStatementDraftChecksSectionsLinesAndTheStatementOfTruth() {
        var draft = StatementDraft(title: "Statement", sections: [.analysis: String(repeating: "a", count: 30001)])
        draft.sections["gossip"] = "x"
        draft.truth = StatementOfTruth(confirmed: true, name: nil, signedOn: LocalDate(iso: "2026-12-01"))
        draft.chronology = [StatementChronologyLine(sourceId: UUID(), date: Self.today, text: " ")]
        do {
            try draft.validate(today: Self.today)
            Issue.record("expected a refusal")
        } catch {
            #expect(Self.fields(error) == ["analysis", "sections", "truthName", "truthDate", "chronology[0]"])
        }
        let good = StatementDraft(
            title: "Statement", sections: [.introduction: "I am a social worker.\nQualified 2015."],
            truth: StatementOfTruth(confirmed: true, name: "A Worker", signedOn: Self.today))
        #expect(throws: Never.self) { try good.validate(today: Self.today) }
    }

    @Test func signOffIsForTheAuthorsTeamManagerOrAPoliceColleagueNeverTheAuthor() {
        let agency = UUID(), team = UUID()
        func actor(_ role: Role, team: UUID? = team, agency: UUID = agency) -> Actor {
            Actor(userId: UUID(), role: role, agencyId: agency, teamId: team, displayName: "X")
        }
        let author = actor(.socialWorker)
        let statement = CourtStatement(
            id: UUID(), personId: UUID(), authorId: author.userId, authorName: "A", authorRole: .socialWorker,
            teamId: team, agencyId: agency, title: "T", proceedings: nil, version: 1, signedVersion: nil,
            createdAt: Date())
        #expect(StatementAccess.refusalToSignOff(actor(.teamManager), statement) == nil)
        #expect(StatementAccess.refusalToSignOff(actor(.teamManager, team: UUID()), statement) != nil)
        #expect(StatementAccess.refusalToSignOff(actor(.socialWorker), statement) != nil)
        #expect(StatementAccess.refusalToSignOff(author, statement) != nil)
        #expect(
            StatementAccess.refusalToWrite(actor(.partner)) != nil
                && StatementAccess.refusalToWrite(actor(.lado)) != nil)
        #expect(
            !StatementAccess.mayRead(actor(.partner), statement)
                && StatementAccess.mayRead(actor(.frontDoor), statement))
        #expect(!StatementAccess.mayRead(actor(.police), statement))
        #expect(StatementAccess.refusalToBuildBundle(actor(.police)) != nil)
        #expect(StatementAccess.refusalToPrint(actor(.partner)) != nil)
    }
}
