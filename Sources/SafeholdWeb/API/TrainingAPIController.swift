import Foundation
import Hummingbird
import SafeholdCore
import SafeholdStore

/// `/api/v1` for the training register: the catalogue, a worker's entries and standing, the team view, and
/// the overrides of the accreditation gates. The same store calls, rules and audit as the pages.
struct TrainingAPIController {
    let store: Store

    struct RecordBody: Decodable {
        let course: String?, completedOn: String?, expiresOn: String?, provider: String?, evidenceReference: String?
        var draft: TrainingDraft {
            TrainingDraft(
                course: course, completedOn: completedOn, expiresOn: expiresOn, provider: provider,
                evidenceReference: evidenceReference)
        }
    }
    struct OverrideBody: Decodable { let act: String?, userId: String?, reason: String? }

    struct CourseDTO: Encodable {
        let code: String, label: String, kind: String, validityMonths: Int?, allows: [String], expectedOf: [String]
        init(_ c: TrainingCourse) {
            code = c.code
            label = c.label
            kind = c.kind.rawValue
            if case .calendarMonths(let n) = c.validity { validityMonths = n } else { validityMonths = nil }
            allows = c.allows.map(\.rawValue).sorted()
            expectedOf = c.expectedOf.map(\.rawValue).sorted()
        }
    }
    struct RecordDTO: Encodable {
        let id: UUID, userId: UUID, course: String, completedOn: String, expiresOn: String?, provider: String?
        let evidenceReference: String?, recordedBy: String
        init(_ r: TrainingRecord) {
            id = r.id
            userId = r.userId
            course = r.course
            completedOn = r.completedOn.description
            expiresOn = r.expiresOn?.description
            provider = r.provider
            evidenceReference = r.evidenceReference
            recordedBy = r.recordedByName
        }
    }
    struct StandingDTO: Encodable {
        let course: String, state: String, expiresOn: String?, expiringWithinDays: Int?, expected: Bool
        init(_ s: CourseStanding) {
            course = s.course.code
            state = s.state.rawValue
            expiresOn = s.latest?.expiresOn?.description
            expiringWithinDays = s.windowDays
            expected = s.expected
        }
    }
    struct WorkerDTO: Encodable {
        let userId: UUID, displayName: String, role: String, teamName: String?
        let standing: [StandingDTO], records: [RecordDTO]?
        init(_ w: WorkerTraining, records: Bool) {
            userId = w.worker.id
            displayName = w.worker.displayName
            role = w.worker.role.rawValue
            teamName = w.worker.teamName
            standing = w.standing.map(StandingDTO.init)
            self.records = records ? w.records.map(RecordDTO.init) : nil
        }
    }
    struct OverrideDTO: Encodable {
        let id: UUID, act: String, userId: UUID, userName: String, reason: String, recordedBy: String
        let recordedAt: Date, validUntil: String, usedAt: Date?
        init(_ o: TrainingOverride) {
            id = o.id
            act = o.act.rawValue
            userId = o.userId
            userName = o.userName
            reason = o.reason
            recordedBy = o.recordedByName
            recordedAt = o.recordedAt
            validUntil = o.validUntil.description
            usedAt = o.usedAt
        }
    }

    func register(signedIn group: RouterGroup<SafeholdContext>) {
        group.get(SiteRoute.API.trainingCourses) { _, _ in
            try APIResponse.json(self.store.ruleset.workforce.training.courses.map(CourseDTO.init))
        }
        group.get(SiteRoute.API.myTraining) { _, context in
            let audit = try context.audit()
            guard let me = audit.actor?.userId else { throw SafeholdError.unauthenticated("Sign in first.") }
            return try APIResponse.json(WorkerDTO(try await self.store.training(of: me, context: audit), records: true))
        }
        group.get(SiteRoute.API.workforceTraining) { request, context in
            let team = try TrainingForms.team(request.uri.queryParameters["team"].map(String.init))
            let all = try await self.store.workforceTraining(team: team, context: try context.audit())
            return try APIResponse.json(all.map { WorkerDTO($0, records: false) })
        }
        group.get(SiteRoute.API.userTraining) { _, context, id in
            try APIResponse.json(
                WorkerDTO(try await self.store.training(of: id, context: try context.audit()), records: true))
        }
        group.post(SiteRoute.API.userTraining) { request, context, id in
            let body = try await StrictJSON.decode(RecordBody.self, from: request)
            let record = try await self.store.recordTraining(body.draft, for: id, context: try context.audit())
            return try APIResponse.json(RecordDTO(record), status: .created)
        }
        group.get(SiteRoute.API.trainingOverrides) { _, context in
            try APIResponse.json(
                try await self.store.trainingOverrides(context: try context.audit()).map(OverrideDTO.init))
        }
        group.post(SiteRoute.API.trainingOverrides) { request, context in
            let body = try await StrictJSON.decode(OverrideBody.self, from: request)
            let made = try await self.store.recordTrainingOverride(
                act: body.act, userId: body.userId, reason: body.reason, context: try context.audit())
            return try APIResponse.json(OverrideDTO(made), status: .created)
        }
    }
}

/// What the training pages and API read from a request the same way.
enum TrainingForms {
    /// The `team` filter: blank for none, else an id (422 `team` otherwise).
    static func team(_ text: String?) throws(SafeholdError) -> UUID? {
        let t = text?.trimmingCharacters(in: .whitespaces) ?? ""
        if t.isEmpty { return nil }
        guard let id = UUID(uuidString: t) else { throw .invalid([FieldError("team", "is not a team")]) }
        return id
    }
}
