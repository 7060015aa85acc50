import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import SafeholdCore
import SafeholdStore
import SafeholdWeb
import Testing

/// `/api/v1` for the police side, through the built application with API tokens.
@Suite struct PoliceAPITests {
    @Test func anInvestigationIsReadInFullByItsTeamSharedBySocialCareAndNotAtAllByOthers() async throws {
        try await WebFixture.withApp { f, client in
            let w = try await PoliceAPIWorld.make(f, client)
            let id = try await w.openInvestigation()
            let uri = "/api/v1/investigations/\(id)"

            let full = try await w.call(.get, uri, w.officerToken)
            #expect(full.status == .ok)
            let fullFile = try full.json()
            #expect(fullFile["view"] as? String == "full")
            #expect(fullFile["canEdit"] as? Bool == true)
            let record = try #require(fullFile["investigation"] as? [String: Any])
            #expect(record["intelligence"] as? String == "Police-only intelligence from a source.")
            #expect(record["status"] as? String == "reported")
            #expect(record["crimeReference"] as? String == "TS/12345/26")

            let shared = try await w.call(.get, uri, w.northToken)
            #expect(shared.status == .ok, "the child's allocated social worker reads the shared view")
            let sharedFile = try shared.json()
            #expect(sharedFile["view"] as? String == "shared")
            #expect(sharedFile["canEdit"] as? Bool == false)
            let sharedRecord = try #require(sharedFile["investigation"] as? [String: Any])
            #expect(sharedRecord["intelligence"] == nil)
            #expect(sharedRecord["summary"] as? String == "Bruising reported by school.")
            #expect(!shared.text.contains("Police-only intelligence"))

            let nowhere = try await w.call(.get, "/api/v1/investigations/\(UUID().uuidString)", w.eastToken)
            #expect(nowhere.status == .notFound)
            for (who, token) in [
                ("another police team", w.eastToken), ("a partner", w.partnerToken),
                ("another team's social worker", w.southToken),
            ] {
                let refused = try await w.call(.get, uri, token)
                #expect(refused.status == .notFound, "\(who)")
                #expect(
                    Array(refused.body.readableBytesView) == Array(nowhere.body.readableBytesView),
                    "\(who) learns nothing a made-up id would not tell")
            }
            let denied = try await f.store.audit.recent(limit: 30).filter {
                $0.event.action == .denied && $0.event.actorId == w.eastOfficer.id && $0.event.personId == f.child.id
            }
            #expect(!denied.isEmpty, "the refusal is audited against the child")

            // Social care may read but not change it; its own team may.
            let north = try await w.call(
                .post, uri + "/status", w.northToken, #"{"status":"under_investigation","expectedVersion":1}"#)
            #expect(north.status == .forbidden)
            let moved = try await w.call(
                .post, uri + "/status", w.sergeantToken, #"{"status":"under_investigation","expectedVersion":1}"#)
            #expect(moved.status == .ok)
            #expect(try moved.json()["version"] as? Int == 2)
        }
    }

    @Test func theChildsAccountAndTheInterviewRationaleStayOnThePoliceSide() async throws {
        try await WebFixture.withApp { f, client in
            let w = try await PoliceAPIWorld.make(f, client)
            let id = try await w.openInvestigation()
            let accredited = try await w.call(
                .post, "/api/v1/accreditations", w.sergeantToken,
                #"{"userId":"\#(w.officer.uuidString)","kind":"abe_interviewing","#
                    + #""validFrom":"2026-01-01","expiresOn":"2027-12-31"}"#
            )
            #expect(accredited.status == .created, "\(accredited.text)")
            let planned = try await w.call(.post, "/api/v1/investigations/\(id)/interviews", w.officerToken, w.plan())
            #expect(planned.status == .created, "\(planned.text)")
            let interview = try #require(try planned.json()["id"] as? String)
            let held =
                #"{"expectedVersion":1,"heldAt":"2026-11-24T08:30:00Z","consentGiven":true,"#
                + #""consentBy":"The child, with her aunt","present":"PC Officer, DC Sergeant","#
                + #""recordingReference":"ABE-2026-0042","storageLocation":"CAIT media safe","#
                + #""reviewOn":"2026-12-24","destroyOn":"2033-11-24","#
                + #""accountSummary":"ACCOUNT: she described the kitchen."}"#
            let recorded = try await w.call(
                .post, "/api/v1/investigations/\(id)/interviews/\(interview)/record", w.officerToken, held)
            #expect(recorded.status == .ok, "\(recorded.text)")
            #expect(try recorded.json()["held"] as? Bool == true)
            let again = try await w.call(
                .post, "/api/v1/investigations/\(id)/interviews/\(interview)/record", w.officerToken, held)
            #expect(again.status == .conflict)

            let full = try await w.call(.get, "/api/v1/investigations/\(id)", w.officerToken)
            #expect(full.text.contains("ACCOUNT: she described the kitchen."))
            let shared = try await w.call(.get, "/api/v1/investigations/\(id)", w.northToken)
            let interviews = try #require(try shared.json()["interviews"] as? [[String: Any]])
            let record = try #require(interviews.first?["record"] as? [String: Any])
            #expect(record["accountSummary"] == nil)
            #expect(record["recordingReference"] as? String == "ABE-2026-0042")
            #expect(interviews.first?["rationale"] == nil)
            #expect(!shared.text.contains("ACCOUNT:") && !shared.text.contains("articulate"))

            // Shared by a police user under a lawful basis, it reaches social care.
            let disclosure = try await w.call(
                .post, "/api/v1/investigations/\(id)/disclosures", w.officerToken,
                #"{"field":"interview_account","text":"She described the kitchen.","#
                    + #""lawfulBasis":"dpa2018_sch8_para18","reason":"Safety planning."}"#
            )
            #expect(disclosure.status == .created, "\(disclosure.text)")
            let after = try await w.call(.get, "/api/v1/investigations/\(id)", w.northToken)
            let disclosures = try #require(try after.json()["disclosures"] as? [[String: Any]])
            #expect(disclosures.first?["lawfulBasis"] as? String == "dpa2018_sch8_para18")
        }
    }

    @Test func badInputIsRefusedNamingTheFieldAndWritesNothing() async throws {
        try await WebFixture.withApp { f, client in
            let w = try await PoliceAPIWorld.make(f, client)
            let suspectAndVictim =
                #"[{"personId":"\#(w.child.uuidString)","role":"victim"},"#
                + #"{"personId":"\#(w.child.uuidString)","role":"suspect"}]"#
            let investigations = try await f.count("investigations")
            for (body, field) in [
                (w.investigation(offences: #"["ZZ999"]"#), "offences"),
                (w.investigation(crime: "12345"), "crimeReference"),
                (w.investigation(people: suspectAndVictim), "people"),
                (w.investigation(extra: #","colour":"blue""#), "colour"),
                (
                    w.investigation(people: #"[{"personId":"\#(w.child.uuidString)","role":"bystander"}]"#),
                    "people[0].role"
                ),
            ] {
                let response = try await w.call(.post, "/api/v1/investigations", w.officerToken, body)
                #expect(response.status == .unprocessableContent, "\(field): \(response.text)")
                #expect(try PoliceAPIWorld.fields(response).contains(field), "\(field): \(response.text)")
            }
            #expect(try await f.count("investigations") == investigations)

            let id = try await w.openInvestigation()
            let interviews = try await f.count("abe_interviews")
            let unaccredited = try await w.call(
                .post, "/api/v1/investigations/\(id)/interviews", w.officerToken, w.plan())
            #expect(unaccredited.status == .unprocessableContent)
            #expect(try PoliceAPIWorld.fields(unaccredited) == ["interviewerIds"], "\(unaccredited.text)")
            #expect(try await f.count("abe_interviews") == interviews)

            let decisions = try await f.count("charging_decisions")
            for body in [w.decision(version: 1, childViews: "  "), w.decision(version: 1, childViews: "")] {
                let response = try await w.call(.post, "/api/v1/investigations/\(id)/decisions", w.officerToken, body)
                #expect(response.status == .unprocessableContent)
                #expect(try PoliceAPIWorld.fields(response).contains("childViews"), "\(response.text)")
            }
            let missing = w.decision(version: 1).replacingOccurrences(
                of: #""childViews":"She wants him to stop.","#, with: "")
            let noViews = try await w.call(.post, "/api/v1/investigations/\(id)/decisions", w.officerToken, missing)
            #expect(try PoliceAPIWorld.fields(noViews) == ["childViews"], "\(noViews.text)")
            #expect(try await f.count("charging_decisions") == decisions)

            // 73 hours after the removal: police protection cannot last that long.
            let recorded = try await w.call(
                .post, "/api/v1/police-protections", w.officerToken, w.protection(removedAt: "2026-11-20T08:00:00Z"))
            #expect(recorded.status == .created, "\(recorded.text)")
            let protection = try #require(try recorded.json()["id"] as? String)
            let tooLate = try await w.call(
                .post, "/api/v1/police-protections/\(protection)/end", w.officerToken,
                #"{"expectedVersion":1,"endedAt":"2026-11-23T09:00:00Z","outcome":"returned_home"}"#)
            #expect(tooLate.status == .unprocessableContent)
            #expect(try PoliceAPIWorld.fields(tooLate) == ["endedAt"], "\(tooLate.text)")
            let still = try await w.call(.get, "/api/v1/police-protections/\(protection)", w.officerToken)
            let clock = try #require(try still.json()["clock"] as? [String: Any])
            #expect(clock["state"] as? String == "overdue")
            #expect(clock["hours"] as? Int == 97)
            #expect(try still.json()["ending"] == nil)

            // A stale version is a conflict, and the second writer changes nothing.
            let first = try await w.call(.put, "/api/v1/investigations/\(id)", w.officerToken, w.update(version: 1))
            #expect(first.status == .ok, "\(first.text)")
            #expect(try first.json()["version"] as? Int == 2)
            let stale = try await w.call(
                .put, "/api/v1/investigations/\(id)", w.sergeantToken, w.update(version: 1, crime: "TS/99999/26"))
            #expect(stale.status == .conflict)
            let read = try await w.call(.get, "/api/v1/investigations/\(id)", w.officerToken)
            #expect((try read.json()["investigation"] as? [String: Any])?["crimeReference"] as? String == "TS/12345/26")
        }
    }

    @Test func aJointStrategyDiscussionPostedThroughTheAPIOpensAnInvestigationOnThePoliceHome() async throws {
        try await WebFixture.withApp { f, client in
            let w = try await PoliceAPIWorld.make(f, client)
            let contact = try await w.call(
                .post, "/api/v1/contacts", w.northToken,
                #"{"receivedAt":"2026-11-24T08:00:00Z","source":"3B","#
                    + #""childIds":["\#(w.child.uuidString)"],"concern":"Bruise."}"#
            )
            let contactId = try #require(try contact.json()["id"] as? String)
            let door = try await f.apiToken(f.frontDoor)
            let decided = try await w.call(
                .post, "/api/v1/contacts/\(contactId)/decision", door,
                #"{"decision":"strategy_discussion","reason":"Harm suspected","urgency":"red","version":1}"#)
            #expect(decided.status == .ok)
            let episodes = try await w.call(.get, "/api/v1/people/\(w.child.uuidString)/episodes", w.northToken)
            let episode = try #require((try episodes.json()["episodes"] as? [[String: Any]])?.first?["id"] as? String)
            func strategy(_ link: String) -> String {
                #"{"expectedSteps":0,"step":{"kind":"strategy_discussion","on":"2026-11-24","participants":[],"#
                    + #""absentAgencyReason":"Police and health by phone","informationShared":"School saw bruising.","#
                    + #""decision":"s47_joint","safetyActions":"Stays with aunt"\#(link)}}"#
            }
            let steps = try await f.count("episode_steps")
            for (link, field) in [
                ("", "policeTeamId"),
                (
                    #","policeTeamId":"\#(w.cait.uuidString)","investigationId":"\#(UUID().uuidString)""#,
                    "step.policeTeamId"
                ),
                (#","policeTeamId":"\#(f.north.teamId!.uuidString)""#, "policeTeamId"),
            ] {
                let refused = try await w.call(.post, "/api/v1/episodes/\(episode)/steps", w.northToken, strategy(link))
                #expect(refused.status == .unprocessableContent, "\(refused.text)")
                #expect(try PoliceAPIWorld.fields(refused) == [field], "\(refused.text)")
            }
            #expect(try await f.count("episode_steps") == steps)
            #expect(try await f.count("investigations") == 0)

            let recorded = try await w.call(
                .post, "/api/v1/episodes/\(episode)/steps", w.northToken,
                strategy(#","policeTeamId":"\#(w.cait.uuidString)""#))
            #expect(recorded.status == .created, "\(recorded.text)")
            let step = try #require(try recorded.json()["step"] as? [String: Any])
            #expect(step["decision"] as? String == "s47_joint" && step["policeTeamId"] == nil)

            let home = try await w.call(.get, "/api/v1/police/home", w.officerToken)
            #expect(home.status == .ok)
            let toAllocate = try #require(try home.json()["toAllocate"] as? [[String: Any]])
            let line = try #require(toAllocate.first)
            #expect(line["joint"] as? Bool == true)
            #expect((line["children"] as? [[String: Any]])?.first?["id"] as? String == w.child.uuidString)
            let id = try #require(line["id"] as? String)
            let file = try await w.call(.get, "/api/v1/investigations/\(id)", w.officerToken)
            #expect(try file.json()["view"] as? String == "full")
            #expect((try file.json()["investigation"] as? [String: Any])?["episodeId"] as? String == episode)

            // The joint enquiry lets the police team read the child's police panel; social care sees it shared.
            let panel = try await w.call(.get, "/api/v1/people/\(w.child.uuidString)/police", w.officerToken)
            #expect(panel.status == .ok, "\(panel.text)")
            let shared = try await w.call(.get, "/api/v1/people/\(w.child.uuidString)/police", w.northToken)
            let lines = try #require(try shared.json()["investigations"] as? [[String: Any]])
            #expect(lines.map { $0["view"] as? String } == ["shared"])
            let other = try await w.call(.get, "/api/v1/police/home", w.eastToken)
            #expect(!other.text.contains(id))
            let social = try await w.call(.get, "/api/v1/police/home", w.northToken)
            #expect(social.status == .forbidden)
        }
    }
}
