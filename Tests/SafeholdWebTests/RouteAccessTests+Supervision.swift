import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import SafeholdCore
import SafeholdStore
import SafeholdWeb
import Testing

/// Supervision and welfare's part of the route walk. Their ids name a worker (a user) or a supervision
/// session, never a child's record: called by another team's worker with a real worker's id they must
/// refuse (403 or 404), audit the refusal and write nothing. The oversight actions live on the child's
/// record and take the ordinary walk (`people/{id}/...`).
extension RouteAccessTests {
    /// Routes with no id, and why none reaches one child's record.
    static let supervisionWithoutRecordId: Set<String> = [
        // The manager's own team and the counts of welfare check-ins (team managers only, no child).
        "GET /workforce/supervision", "GET /api/v1/workforce/supervision", "GET /workforce/welfare",
        "GET /api/v1/workforce/welfare",
        // The caller's own supervision record and welfare check-ins.
        "GET /me/supervision", "GET /api/v1/me/supervision", "GET /me/welfare", "POST /me/welfare",
        "GET /api/v1/me/welfare", "POST /api/v1/me/welfare",
    ]

    /// Routes whose id is a worker's or a supervision session's.
    static let supervisionIdNotARecord: Set<String> = [
        "GET /workforce/supervision/{id}", "POST /workforce/supervision/{id}",
        "POST /workforce/supervision/{id}/qualified-on", "GET /supervision-sessions/{id}",
        "GET /api/v1/workforce/supervision/{id}", "POST /api/v1/workforce/supervision/{id}/sessions",
        "PUT /api/v1/workforce/supervision/{id}/qualified-on", "GET /api/v1/supervision-sessions/{id}",
    ]

    /// Calls one of `supervisionIdNotARecord` as the south team's worker about the north team's worker (and
    /// a session of theirs): refused, audited as denied, and nothing written.
    static func checkWorkerRoute(
        _ key: String, _ pattern: String, _ f: WebFixture, _ client: some TestClientProtocol,
        _ page: BrowserSession, _ token: String
    ) async throws {
        let session = try await f.store.recordSupervision(
            for: f.north.id, SupervisionDraft(heldOn: f.store.today, reflection: "Private words."),
            context: AuditContext(actor: f.manager.actor, ipAddress: nil))
        let id = pattern.contains("supervision-sessions") ? session.id : f.north.id
        let path = pattern.replacingOccurrences(of: "{id}", with: id.uuidString)
        let tables = ["supervision_sessions", "oversight_entries", "oversight_actions", "worker_qualifications"]
        var before: [String: Int] = [:]
        for table in tables { before[table] = try await f.count(table) }
        let seq = try await f.store.audit.recent(limit: 1).first?.seq ?? 0
        let method = HTTPRequest.Method(String(key.prefix { $0 != " " }))!
        let json =
            key.hasSuffix("/sessions")
            ? #"{"heldOn":"2026-11-20","reflection":"","caseDiscussions":[]}"#
            : #"{"qualifiedOn":"2026-06-01","version":0}"#
        let response =
            path.hasPrefix("/api/")
            ? try await client.execute(
                uri: path, method: method, headers: bearer(token), body: method == .get ? nil : jsonBody(json))
            : try await client.execute(
                uri: path, method: method, headers: method == .get ? page.headers : page.formHeaders(),
                body: method == .get
                    ? nil : page.form([("heldOn", "2026-11-20"), ("qualifiedOn", "2026-06-01"), ("version", "0")]))
        #expect(response.status == .notFound || response.status == .forbidden, "\(key) answered \(response.status)")
        for table in tables { #expect(try await f.count(table) == before[table], "\(key) wrote to \(table)") }
        let denied = try await f.store.audit.recent(limit: 20).filter {
            $0.seq > seq && $0.event.action == .denied && $0.event.actorId == f.south.id
        }
        #expect(!denied.isEmpty, "\(key) left no denied entry")
    }
}
