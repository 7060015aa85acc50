import Foundation
import Hummingbird
import SafeholdCore
import SafeholdStore

/// The CIN census page (choose a year, run the checks, each finding linked to its child), the XML download,
/// and their `/api/v1` twins: one store call each, the store deciding who makes the return
/// (`CensusAccess`) and auditing every child shown or returned.
struct CensusController {
    let store: Store
    let renderer: PageRenderer
    let settings: CensusSettings

    func register(on pages: RouterGroup<SafeholdContext>) {
        pages.get(SiteRoute.census) { request, context in
            let identity = try context.requireIdentity()
            let chrome = Chrome(title: "CIN census", identity: identity)
            guard let text = request.uri.queryParameters.get("year"), !text.isEmpty else {
                try await self.store.requireCensusAccess("census page", context: try context.audit())
                return self.renderer.page(CensusPage(run: nil, year: self.lastEnded, years: self.years, chrome: chrome))
            }
            let year = try CensusYearInput.parse(text)
            let run = try await self.store.censusCheck(
                year: year, settings: self.settings, context: try context.audit())
            var page = CensusPage(run: run, year: year, years: self.years, chrome: chrome)
            page.readCopy = ReadCopyNote.text(lag: await self.store.replicaLag())
            return self.renderer.page(page)
        }
        pages.get(SiteRoute.censusReturn) { request, context in
            let year = try CensusYearInput.parse(request.uri.queryParameters.get("year"))
            return try await self.download(year, request, context)
        }
    }

    func register(signedIn api: RouterGroup<SafeholdContext>) {
        api.get(SiteRoute.API.censusFindings) { _, context, year in
            let run = try await self.store.censusCheck(
                year: year, settings: self.settings, context: try context.audit())
            return try APIResponse.json(CensusFindingsDTO(run))
        }
        api.get(SiteRoute.API.censusReturn) { request, context, year in
            try await self.download(year, request, context)
        }
    }

    /// The return as an XML attachment; `allowErrors=true` writes it even while rules fail with errors.
    func download(_ year: Int, _ request: Request, _ context: SafeholdContext) async throws -> Response {
        let allow = request.uri.queryParameters.get("allowErrors")
        guard allow == nil || allow == "true" || allow == "false" else {
            throw SafeholdError.invalid([FieldError("allowErrors", "must be true or false")])
        }
        let (run, xml) = try await store.censusExport(
            year: year, settings: settings, allowErrors: allow == "true", context: try context.audit())
        var headers = HTTPFields()
        headers[.contentType] = "application/xml; charset=utf-8"
        headers[.contentDisposition] = "attachment; filename=\"cin-census-\(run.year.headerYear).xml\""
        headers[.cacheControl] = "no-store"
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: xml)))
    }

    /// The last collection year that has ended, and the five before it (the page's choices).
    var lastEnded: Int { CensusYear(containing: store.today).startYear - 1 }
    var years: [Int] { (0..<6).map { lastEnded - $0 } }
}

/// A collection year as a request gives it: a whole number of at most four digits, or a 422 naming `year`.
enum CensusYearInput {
    static func parse(_ text: String?) throws -> Int {
        guard let text, (1...4).contains(text.count), text.allSatisfy({ ("0"..."9").contains($0) }),
            let year = Int(text)
        else {
            throw SafeholdError.invalid([FieldError("year", "must be a collection year such as 2025 (for 2025-26)")])
        }
        return year
    }
}
