import Foundation
import SafeholdCore
import SafeholdStore
import Testing

/// The due list a page at a time: the pages are slices of the whole list in its order, the whole list's size
/// and overdue count come with every page, and only the children on the page are read and audited.
@Suite("Due list pages")
struct DuePageTests {
    @Test(
        "Pages slice the whole list in order, carry its totals, and audit only the children on the page",
        arguments: TestBackend.all)
    func pagesSliceTheList(_ backend: TestBackend) async throws {
        try await withWorld(backend) { w in
            for name in ["Paged", "Second", "Third"] { _ = try await PipelineFixture.episodeWithPlan(w, name: name) }
            w.env.clock.advance(by: 40 * 86_400)  // each plan's first visit and core group fall due
            let whole = try await w.store.dueList(.team, context: w.ctx(w.alice))
            #expect(whole.count >= 6)
            var gathered: [DueLine] = []
            for number in 1...((whole.count + 1) / 2) {
                let mark = try await w.env.count("audit_log")
                let page = try await w.store.duePage(.team, page: number, pageSize: 2, context: w.ctx(w.alice))
                #expect(page.total == whole.count && page.pageCount == (whole.count + 1) / 2)
                #expect(page.overdue == whole.filter { $0.item.status == .overdue }.count)
                #expect(page.lines.count <= 2 && !page.lines.isEmpty)
                let read = try await w.env.recentAudit(50).filter { $0.seq > mark && $0.event.entityType == "due_list" }
                #expect(Set(try await w.env.peopleRead(in: read)) == Set(page.lines.map(\.child.id)))
                gathered += page.lines
            }
            #expect(gathered == whole)
            let past = try await w.store.duePage(.team, page: 40, pageSize: 2, context: w.ctx(w.alice))
            #expect(past.lines.isEmpty && past.total == whole.count)
            // Another team's worker: none of these children on any page of the service-wide list, nor in its audit.
            let mark = try await w.env.count("audit_log")
            let carols = try await w.store.duePage(.service, page: 1, pageSize: 2, context: w.ctx(w.carol))
            let alices = Set(whole.map(\.child.id))
            #expect(carols.lines.allSatisfy { !alices.contains($0.child.id) } && carols.total == 0)
            let carolRead = try await w.env.peopleRead(in: try await w.env.recentAudit(50).filter { $0.seq > mark })
            #expect(alices.isDisjoint(with: carolRead))
        }
    }

    @Test(
        "Pages of a list mixing steps with requests for information, one, two or three lines long, make the whole list",
        arguments: TestBackend.all)
    func pagesOfAMixedList(_ backend: TestBackend) async throws {
        try await withWorld(backend) { w in
            let s = try await SharingSetting.make(w)
            for name in ["Paged", "Second"] { _ = try await PipelineFixture.episodeWithPlan(w, name: name) }
            w.env.clock.advance(by: 40 * 86_400)  // each plan's first visit and core group fall due
            let today = w.store.today
            for days in [-30, -12, -9] {  // requests due before, among and after the steps
                let on = Ruleset.england2025.calendar.adding(workingDays: days, to: today)
                _ = try await w.store.raiseInformationRequest(
                    InformationRequestStoreTests.received(s, on: on, agency: w.police.id), context: w.ctx(w.alice))
            }
            let whole = try await w.store.dueList(.team, context: w.ctx(w.alice))
            #expect(whole.contains { $0.informationRequestId != nil } && whole.contains { $0.episodeId != nil })
            for size in [1, 2, 3] {
                var gathered: [DueLine] = []
                for number in 1...((whole.count + size - 1) / size) {
                    let page = try await w.store.duePage(.team, page: number, pageSize: size, context: w.ctx(w.alice))
                    #expect(page.total == whole.count)
                    #expect(page.overdue == whole.filter { $0.item.status == .overdue }.count)
                    gathered += page.lines
                }
                #expect(gathered == whole, "pages of \(size)")
            }
        }
    }

    @Test("A page number out of range is refused and reads nothing", arguments: TestBackend.all)
    func outOfRangePageRefused(_ backend: TestBackend) async throws {
        try await withWorld(backend) { w in
            let mark = try await w.env.count("audit_log")
            for number in [0, -1, 11, Int.max, Int.min] {
                await #expect(throws: SafeholdError.self) {
                    _ = try await w.store.duePage(.mine, page: number, context: w.ctx(w.alice))
                }
            }
            #expect(try await w.env.count("audit_log") == mark)
        }
    }
}
