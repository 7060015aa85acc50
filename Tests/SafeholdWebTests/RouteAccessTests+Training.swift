import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import SafeholdCore
import SafeholdStore
import SafeholdWeb
import Testing

/// The training register's part of the route walk: its lists and forms touch no child's record; its routes
/// with an id name a worker, never a child, and refuse a worker of another team (404), writing nothing.
extension RouteAccessTests {
    static let trainingWithoutRecordId: Set<String> = [
        // The caller's own register and the team view: scoped by `TrainingAccess`, no child's record.
        "GET /me/training", "POST /me/training", "GET /api/v1/me/training",
        "GET /workforce/training", "GET /api/v1/workforce/training",
        "GET /api/v1/training/courses",  // the catalogue, held as data
        // Overrides of the accreditation gates: a worker and an act, no child's record.
        "GET /workforce/overrides", "POST /workforce/overrides",
        "GET /api/v1/workforce/overrides", "POST /api/v1/workforce/overrides",
    ]

    /// Routes whose id is a worker's: another team's worker is refused and nothing is written.
    static let trainingWorkerRoutes: Set<String> = [
        "GET /workforce/training/{id}", "POST /workforce/training/{id}",
        "GET /api/v1/users/{id}/training", "POST /api/v1/users/{id}/training",
    ]

    static func walkTrainingRoute(
        _ key: String, f: WebFixture, client: some TestClientProtocol, page: BrowserSession, token: String
    ) async throws {
        let parts = key.split(separator: " ")
        let method = HTTPRequest.Method(String(parts[0]))!
        let path = String(parts[1]).replacingOccurrences(of: "{id}", with: f.north.id.uuidString)
        let before = try await f.count("training_records")
        let response: TestResponse
        if path.hasPrefix("/api/") {
            response = try await client.execute(
                uri: path, method: method, headers: bearer(token),
                body: method == .post ? jsonBody(#"{"course":"safeguarding_l3","completedOn":"2026-01-01"}"#) : nil)
        } else {
            response = try await client.execute(
                uri: path, method: method, headers: method == .get ? page.headers : page.formHeaders(),
                body: method == .get ? nil : page.form([("course", "safeguarding_l3"), ("completedOn", "2026-01-01")]))
        }
        #expect(response.status == .notFound, "\(key) answered \(response.status)")
        #expect(try await f.count("training_records") == before, "\(key) wrote something")
    }
}
