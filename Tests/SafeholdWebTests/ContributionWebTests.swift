import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import SafeholdCore
import SafeholdStore
import SafeholdWeb
import Testing

/// Contributions through the pages and `/api/v1`: the social worker invites, the health visitor sends
/// a report on a plain form, the social worker reads it; another partner gets the one 404.
@Suite struct ContributionWebTests {
    static func partner(_ f: WebFixture, _ name: String, agency: String) async throws -> User {
        let system = AuditContext(system: "test")
        let org = try await f.store.createAgency(agency, kind: .health, context: system)
        let team = try await f.store.createTeam("\(agency) safeguarding", agencyId: org.id, context: system)
        return try await f.store.createUser(
            User(
                id: f.store.ids.next(), username: name, displayName: name.capitalized, role: .partner,
                agencyId: org.id, teamId: team.id),
            passwordHash: try await f.services.passwords.hash(WebFixture.password), mustChangePassword: false,
            totpSecret: nil, context: system)
    }

    @Test func theHealthVisitorSendsAReportOnThePageAndTheSocialWorkerReadsIt() async throws {
        try await WebFixture.withApp { f, client in
            let seeded = try await RouteAccessTests.seed(f)
            let hv = try await Self.partner(f, "vera.visitor", agency: "Testshire Health Visiting")
            let other = try await Self.partner(f, "rita.rivers", agency: "Testshire Academy")
            let north = try await f.session(f.north)
            let invited = try await client.execute(
                uri: "/episodes/\(seeded.episode)/invitations", method: .post, headers: north.formHeaders(),
                body: north.form([
                    ("meetingKind", "review_conference"), ("meetsOn", "2026-12-01"),
                    ("inviteeUserId", hv.id.uuidString),
                ]))
            #expect(invited.status == .seeOther)
            let meetingPath = try #require(invited.headers[.location])

            let page = try await f.session(hv)
            let list = try await client.execute(uri: "/invitations", method: .get, headers: page.headers)
            #expect(list.status == .ok && list.text.contains("Ada Testwick"))
            let invitation = try #require(
                try await f.store.myInvitations(context: AuditContext(actor: hv.actor, ipAddress: nil)).first)
            let path = "/invitations/\(invitation.invitation.id)"
            let form = try await client.execute(uri: path, method: .get, headers: page.headers)
            #expect(form.status == .ok)
            for label in ["whatWeKnow", "worries", "workingWell", "recommendation"] {
                #expect(form.text.contains(#"<label for="\#(label)">"#), "\(label)")
            }
            #expect(form.text.contains("Submit report") && form.text.contains("4 May 2016"))
            #expect(!form.text.contains("Mary"), "nothing else of the record reaches the partner")

            let missing = try await client.execute(
                uri: path + "/report", method: .post, headers: page.formHeaders(),
                body: page.form([("version", "0"), ("whatWeKnow", "Seen at clinic."), ("workingWell", "Nursery")]))
            #expect(missing.status == .unprocessableContent)
            #expect(missing.text.contains("What we are worried about") && missing.text.contains("Seen at clinic."))
            #expect(try await f.count("agency_reports") == 0)

            let fields = [
                ("version", "0"), ("whatWeKnow", "Seen at clinic."), ("worries", "Missed immunisations."),
                ("workingWell", "Nursery place."), ("recommendation", "Plan continues."),
            ]
            let otherPage = try await f.session(other)
            let refused = try await client.execute(
                uri: path + "/report", method: .post, headers: otherPage.formHeaders(), body: otherPage.form(fields))
            #expect(refused.status == .notFound)
            let sent = try await client.execute(
                uri: path + "/report", method: .post, headers: page.formHeaders(), body: page.form(fields))
            #expect(sent.status == .seeOther)
            let after = try await client.execute(uri: path, method: .get, headers: page.headers)
            #expect(after.text.contains("Your report was sent") && after.text.contains("Missed immunisations."))
            let meeting = try await client.execute(uri: meetingPath, method: .get, headers: north.headers)
            #expect(meeting.status == .ok && meeting.text.contains("Missed immunisations."))
            let otherView = try await client.execute(
                uri: path, method: .get, headers: try await f.session(other).headers)
            #expect(otherView.status == .notFound)
            let meetings = try await client.execute(
                uri: "/episodes/\(seeded.episode)/meetings", method: .get, headers: north.headers)
            #expect(meetings.status == .ok && meetings.text.contains("Review child protection conference"))
        }
    }

    @Test func theAPIInvitesTakesReportsSharesTheDecisionAndUpdatesAssignedActions() async throws {
        try await WebFixture.withApp { f, client in
            let seeded = try await RouteAccessTests.seed(f)
            let hv = try await Self.partner(f, "vera.visitor", agency: "Testshire Health Visiting")
            let other = try await Self.partner(f, "rita.rivers", agency: "Testshire Academy")
            let north = try await f.apiToken(f.north), hvToken = try await f.apiToken(hv)
            let invite = #"{"meetingKind":"review_conference","meetsOn":"2026-12-01","inviteeUserId":"\#(hv.id)"}"#
            let made = try await client.execute(
                uri: "/api/v1/episodes/\(seeded.episode)/invitations", method: .post, headers: bearer(north),
                body: jsonBody(invite))
            #expect(made.status == .created)
            let again = try await client.execute(
                uri: "/api/v1/episodes/\(seeded.episode)/invitations", method: .post, headers: bearer(north),
                body: jsonBody(invite))
            #expect(again.status == .conflict)
            let id = try #require(try made.json()["id"] as? String)

            let report = #"{"whatWeKnow":"k","worries":"w","workingWell":"g","recommendation":"r","version":0}"#
            let strange = try await client.execute(
                uri: "/api/v1/invitations/\(id)/report", method: .put, headers: bearer(try await f.apiToken(other)),
                body: jsonBody(report))
            #expect(strange.status == .notFound)
            let put = try await client.execute(
                uri: "/api/v1/invitations/\(id)/report", method: .put, headers: bearer(hvToken), body: jsonBody(report))
            #expect(put.status == .ok)
            #expect(try put.json()["version"] as? Int == 1)
            let stale = try await client.execute(
                uri: "/api/v1/invitations/\(id)/report", method: .put, headers: bearer(hvToken), body: jsonBody(report))
            #expect(stale.status == .conflict)
            let mine = try await client.execute(uri: "/api/v1/invitations", method: .get, headers: bearer(hvToken))
            #expect(mine.status == .ok && mine.text.contains("Ada Testwick") && !mine.text.contains("Mary"))

            // The police officer was invited to today's core group: attendance, then the decision shared.
            let seededInvitation = seeded.contributions.invitation
            let attended = try await client.execute(
                uri: "/api/v1/episodes/\(seeded.episode)/invitations/\(seededInvitation)/attendance", method: .post,
                headers: bearer(north), body: jsonBody(#"{"attendance":"attended"}"#))
            #expect(attended.status == .ok)
            let meeting = seeded.contributions.meeting
            let shared = try await client.execute(
                uri: "/api/v1/episodes/\(seeded.episode)/meetings/\(meeting)/shared-decision", method: .post,
                headers: bearer(north), body: jsonBody(#"{"summary":"The plan continues.","version":2}"#))
            #expect(shared.status == .ok)
            let police = try await client.execute(
                uri: "/api/v1/invitations/\(seededInvitation)", method: .get,
                headers: bearer(try await f.apiToken(f.police)))
            #expect(police.status == .ok && police.text.contains("The plan continues."))

            let member = try await client.execute(
                uri: "/api/v1/episodes/\(seeded.episode)/core-group/members", method: .post, headers: bearer(north),
                body: jsonBody(#"{"userId":"\#(hv.id)"}"#))
            #expect(member.status == .created)
            let memberId = try #require(try member.json()["id"] as? String)
            let assigned = try await client.execute(
                uri: "/api/v1/episodes/\(seeded.episode)/actions/\(seeded.action)/assignee", method: .post,
                headers: bearer(north), body: jsonBody(#"{"memberId":"\#(memberId)","version":1}"#))
            #expect(assigned.status == .ok)
            let actions = try await client.execute(uri: "/api/v1/my-actions", method: .get, headers: bearer(hvToken))
            #expect(actions.status == .ok && actions.text.contains("Nursery"))
            let status = try await client.execute(
                uri: "/api/v1/my-actions/\(seeded.action)/status", method: .post, headers: bearer(hvToken),
                body: jsonBody(#"{"status":"done","version":2}"#))
            #expect(status.status == .ok)
            let page = try await client.execute(
                uri: "/my-actions", method: .get, headers: try await f.session(hv).headers)
            #expect(page.status == .ok && page.text.contains("Nursery") && page.text.contains("Ada Testwick"))
            let directory = try await client.execute(uri: "/api/v1/professionals", method: .get, headers: bearer(north))
            #expect(directory.status == .ok && directory.text.contains(hv.id.uuidString))
            let partnerDirectory = try await client.execute(
                uri: "/api/v1/professionals", method: .get, headers: bearer(hvToken))
            #expect(partnerDirectory.status == .forbidden)
            let otherUpdate = try await client.execute(
                uri: "/api/v1/my-actions/\(seeded.action)/status", method: .post,
                headers: bearer(try await f.apiToken(other)), body: jsonBody(#"{"status":"not_done","version":3}"#))
            #expect(otherUpdate.status == .notFound)
        }
    }

    @Test func oddInputIsRefusedNamingTheFieldAndWritesNothing() async throws {
        try await WebFixture.withApp { f, client in
            let seeded = try await RouteAccessTests.seed(f)
            let hv = try await Self.partner(f, "vera.visitor", agency: "Testshire Health Visiting")
            let north = try await f.apiToken(f.north), hvToken = try await f.apiToken(hv)
            let uri = "/api/v1/episodes/\(seeded.episode)/invitations"
            for (body, field) in [
                (#"{"meetingKind":"tea_party","meetsOn":"2026-12-01","inviteeUserId":"\#(hv.id)"}"#, "meetingKind"),
                (#"{"meetingKind":"core_group","meetsOn":"2026-02-30","inviteeUserId":"\#(hv.id)"}"#, "meetsOn"),
                (#"{"meetingKind":"core_group","meetsOn":"2026-12-01","inviteeUserId":"not-a-uuid"}"#, "inviteeUserId"),
                (
                    #"{"meetingKind":"core_group","meetsOn":"2026-12-01","name":"Dr \u202EGail","agency":"GP","#
                        + #""agencyKind":"health"}"#, "name"
                ),
            ] {
                let refused = try await client.execute(
                    uri: uri, method: .post, headers: bearer(north), body: jsonBody(body))
                #expect(refused.status == .unprocessableContent, "\(body)")
                #expect(refused.text.contains(#""field":"\#(field)""#), "\(body)")
            }
            let unknown = try await client.execute(
                uri: uri, method: .post, headers: bearer(north),
                body: jsonBody(
                    #"{"meetingKind":"core_group","meetsOn":"2026-12-01","inviteeUserId":"\#(hv.id)","x":1}"#))
            #expect(unknown.status.code >= 400 && unknown.status.code < 500)
            #expect(try await f.count("invitations") == 1, "only the route walk's seeded invitation")

            let made = try await client.execute(
                uri: uri, method: .post, headers: bearer(north),
                body: jsonBody(#"{"meetingKind":"core_group","meetsOn":"2026-12-01","inviteeUserId":"\#(hv.id)"}"#))
            let id = try #require(try made.json()["id"] as? String)
            for body in [
                #"{"whatWeKnow":"k","worries":"w","workingWell":"g","recommendation":"r","version":"one"}"#,
                #"{"whatWeKnow":"k","worries":"w","workingWell":"g","recommendation":"r","version":0,"extra":true}"#,
                #"{"whatWeKnow":"\#(String(repeating: "x", count: 8001))","worries":"w","workingWell":"g","#
                    + #""recommendation":"r","version":0}"#,
                #"{"whatWeKnow":"k","worries":"w","workingWell":"g","recommendation":"r","version":-1}"#,
            ] {
                let refused = try await client.execute(
                    uri: "/api/v1/invitations/\(id)/report", method: .put, headers: bearer(hvToken),
                    body: jsonBody(body))
                #expect(refused.status.code >= 400 && refused.status.code < 500, "\(refused.status)")
            }
            #expect(try await f.count("agency_reports") == 0)
        }
    }
}
