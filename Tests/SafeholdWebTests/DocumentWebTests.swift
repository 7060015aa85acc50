import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import SafeholdCore
import SafeholdStore
import SafeholdWeb
import Testing

@Suite("Documents and body maps over HTTP")
struct DocumentWebTests {
    static func upload(
        _ client: any TestClientProtocol, _ uri: String, headers: HTTPFields, fields: [(String, String)],
        fileName: String = "letter.pdf", file: [UInt8] = MultipartBody.pdf
    ) async throws -> TestResponse {
        var headers = headers
        headers[.contentType] = MultipartBody.contentType
        return try await client.execute(
            uri: uri, method: .post, headers: headers,
            body: MultipartBody.make(fields: fields, fileName: fileName, file: file))
    }

    @Test func aPageUploadNeedsTheCSRFFieldAndLandsOnTheDocumentWithItsFlagShown() async throws {
        try await WebFixture.withApp { f, client in
            let page = try await f.session(f.north)
            let uri = "/people/\(f.child.id.uuidString)/documents"
            let fields = [("title", "Paediatric report"), ("kind", "medical_report"), ("notForFamily", "1")]
            let forged = try await Self.upload(client, uri, headers: page.headers, fields: fields)
            let kept = try await f.count("documents")
            #expect(forged.status == .forbidden && kept == 0)
            let sent = try await Self.upload(
                client, uri, headers: page.headers, fields: fields + [("_csrf", page.csrf)])
            #expect(sent.status == .seeOther || sent.status == .found)
            let location = try #require(sent.headers[.location])
            let shown = try await client.execute(uri: location, method: .get, headers: page.headers)
            #expect(shown.status == .ok && shown.text.contains("Not to be disclosed to the family"))
            let list = try await client.execute(uri: uri, method: .get, headers: page.headers)
            #expect(list.text.contains("Paediatric report") && list.text.contains("multipart/form-data"))
        }
    }

    @Test func theAPIUploadsMultipartAndDownloadsAsAnAttachmentWithNosniff() async throws {
        try await WebFixture.withApp { f, client in
            let token = try await f.apiToken(f.north)
            let auth: HTTPFields = [.authorization: "Bearer \(token)"]
            let created = try await Self.upload(
                client, "/api/v1/people/\(f.child.id.uuidString)/documents", headers: auth,
                fields: [("title", "Letter"), ("kind", "letter"), ("thirdParty", "true")], fileName: "Zoë's letter.pdf")
            #expect(created.status == .created)
            let json = try JSONSerialization.jsonObject(with: Data(created.body.readableBytesView)) as? [String: Any]
            let id = try #require(json?["id"] as? String)
            #expect(json?["type"] as? String == "pdf" && json?["thirdParty"] as? Bool == true)
            let file = try await client.execute(uri: "/api/v1/documents/\(id)/content", method: .get, headers: auth)
            #expect(file.status == .ok && Array(file.body.readableBytesView) == MultipartBody.pdf)
            #expect(file.headers[.contentType] == "application/pdf")
            #expect(file.headers[HTTPField.Name("X-Content-Type-Options")!] == "nosniff")
            #expect(
                file.headers[.contentDisposition] == "attachment; filename=\"Zo__s letter.pdf\"; "
                    + "filename*=UTF-8''Zo%C3%AB%27s%20letter.pdf")
            let list = try await client.execute(
                uri: "/api/v1/people/\(f.child.id.uuidString)/documents", method: .get, headers: auth)
            #expect(list.status == .ok && list.text.contains(id))
            let other = try await f.apiToken(f.south)
            let refused = try await client.execute(
                uri: "/api/v1/documents/\(id)/content", method: .get, headers: [.authorization: "Bearer \(other)"])
            #expect(refused.status == .notFound && refused.text.contains(AccessPolicy.noVisibleRecord))
        }
    }

    @Test func malformedWrongTypeAndOversizeUploadsAre422sAndStoreNothing() async throws {
        try await WebFixture.withApp(configure: { $0.documentMaxBytes = 1_000 }) { f, client in
            let token = try await f.apiToken(f.north)
            let auth: HTTPFields = [.authorization: "Bearer \(token)"]
            let uri = "/api/v1/people/\(f.child.id.uuidString)/documents"
            var headers = auth
            headers[.contentType] = MultipartBody.contentType
            let broken = try await client.execute(
                uri: uri, method: .post, headers: headers,
                body: ByteBuffer(string: "--\(MultipartBody.boundary)\r\nContent-Disposition: form-data; name=\"ti"))
            #expect(broken.status == .unprocessableContent && broken.text.contains("malformed"))
            let json = try await client.execute(uri: uri, method: .post, headers: bearer(token), body: jsonBody("{}"))
            #expect(json.status == .unprocessableContent && json.text.contains("multipart"))
            let fields = [("title", "Report"), ("kind", "letter")]
            let script = try await Self.upload(
                client, uri, headers: auth, fields: fields, fileName: "report.pdf", file: Array("#!/bin/sh\n".utf8))
            #expect(script.status == .unprocessableContent && script.text.contains("script"))
            let svg = try await Self.upload(
                client, uri, headers: auth, fields: fields, fileName: "a.svg", file: Array("<svg onload=x>".utf8))
            #expect(svg.status == .unprocessableContent && svg.text.contains("SVG"))
            let empty = try await Self.upload(client, uri, headers: auth, fields: fields, file: [])
            #expect(empty.status == .unprocessableContent && empty.text.contains("empty"))
            let big = try await Self.upload(
                client, uri, headers: auth, fields: fields, file: MultipartBody.pdf + Array(repeating: 32, count: 2_000)
            )
            #expect(big.status == .unprocessableContent && big.text.contains("over the limit"))
            let huge = try await Self.upload(
                client, uri, headers: auth, fields: fields,
                file: MultipartBody.pdf + Array(repeating: 32, count: 200_000))
            #expect(huge.status == .unprocessableContent && huge.text.contains("over the limit"))
            #expect(try await f.count("documents") == 0)
            let files =
                FileManager.default.enumerator(atPath: f.directory.appendingPathComponent("documents").path)?
                .allObjects as? [String] ?? []
            #expect(files.filter { $0.count > 2 }.isEmpty, "no file kept: \(files)")
        }
    }

    @Test func aBodyMapIsDrawnWithAccessibleOutlinesAndAStaleChangeIsA409() async throws {
        try await WebFixture.withApp { f, client in
            let token = try await f.apiToken(f.north)
            let created = try await client.execute(
                uri: "/api/v1/people/\(f.child.id.uuidString)/body-maps", method: .post, headers: bearer(token),
                body: jsonBody(
                    #"{"seenOn":"2026-11-24","marks":[{"site":"upper_back","type":"bruise","sizeMm":30,"#
                        + #""colour":"purple","explanation":"Fell","explainedBy":"Mother","seenBy":"North"}]}"#))
            #expect(created.status == .created)
            let json = try JSONSerialization.jsonObject(with: Data(created.body.readableBytesView)) as? [String: Any]
            let id = try #require(json?["id"] as? String)
            let page = try await f.session(f.north)
            let shown = try await client.execute(uri: "/body-maps/\(id)", method: .get, headers: page.headers)
            #expect(shown.status == .ok && shown.text.contains("role=\"img\"") && shown.text.contains("<title id="))
            #expect(shown.text.contains("Upper back and shoulders") && shown.text.contains("Mark 1: Bruise"))
            let change =
                #"{"version":1,"seenOn":"2026-11-24","marks":[{"site":"chest","type":"burn","sizeMm":5,"seenBy":"N"}]}"#
            let first = try await client.execute(
                uri: "/api/v1/body-maps/\(id)", method: .put, headers: bearer(token), body: jsonBody(change))
            #expect(first.status == .ok)
            let stale = try await client.execute(
                uri: "/api/v1/body-maps/\(id)", method: .put, headers: bearer(token), body: jsonBody(change))
            #expect(stale.status == .conflict)
            let bad = try await client.execute(
                uri: "/api/v1/people/\(f.child.id.uuidString)/body-maps", method: .post, headers: bearer(token),
                body: jsonBody(
                    #"{"seenOn":"2026-11-24","marks":[{"site":"tail","type":"bruise","sizeMm":0,"seenBy":"N"}]}"#))
            #expect(bad.status == .unprocessableContent && bad.text.contains("marks[1].site"))
            let form = try await client.execute(
                uri: "/people/\(f.child.id.uuidString)/body-maps", method: .post, headers: page.formHeaders(),
                body: page.form([
                    ("seenOn", "2026-11-24"), ("mark1.site", "face"), ("mark1.type", "scratch"), ("mark1.sizeMm", "4"),
                    ("mark1.seenBy", "North"),
                ]))
            #expect(form.status == .seeOther || form.status == .found)
            #expect(try await f.count("body_maps") == 2)
        }
    }
}
