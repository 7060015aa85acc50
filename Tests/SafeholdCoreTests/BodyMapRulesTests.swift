import Foundation
import SafeholdCore
import Testing

@Suite("Body map rules")
struct BodyMapRulesTests {
    static let today = LocalDate(iso: "2026-11-24")!

    static func fields(_ draft: BodyMapDraft, bornOn: LocalDate? = nil) -> [String] {
        do {
            _ = try draft.validated(today: today, bornOn: bornOn)
            return []
        } catch {
            guard case .invalid(let errors) = error else { return ["?"] }
            return errors.map(\.field)
        }
    }

    @Test("Every site is on one side, inside its outline, with a distinct code")
    func siteList() {
        #expect(Set(BodySite.all.map(\.code)).count == BodySite.all.count)
        #expect(BodySite.all.allSatisfy { (0...200).contains($0.x) && (0...440).contains($0.y) })
        #expect(Set(BodySite.all.map(\.side)) == [.front, .back])
        #expect(BodySite.named("upper_back")?.side == .back && BodySite.named("nope") == nil)
    }

    @Test("A good map is numbered in order; blank texts become nil")
    func goodMap() throws {
        let draft = BodyMapDraft(
            seenOn: Self.today, notes: " ",
            marks: [
                BodyMarkDraft(
                    site: "forearm_left_front", type: "bruise", sizeMm: 20, colour: "purple",
                    explanation: "Fell off a bike", explainedBy: "Mother", seenBy: "SW"),
                BodyMarkDraft(site: "upper_back", type: "bite_mark", sizeMm: 35, colour: " ", seenBy: "SW"),
            ])
        let clean = try draft.validated(today: Self.today, bornOn: LocalDate(iso: "2019-01-01"))
        #expect(clean.notes == nil && clean.marks.map(\.number) == [1, 2] && clean.marks[1].colour == nil)
        #expect(clean.marks[1].site.side == .back && clean.marks[1].type == .biteMark)
    }

    @Test("Unknown sites and types, sizes out of range, half an explanation and no witness name the mark")
    func badMarks() {
        let bad = BodyMapDraft(
            seenOn: Self.today,
            marks: [
                BodyMarkDraft(site: "tail", type: "bruise", sizeMm: 0, seenBy: "SW"),
                BodyMarkDraft(site: "chest", type: "tattoo", sizeMm: 1_001, explanation: "Said so", seenBy: " "),
                BodyMarkDraft(site: "chest", type: "burn", sizeMm: nil, explainedBy: "Dad", seenBy: "SW"),
                BodyMarkDraft(site: "chest", type: "burn", sizeMm: 5, seenBy: "S\u{202E}W", photos: [UUID(), UUID()]),
            ])
        #expect(
            Self.fields(bad) == [
                "marks[1].site", "marks[1].sizeMm", "marks[2].type", "marks[2].sizeMm", "marks[2].seenBy",
                "marks[2].explainedBy", "marks[3].sizeMm", "marks[3].explanation", "marks[4].seenBy",
            ])
        let same = UUID()
        let twice = BodyMapDraft(
            seenOn: Self.today,
            marks: [BodyMarkDraft(site: "chest", type: "burn", sizeMm: 5, seenBy: "SW", photos: [same, same])])
        #expect(Self.fields(twice) == ["marks[1].photos"])
    }

    @Test("No marks, too many, a future day or one before birth are refused")
    func badMaps() {
        let mark = BodyMarkDraft(site: "chest", type: "graze", sizeMm: 5, seenBy: "SW")
        #expect(Self.fields(BodyMapDraft(seenOn: Self.today, marks: [])) == ["marks"])
        #expect(Self.fields(BodyMapDraft(seenOn: Self.today, marks: Array(repeating: mark, count: 61))) == ["marks"])
        #expect(Self.fields(BodyMapDraft(seenOn: Self.today.adding(days: 1), marks: [mark])) == ["seenOn"])
        #expect(
            Self.fields(
                BodyMapDraft(seenOn: LocalDate(iso: "2020-01-01")!, marks: [mark]),
                bornOn: LocalDate(iso: "2021-01-01")) == ["seenOn"])
    }
}
