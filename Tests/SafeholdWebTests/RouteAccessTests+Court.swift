import Foundation
import SafeholdCore
import SafeholdStore

/// The court's part of the route walk: the fixture's child has an order, a pre-proceedings stage and care
/// proceedings with a hearing, so that every court route is called with ids that exist.
extension RouteAccessTests {
    struct CourtSeed {
        var order = UUID(), stage = UUID(), proceedings = UUID(), hearing = UUID()
    }

    static func seedCourt(_ f: WebFixture) async throws -> CourtSeed {
        let north = AuditContext(actor: f.north.actor, ipAddress: nil)
        let today = f.store.today
        let order = try await f.store.applyForOrder(
            f.child.id,
            CourtOrderForm(
                kind: "emergency_protection", appliedOn: today.description, court: "Family Court", applicant: "Council",
                outcome: "granted", outcomeOn: today.description), context: north)
        let stage = try await f.store.startPreProceedings(
            f.child.id, PreProceedingsForm(letterSentOn: today.description), context: north)
        let proceedings = try await f.store.issueProceedings(
            f.child.id,
            ProceedingsForm(
                issuedOn: today.adding(days: -30).description, court: "Family Court", caseNumber: "ZZ26C00001"),
            context: north)
        let heard = try await f.store.addHearing(
            to: proceedings.id, HearingForm(kind: "case_management", heldOn: today.adding(days: -20).description),
            expectedVersion: 1, context: north)
        return CourtSeed(order: order.id, stage: stage.id, proceedings: proceedings.id, hearing: heard.hearings[0].id)
    }

    /// The id for a court route's parameter, by the segment before it.
    static func courtId(_ segment: String, _ s: Seeded) -> UUID? {
        switch segment {
        case "court-orders": s.court.order
        case "pre-proceedings": s.court.stage
        case "care-proceedings": s.court.proceedings
        case "hearings": s.court.hearing
        default: nil
        }
    }

    /// A page form for a court route: a version, so that only access can refuse it (a path ending in
    /// "/decision" would otherwise be given the triage body).
    static func courtForm(_ method: String, _ path: String) -> [(String, String)]? {
        guard method == "POST", !path.hasPrefix("/api/"), path.hasPrefix("/court-orders/") else { return nil }
        return [("version", "1"), ("outcome", "granted"), ("outcomeOn", "2026-11-24")]
    }

    /// A JSON body that passes the court API's decoding, so that only access can refuse it.
    static func courtBody(_ method: String, _ path: String) -> String? {
        guard method == "POST", path.hasPrefix("/api/") else { return nil }
        let today = "2026-11-24"
        let isCourt = ["court-orders", "pre-proceedings", "care-proceedings"].contains { path.contains("/\($0)") }
        guard isCourt else { return nil }
        if path.hasSuffix("/court-orders") {
            return #"{"kind":"care","appliedOn":"\#(today)","court":"C","applicant":"A"}"#
        }
        if path.hasSuffix("/decision") { return #"{"outcome":"granted","outcomeOn":"\#(today)","version":1}"# }
        if path.contains("/court-orders/") && path.hasSuffix("/extensions") {
            return #"{"extendedOn":"\#(today)","newExpiresOn":"2026-11-30","reason":"r","version":1}"#
        }
        if path.hasSuffix("/end") { return #"{"endedOn":"\#(today)","reason":"discharged","version":1}"# }
        if path.hasSuffix("/pre-proceedings") { return #"{"letterSentOn":"\#(today)"}"# }
        if path.contains("/pre-proceedings/") { return #"{"letterSentOn":"\#(today)","version":1}"# }
        if path.hasSuffix("/care-proceedings") {
            return #"{"issuedOn":"\#(today)","court":"C","caseNumber":"ZZ26C00999"}"#
        }
        if path.hasSuffix("/hearings") { return #"{"kind":"other","heldOn":"\#(today)","version":1}"# }
        if path.hasSuffix("/outcome") { return #"{"outcome":"o","version":1}"# }
        if path.hasSuffix("/extensions") {
            return #"{"grantedOn":"\#(today)","weeks":2,"reason":"r","version":1}"#
        }
        if path.hasSuffix("/parties") { return #"{"role":"mother","name":"M","version":1}"# }
        if path.hasSuffix("/conclusion") { return #"{"concludedOn":"\#(today)","conclusion":"c","version":1}"# }
        return nil
    }
}
