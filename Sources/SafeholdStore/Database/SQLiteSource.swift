import AsyncKit
import Logging
import NIOCore
import NIOPosix
import SQLiteKit
import SQLiteNIO

/// Opens SQLite connections set up for a server: WAL so readers never wait for the writer,
/// `synchronous=FULL` so an acknowledged write survives a power cut (NORMAL in WAL mode may lose the
/// last commits), foreign keys enforced, and a busy timeout for a second process such as the CLI. Reads
/// map the file into memory (up to 1 GB) rather than copy each page in with a system call, and each
/// connection keeps up to 32 MB of pages: a whole-authority read (the census) touches most of the file.
struct SQLiteSource: ConnectionPoolSource, Sendable {
    let path: String
    let threadPool: NIOThreadPool

    func makeConnection(logger: Logger, on eventLoop: any EventLoop) -> EventLoopFuture<SQLiteConnection> {
        SQLiteConnection.open(storage: .file(path: path), threadPool: threadPool, logger: logger, on: eventLoop)
            .flatMap { connection in
                let pragmas = [
                    "PRAGMA busy_timeout = 10000", "PRAGMA journal_mode = WAL",
                    "PRAGMA synchronous = FULL", "PRAGMA foreign_keys = ON",
                    "PRAGMA mmap_size = 1073741824", "PRAGMA cache_size = -32768",
                ]
                // A pragma refused (the file busy under another process) closes the connection before the error
                // goes back to the pool: a connection dropped open leaks its file handle.
                return pragmas.reduce(eventLoop.makeSucceededVoidFuture()) { chain, pragma in
                    chain.flatMap { connection.query(pragma).map { _ in } }
                }.map { connection }
                    .flatMapError { error in connection.close().flatMapThrowing { throw error } }
            }
    }
}
