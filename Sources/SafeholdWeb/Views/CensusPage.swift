import Foundation
import SafeholdCore
import SafeholdStore

/// The CIN census page: the year to check, the counts, each failing rule with the child (linked to the
/// child's page, at their episodes) and the episode by its referral date, and the XML download.
struct CensusPage: Page {
    static let template = Template.census

    struct Row {
        let code: String, severity: String, isError: Bool, message: String, field: String
        let child: String, childHref: String, hasChildHref: Bool, episode: String
    }

    let chrome: Chrome
    let action: String
    let years: [Option]
    let hasRun: Bool
    let heading: String
    let summary: String
    let rows: [Row]
    let hasRows: Bool
    let hasErrors: Bool
    let hasChildren: Bool
    let downloadHref: String
    let downloadAnywayHref: String
    /// Where the record came from when that is the reporting copy (`ReadCopyNote`).
    var readCopy: String?

    init(run: CensusRun?, year: Int, years: [Int], chrome: Chrome) {
        self.chrome = chrome
        action = SiteRoute.census.path
        self.years = years.map {
            Option(value: "\($0)", label: CensusYear(startYear: $0)?.description ?? "\($0)", selected: $0 == year)
        }
        hasRun = run != nil
        let shown = run?.year.description ?? CensusYear(startYear: year)?.description ?? "\(year)"
        heading = "CIN census \(shown)"
        let errors = run?.errors.count ?? 0
        summary =
            run.map {
                "\($0.census.children.count) children, \(errors) errors, \($0.queries.count) queries "
                    + "(queries are warnings: check them, they do not stop the return)."
            } ?? ""
        rows = run.map(Self.rows) ?? []
        hasRows = !rows.isEmpty
        hasErrors = errors > 0
        hasChildren = !(run?.census.children.isEmpty ?? true)
        downloadHref = SiteRoute.censusReturn.link.query([("year", "\(year)")]).path
        downloadAnywayHref = SiteRoute.censusReturn.link.query([("year", "\(year)"), ("allowErrors", "true")]).path
    }

    /// Where to fix a finding: the step it names on the child's chronology (a step is recorded once and never
    /// rewritten, so it is fixed by the step that follows it), the episode's primary need form, or the
    /// child's episodes.
    static func fixHref(_ f: CensusFinding, person: UUID) -> String {
        if let step = f.stepId { return SiteRoute.chronology(person).fragment("entry-\(step.text)").path }
        if f.field == "PrimaryNeedCode", let episode = f.episodeId {
            return SiteRoute.person(person).fragment("need-\(episode.text)").path
        }
        return SiteRoute.person(person).fragment("episodes").path
    }

    static func rows(_ run: CensusRun) -> [Row] {
        var referrals: [UUID: String] = [:]
        for child in run.census.children {
            for episode in child.episodes {
                guard let id = episode.episodeId else { continue }
                let nfa = episode.referralNFA == "true" ? " (referral, no further action)" : ""
                referrals[id] = "Referred \(episode.referralDate?.display ?? "on no date")" + nfa
            }
        }
        return run.findings.map { f in
            Row(
                code: f.code, severity: f.severity == .error ? "Error" : "Query", isError: f.severity == .error,
                message: f.message, field: f.field ?? "", child: f.laChildID ?? "The whole return",
                childHref: f.personId.map { fixHref(f, person: $0) } ?? "",
                hasChildHref: f.personId != nil,
                episode: f.episodeId.flatMap { referrals[$0] } ?? "")
        }
    }
}
