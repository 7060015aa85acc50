import Foundation
import HTTPTypes
import HummingbirdTesting
import SQLKit
import SafeholdCore
import SafeholdStore
import SafeholdWeb
import Testing

/// Pages show and read times in UK time; the API and the database keep UTC.
@Suite struct UKTimePageTests {
    @Test func aContactTypedAtHalfPastMidnightBSTIsStoredInUTCShownInBSTAndDatedByTheUKDay() async throws {
        try await WebFixture.withApp { f, client in
            // 09:00 BST on Monday 28 June 2027.
            f.clock.set(Timestamp.date("2027-06-28T08:00:00.000Z")!)
            let door = try await f.session(f.frontDoor)
            let blank = try await client.execute(uri: "/contacts/new", method: .get, headers: door.headers)
            #expect(blank.text.contains("2027-06-28T09:00"), "the form offers the UK time now")
            let created = try await client.execute(
                uri: "/contacts/new", method: .post, headers: door.formHeaders(),
                body: door.form([
                    ("receivedAt", "2027-06-28T00:30"), ("source", "6"), ("children", f.child.localId),
                    ("concern", "Police attended a domestic incident."),
                ]))
            #expect(created.status == .seeOther)
            let path = try #require(created.headers[.location])
            let page = try await client.execute(uri: path, method: .get, headers: door.headers)
            #expect(page.text.contains("28 Jun 2027 00:30 BST"))
            #expect(
                page.text.contains("29 Jun 2027"),
                "a Monday contact is due on Tuesday, not on Monday as a Sunday one would be")
            let stored = try await f.store.database.withConnection { db in
                try await db.raw("SELECT received_at, received_on, decision_due FROM contacts").first()!
            }
            #expect(try stored.decode(column: "received_at", as: String.self) == "2027-06-27T23:30:00.000Z")
            #expect(try stored.decode(column: "received_on", as: String.self) == "2027-06-28")
            #expect(try stored.decode(column: "decision_due", as: String.self) == "2027-06-29")
            let token = try await f.apiToken(f.frontDoor)
            let api = try await client.execute(uri: "/api/v1\(path)", method: .get, headers: bearer(token))
            #expect(try api.json()["receivedAt"] as? String == "2027-06-27T23:30:00.000Z", "the API speaks UTC")
        }
    }

    @Test func aTimeInTheHourTheClocksSkipIsRefusedAndWritesNothing() async throws {
        try await WebFixture.withApp { f, client in
            f.clock.set(Timestamp.date("2027-04-01T08:00:00.000Z")!)
            let door = try await f.session(f.frontDoor)
            let before = try await f.count("contacts")
            let skipped = try await client.execute(
                uri: "/contacts/new", method: .post, headers: door.formHeaders(),
                body: door.form([
                    ("receivedAt", "2027-03-28T01:30"), ("source", "6"), ("children", f.child.localId),
                    ("concern", "Concern."),
                ]))
            #expect(skipped.status == .unprocessableContent)
            #expect(
                ValidationParityTests.pageErrors(skipped.text)
                    == [FieldError("receivedAt", "does not exist in UK time: the clocks went forward an hour at 1am")])
            #expect(try await f.count("contacts") == before)
        }
    }

    @Test func theHourTheClocksRepeatIsShownOnceAsBSTAndOnceAsGMT() async throws {
        try await WebFixture.withApp { f, client in
            f.clock.set(Timestamp.date("2027-10-31T09:00:00.000Z")!)
            let token = try await f.apiToken(f.frontDoor)
            for utc in ["2027-10-31T00:30:00Z", "2027-10-31T01:30:00Z"] {
                let body =
                    #"{"receivedAt":"\#(utc)","source":"6","childIds":["\#(f.child.id.uuidString)"],"concern":"x"}"#
                let created = try await client.execute(
                    uri: "/api/v1/contacts", method: .post, headers: bearer(token),
                    body: jsonBody(body))
                #expect(created.status == .created)
            }
            let door = try await f.session(f.frontDoor)
            let list = try await client.execute(uri: "/contacts", method: .get, headers: door.headers)
            #expect(list.text.contains("31 Oct 2027 01:30 BST"))
            #expect(list.text.contains("31 Oct 2027 01:30 GMT"))
        }
    }
}
