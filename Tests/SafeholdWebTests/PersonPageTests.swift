import Foundation
import HTTPTypes
import HummingbirdTesting
import SafeholdCore
import SafeholdStore
import SafeholdWeb
import Testing

@Suite struct PersonPageTests {
    @Test func pagesNeedASignedInUser() async throws {
        try await WebFixture.withApp { f, client in
            for uri in [
                "/", "/search?q=Testwick", "/people/\(f.child.id.uuidString)", "/people/new", "/account/tokens",
            ] {
                let response = try await client.execute(uri: uri, method: .get)
                #expect(response.status == .found, "\(uri)")
                #expect(response.headers[.location] == "/login", "\(uri)")
            }
        }
    }

    @Test func theAllocatedWorkerSeesTheWholeRecordAndTheReadIsAudited() async throws {
        try await WebFixture.withApp { f, client in
            let session = try await f.session(f.north)
            let page = try await client.execute(
                uri: "/people/\(f.child.id.uuidString)", method: .get, headers: session.headers)
            #expect(page.status == .ok)
            #expect(page.text.contains("Ada Testwick"))
            #expect(page.text.contains("943 476 5919"))
            #expect(page.text.contains("Mary Testwick"))
            #expect(page.text.contains("Mother"))
            let reads = try await f.store.audit.entries(forPerson: f.child.id).filter { $0.event.action == .read }
            #expect(reads.contains { $0.event.actorId == f.north.id })
        }
    }

    @Test func aWorkerWithoutARelationshipIsRefusedAndTheRefusalIsAudited() async throws {
        try await WebFixture.withApp { f, client in
            for user in [f.south, f.admin, f.analyst, f.police] {
                let session = try await f.session(user)
                let page = try await client.execute(
                    uri: "/people/\(f.child.id.uuidString)", method: .get, headers: session.headers)
                #expect(page.status == .notFound, "\(user.username)")
                #expect(page.text.contains("Sign out"), "the refusal page keeps the signed-in header")
                #expect(!page.text.contains("943 476 5919"))
                let edit = try await client.execute(
                    uri: "/people/\(f.child.id.uuidString)/edit", method: .get, headers: session.headers)
                #expect(edit.status == .notFound)
                let relate = try await client.execute(
                    uri: "/people/\(f.child.id.uuidString)/relationships/new", method: .get,
                    headers: session.headers)
                #expect(relate.status == .notFound)
            }
            let denials = try await f.store.audit.entries(forPerson: f.child.id).filter { $0.event.action == .denied }
            #expect(denials.contains { $0.event.actorId == f.south.id })
        }
    }

    @Test func anUnknownRecordIsNotFoundAndAMalformedIdIsABadRequest() async throws {
        try await WebFixture.withApp { f, client in
            let session = try await f.session(f.north)
            let missing = try await client.execute(
                uri: "/people/\(UUID().uuidString)", method: .get, headers: session.headers)
            #expect(missing.status == .notFound)
            let malformed = try await client.execute(uri: "/people/not-an-id", method: .get, headers: session.headers)
            #expect(malformed.status == .badRequest)
        }
    }

    @Test func searchShowsOtherTeamsRecordsByNameOnly() async throws {
        try await WebFixture.withApp { f, client in
            let south = try await f.session(f.south)
            let response = try await client.execute(uri: "/search?q=Ada+Testwik", method: .get, headers: south.headers)
            #expect(response.status == .ok)
            #expect(response.text.contains("Ada Testwick"))
            #expect(!response.text.contains("/people/\(f.child.id.uuidString)"))
            #expect(!response.text.contains("4 May 2016"))
            let byNHS = try await client.execute(uri: "/search?q=9434765919", method: .get, headers: south.headers)
            #expect(!byNHS.text.contains("Ada Testwick"))
            let north = try await f.session(f.north)
            let own = try await client.execute(uri: "/search?q=9434765919", method: .get, headers: north.headers)
            #expect(own.text.contains("/people/\(f.child.id.uuidString)"))
            let badDate = try await client.execute(
                uri: "/search?q=Ada&dob=2016-02-31", method: .get, headers: north.headers)
            #expect(badDate.status == .unprocessableContent)
        }
    }

    @Test func theDataProtectionOfficerSeesWhoHasSeenARecordAndOthersDoNot() async throws {
        try await WebFixture.withApp { f, client in
            let north = try await f.session(f.north)
            _ = try await client.execute(uri: "/people/\(f.child.id.uuidString)", method: .get, headers: north.headers)
            let dpo = try await f.session(f.dpo)
            let redirect = try await client.execute(
                uri: "/people/\(f.child.id.uuidString)", method: .get, headers: dpo.headers)
            #expect(redirect.headers[.location] == "/people/\(f.child.id.uuidString)/access-log")
            let log = try await client.execute(
                uri: "/people/\(f.child.id.uuidString)/access-log", method: .get, headers: dpo.headers)
            #expect(log.status == .ok)
            #expect(log.text.contains("North"))
            #expect(log.text.contains("<td>read</td>"))
            #expect(!log.text.contains("943 476 5919"))
            let refused = try await client.execute(
                uri: "/people/\(f.child.id.uuidString)/access-log", method: .get, headers: north.headers)
            #expect(refused.status == .forbidden)
        }
    }
}
