import Foundation
import SafeholdCore
import SafeholdStore
import SafeholdWeb

/// The police records the route walk calls the police pages and API with, and bodies for them that pass
/// their own input checks, so that only access can refuse them.
extension RouteAccessTests {
    /// The police records of the fixture's child: an investigation in an operation, an interview, a
    /// police protection.
    struct PoliceSeed {
        var investigation = UUID(), interview = UUID(), protection = UUID(), operation = UUID()
    }

    static func seedPolice(_ f: WebFixture) async throws -> PoliceSeed {
        let officer = AuditContext(actor: f.police.actor, ipAddress: nil)
        let sergeant = try await f.store.createUser(
            User(
                id: UUID(), username: "sergeant", displayName: "DS Sergeant", role: .police,
                agencyId: f.police.agencyId, teamId: f.police.teamId), passwordHash: "unused",
            mustChangePassword: false, totpSecret: nil, context: AuditContext(system: "test"))
        _ = try await f.store.addAccreditation(
            user: f.police.id, kind: .abeInterviewing, validFrom: f.store.today.adding(days: -10),
            expiresOn: f.store.today.adding(days: 300), context: AuditContext(actor: sergeant.actor, ipAddress: nil))
        let operation = try await f.store.createOperation(name: "Operation Test", summary: "Test.", context: officer)
        let investigation = try await f.store.openInvestigation(
            InvestigationDraft(
                crimeReference: "TS/54321/26", incidentReference: nil, offences: ["CYPA1"], officerId: f.police.id,
                supervisorId: sergeant.id, people: [InvestigationPerson(personId: f.child.id, role: .victim)],
                summary: "Test.", operationId: operation.id), context: officer)
        let interview = try await f.store.planInterview(
            InterviewPlan(
                childId: f.child.id, plannedFor: f.clock.now(), type: .videoRecorded, rationale: "Test.",
                interviewerIds: [f.police.id], intermediary: nil, specialMeasures: []),
            investigation: investigation.id, context: officer)
        let protection = try await f.store.recordPoliceProtection(
            child: f.child.id,
            PoliceProtectionDraft(
                removedAt: f.clock.now().addingTimeInterval(-3600), removedFrom: "Home", placeOfSafety: "Carer",
                reason: "Test.", designatedOfficerId: sergeant.id), context: officer)
        return PoliceSeed(
            investigation: investigation.id, interview: interview.id, protection: protection.id,
            operation: operation.id)
    }

    /// Forms for the police pages that pass their own checks, so that only access refuses them.
    static func policeForm(_ method: String, _ path: String, _ s: Seeded) -> [(String, String)]? {
        guard method == "POST" else { return nil }
        let when = "2026-11-24T08:00"
        if path.hasSuffix("/status") { return [("status", "under_investigation"), ("version", "1")] }
        if path.hasSuffix("/disclosures") {
            return [("field", "intelligence"), ("text", "T"), ("lawfulBasis", "ukgdpr_6_1_e"), ("reason", "R")]
        }
        if path.hasSuffix("/held") {
            return [
                ("heldAt", when), ("consentGiven", "yes"), ("consentBy", "C"), ("present", "P"),
                ("recordingReference", "R"), ("storageLocation", "S"), ("reviewOn", "2027-01-01"),
                ("destroyOn", "2030-01-01"), ("accountSummary", "A"), ("version", "1"),
            ]
        }
        if path.hasSuffix("/interviews") {
            return [
                ("childId", s.child.uuidString), ("plannedFor", when), ("interviewType", "video_recorded"),
                ("rationale", "R"), ("interviewerIds", UUID().uuidString),
            ]
        }
        if path.hasSuffix("/decisions") {
            return [
                ("decidedOn", "2026-11-20"), ("decider", "cps"), ("test", "full_code"), ("outcome", "charge"),
                ("childViews", "V"), ("bestInterests", "B"), ("bail", "none"), ("version", "1"),
            ]
        }
        if path.hasSuffix("/end") { return [("endedAt", when), ("outcome", "returned_home"), ("version", "1")] }
        if path.hasSuffix("/evidence") {
            return [
                ("kind", "device"), ("identifier", "D1"), ("hash", String(repeating: "a", count: 64)),
                ("categoryA", "0"), ("categoryB", "0"), ("categoryC", "0"),
            ]
        }
        if path.hasSuffix("/victims") {
            return [
                ("childLocalId", s.otherLocalId), ("investigationId", s.police.investigation.uuidString),
                ("role", "victim"),
            ]
        }
        if path.hasSuffix("/edit") && path.hasPrefix("/investigations") {
            return [
                ("crimeReference", "TS/99999/26"), ("offences", "CYPA1"), ("officerId", UUID().uuidString),
                ("supervisorId", UUID().uuidString), ("summary", "S"), ("version", "1"),
            ]
        }
        return nil
    }

    /// Bodies for the police API that pass their input checks, so that only access can refuse them.
    static func policeBody(_ method: String, _ path: String, _ s: Seeded) -> String? {
        guard
            path.hasPrefix("/api/v1/investigations/") || path.hasPrefix("/api/v1/police-protections/")
                || path.hasPrefix("/api/v1/operations/"), method != "GET"
        else { return nil }
        let child = s.child.uuidString, someone = UUID().uuidString
        let removal =
            #""removedAt":"2026-11-24T06:00:00Z","removedFrom":"Home","placeOfSafety":"Foster carer","#
            + #""reason":"Found alone.","designatedOfficerId":"\#(someone)""#
        switch path.split(separator: "/").last ?? "" {
        case "status": return #"{"status":"under_investigation","expectedVersion":1}"#
        case "disclosures":
            return #"{"field":"intelligence","text":"t","lawfulBasis":"dpa2018_sch8_para18","reason":"r"}"#
        case "interviews":
            return #"{"childId":"\#(child)","plannedFor":"2026-11-25T10:00:00Z","type":"video_recorded","#
                + #""rationale":"r","interviewerIds":["\#(someone)"]}"#
        case "record":
            return #"{"expectedVersion":1,"heldAt":"2026-11-24T08:00:00Z","consentGiven":true,"consentBy":"Child","#
                + #""present":"PC","recordingReference":"R1","storageLocation":"Safe","reviewOn":"2026-12-24","#
                + #""destroyOn":"2030-01-01","accountSummary":"a"}"#
        case "decisions":
            return #"{"expectedVersion":1,"decidedOn":"2026-11-24","decider":"cps","test":"full_code","#
                + #""outcome":"charge","childViews":"v","bestInterests":"b"}"#
        case "end": return #"{"expectedVersion":1,"endedAt":"2026-11-24T08:00:00Z","outcome":"returned_home"}"#
        case "evidence":
            return #"{"kind":"device","identifier":"D1","hash":"\#(String(repeating: "a", count: 32))","#
                + #""categoryA":0,"categoryB":0,"categoryC":1}"#
        case "victims":
            return #"{"childId":"\#(child)","role":"victim","investigationId":"\#(s.investigation.uuidString)","#
                + #""raiseContact":false}"#
        default:
            if path.hasPrefix("/api/v1/police-protections/") { return #"{"expectedVersion":1,\#(removal)}"# }
            return #"{"expectedVersion":1,"crimeReference":"TS/12345/26","offences":["CYPA1"],"#
                + #""officerId":"\#(someone)","supervisorId":"\#(UUID().uuidString)","#
                + #""people":[{"personId":"\#(child)","role":"victim"}],"summary":"s"}"#
        }
    }
}
