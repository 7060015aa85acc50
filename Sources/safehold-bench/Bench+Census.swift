import Foundation
import SafeholdCore
import SafeholdStore
import SafeholdWeb

extension Bench {
    /// The CIN census for the last collection year that has ended, as `safehold census export` makes it: the
    /// export (read, build, check, write, audit one entry with its receipt) and the checks alone, each timed once
    /// after a warm-up run.
    func measureCensus(_ services: AppServices) async throws {
        let store = services.store
        let year = CensusYear(containing: store.today).startYear - 1
        let settings = CensusSettings(laCode: "999")
        let context = AuditContext(system: "benchmark")
        _ = try await store.censusCheck(year: year, settings: settings, context: context)
        var started = Date()
        let (run, xml) = try await store.censusExport(
            year: year, settings: settings, allowErrors: true, context: context)
        let export = Date().timeIntervalSince(started)
        started = Date()
        let findings = CensusChecker.check(run.census, calendar: store.ruleset.calendar)
        let checks = Date().timeIntervalSince(started)
        let episodes = run.census.children.reduce(0) { $0 + $1.episodes.count }
        say(
            String(
                format: "CIN census %@: %d children, %d episodes, %.1f MB of XML; export %.2f s (read, build, check, "
                    + "write, audit), full validation alone %.2f s (%d rules, %d findings)",
                run.year.description, run.census.children.count, episodes, Double(xml.utf8.count) / 1_048_576, export,
                checks, CensusRules.all.count, findings.count))
    }
}
