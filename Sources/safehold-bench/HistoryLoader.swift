import Foundation
import SafeholdCore
import SafeholdSeeding
import SafeholdStore

/// Loads a history for every child in batches, preparing the next batch (generating it, checking every step
/// against the workflow, building its rows) while the database writes the current one: two cores, one each. The
/// note index merges once, at the end (`Store.loadingNotesInBulk`).
struct HistoryLoader {
    let store: Store
    let batch: Int

    struct Loaded {
        let children: Int
        let events: Int
    }

    func run(_ children: [UUID]) async throws -> Loaded {
        let context = AuditContext(system: "benchmark")
        let store = self.store
        let starts = Array(stride(from: 0, to: children.count, by: batch))
        guard !starts.isEmpty else { return Loaded(children: 0, events: 0) }
        func prepare(
            _ start: Int, _ generator: HistoryGenerator
        ) -> Task<(PreparedHistories, HistoryGenerator), any Error> {
            let ids = Array(children[start..<min(start + batch, children.count)])
            return Task.detached {
                var generator = generator
                let histories = ids.map { generator.history(for: $0) }
                return (try store.prepareHistories(histories, context: context), generator)
            }
        }
        let clock = ContinuousClock()
        let started = clock.now
        var waiting = Duration.zero, writing = Duration.zero
        let loaded = try await store.loadingNotesInBulk {
            var next = prepare(starts[0], HistoryGenerator(seed: 11, today: store.today))
            var loaded = 0, events = 0
            for (i, _) in starts.enumerated() {
                var mark = clock.now
                let (prepared, generator) = try await next.value
                waiting += clock.now - mark
                if i + 1 < starts.count { next = prepare(starts[i + 1], generator) }
                mark = clock.now
                try await store.bulkLoadHistories(prepared, context: context)
                writing += clock.now - mark
                let before = loaded
                loaded += prepared.count
                events += prepared.eventCount
                if loaded / 50_000 != before / 50_000 { say("  histories for \(loaded) children...") }
            }
            return Loaded(children: loaded, events: events)
        }
        let merging = clock.now - started - waiting - writing
        say("  histories: \(waiting) waiting for the next batch, \(writing) writing, \(merging) merging the note index")
        return loaded
    }
}
