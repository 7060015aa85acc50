import Foundation
import HTTPTypes
import HummingbirdTesting
import SafeholdCore
import SafeholdStore
import SafeholdWeb
import Testing

@Suite struct PersonFormTests {
    static let valid: [(String, String)] = [
        ("kind", "child"), ("givenName", "<script>alert('x')</script>"),
        ("familyName", "O'Brien; DROP TABLE persons;--"),
        ("dateOfBirth", "2019-03-01"), ("sex", "M"), ("ethnicity", "WBRI"), ("nhsNumber", "943 476 5919"),
        ("addressLine1", "1 Test Row"), ("addressTown", "Testbury"), ("addressPostcode", "tb1 2cd"),
    ]

    @Test func aValidNewPersonIsSavedAndNamesAreShownExactlyButEscaped() async throws {
        try await WebFixture.withApp { f, client in
            let session = try await f.session(f.north)
            let response = try await client.execute(
                uri: "/people/new", method: .post, headers: session.formHeaders(),
                body: session.form(Self.valid))
            #expect(response.status == .seeOther)
            let location = try #require(response.headers[.location])
            let page = try await client.execute(uri: location, method: .get, headers: session.headers)
            #expect(page.text.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"))
            #expect(!page.text.contains("<script>alert"))
            #expect(page.text.contains("O&#39;Brien; DROP TABLE persons;--"))
            #expect(page.text.contains("TB1 2CD"))
        }
    }

    /// A combining mark after a quote makes one Character of the two; the escaping must still replace the quote, or
    /// the value closes the attribute it is written into (in the edit form, or the search box) and adds its own.
    @Test func aQuoteFollowedByACombiningMarkIsEscapedInAttributesAndText() async throws {
        try await WebFixture.withApp { f, client in
            let session = try await f.session(f.north)
            let payload = "Zo\"\u{301} autofocus data-x=\"1"
            let fields = Self.valid.map { $0.0 == "givenName" ? ($0.0, payload) : $0 }
            let response = try await client.execute(
                uri: "/people/new", method: .post, headers: session.formHeaders(), body: session.form(fields))
            #expect(response.status == .seeOther)
            let location = try #require(response.headers[.location])
            // Held in constants: the #expect macro itself cannot quote a literal with a combining mark after a quote.
            let escaped = "Zo&quot;\u{301} autofocus data-x=&quot;1", raw = "Zo\"\u{301}"
            let query = try #require(payload.addingPercentEncoding(withAllowedCharacters: .alphanumerics))
            for uri in [location, location + "/edit", "/search?q=\(query)"] {
                let page = try await client.execute(uri: uri, method: .get, headers: session.headers)
                #expect(page.status == .ok, "\(uri)")
                #expect(page.text.contains(escaped), "\(uri)")
                #expect(!page.text.contains(raw), "\(uri)")
            }
        }
    }

    @Test func anInvalidFormNamesEveryProblemAndSavesNothing() async throws {
        try await WebFixture.withApp { f, client in
            let session = try await f.session(f.north)
            let before = try await f.count("persons"), auditBefore = try await f.count("audit_log")
            let response = try await client.execute(
                uri: "/people/new", method: .post, headers: session.formHeaders(),
                body: session.form([
                    ("kind", "child"), ("givenName", "Bea"), ("familyName", ""), ("dateOfBirth", "2020-02-31"),
                    ("nhsNumber", "9434765918"), ("upn", "X12345678901"), ("ethnicity", "ZZZZ"),
                ]))
            #expect(response.status == .unprocessableContent)
            for message in ["Family name", "is not a real date", "NHS number", "UPN", "not an ethnicity code"] {
                #expect(response.text.contains(message), "\(message)")
            }
            #expect(response.text.contains("value=\"Bea\""))
            #expect(try await f.count("persons") == before)
            #expect(try await f.count("audit_log") == auditBefore)
        }
    }

    @Test func aFormWithoutItsCSRFTokenIsRefusedAndSavesNothing() async throws {
        try await WebFixture.withApp { f, client in
            let session = try await f.session(f.north)
            let before = try await f.count("persons")
            let response = try await client.execute(
                uri: "/people/new", method: .post, headers: session.formHeaders(),
                body: session.form(Self.valid, csrf: false))
            #expect(response.status == .forbidden)
            let other = try await f.session(f.south)
            let wrongToken = try await client.execute(
                uri: "/people/new", method: .post, headers: session.formHeaders(),
                body: Form.encode(Self.valid + [("_csrf", other.csrf)]))
            #expect(wrongToken.status == .forbidden)
            #expect(try await f.count("persons") == before)
        }
    }

    @Test func rolesThatDoNotOpenRecordsCannotCreateThem() async throws {
        try await WebFixture.withApp { f, client in
            let session = try await f.session(f.analyst)
            let form = try await client.execute(uri: "/people/new", method: .get, headers: session.headers)
            #expect(form.status == .forbidden)
            let post = try await client.execute(
                uri: "/people/new", method: .post, headers: session.formHeaders(), body: session.form(Self.valid))
            #expect(post.status == .forbidden)
        }
    }

    @Test func editingKeepsAddressHistoryAndAStaleFormIsAConflict() async throws {
        try await WebFixture.withApp { f, client in
            let session = try await f.session(f.north)
            let uri = "/people/\(f.child.id.uuidString)/edit"
            let form = try await client.execute(uri: uri, method: .get, headers: session.headers)
            #expect(form.status == .ok)
            #expect(form.text.contains("name=\"version\" value=\"1\""))
            let fields: [(String, String)] = [
                ("kind", "child"), ("givenName", "Ada"), ("familyName", "Testwick"),
                ("dateOfBirth", "2016-05-04"), ("sex", "F"), ("nhsNumber", "9434765919"),
                ("addressLine1", "2 New Street"), ("addressTown", "Testbury"),
                ("addressPostcode", "TB2 3EF"), ("version", "1"),
            ]
            let saved = try await client.execute(
                uri: uri, method: .post, headers: session.formHeaders(), body: session.form(fields))
            #expect(saved.status == .seeOther)
            let stale = try await client.execute(
                uri: uri, method: .post, headers: session.formHeaders(),
                body: session.form(fields.map { $0.0 == "givenName" ? ($0.0, "Adah") : $0 }))
            #expect(stale.status == .conflict)
            #expect(stale.text.contains("Someone else changed this record"))
            let page = try await client.execute(
                uri: "/people/\(f.child.id.uuidString)", method: .get, headers: session.headers)
            #expect(page.text.contains("2 New Street"))
            #expect(page.text.contains("History of changes"))
            #expect(!page.text.contains("Adah"))
            let refused = try await f.session(f.south)
            let other = try await client.execute(
                uri: uri, method: .post, headers: refused.formHeaders(),
                body: refused.form(fields.map { $0.0 == "version" ? ($0.0, "2") : $0 }))
            #expect(other.status == .notFound)
        }
    }

    @Test func addingAFamilyMemberCreatesAndLinksThemTogether() async throws {
        try await WebFixture.withApp { f, client in
            let session = try await f.session(f.north)
            let uri = "/people/\(f.child.id.uuidString)/relationships/new"
            let response = try await client.execute(
                uri: uri, method: .post, headers: session.formHeaders(),
                body: session.form([
                    ("relationshipKind", "father"), ("parentalResponsibility", "1"), ("kind", "adult"),
                    ("givenName", "Gus"), ("familyName", "Testwick"), ("sex", "M"),
                ]))
            #expect(response.status == .seeOther)
            let page = try await client.execute(
                uri: "/people/\(f.child.id.uuidString)", method: .get, headers: session.headers)
            #expect(page.text.contains("Gus Testwick"))
            #expect(page.text.contains("Father"))
            let missingKind = try await client.execute(
                uri: uri, method: .post, headers: session.formHeaders(),
                body: session.form([("existingLocalId", f.mother.localId)]))
            #expect(missingKind.status == .unprocessableContent)
            let unknown = try await client.execute(
                uri: uri, method: .post, headers: session.formHeaders(),
                body: session.form([("relationshipKind", "sibling"), ("existingLocalId", "SH-999999")]))
            #expect(unknown.status == .unprocessableContent)
            #expect(unknown.text.contains("SH-999999"))
        }
    }
}
