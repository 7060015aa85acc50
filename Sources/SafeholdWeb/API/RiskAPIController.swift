import Foundation
import Hummingbird
import SafeholdCore
import SafeholdStore

/// `/api/v1` for people who pose a risk: risk profiles, MAPPA meetings and actions, and the MAPPA home;
/// the same store calls, rules, access and audit as the pages. Fields are optional here so that a missing
/// one is refused by Core, naming it.
struct RiskAPIController {
    let store: Store

    struct ProfileBody: Decodable {
        let personId: UUID?
        let kind: String?, registeredOn: String?, registrationPeriod: String?
        let lastNotifiedOn: String?, lastChangeOn: String?, changeNotifiedOn: String?
        let offences: [String]?, riskOfSeriousHarm: String?, riskTo: [String]?, leadAgencyId: String?
        let offenderManagerUserId: String?, offenderManagerName: String?, offenderManagerPhone: String?
        let mappaCategory: Int?, mappaLevel: Int?, nextMeetingOn: String?
        let version: Int?

        var input: RiskProfileInput {
            RiskProfileInput(
                kind: kind, registeredOn: registeredOn, registrationPeriod: registrationPeriod,
                lastNotifiedOn: lastNotifiedOn, lastChangeOn: lastChangeOn, changeNotifiedOn: changeNotifiedOn,
                offences: offences ?? [], riskOfSeriousHarm: riskOfSeriousHarm, riskTo: riskTo ?? [],
                leadAgencyId: leadAgencyId, offenderManagerUserId: offenderManagerUserId,
                offenderManagerName: offenderManagerName, offenderManagerPhone: offenderManagerPhone,
                mappaCategory: mappaCategory.map(String.init), mappaLevel: mappaLevel.map(String.init),
                nextMeetingOn: nextMeetingOn)
        }
    }
    struct AttendeeBody: Decodable { let name: String?, agencyId: String?, userId: String? }
    struct ActionBody: Decodable {
        let what: String?, ownerName: String?, ownerAgencyId: String?, ownerUserId: String?, dueOn: String?
        var input: MappaActionInput {
            MappaActionInput(
                what: what, ownerName: ownerName, ownerAgencyId: ownerAgencyId, ownerUserId: ownerUserId, dueOn: dueOn)
        }
    }
    struct MeetingBody: Decodable {
        let heldOn: String?, chairName: String?, chairUserId: String?, attendees: [AttendeeBody]?
        let minutes: String?, plan: String?, actions: [ActionBody]?, disclosureIds: [String]?
        let nextReviewOn: String?
    }
    struct StatusBody: Decodable { let status: String?, version: Int }

    func register(signedIn group: RouterGroup<SafeholdContext>) {
        group.get(SiteRoute.API.riskOffences) { _, _ in
            try APIResponse.json(["offences": RiskOffenceCodes.all.map(OffenceDTO.init)])
        }
        group.get(SiteRoute.API.riskProfiles) { _, context in
            let profiles = try await self.store.riskProfiles(context: try context.audit())
            return try APIResponse.json(["riskProfiles": profiles.map { RiskProfileDTO($0, self.store) }])
        }
        group.post(SiteRoute.API.riskProfiles) { request, context in
            let body = try await StrictJSON.decode(ProfileBody.self, from: request)
            guard let person = body.personId else {
                throw SafeholdError.invalid([FieldError("personId", "is required: the adult's person id")])
            }
            let profile = try await self.store.createRiskProfile(for: person, body.input, context: try context.audit())
            return try APIResponse.json(RiskProfileDTO(profile, self.store), status: .created)
        }
        group.get(SiteRoute.API.riskProfile) { _, context, id in
            let view = try await self.store.riskProfile(id, context: try context.audit())
            return try APIResponse.json(RiskProfileDTO(view, self.store))
        }
        group.put(SiteRoute.API.riskProfile) { request, context, id in
            let body = try await StrictJSON.decode(ProfileBody.self, from: request)
            let profile = try await self.store.updateRiskProfile(
                id, body.input, expectedVersion: body.version ?? 0, context: try context.audit())
            return try APIResponse.json(RiskProfileDTO(profile, self.store))
        }
        group.get(SiteRoute.API.riskProfileMeetings) { _, context, id in
            let view = try await self.store.riskProfile(id, context: try context.audit())
            return try APIResponse.json(["meetings": view.meetings.map { MappaMeetingDTO($0, today: self.store.today) }]
            )
        }
        group.post(SiteRoute.API.riskProfileMeetings) { request, context, id in
            let body = try await StrictJSON.decode(MeetingBody.self, from: request)
            let input = MappaMeetingInput(
                heldOn: body.heldOn, chairName: body.chairName, chairUserId: body.chairUserId,
                attendees: (body.attendees ?? []).map {
                    MappaAttendeeInput(name: $0.name, agencyId: $0.agencyId, userId: $0.userId)
                }, minutes: body.minutes, plan: body.plan, actions: (body.actions ?? []).map(\.input),
                disclosureIds: body.disclosureIds ?? [], nextReviewOn: body.nextReviewOn)
            let meeting = try await self.store.recordMappaMeeting(profile: id, input, context: try context.audit())
            return try APIResponse.json(MappaMeetingDTO(meeting, today: self.store.today), status: .created)
        }
        group.get(SiteRoute.API.mappaMeeting) { _, context, id in
            let meeting = try await self.store.mappaMeeting(id, context: try context.audit())
            return try APIResponse.json(MappaMeetingDTO(meeting, today: self.store.today))
        }
        group.post(SiteRoute.API.mappaMeetingActions) { request, context, id in
            let body = try await StrictJSON.decode(ActionBody.self, from: request)
            let action = try await self.store.addMappaAction(meeting: id, body.input, context: try context.audit())
            return try APIResponse.json(MappaActionDTO(action, today: self.store.today), status: .created)
        }
        group.post(SiteRoute.API.mappaActionStatus) { request, context, id in
            let body = try await StrictJSON.decode(StatusBody.self, from: request)
            let action = try await self.store.updateMappaAction(
                id, status: body.status, expectedVersion: body.version, context: try context.audit())
            return try APIResponse.json(MappaActionDTO(action, today: self.store.today))
        }
        group.get(SiteRoute.API.mappaHome) { _, context in
            let home = try await self.store.mappaHome(context: try context.audit())
            return try APIResponse.json(MappaHomeDTO(home, today: self.store.today))
        }
    }
}
