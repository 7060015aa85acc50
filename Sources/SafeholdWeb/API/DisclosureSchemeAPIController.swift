import Foundation
import Hummingbird
import SafeholdCore
import SafeholdStore

/// `/api/v1` for the child sex offender disclosure scheme: the same store calls, rules and audit as the
/// pages. Bodies take every field as optional text, so that Core names a missing or unreadable one.
struct DisclosureSchemeAPIController {
    let store: Store

    struct ApplicationBody: Decodable {
        let applicantName: String?, applicantContact: String?, relationship: String?, relationshipOther: String?
        let subjectId: String?, childId: String?, receivedOn: String?
    }
    struct CheckBody: Decodable { let version: Int?, kind: String?, result: String?, checkedOn: String? }
    struct DecisionBody: Decodable { let version: Int?, outcome: String?, reasons: String?, decidedOn: String? }
    struct DisclosureBody: Decodable { let version: Int?, disclosedTo: String?, what: String?, disclosedOn: String? }

    struct PersonDTO: Encodable {
        let id: UUID, name: String, dateOfBirth: String?
        init(_ p: PersonSummary) { (id, name, dateOfBirth) = (p.id, p.displayName, p.dateOfBirth?.description) }
    }
    struct CheckDTO: Encodable {
        let kind: String, result: String, checkedOn: String, checkedBy: String
    }
    struct DecisionDTO: Encodable { let outcome: String, reasons: String, decidedOn: String, decidedBy: String }
    struct DisclosureDTO: Encodable { let disclosedTo: String, what: String, disclosedOn: String, recordedBy: String }
    struct ApplicationDTO: Encodable {
        let id: UUID, applicantName: String, applicantContact: String, relationship: String
        let relationshipOther: String?, subject: PersonDTO, child: PersonDTO, receivedOn: String, decisionDueOn: String
        let stage: String, team: String, recordedBy: String, recordedAt: Date, checks: [CheckDTO]
        let decision: DecisionDTO?, disclosure: DisclosureDTO?, version: Int

        init(_ a: DisclosureApplication) {
            (id, applicantName, applicantContact) = (a.id, a.applicantName, a.applicantContact)
            (relationship, relationshipOther) = (a.relationship.rawValue, a.relationshipOther)
            (subject, child) = (PersonDTO(a.subject), PersonDTO(a.child))
            (receivedOn, decisionDueOn, stage) = (a.receivedOn.description, a.dueOn.description, a.stage.rawValue)
            (team, recordedBy, recordedAt, version) = (a.teamName, a.recordedBy, a.recordedAt, a.version)
            checks = a.checks.map {
                CheckDTO(
                    kind: $0.kind.rawValue, result: $0.result, checkedOn: $0.checkedOn.description,
                    checkedBy: $0.checkedBy)
            }
            decision = a.decision.map {
                DecisionDTO(
                    outcome: $0.outcome.rawValue, reasons: $0.reasons, decidedOn: $0.decidedOn.description,
                    decidedBy: $0.decidedBy)
            }
            disclosure = a.disclosure.map {
                DisclosureDTO(
                    disclosedTo: $0.disclosedTo, what: $0.what, disclosedOn: $0.disclosedOn.description,
                    recordedBy: $0.recordedBy)
            }
        }
    }

    func register(signedIn group: RouterGroup<SafeholdContext>) {
        group.get(SiteRoute.API.disclosureApplications) { _, context in
            let applications = try await self.store.disclosureApplications(context: try context.audit())
            return try APIResponse.json(["applications": applications.map(ApplicationDTO.init)])
        }
        group.post(SiteRoute.API.disclosureApplications) { request, context in
            let b = try await StrictJSON.decode(ApplicationBody.self, from: request)
            let draft = try DisclosureApplicationDraft.read(
                TextFields([
                    "applicantName": b.applicantName, "applicantContact": b.applicantContact,
                    "relationship": b.relationship, "relationshipOther": b.relationshipOther, "subjectId": b.subjectId,
                    "childId": b.childId, "receivedOn": b.receivedOn,
                ]), today: self.store.today)
            let saved = try await self.store.receiveDisclosureApplication(draft, context: try context.audit())
            return try APIResponse.json(ApplicationDTO(saved), status: .created)
        }
        group.get(SiteRoute.API.disclosureApplication) { _, context, id in
            try APIResponse.json(
                ApplicationDTO(try await self.store.disclosureApplication(id, context: try context.audit())))
        }
        group.post(SiteRoute.API.disclosureApplicationChecks) { request, context, id in
            let b = try await StrictJSON.decode(CheckBody.self, from: request)
            let input = TextFields(["kind": b.kind, "result": b.result, "checkedOn": b.checkedOn])
            return try await self.record(id, b.version, context) {
                try DisclosureSchemeStep.readCheck(input, today: $0)
            }
        }
        group.post(SiteRoute.API.disclosureApplicationDecision) { request, context, id in
            let b = try await StrictJSON.decode(DecisionBody.self, from: request)
            let input = TextFields(["outcome": b.outcome, "reasons": b.reasons, "decidedOn": b.decidedOn])
            return try await self.record(id, b.version, context) {
                try DisclosureSchemeStep.readDecision(input, today: $0)
            }
        }
        group.post(SiteRoute.API.disclosureApplicationDisclosure) { request, context, id in
            let b = try await StrictJSON.decode(DisclosureBody.self, from: request)
            let input = TextFields(["disclosedTo": b.disclosedTo, "what": b.what, "disclosedOn": b.disclosedOn])
            return try await self.record(id, b.version, context) {
                try DisclosureSchemeStep.readDisclosure(input, today: $0)
            }
        }
    }

    private func record(
        _ id: UUID, _ version: Int?, _ context: SafeholdContext,
        _ read: (LocalDate) throws -> DisclosureSchemeStep
    ) async throws -> Response {
        var v = Validation()
        let step: DisclosureSchemeStep?
        do { step = try read(store.today) } catch SafeholdError.invalid(let errors) {
            v.merge(errors)
            step = nil
        }
        if version == nil { v.add("version", "is required") }
        try v.check()
        let saved = try await store.recordDisclosureSchemeStep(
            step!, on: id, expectedVersion: version!, context: try context.audit())
        return try APIResponse.json(ApplicationDTO(saved))
    }
}
