import Foundation
import SQLKit
import SafeholdCore

extension Store {
    static let riskProfileSelect = """
        SELECT rp.*, p.given_name, p.family_name, ag.name AS lead_agency_name FROM risk_profiles rp
        JOIN persons p ON p.id = rp.person_id JOIN agencies ag ON ag.id = rp.lead_agency_id
        """

    /// One profile as stored (inside a caller's `act`).
    func loadRiskProfile(_ id: UUID, on db: any SQLDatabase) async throws -> RiskProfile {
        guard
            let row = try await db.raw("\(unsafeRaw: Self.riskProfileSelect) WHERE rp.id = \(bind: id.db)").first()
        else { throw SafeholdError.notFound(AccessPolicy.noVisibleRecord) }
        return try Self.riskProfile(row)
    }

    static func riskProfile(_ row: any SQLRow) throws -> RiskProfile {
        var registration: SexOffenderRegistration?
        if let on = try row.optionalDate("registered_on") {
            let years = try row.decode(column: "registration_years", as: Int?.self)
            registration = SexOffenderRegistration(
                registeredOn: on, period: try row.flag("registration_indefinite") ? .indefinite : .years(years ?? 0),
                lastNotifiedOn: try row.optionalDate("last_notified_on"),
                lastChangeOn: try row.optionalDate("last_change_on"),
                changeNotifiedOn: try row.optionalDate("change_notified_on"))
        }
        let codes = { (text: String) in text.split(separator: ",").map(String.init) }
        let groups = try codes(try row.string("rosh_to")).map { code -> RiskGroup in
            guard let group = RiskGroup(rawValue: code) else { throw StoreError.corrupt("rosh_to holds '\(code)'") }
            return group
        }
        let number = { (column: String) in try row.decode(column: column, as: Int?.self) }
        let name = [try row.optionalString("given_name"), try row.string("family_name")].compactMap { $0 }
        return RiskProfile(
            id: try row.uuid("id"), personId: try row.uuid("person_id"), personName: name.joined(separator: " "),
            kind: try row.code("kind"), registration: registration, offences: codes(try row.string("offences")),
            riskOfSeriousHarm: try row.code("rosh"), riskTo: groups, leadAgencyId: try row.uuid("lead_agency_id"),
            leadAgencyName: try row.string("lead_agency_name"),
            offenderManager: OffenderManager(
                userId: try row.optionalUUID("offender_manager_user_id"),
                name: try row.string("offender_manager_name"), phone: try row.string("offender_manager_phone")),
            mappaCategory: try number("mappa_category").flatMap(MappaCategory.init(rawValue:)),
            mappaLevel: try number("mappa_level").flatMap(MappaLevel.init(rawValue:)),
            nextMeetingOn: try row.optionalDate("next_meeting_on"), version: try row.int("version"))
    }

    /// A profile's meetings, newest first; each meeting's minutes, plan, actions and shared information
    /// only when `access.actor` is on its panel (or coordinates MAPPA). Records which were shown.
    func mappaMeetings(profile: UUID, access: RecordAccess, on db: any SQLDatabase) async throws -> [MappaMeeting] {
        let rows = try await db.raw(
            "SELECT * FROM mappa_meetings WHERE profile_id = \(bind: profile.db) ORDER BY held_on DESC, id"
        ).all()
        guard !rows.isEmpty else { return [] }
        let attendees = try await mappaAttendees(profile: profile, on: db)
        let actions = try await mappaActions(where: "a.profile_id = \(bind: profile.db)", on: db)
        let shared = try await mappaSharedInformation(profile: profile, on: db)
        return try rows.map { row in
            let id = try row.uuid("id")
            let chair = try row.optionalUUID("chair_user_id")
            let people = attendees[id] ?? []
            let panel = MappaPanel(
                memberUserIds: Set(people.compactMap(\.userId) + [chair].compactMap { $0 }),
                agencyIds: Set(people.map(\.agencyId)))
            let reads = RiskAccess.mayReadMinutes(access.actor, panel)
            access.audit(
                .read, "mappa_meeting", entityId: id, detail: reads ? "minutes shown" : "minutes withheld")
            return MappaMeeting(
                id: id, profileId: profile, heldOn: try row.date("held_on"),
                level: try MappaLevel(rawValue: row.int("level")) ?? .two, chairName: try row.string("chair_name"),
                chairUserId: chair, attendees: people, nextReviewOn: try row.optionalDate("next_review_on"),
                minutes: reads
                    ? MappaMinutes(
                        minutes: try row.string("minutes"), plan: try row.string("plan"),
                        actions: actions.filter { $0.meetingId == id }, sharedInformation: shared[id] ?? [])
                    : nil,
                version: try row.int("version"))
        }
    }

    func mappaAttendees(profile: UUID, on db: any SQLDatabase) async throws -> [UUID: [MappaAttendee]] {
        let rows = try await db.raw(
            """
            SELECT a.meeting_id, a.name, a.agency_id, a.user_id, g.name AS agency_name FROM mappa_attendees a
            JOIN mappa_meetings m ON m.id = a.meeting_id JOIN agencies g ON g.id = a.agency_id
            WHERE m.profile_id = \(bind: profile.db) ORDER BY a.meeting_id, a.position
            """
        ).all()
        var out: [UUID: [MappaAttendee]] = [:]
        for row in rows {
            out[try row.uuid("meeting_id"), default: []].append(
                MappaAttendee(
                    name: try row.string("name"), agencyId: try row.uuid("agency_id"),
                    agencyName: try row.string("agency_name"), userId: try row.optionalUUID("user_id")))
        }
        return out
    }

    func mappaActions(where condition: SQLQueryString, on db: any SQLDatabase) async throws -> [MappaAction] {
        try await db.raw(
            """
            SELECT a.*, g.name AS agency_name FROM mappa_actions a JOIN agencies g ON g.id = a.owner_agency_id
            WHERE \(condition) ORDER BY a.due_on, a.id
            """
        ).all().map { row in
            MappaAction(
                id: try row.uuid("id"), meetingId: try row.uuid("meeting_id"), profileId: try row.uuid("profile_id"),
                what: try row.string("what"), ownerName: try row.string("owner_name"),
                ownerAgencyId: try row.uuid("owner_agency_id"), ownerAgencyName: try row.string("agency_name"),
                ownerUserId: try row.optionalUUID("owner_user_id"), dueOn: try row.date("due_on"),
                status: try row.code("status"), version: try row.int("version"))
        }
    }

    func mappaSharedInformation(
        profile: UUID, on db: any SQLDatabase
    ) async throws -> [UUID: [MappaSharedInformation]] {
        let rows = try await db.raw(
            """
            SELECT md.meeting_id, d.id, d.shared_on, g.name AS agency_name, lb.label AS basis, d.recorded_by_name
            FROM mappa_meeting_disclosures md JOIN mappa_meetings m ON m.id = md.meeting_id
            JOIN disclosures d ON d.id = md.disclosure_id JOIN agencies g ON g.id = d.recipient_agency_id
            LEFT JOIN lawful_bases lb ON lb.code = d.lawful_basis
            WHERE m.profile_id = \(bind: profile.db) ORDER BY d.shared_on, d.id
            """
        ).all()
        var out: [UUID: [MappaSharedInformation]] = [:]
        for row in rows {
            out[try row.uuid("meeting_id"), default: []].append(
                MappaSharedInformation(
                    disclosureId: try row.uuid("id"), sharedOn: try row.date("shared_on"),
                    recipientAgencyName: try row.string("agency_name"), lawfulBasis: try row.optionalString("basis"),
                    recordedByName: try row.string("recorded_by_name")))
        }
        return out
    }
}
