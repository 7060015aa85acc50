import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import SafeholdCore
import SafeholdStore
import Testing

/// Multipart bodies for the document uploads, and the refusals of another team's worker on them.
extension RouteAccessTests {
    /// The uploads: multipart/form-data, so the walk sends a real file rather than a form.
    static let documentUploadRoutes: Set<String> = [
        "POST /people/{id}/documents", "POST /episodes/{id}/documents", "POST /investigations/{id}/documents",
        "POST /api/v1/people/{id}/documents", "POST /api/v1/episodes/{id}/documents",
        "POST /api/v1/investigations/{id}/documents",
    ]

    /// A document and a body map on the fixture's child, recorded by its worker.
    static func seedDocuments(_ f: WebFixture) async throws -> (document: UUID, bodyMap: UUID) {
        let north = AuditContext(actor: f.north.actor, ipAddress: nil)
        let document = try await f.store.addDocument(
            to: .person(f.child.id), DocumentDraft(title: "Letter", kind: "letter", fileName: "letter.pdf"),
            bytes: MultipartBody.pdf, context: north)
        let map = try await f.store.recordBodyMap(
            for: f.child.id,
            BodyMapDraft(
                seenOn: f.store.today, marks: [BodyMarkDraft(site: "chest", type: "bruise", sizeMm: 10, seenBy: "N")]),
            context: north)
        return (document.id, map.id)
    }

    /// A body that passes the body map routes' input checks, so that only access can refuse it.
    static func bodyMapBody(_ method: String, _ path: String) -> (form: [(String, String)], json: String)? {
        guard path.contains("/body-maps") else { return nil }
        let mark = #"{"site":"chest","type":"bruise","sizeMm":10,"seenBy":"S"}"#
        if path.hasPrefix("/api/") {
            let version = method == "PUT" ? #""version":1,"# : ""
            return ([], #"{\#(version)"seenOn":"2026-11-24","marks":[\#(mark)]}"#)
        }
        return (
            [
                ("seenOn", "2026-11-24"), ("version", "1"), ("mark1.site", "chest"), ("mark1.type", "bruise"),
                ("mark1.sizeMm", "10"), ("mark1.seenBy", "S"),
            ], ""
        )
    }

    /// An upload by another team's worker: refused (403 or 404), a denied entry against the child, nothing kept.
    static func checkDocumentUpload(
        _ key: String, _ path: String, _ seeded: Seeded, _ f: WebFixture, _ client: any TestClientProtocol,
        _ page: BrowserSession, _ token: String
    ) async throws {
        let before = try await f.count("audit_log")
        let documents = try await f.count("documents")
        let api = path.hasPrefix("/api/")
        let body = MultipartBody.make(
            fields: [("title", "Letter"), ("kind", "letter")] + (api ? [] : [("_csrf", page.csrf)]),
            fileName: "letter.pdf", file: MultipartBody.pdf)
        var headers = api ? [.authorization: "Bearer \(token)"] : page.headers
        headers[.contentType] = MultipartBody.contentType
        let response = try await client.execute(uri: path, method: .post, headers: headers, body: body)
        #expect(response.status == .notFound || response.status == .forbidden, "\(key) answered \(response.status)")
        let denials = try await f.store.audit.recent(limit: 20).filter {
            $0.seq > before && $0.event.action == .denied && $0.event.actorId == f.south.id
                && $0.event.personId == seeded.child
        }
        #expect(!denials.isEmpty, "\(key) left no denied entry against the child")
        #expect(try await f.count("documents") == documents, "\(key) kept a document")
    }
}

/// A multipart/form-data body built as a browser sends one.
enum MultipartBody {
    static let boundary = "----SafeholdTestBoundary7MA4YWxk"
    static let contentType = "multipart/form-data; boundary=\(boundary)"
    static let pdf = Array("%PDF-1.4\n% synthetic letter\n%%EOF\n".utf8)
    static let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + Array(repeating: 1, count: 24)

    static func make(fields: [(String, String)], fileName: String?, file: [UInt8]?) -> ByteBuffer {
        var out: [UInt8] = []
        for (name, value) in fields {
            out += Array("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n".utf8)
        }
        if let file {
            out += Array(
                ("--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"\(fileName ?? "")\"\r\n"
                    + "Content-Type: application/octet-stream\r\n\r\n").utf8)
            out += file + Array("\r\n".utf8)
        }
        out += Array("--\(boundary)--\r\n".utf8)
        return ByteBuffer(bytes: out)
    }
}
