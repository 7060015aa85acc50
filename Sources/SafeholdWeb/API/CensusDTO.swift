import Foundation
import SafeholdCore
import SafeholdStore

/// A year's census checks as JSON: the counts and every finding with its rule, child and episode.
struct CensusFindingsDTO: Encodable {
    struct Finding: Encodable {
        let code: String, severity: String, message: String, field: String?
        let laChildID: String?, personId: UUID?, episodeId: UUID?
    }

    let year: String
    let referenceDate: String
    let children: Int
    let errors: Int
    let queries: Int
    let findings: [Finding]

    init(_ run: CensusRun) {
        year = run.year.description
        referenceDate = run.year.referenceDate.description
        children = run.census.children.count
        errors = run.errors.count
        queries = run.queries.count
        findings = run.findings.map {
            Finding(
                code: $0.code, severity: $0.severity.rawValue, message: $0.message, field: $0.field,
                laChildID: $0.laChildID, personId: $0.personId, episodeId: $0.episodeId)
        }
    }
}
