import Foundation
import Synchronization
import VaporCSQLite

/// Stops a read that has run on a request's own thread for longer than its budget (`SQLiteSession`), so that it can
/// run again on the database's threads. One thread looks every millisecond at the connections running such a read
/// and interrupts those past their deadline; SQLite allows `sqlite3_interrupt` from any thread.
final class SQLiteWatchdog: Sendable {
    static let shared = SQLiteWatchdog()

    private let watched = Mutex<[ObjectIdentifier: SQLiteHandle]>([:])
    private let started = Mutex(false)

    /// Watches `handle` until `forget`.
    func watch(_ handle: SQLiteHandle) {
        watched.withLock { $0[ObjectIdentifier(handle)] = handle }
        let start = started.withLock { wasStarted in
            defer { wasStarted = true }
            return !wasStarted
        }
        if start {
            let thread = Thread { [self] in loop() }
            thread.name = "sqlite-watchdog"
            thread.start()
        }
    }

    /// Stops watching `handle` (before it closes: an interrupt must never reach a closed connection).
    func forget(_ handle: SQLiteHandle) {
        _ = watched.withLock { $0.removeValue(forKey: ObjectIdentifier(handle)) }
    }

    private func loop() {
        while true {
            usleep(1000)
            let now = DispatchTime.now().uptimeNanoseconds
            watched.withLock { handles in
                for handle in handles.values { handle.interruptIfOverdue(now: now) }
            }
        }
    }
}
