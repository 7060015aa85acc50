import Foundation
import Hummingbird
import SafeholdCore
import SafeholdStore

/// `/api/v1` for supervision, management oversight and welfare check-ins: the same store calls, rules,
/// access and audit as the pages.
struct SupervisionAPIController {
    let store: Store

    struct QualifiedBody: Decodable { let qualifiedOn: String?, version: Int }
    struct DoneBody: Decodable { let version: Int }
    struct CountDTO: Encodable { let teamId: UUID, teamName: String, month: String, count: Int }

    func register(signedIn group: RouterGroup<SafeholdContext>) {
        group.get(SiteRoute.API.supervision) { _, context in
            let rows = try await self.store.teamSupervision(context: try context.audit())
            return try APIResponse.json(["workers": rows.map(StandingDTO.init)])
        }
        group.get(SiteRoute.API.workerSupervision) { _, context, id in
            try APIResponse.json(
                WorkerSupervisionDTO(try await self.store.workerSupervision(id, context: try context.audit())))
        }
        group.post(SiteRoute.API.supervisionSessions) { request, context, id in
            let draft = try await StrictJSON.decode(SupervisionDraft.self, from: request)
            let session = try await self.store.recordSupervision(for: id, draft, context: try context.audit())
            return try APIResponse.json(SessionDTO(session), status: .created)
        }
        group.put(SiteRoute.API.qualifiedOn) { request, context, id in
            let body = try await StrictJSON.decode(QualifiedBody.self, from: request)
            let version = try await self.store.setQualifiedOn(
                id, body.qualifiedOn, expectedVersion: body.version, context: try context.audit())
            return try APIResponse.json(["version": version])
        }
        group.get(SiteRoute.API.supervisionSession) { _, context, id in
            try APIResponse.json(SessionDTO(try await self.store.supervisionSession(id, context: try context.audit())))
        }
        group.get(SiteRoute.API.mySupervision) { _, context in
            let mine = try await self.store.mySupervision(context: try context.audit())
            struct Mine: Encodable { let standing: StandingDTO?, sessions: [SessionDTO] }
            return try APIResponse.json(
                Mine(standing: mine.standing.map(StandingDTO.init), sessions: mine.sessions.map(SessionDTO.init)))
        }
        group.get(SiteRoute.API.myWelfare) { _, context in
            let items = try await self.store.myCheckIns(context: try context.audit())
            return try APIResponse.json(["checkIns": items.map(CheckInDTO.init)])
        }
        group.post(SiteRoute.API.myWelfare) { request, context in
            let draft = try await StrictJSON.decode(WelfareCheckInDraft.self, from: request)
            let checkIn = try await self.store.recordCheckIn(draft, context: try context.audit())
            return try APIResponse.json(CheckInDTO(checkIn), status: .created)
        }
        group.get(SiteRoute.API.welfareCounts) { _, context in
            let counts = try await self.store.welfareCounts(context: try context.audit())
            return try APIResponse.json([
                "counts": counts.map {
                    CountDTO(teamId: $0.teamId, teamName: $0.teamName, month: $0.month, count: $0.count)
                }
            ])
        }
        group.get(SiteRoute.API.oversight) { _, context, id in
            let entries = try await self.store.oversight(of: id, context: try context.audit())
            return try APIResponse.json(["entries": entries.map(OversightEntryDTO.init)])
        }
        group.post(SiteRoute.API.oversightActionDone) { request, context, id, action in
            let body = try await StrictJSON.decode(DoneBody.self, from: request)
            let done = try await self.store.completeOversightAction(
                action, of: id, expectedVersion: body.version, context: try context.audit())
            return try APIResponse.json(OversightActionDTO(done))
        }
    }
}
