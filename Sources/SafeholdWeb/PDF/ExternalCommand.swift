import Foundation

/// Limits the kernel holds a tool to (`prlimit` from util-linux sets them on the child before it runs the tool):
/// its address space, its processor time, the size of any file it writes, and no core dump. A tool that
/// reaches one is stopped by the kernel (or fails its allocation) and its run fails.
struct ResourceLimits: Sendable, Equatable {
    var addressSpaceBytes: Int
    var cpuSeconds: Int
    var fileSizeBytes: Int

    /// `prlimit`'s arguments, ending with the separator before the tool's path.
    var arguments: [String] {
        ["--as=\(addressSpaceBytes)", "--cpu=\(cpuSeconds)", "--fsize=\(fileSizeBytes)", "--core=0", "--"]
    }
}

/// Runs one of the PDF tools (WeasyPrint, poppler-utils) as a child process: the input on stdin, the output read
/// from stdout, a time limit after which the process is killed (SIGTERM, then SIGKILL two seconds later), and no
/// network (proxies pointed at a closed port, so a stray URL fails at once instead of fetching). With `limits`
/// the tool runs under `prlimit` (`confinement`), confined in memory, processor time and file size.
struct ExternalCommand: Sendable {
    let executable: URL
    let timeout: Duration
    var limits: ResourceLimits?
    /// `prlimit`, which applies `limits`.
    var confinement: URL?
    /// Words on stderr that mean the run failed although the tool exited with 0 (poppler reports "Out of
    /// memory" and draws a blank page instead of the real one).
    var failsOn: [String] = []

    enum Failure: Error, CustomStringConvertible {
        case timedOut(String), failed(String, Int32, String)

        var description: String {
            switch self {
            case .timedOut(let tool): "\(tool) did not finish in time"
            case .failed(let tool, let status, let stderr): "\(tool) exited with \(status): \(stderr.prefix(500))"
            }
        }
    }

    /// The environment the tools run in: no proxy reaches anything, no user configuration is read.
    static let environment: [String: String] = [
        "PATH": "\(PDFTools.defaultDirectory):\(PDFTools.root)bin", "LANG": "C.UTF-8",
        "HOME": FileManager.default.temporaryDirectory.path,
        "http_proxy": "http://127.0.0.1:9", "https_proxy": "http://127.0.0.1:9", "HTTP_PROXY": "http://127.0.0.1:9",
        "HTTPS_PROXY": "http://127.0.0.1:9", "no_proxy": "", "ftp_proxy": "http://127.0.0.1:9",
    ]

    /// A tool that exits before reading all its input must not kill the server with SIGPIPE: the write fails
    /// instead (and the tool's exit status reports the problem).
    private static let ignoreBrokenPipes: Void = { _ = signal(SIGPIPE, SIG_IGN) }()

    /// Runs the tool with `arguments`, writing `input` to its stdin; returns its stdout.
    func run(_ arguments: [String], input: Data = Data()) async throws -> Data {
        _ = Self.ignoreBrokenPipes
        let process = Process()
        if let limits, let confinement {
            process.executableURL = confinement
            process.arguments = limits.arguments + [executable.path] + arguments
        } else {
            process.executableURL = executable
            process.arguments = arguments
        }
        process.environment = Self.environment
        let stdin = Pipe(), stdout = Pipe(), stderr = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stderr
        let name = executable.lastPathComponent
        return try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Data, any Error>) in
            let group = DispatchGroup()
            let box = OutputBox()
            process.terminationHandler = { _ in group.leave() }
            group.enter()
            do {
                try process.run()
            } catch {
                continuation.resume(throwing: error)
                return
            }
            group.enter()
            DispatchQueue.global().async {
                box.setOutput(stdout.fileHandleForReading.readDataToEndOfFile())
                group.leave()
            }
            group.enter()
            DispatchQueue.global().async {
                box.setError(stderr.fileHandleForReading.readDataToEndOfFile())
                group.leave()
            }
            DispatchQueue.global().async {
                try? stdin.fileHandleForWriting.write(contentsOf: input)
                try? stdin.fileHandleForWriting.close()
            }
            let seconds = Double(timeout.components.seconds) + Double(timeout.components.attoseconds) / 1e18
            DispatchQueue.global().asyncAfter(deadline: .now() + seconds) {
                guard process.isRunning else { return }
                box.markTimedOut()
                process.terminate()
                // A tool that ignores SIGTERM is killed.
                let pid = process.processIdentifier
                DispatchQueue.global().asyncAfter(deadline: .now() + 2) {
                    if process.isRunning { kill(pid, SIGKILL) }
                }
            }
            group.notify(queue: .global()) {
                let (out, err, timedOut) = box.values
                if timedOut {
                    continuation.resume(throwing: Failure.timedOut(name))
                } else if process.terminationStatus != 0
                    || failsOn.contains(where: { String(decoding: err, as: UTF8.self).contains($0) })
                {
                    continuation.resume(
                        throwing: Failure.failed(name, process.terminationStatus, String(decoding: err, as: UTF8.self)))
                } else {
                    continuation.resume(returning: out)
                }
            }
        }
    }
}

/// What the reading threads collected.
private final class OutputBox: @unchecked Sendable {
    private let lock = NSLock()
    private var output = Data(), error = Data(), timedOut = false

    func setOutput(_ data: Data) { lock.withLock { output = data } }
    func setError(_ data: Data) { lock.withLock { error = data } }
    func markTimedOut() { lock.withLock { timedOut = true } }
    var values: (Data, Data, Bool) { lock.withLock { (output, error, timedOut) } }
}
