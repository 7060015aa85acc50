import Foundation
import HTTPTypes
import HummingbirdTesting
import SafeholdCore
import SafeholdStore
import SafeholdWeb
import Testing

/// The CIN census's part of the route walk: the return is a whole-authority read decided by `CensusAccess`
/// (performance analysts and administrators), not by one child's relationships, so its routes name a
/// collection year, never a record. A worker calling any of them is refused (403) and the refusal audited.
extension RouteAccessTests {
    static let censusRoutes: Set<String> = [
        "GET /census", "GET /census/return.xml", "GET /api/v1/census/{year}/findings",
        "GET /api/v1/census/{year}/return",
    ]

    static func checkCensusRoute(
        _ key: String, _ pattern: String, _ f: WebFixture, _ client: any TestClientProtocol, _ page: BrowserSession,
        _ token: String
    ) async throws {
        let path =
            pattern.replacingOccurrences(of: "{year}", with: "2025") + (pattern.hasPrefix("/api/") ? "" : "?year=2025")
        let before = try await f.count("audit_log")
        let response =
            pattern.hasPrefix("/api/")
            ? try await client.execute(uri: path, method: .get, headers: bearer(token))
            : try await client.execute(uri: path, method: .get, headers: page.headers)
        #expect(response.status == .forbidden, "\(key) answered \(response.status)")
        let denied = try await f.store.audit.recent(limit: 10).filter {
            $0.seq > before && $0.event.action == .denied && $0.event.entityType == "census"
                && $0.event.actorId == f.south.id
        }
        #expect(denied.count == 1, "\(key) left no denied census entry")
    }
}
