import AsyncKit
import Logging
import NIOCore
import NIOPosix

/// One pooled SQLite connection: its handle, the event loop the pool keeps it on, and the database's threads that
/// run what should not run on a request's own thread (commits, long reads, opening and closing).
final class SQLiteConnectionItem: ConnectionPoolItem, @unchecked Sendable {
    let handle: SQLiteHandle
    let eventLoop: any EventLoop
    let threads: NIOThreadPool

    init(handle: SQLiteHandle, eventLoop: any EventLoop, threads: NIOThreadPool) {
        self.handle = handle
        self.eventLoop = eventLoop
        self.threads = threads
    }

    var isClosed: Bool { handle.isClosed }

    func close() -> EventLoopFuture<Void> {
        threads.runIfActive(eventLoop: eventLoop) { [handle] in handle.close() }
    }
}

/// Opens SQLite connections set up for a server: WAL so readers never wait for the writer,
/// `synchronous=FULL` so an acknowledged write survives a power cut (NORMAL in WAL mode may lose the
/// last commits), foreign keys enforced, and a busy timeout for a second process such as the CLI. Reads
/// map the file into memory (up to 1 GB) rather than copy each page in with a system call, and each
/// connection keeps up to 32 MB of pages: a whole-authority read (the census) touches most of the file.
struct SQLiteSource: ConnectionPoolSource, Sendable {
    static let pragmas = [
        "PRAGMA busy_timeout = 10000", "PRAGMA journal_mode = WAL",
        "PRAGMA synchronous = FULL", "PRAGMA foreign_keys = ON",
        "PRAGMA mmap_size = 1073741824", cacheSize,
    ]
    /// The page cache each connection keeps (32 MiB): named because a bulk load enlarges it for its transaction
    /// and puts it back.
    static let cacheSize = "PRAGMA cache_size = -32768"

    let path: String
    let threadPool: NIOThreadPool

    func makeConnection(logger: Logger, on eventLoop: any EventLoop) -> EventLoopFuture<SQLiteConnectionItem> {
        // A pragma refused (the file busy under another process) closes the handle before the error goes back
        // to the pool: a connection dropped open leaks its file handle.
        threadPool.runIfActive(eventLoop: eventLoop) { [path, threadPool] in
            SQLiteConnectionItem(
                handle: try SQLiteHandle(path: path, pragmas: Self.pragmas), eventLoop: eventLoop, threads: threadPool)
        }
    }
}
