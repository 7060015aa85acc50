import Foundation
import Hummingbird

/// The CIN census: the performance analyst's page (checks and the XML download) and its `/api/v1` twins,
/// whose path holds the collection year (`/api/v1/census/2025/findings`), in `openapi.yaml`.
extension SiteRoute {
    public static let census = Route("census")
    public static let censusReturn = Route("census", "return.xml")
}

extension SiteRoute.API {
    public static let censusFindings = YearRoute(before: root / "census", after: ["findings"])
    public static let censusReturn = YearRoute(before: root / "census", after: ["return"])
}

/// A route whose path holds a collection year (`2025` for 2025-26) rather than a record id.
public struct YearRoute: Sendable {
    let before: Route
    let after: [String]

    /// The address for `year`.
    public func callAsFunction(_ year: Int) -> Link {
        Link(before.path + "/\(year)" + after.map { "/" + $0 }.joined())
    }
    public var pattern: RouterPath { RouterPath(before.path + "/{year}" + after.map { "/" + $0 }.joined()) }
}

extension RouterMethods {
    /// Registers a GET whose handler receives the year, refused with the field named (422) unless it is a
    /// whole number of at most four digits.
    @discardableResult
    func get(
        _ route: YearRoute,
        use handler: @Sendable @escaping (Request, Context, Int) async throws -> some ResponseGenerator
    ) -> Self {
        on(route.pattern, method: .get) { request, context in
            try await handler(request, context, try CensusYearInput.parse(context.parameters.get("year")))
        }
    }
}
