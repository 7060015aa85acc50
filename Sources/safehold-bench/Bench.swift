import ArgumentParser
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import SafeholdCore
import SafeholdSeeding
import SafeholdStore
import SafeholdWeb

/// `safehold-bench`: generates a synthetic authority of N people with families, serves it on
/// loopback, and measures the person page, search and a trivial route over real HTTP.
@main
struct Bench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "safehold-bench",
        abstract: "Benchmark Safehold on synthetic data (figures for closing notes; never a test).")

    @Option(help: "How many people to generate.") var people = 100_000
    @Option(help: "Generate families until there are this many children (instead of --people).") var children: Int?
    @Option(help: "With --history: children whose histories are loaded in one transaction.")
    var historyBatch = 2000
    @Option(help: "People loaded in one transaction (families are whole, so a batch may run a few over).")
    var peopleBatch = 10_000
    @Flag(help: "Only seed (and report the time): no HTTP measurements.") var seedOnly = false
    @Option(help: "PostgreSQL URL; without it a temporary SQLite file is used.") var database: String?
    @Option(help: "Requests per measurement.") var requests = 3000
    @Option(help: "Concurrent keep-alive connections.") var concurrency = 8
    @Option(help: "Port to serve on (loopback only).") var port = 18_089
    @Flag(
        help: """
            Also give every child a statutory history of about 50 events, and measure the chronology, \
            the team's due list and note search.
            """
    )
    var history = false
    @Option(help: "With --history: how many children get a police investigation (measured as the police see it).")
    var investigations = 2000
    @Option(
        help: """
            With --history: how many children get a linked person who poses a risk; the child's page is then \
            measured for them and for as many children without one.
            """)
    var riskLinks = 0
    @Option(
        help: """
            Split the authority into teams whose social workers each hold about this many children (0: one team, \
            one worker), and measure the team caseload page and the workforce dashboard.
            """)
    var childrenPerWorker = 0
    @Option(help: "With --children-per-worker: social workers in each team (each team also has a manager).")
    var workersPerTeam = 8
    @Flag(help: "With --history: time the CIN census export and its full validation for the last year ended.")
    var census = false
    @Flag(help: "Keep the generated data (the data directory, or the PostgreSQL schema) and say where it is.")
    var keep = false
    @Option(
        help: """
            Measure the data a --keep run left in this directory (with --database, in its --schema) instead of \
            seeding: give the same --history and --children-per-worker; police and risk seeding are skipped.
            """)
    var reuse: String?
    @Option(help: "With --reuse and --database: the PostgreSQL schema the --keep run left (it says which).")
    var schema: String?
    @Option(
        help: """
            Measure only these (comma-separated): health, person, search, surname, lookups, workforce, chronology, \
            due, notes, performance, risk, police, every-team.
            """,
        transform: { Set($0.split(separator: ",").map(String.init)) })
    var only: Set<String> = []
    @Flag(help: "Stop after the pages that have a latency target (skip the authority-wide and police pages).")
    var targetsOnly = false
    @Flag(help: "Only build one court bundle (see --bundle-entries) and report its time and peak memory.")
    var bundle = false
    @Option(help: "With --bundle: chronology entries.") var bundleEntries = 500
    @Option(help: "With --bundle: statements.") var bundleStatements = 10
    @Option(help: "With --bundle: attached PDF documents.") var bundleDocuments = 30

    func validate() throws {
        if !history && (riskLinks > 0 || census) {
            throw ValidationError("--risk-links and --census measure the history data: add --history")
        }
        if reuse != nil && (keep || seedOnly) {
            throw ValidationError("--reuse measures kept data: it does not take --keep or --seed-only")
        }
        if (reuse != nil && database != nil) != (schema != nil) {
            throw ValidationError("--reuse with --database needs the kept --schema; --schema needs both")
        }
        if !(1...100_000).contains(peopleBatch) || !(1...100_000).contains(historyBatch) {
            throw ValidationError("--people-batch and --history-batch are 1 to 100,000")
        }
        if let unknown = only.subtracting(Self.measurements).sorted().first {
            throw ValidationError(
                "--only: '\(unknown)' is not a measurement (\(Self.measurements.sorted().joined(separator: ", ")))")
        }
    }

    /// What `--only` can pick.
    static let measurements: Set<String> = [
        "health", "person", "search", "surname", "lookups", "workforce", "chronology", "due", "notes", "performance",
        "risk", "police", "every-team",
    ]

    func run() async throws {
        MemoryTuning.keepFreedMemory()
        if bundle { return try await measureBundle() }
        if !seedOnly { try await requirePortFree() }  // before seeding for minutes, and again before serving
        let directory =
            reuse.map { URL(fileURLWithPath: $0) }
            ?? FileManager.default.temporaryDirectory.appendingPathComponent("safehold-bench-\(UUID().text)")
        var config = AppConfiguration()
        config.host = "127.0.0.1"
        config.port = port
        config.dataDirectory = directory.path
        config.bcryptCost = 4
        config.databasePoolSize = 8
        config.lookupsPerMinute = Int.max  // the benchmark is one client asking as fast as it can
        config.dueNoticesAtStart = false  // the passes are timed before serving, never under the pages
        var schema = self.schema
        if let database {
            if schema == nil {
                schema = "bench_\(UInt32.random(in: 0...UInt32.max))"
                let admin = try Database(.postgres(url: database))
                try await admin.createSchema(schema!)
                await admin.shutdown()
            }
            config.databaseURL = database
            config.databaseSchema = schema
        }
        // A kept run's record is read before anything opens the directory, so a wrong path creates nothing.
        let kept = try reuse.map { _ in try SeedRecord.load(from: directory) }
        if let kept, kept.history != history || kept.childrenPerWorker != childrenPerWorker {
            throw ValidationError(
                "the kept data was seeded with history \(kept.history) and \(kept.childrenPerWorker) "
                    + "children per worker: give the same --history and --children-per-worker")
        }
        let services = try await AppServices.make(config)
        let engine = database == nil ? "SQLite (\(directory.path))" : "PostgreSQL (schema \(schema!))"
        say("Safehold benchmark on \(engine), \(ProcessInfo.processInfo.activeProcessorCount) cores")
        var record: SeedRecord
        let seeded: Seeder.Result
        if let kept {
            record = kept
            seeded = try await record.result(services.store)
            say("Reusing \(seeded.people) people (\(seeded.children.count) children) kept in \(directory.path)")
        } else {
            seeded = try await seed(services)
            record = SeedRecord(seeded, history: history, childrenPerWorker: childrenPerWorker, noticesTold: false)
            if keep { try record.save(in: directory) }
        }
        if seedOnly {
            if let schema, !keep, reuse == nil { try await services.store.database.dropSchema(schema) }
            await services.store.database.shutdown()
            if keep {
                say("Kept the data directory \(directory.path)" + (schema.map { " and the schema \($0)" } ?? ""))
            } else {
                try? FileManager.default.removeItem(at: directory)
            }
            return
        }
        if history && census { try await measureCensus(services) }
        var police: PoliceSeeder.Seeded?
        if history && investigations > 0 && reuse == nil && !targetsOnly {
            police = try await PoliceSeeder(store: services.store).run(
                children: seeded.children, count: investigations)
            say(
                String(
                    format: "Opened %d investigations through the store in %.1f s", police!.investigations.count,
                    police!.seconds))
        }
        var risk: RiskSeeder.Seeded?
        if history && riskLinks > 0 && reuse == nil && !targetsOnly {
            risk = try await RiskSeeder(store: services.store).run(children: seeded.children, count: riskLinks)
            say(
                String(
                    format: "Linked %d children each to a person who poses a risk (profile and link through the "
                        + "store) in %.1f s", risk!.linked.count, risk!.seconds))
        }
        if history && !record.noticesTold {
            try await measureDueNotices(services.store)
            record.noticesTold = true
            if keep || reuse != nil { try record.save(in: directory) }
        }
        try await requirePortFree()
        let app = buildApplication(services)
        let server = Task { try await app.run() }
        defer { server.cancel() }
        try await waitForServer()
        let session = try await services.store.createSession(
            userId: seeded.worker.id, secondFactorDone: true, ipAddress: nil,
            context: AuditContext(actor: seeded.worker.actor, ipAddress: nil))
        let headers: HTTPFields = [.cookie: "safehold_session=\(session)"]
        var random = SeededRandom(seed: 42)
        let personPaths = (0..<requests).map { _ in
            let held = seeded.firstTeamChildren
            return "/people/\(held[Int(random.next() % UInt64(held.count))].text)"
        }
        let searchPaths = (0..<requests).map { _ in
            let name = seeded.names[Int(random.next() % UInt64(seeded.names.count))]
            return "/search?q=" + name.replacingOccurrences(of: " ", with: "+").addingPercentEncoding(
                withAllowedCharacters: .urlQueryAllowed)!
        }
        // One word, as a worker who knows only the family name types it: the names beginning with it as well as the
        // names that sound like it.
        // (Drawn from their own sequence, so that the other measurements' paths stay those of earlier runs.)
        var surnames = SeededRandom(seed: 43)
        let surnamePaths = (0..<requests).map { _ in
            let name = seeded.names[Int(surnames.next() % UInt64(seeded.names.count))]
            return "/search?q=" + (name.split(separator: " ").last.map(String.init) ?? name).addingPercentEncoding(
                withAllowedCharacters: .urlQueryAllowed)!
        }
        let load = LoadGenerator(port: port, headers: headers, concurrency: concurrency)
        _ = try await load.run(Array(personPaths.prefix(200)))  // warm caches and connections
        say("Measuring over HTTP...")
        var rows: [(String, LoadGenerator.Result)] = []
        func measure(_ key: String, _ body: () async throws -> [(String, LoadGenerator.Result)]) async throws {
            if only.isEmpty || only.contains(key) { rows += try await body() }
        }
        try await measure("health") {
            [("GET /health (trivial)", try await load.run(Array(repeating: "/health", count: requests)))]
        }
        try await measure("person") { [("GET /people/{id}", try await load.run(personPaths))] }
        try await measure("search") { [("GET /search?q=name", try await load.run(searchPaths))] }
        try await measure("surname") { [("GET /search?q=family (one word)", try await load.run(surnamePaths))] }
        try await measure("lookups") {
            [("POST /api/v1/lookups", try await measureLookups(services, seeded, requests: requests))]
        }
        // Said as soon as measured: at a million children the measurements after these take many minutes.
        report(rows, title: "measured so far")
        if childrenPerWorker > 0 {
            try await measure("workforce") { try await measureWorkforce(services, seeded) }
        }
        if history {
            try await measure("chronology") {
                [("GET /people/{id}/chronology", try await load.run(personPaths.map { $0 + "/chronology" }))]
            }
            try await measure("due") {
                let count = max(50, requests / 10)
                return [
                    ("GET /due?scope=team", try await load.run(Array(repeating: "/due?scope=team", count: count))),
                    // Every child the worker may open: the same team's, found from the whole authority's due items.
                    (
                        "GET /due?scope=service",
                        try await load.run(Array(repeating: "/due?scope=service", count: count))
                    ),
                ]
            }
            try await measure("notes") {
                var terms = HistoryGenerator(seed: 99, today: services.store.today)
                return [
                    (
                        "GET /notes?q=words",
                        try await load.run((0..<requests).map { _ in "/notes?q=" + terms.searchTerms() })
                    )
                ]
            }
            // Every page with a latency target is measured by here: said before the authority-wide ones.
            report(rows, title: "measured so far")
            if childrenPerWorker > 0 && !targetsOnly {
                try await measure("performance") { try await measurePerformance(services, seeded) }
            }
            if let risk, !risk.linked.isEmpty {
                try await measure("risk") { try await measureLinkedChildren(risk.linked, seeded.children, load: load) }
            }
            if let police, !police.investigations.isEmpty {
                try await measure("police") {
                    let policeLoad = try await signedIn(police.officer, services.store, concurrency: concurrency)
                    let opened = police.investigations
                    let investigationPaths = (0..<requests).map { _ in
                        "/investigations/\(opened[Int(random.next() % UInt64(opened.count))])"
                    }
                    _ = try await policeLoad.run(Array(investigationPaths.prefix(100)))
                    return [
                        ("GET /investigations/{id}", try await policeLoad.run(investigationPaths)),
                        ("GET /police (home)", try await policeLoad.run(Array(repeating: "/police", count: 100))),
                    ]
                }
            }
        }
        if childrenPerWorker > 0 && !targetsOnly {
            report(rows, title: "measured so far")
            try await measure("every-team") { try await measureEveryTeamDashboard(services, seeded) }
        }
        report(rows, title: "all measurements")
        let rate = { (label: String) in rows.first { $0.0 == label }?.1.requestsPerSecond }
        if let trivial = rate("GET /health (trivial)"), let person = rate("GET /people/{id}") {
            say(
                String(
                    format: "\nPerson page throughput is %.0f%% of the trivial route's (concurrency %d).",
                    100 * person / trivial, concurrency))
        }
        server.cancel()
        _ = try? await server.value
        if let schema, !keep, reuse == nil {
            try await services.store.database.dropSchema(schema)
        }
        await services.store.database.shutdown()
        if keep {
            say("Kept the data directory \(directory.path)" + (schema.map { " and the schema \($0)" } ?? ""))
        } else if reuse == nil {
            try? FileManager.default.removeItem(at: directory)
        }
    }

    /// Seeds the synthetic authority (and, with `--history`, every child's history) and says how long it took.
    func seed(_ services: AppServices) async throws -> Seeder.Result {
        let seedingStarted = Date()
        let seeded = try await Seeder(
            store: services.store, people: children == nil ? people : Int.max, children: children ?? Int.max,
            childrenPerWorker: childrenPerWorker, workersPerTeam: workersPerTeam, batch: peopleBatch
        ).run()
        say(
            String(
                format: "Generated %d people (%d children) in %.1f s (%.0f people/s)", seeded.people,
                seeded.children.count,
                seeded.seconds, Double(seeded.people) / seeded.seconds))
        if childrenPerWorker > 0 {
            say(
                "Split into \(seeded.teams.count) teams of up to \(workersPerTeam) social workers and a manager, "
                    + "about \(childrenPerWorker) children per worker")
        }

        if history {
            let started = Date()
            let loaded = try await HistoryLoader(store: services.store, batch: historyBatch).run(seeded.children)
            let seconds = Date().timeIntervalSince(started)
            say(
                String(
                    format: "Loaded histories for %d children (%d events) in %.1f s (%.0f children/s)", loaded.children,
                    loaded.events, seconds, Double(loaded.children) / seconds))
            say(String(format: "Seeded in %.1f s in all", Date().timeIntervalSince(seedingStarted)))
        }
        return seeded
    }

    /// Refuses to start when something already answers on the port (another benchmark still running, say): the
    /// measurements would otherwise be of that server, with this run's sessions refused.
    func requirePortFree() async throws {
        let answered = try? await TestClient.withClient(host: "127.0.0.1", port: port) { client in
            try await client.get("/health").status
        }
        if let answered {
            throw ValidationError(
                "port \(port) already answers (\(answered.code)): stop what serves it, or give --port")
        }
    }

    func waitForServer() async throws {
        for _ in 0..<100 {
            if let ok = try? await TestClient.withClient(host: "127.0.0.1", port: port) { client in
                try await client.get("/health").status == .ok
            }, ok {
                return
            }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw ValidationError("the server did not start on port \(port)")
    }
}

func say(_ text: String) {
    FileHandle.standardOutput.write(Data((text + "\n").utf8))
}

extension Bench {
    /// The table of `rows`: requests, errors, p50, p95 and p99 latency, and throughput.
    func report(_ rows: [(String, LoadGenerator.Result)], title: String) {
        say("")
        say(
            "route (\(title))".padding(toLength: 28, withPad: " ", startingAt: 0)
                + "  requests  errors   p50 ms   p95 ms   p99 ms     req/s")
        for (name, r) in rows {
            say(
                name.padding(toLength: 28, withPad: " ", startingAt: 0)
                    + String(
                        format: "%10d %7d %8.2f %8.2f %8.2f %9.0f", r.count, r.errors, r.percentile(50),
                        r.percentile(95), r.percentile(99), r.requestsPerSecond))
        }
        for (name, r) in rows { if let why = r.firstFailure { say("\(name): the first error: \(why)") } }
    }
}
