import Synchronization

/// Which statements run as named prepared statements on PostgreSQL, and under which names.
///
/// PostgreSQL parses, analyses and plans an unnamed statement every time it runs. For the access-scoped reads
/// behind an audited read, planning took more of the machine than everything else the read did (`perf`: 36% of all
/// CPU in `GetCachedPlan`, 10% in parsing). A named statement is parsed once per connection, and its plan is kept
/// once PostgreSQL finds a generic plan as good as a fresh one (`plan_cache_mode = auto`, its default).
///
/// A statement text (with its parameter types) gets a name once it has run `qualifyingRuns` times, so text that is
/// built anew for one request (a list of a given length) does not fill every connection with statements never run
/// again. At most `maximumNames` names are given out in all, which bounds the statements each server connection
/// keeps. A statement the server refuses as a named one is never named again: PostgresNIO keeps a preparation that
/// failed (inside a transaction already aborted, say) as failed for the connection's life, so the name would be
/// unusable.
final class PostgresStatementNames: Sendable {
    private enum Slot {
        case counting(Int)
        case named(String)
        case unnamed
    }

    private struct State {
        var slots: [String: Slot] = [:]
        var named = 0
        var counting = 0
    }

    static let qualifyingRuns = 3
    static let maximumNames = 1_000
    /// Counts of texts not (yet) named are forgotten beyond this many, so one-off texts cannot grow the table.
    static let maximumCounting = 20_000

    private let state = Mutex(State())

    /// The name to run `key` under, or nil to run it unnamed this time.
    func name(for key: String) -> String? {
        state.withLock { state in
            switch state.slots[key] {
            case .named(let name):
                return name
            case .unnamed:
                return nil
            case .counting(let runs):
                guard runs + 1 >= Self.qualifyingRuns, state.named < Self.maximumNames else {
                    state.slots[key] = .counting(runs + 1)
                    return nil
                }
                state.named += 1
                state.counting -= 1
                let name = "safehold_\(state.named)"
                state.slots[key] = .named(name)
                return name
            case nil:
                if state.counting >= Self.maximumCounting {
                    state.slots = state.slots.filter { if case .counting = $0.value { false } else { true } }
                    state.counting = 0
                }
                state.counting += 1
                state.slots[key] = .counting(1)
                return nil
            }
        }
    }

    /// Runs `key` unnamed from now on (its named statement failed).
    func retire(_ key: String) {
        state.withLock { $0.slots[key] = .unnamed }
    }
}
