import Foundation
import SafeholdCore
import SafeholdStore
import SafeholdWeb

/// The LADO's part of the route walk: an allegation naming the fixture's child (recorded by a LADO the
/// fixture does not otherwise have), and bodies that pass their input checks, so only access refuses.
extension RouteAccessTests {
    /// The LADO's routes with no record id, and why none reaches one child's record.
    static let allegationWithoutRecordId: Set<String> = [
        // The LADO's lists (the LADO service only, 403 otherwise), audited per subject and child shown.
        "GET /lado", "GET /api/v1/lado/home", "GET /api/v1/allegations",
        // Counts of a year's referrals, no names (the LADO service only).
        "GET /lado/figures", "GET /api/v1/lado/figures",
        // A new allegation (the LADO service only; the subject and children found by name).
        "GET /allegations/new", "POST /allegations/new", "POST /api/v1/allegations",
    ]

    static func seedAllegation(_ f: WebFixture) async throws -> UUID {
        let system = AuditContext(system: "test")
        let ladoTeam = try await f.store.createTeam("LADO", agencyId: f.north.agencyId, context: system)
        let lado = try await f.store.createUser(
            User(
                id: f.store.ids.next(), username: "lado.walk", displayName: "Lado Walk", role: .lado,
                agencyId: f.north.agencyId, teamId: ladoTeam.id), passwordHash: "x", mustChangePassword: false,
            context: system)
        _ = try await f.store.recordTraining(
            TrainingDraft(course: "lado", completedOn: f.store.today.adding(days: -100).description), for: lado.id,
            context: system)
        let context = AuditContext(actor: lado.actor, ipAddress: nil)
        let draft = try AllegationDraft.validated(
            subjectId: nil, subjectGivenName: "Tess", subjectFamilyName: "Walkteacher",
            subjectDateOfBirth: "1980-01-01",
            subjectUserId: nil, source: "employer", referrerName: "Head", referrerOrganisation: nil,
            employerName: "School", sector: "education", role: "Teacher", criteria: ["unsuitable"], summary: "s",
            receivedAt: f.clock.now(), childIds: [f.child.id.uuidString], now: f.clock.now(), today: f.store.today)
        return try await f.store.recordAllegation(draft, context: context).id
    }

    /// JSON for the allegation API's steps that passes its own checks.
    static func allegationBody(_ method: String, _ path: String, _ s: Seeded) -> String? {
        guard method == "POST", path.hasPrefix("/api/v1/allegations/") else { return nil }
        let today = "2026-11-24"
        if path.hasSuffix("/consideration") {
            return #"{"decision":"threshold_met","reasons":"r","on":"\#(today)","version":1}"#
        }
        if path.hasSuffix("/meeting") {
            return
                #"{"kind":"evaluation","on":"\#(today)","attendees":[{"name":"L","agency":"A"}],"#
                + #""notes":"n","version":1}"#
        }
        if path.hasSuffix("/actions/done") {
            return #"{"actionId":"\#(UUID().uuidString)","doneOn":"\#(today)","version":1}"#
        }
        if path.hasSuffix("/actions") { return #"{"owner":"police","what":"w","dueOn":"\#(today)","version":1}"# }
        if path.hasSuffix("/employment") { return #"{"status":"suspended","from":"\#(today)","version":1}"# }
        if path.hasSuffix("/outcome") { return #"{"outcome":"unfounded","on":"\#(today)","notes":"n","version":1}"# }
        if path.hasSuffix("/children") { return #"{"childId":"\#(s.child.uuidString)","version":1}"# }
        if path.hasSuffix("/contacts") { return #"{"childId":"\#(s.child.uuidString)","concern":"c","version":1}"# }
        if path.hasSuffix("/grants") { return #"{"userId":"\#(UUID().uuidString)","reason":"r","version":1}"# }
        return nil
    }

    /// Form fields the allegation pages' steps read before the store is asked.
    static func allegationForm(_ s: Seeded) -> [(String, String)] {
        [
            ("childLocalId", s.otherLocalId), ("childId", s.child.uuidString), ("username", "north"),
            ("concern", "c"), ("owner", "police"), ("notes", "n"), ("attendeeName", "L"), ("attendeeAgency", "A"),
        ]
    }
}
