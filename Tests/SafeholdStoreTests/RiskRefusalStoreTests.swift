import Foundation
import SafeholdCore
import SafeholdStore
import Testing

/// Risk profiles and MAPPA meetings against odd and hostile input: ids that do not exist or name the
/// wrong kind of thing, restricted records, oversized text; each refused by name and nothing written.
@Suite("Risk records refuse odd input")
struct RiskRefusalStoreTests {
    @Test("Made-up, restricted and wrong-kind ids are refused; nothing is written", arguments: TestBackend.all)
    func wrongIds(_ backend: TestBackend) async throws {
        try await withRisk(backend) { r in
            let made = await expectRefusal(.notFound) {
                try await r.store.createRiskProfile(for: UUID(), r.rsoInput(), context: r.ctx(r.coordinator))
            }
            #expect(made == .notFound(AccessPolicy.noVisibleRecord))
            // A restricted adult cannot be found by name, so no profile can be opened on it from outside.
            try await r.w.env.execute("UPDATE persons SET restricted = 1 WHERE id = '\(r.adult.uuidString)'")
            _ = await expectRefusal(.notFound) { try await r.createProfile() }
            try await r.w.env.execute("UPDATE persons SET restricted = 0 WHERE id = '\(r.adult.uuidString)'")
            var school = r.rsoInput()
            school.leadAgencyId = r.school.id.uuidString
            school.offenderManagerUserId = UUID().uuidString
            let error = await expectRefusal(.invalid) { try await r.createProfile(school) }
            #expect(error?.fields == ["leadAgencyId", "offenderManagerUserId"])
            #expect(try await r.w.env.count("risk_profiles") == 0)
        }
    }

    @Test("Oversized, unknown and hostile meeting input is refused by name", arguments: TestBackend.all)
    func hostileMeetings(_ backend: TestBackend) async throws {
        try await withRisk(backend) { r in
            let profile = try await r.createProfile()
            let police = r.w.police.id.uuidString
            func refused(_ input: MappaMeetingInput) async -> [String] {
                await expectRefusal(.invalid) {
                    try await r.store.recordMappaMeeting(profile: profile.id, input, context: r.ctx(r.coordinator))
                }?.fields ?? []
            }
            let one = [MappaAttendeeInput(name: "A", agencyId: police)]
            #expect(
                await refused(
                    MappaMeetingInput(
                        heldOn: "2026-11-20", chairName: "C", attendees: one,
                        minutes: String(repeating: "x", count: 20_001), plan: "p")) == ["minutes"])
            #expect(
                await refused(
                    MappaMeetingInput(
                        heldOn: "2026-11-20", chairName: "C",
                        attendees: Array(repeating: MappaAttendeeInput(name: "A", agencyId: police), count: 41),
                        minutes: "m", plan: "p")) == ["attendees"])
            #expect(
                await refused(
                    MappaMeetingInput(
                        heldOn: "2030-01-01", chairName: "C\u{202E}",
                        attendees: [
                            MappaAttendeeInput(name: "A", agencyId: "police"),
                            MappaAttendeeInput(name: "B", agencyId: UUID().uuidString),
                        ], minutes: "m", plan: "p", disclosureIds: ["x"]))
                    == ["heldOn", "chairName", "attendees[0].agencyId", "disclosureIds"])
            #expect(
                await refused(
                    MappaMeetingInput(
                        heldOn: "2026-11-20", chairName: "C",
                        attendees: [MappaAttendeeInput(name: "B", agencyId: police)],
                        minutes: "m", plan: "p", disclosureIds: [UUID().uuidString])) == ["disclosureIds"])
            #expect(
                await refused(
                    MappaMeetingInput(
                        heldOn: "2026-11-20", chairName: "C",
                        attendees: [MappaAttendeeInput(name: "B", agencyId: UUID().uuidString)], minutes: "m", plan: "p"
                    ))
                    == ["attendees[0].agencyId"])
            for table in ["mappa_meetings", "mappa_attendees", "mappa_actions"] {
                #expect(try await r.w.env.count(table) == 0, "\(table)")
            }
        }
    }
}
