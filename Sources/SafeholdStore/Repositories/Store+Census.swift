import Foundation
import SQLKit
import SafeholdCore

/// A year's return as built from the record, and the rules' findings on it.
public struct CensusRun: Sendable {
    public let year: CensusYear
    public let census: CensusReturn
    public let findings: [CensusFinding]

    public var errors: [CensusFinding] { findings.filter { $0.severity == .error } }
    public var queries: [CensusFinding] { findings.filter { $0.severity == .query } }
}

/// The CIN census: the performance analyst's (and administrators') whole-authority read, decided by
/// `CensusAccess` rather than each child's relationships. Running the checks audits one entry for the run with a
/// receipt of the children its findings name; the return audits one entry with a receipt of the children it
/// carries (`AuditLog.recordBulkRead`): each of those children's access logs shows the entry.
extension Store {
    /// Builds the return for the collection year starting in April of `startYear` and runs every rule on it.
    /// Refused (403, audited) for a role that does not make the return; a year not ended is a 409.
    public func censusCheck(
        year startYear: Int, settings: CensusSettings, rules: [CensusRule] = CensusRules.all, context: AuditContext
    ) async throws -> CensusRun {
        let run = try await censusRun(startYear, settings: settings, rules: rules, context: context)
        let named = Set(run.findings.compactMap(\.personId))
        try await audit.recordBulkRead(
            context.event(
                .read, "census",
                detail: "checks \(run.year): \(run.findings.count) findings, \(named.count) children named"),
            people: named)
        return run
    }

    /// The return as XML, refused (409) while it holds errors unless `allowErrors`, and when the year holds
    /// no child at all (a year before the data); audited as one entry with a receipt of the children it carries.
    public func censusExport(
        year startYear: Int, settings: CensusSettings, allowErrors: Bool, rules: [CensusRule] = CensusRules.all,
        context: AuditContext
    ) async throws -> (run: CensusRun, xml: String) {
        let run = try await censusRun(startYear, settings: settings, rules: rules, context: context)
        guard !run.census.children.isEmpty else {
            throw SafeholdError.conflict(
                "No episode of need or referral in the record falls in \(run.year): there is nothing to return.")
        }
        let errors = run.errors
        if !errors.isEmpty && !allowErrors {
            let codes = Set(errors.map(\.code)).sorted().prefix(10).joined(separator: ", ")
            throw SafeholdError.conflict(
                "The \(run.year) return fails \(errors.count) DfE rules (\(codes)). Fix them on the census page, "
                    + "or export with errors allowed.")
        }
        let event = context.event(
            .read, "census",
            detail: "return \(run.year): \(run.census.children.count) children, \(errors.count) errors")
        // The file is written while the audit entry and its receipt are sealed and committed; it is handed over
        // only once they are.
        async let xml = CensusXML.document(run.census)
        try await audit.recordBulkRead(event, people: run.census.children.compactMap(\.personId))
        return (run, await xml)
    }

    /// Decides access (a system context, the command line, may), checks the year and builds the return.
    /// Refuses (403) and audits a caller whose role does not make the return; a system context (the command
    /// line, run by whoever holds the server) may.
    public func requireCensusAccess(_ what: String, context: AuditContext) async throws {
        if let actor = context.actor, !CensusAccess.mayMakeReturn(actor) {
            try await audit.record([context.event(.denied, "census", detail: what)])
            throw SafeholdError.forbidden(CensusAccess.refusal(actor))
        }
    }

    private func censusRun(
        _ startYear: Int, settings: CensusSettings, rules: [CensusRule], context: AuditContext
    ) async throws -> CensusRun {
        try await requireCensusAccess("year \(startYear)", context: context)
        let year = try CensusAccess.year(startYear, today: today)
        let settings = try settings.validated()
        let record = try await loadCensusRecord(year)
        let header = settings.header(for: year, madeAt: ruleset.localTime(of: clock.now()))
        let census = CensusBuilder.build(record, year: year, header: header, ruleset: ruleset)
        return CensusRun(
            year: year, census: census, findings: CensusChecker.check(census, calendar: ruleset.calendar, rules: rules))
    }
}
