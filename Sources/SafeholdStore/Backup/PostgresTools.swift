import Foundation

/// Runs PostgreSQL's `pg_dump` and `pg_restore` as child processes. The connection's credentials go in
/// their environment (`PGHOST`, `PGPORT`, `PGUSER`, `PGPASSWORD`, `PGDATABASE`, `PGSSLMODE`), never on
/// the command line, where any local user could read them in the process list.
struct PostgresTools: Sendable {
    let url: String

    /// The tool's path: `SAFEHOLD_PG_BIN_DIR/<name>`, else the first on `PATH`, else the newest
    /// `/usr/lib/postgresql/*/bin/<name>` (Debian's layout).
    static func locate(_ name: String, environment: [String: String] = ProcessInfo.processInfo.environment) -> String? {
        let fm = FileManager.default
        if let dir = environment["SAFEHOLD_PG_BIN_DIR"], !dir.isEmpty {
            let path = dir + "/" + name
            return fm.isExecutableFile(atPath: path) ? path : nil
        }
        for dir in (environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":") {
            let path = "\(dir)/\(name)"
            if fm.isExecutableFile(atPath: path) { return path }
        }
        let versions = (try? fm.contentsOfDirectory(atPath: "/usr/lib/postgresql")) ?? []
        for version in versions.compactMap(Int.init).sorted(by: >) {
            let path = "/usr/lib/postgresql/\(version)/bin/\(name)"
            if fm.isExecutableFile(atPath: path) { return path }
        }
        return nil
    }

    /// The tool's major version from its `--version` line (`pg_dump (PostgreSQL) 15.18 (Debian ...)` is 15).
    static func majorVersion(of tool: String) throws -> Int {
        let result = try run(tool, ["--version"], environment: [:])
        let words = result.output.split(whereSeparator: { $0 == " " || $0 == "\n" })
        guard let number = words.first(where: { $0.first?.isNumber == true }),
            let major = Int(number.split(separator: ".").first ?? "")
        else { throw BackupError("cannot read the version of \(tool) from '\(result.output)'") }
        return major
    }

    /// Finds `name` and checks that its major version is at least the server's (`server_version_num`
    /// divided by 10,000): an older pg_dump refuses a newer server, or worse, misses what it adds.
    func tool(_ name: String, serverVersionNum: Int) throws -> String {
        guard let path = Self.locate(name) else {
            throw BackupError(
                "\(name) is not installed (install PostgreSQL's client tools, e.g. Debian's postgresql-client, "
                    + "or set SAFEHOLD_PG_BIN_DIR)")
        }
        let major = try Self.majorVersion(of: path)
        let server = serverVersionNum / 10_000
        guard major >= server else {
            throw BackupError(
                "\(path) is PostgreSQL \(major), older than the server (\(server)): install the client tools of "
                    + "PostgreSQL \(server) or newer (or set SAFEHOLD_PG_BIN_DIR)")
        }
        return path
    }

    /// `PG*` variables naming the URL's server, database and credentials.
    func environment() throws -> [String: String] {
        guard let parts = URLComponents(string: url), ["postgres", "postgresql"].contains(parts.scheme ?? "") else {
            throw BackupError("the database URL is not a postgres:// URL")
        }
        var env: [String: String] = [:]
        env["PGHOST"] = parts.host
        env["PGPORT"] = parts.port.map(String.init)
        env["PGUSER"] = parts.user?.removingPercentEncoding
        env["PGPASSWORD"] = parts.password?.removingPercentEncoding
        let database = String(parts.path.drop(while: { $0 == "/" }))
        env["PGDATABASE"] = database.isEmpty ? nil : database.removingPercentEncoding
        if let mode = parts.queryItems?.first(where: { ["sslmode", "tlsmode"].contains($0.name) })?.value {
            env["PGSSLMODE"] =
                ["disable", "allow", "prefer", "require", "verify-ca", "verify-full"].contains(mode)
                ? mode : "require"
        }
        return env
    }

    /// Runs `tool` with `arguments` and the connection's environment; throws with its error output when
    /// it fails.
    func run(_ tool: String, _ arguments: [String]) throws -> String {
        let result = try Self.run(tool, arguments, environment: try environment())
        guard result.status == 0 else {
            let name = URL(fileURLWithPath: tool).lastPathComponent
            throw BackupError("\(name) failed (exit \(result.status)): \(result.output.suffix(2_000))")
        }
        return result.output
    }

    /// Runs a process to its end, its standard output and error read together.
    static func run(
        _ tool: String, _ arguments: [String], environment extra: [String: String]
    ) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = arguments
        var env = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("PG") }
        env.merge(extra) { _, new in new }
        process.environment = env
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}
