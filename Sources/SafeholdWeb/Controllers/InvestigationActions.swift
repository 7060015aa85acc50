import Foundation
import Hummingbird
import SafeholdCore
import SafeholdStore

/// The forms on an investigation's page: a new status, information shared with social care, an ABE
/// interview planned or held, and a charging decision. A refused form comes back on the page with
/// its problems (422); a conflict is a 409 page.
struct InvestigationActions {
    let store: Store
    let renderer: PageRenderer

    func register(on group: RouterGroup<SafeholdContext>) {
        group.post(SiteRoute.investigationStatus) { request, context, id in
            try await self.act(request, context, id, .status) { form, reader, audit in
                let status = reader.choice("status", InvestigationStatus.self)
                let version = reader.version()
                try reader.check()
                _ = try await store.changeStatus(
                    id, StatusChangeDraft(status: status!, reason: form["reason"], expectedVersion: version),
                    context: audit)
            }
        }
        group.post(SiteRoute.investigationDisclosures) { request, context, id in
            try await self.act(request, context, id, .disclosure) { form, reader, audit in
                try reader.check()
                _ = try await store.shareWithSocialCare(
                    id,
                    DisclosureDraft(
                        field: form["field"] ?? "", text: form["text"] ?? "", lawfulBasis: form["lawfulBasis"] ?? "",
                        reason: form["reason"] ?? ""), context: audit)
            }
        }
        group.post(SiteRoute.investigationInterviews) { request, context, id in
            try await self.act(request, context, id, .interview) { form, reader, audit in
                let child = reader.uuid("childId")
                let when = reader.instant("plannedFor")
                let type = reader.choice("interviewType", InterviewType.self)
                let measures = form.all("specialMeasures").compactMap(SpecialMeasure.init(rawValue:))
                let interviewers = form.all("interviewerIds").compactMap(UUID.init(uuidString:))
                try reader.check()
                _ = try await store.planInterview(
                    InterviewPlan(
                        childId: child!, plannedFor: when!, type: type!, rationale: form["rationale"] ?? "",
                        interviewerIds: interviewers, intermediary: form["intermediary"], specialMeasures: measures),
                    investigation: id, context: audit)
            }
        }
        group.post(SiteRoute.interviewHeld) { request, context, id, interview in
            try await self.act(request, context, id, .held(interview)) { form, reader, audit in
                let held = reader.instant("heldAt")
                let review = reader.date("reviewOn")
                let destroy = reader.date("destroyOn")
                let version = reader.version()
                try reader.check()
                _ = try await store.recordInterview(
                    interview, investigation: id,
                    InterviewRecord(
                        heldAt: held!, consentGiven: form.flag("consentGiven"), consentBy: form["consentBy"] ?? "",
                        present: form["present"] ?? "", recordingReference: form["recordingReference"] ?? "",
                        storageLocation: form["storageLocation"] ?? "", reviewOn: review!, destroyOn: destroy!,
                        accountSummary: form["accountSummary"] ?? ""), expectedVersion: version, context: audit)
            }
        }
        group.post(SiteRoute.investigationDecisions) { request, context, id in
            try await self.act(request, context, id, .decision) { form, reader, audit in
                let decided = reader.date("decidedOn")
                let decider = reader.choice("decider", ChargingDecider.self)
                let test = reader.choice("test", ChargingTest.self)
                let outcome = reader.choice("outcome", ChargingOutcome.self)
                let bail = reader.choice("bail", BailKind.self)
                let until = reader.date("bailUntil", required: false)
                let suspect = reader.uuid("suspectId", required: false)
                let version = reader.version()
                try reader.check()
                _ = try await store.recordChargingDecision(
                    ChargingDecision(
                        suspectId: suspect, decidedOn: decided!, decider: decider!, test: test!, outcome: outcome!,
                        childViews: form["childViews"] ?? "", bestInterests: form["bestInterests"] ?? "", bail: bail!,
                        bailUntil: until, bailConditions: form["bailConditions"]),
                    investigation: id, expectedVersion: version, context: audit)
            }
        }
    }

    /// Reads the form, runs `change`, and returns to the investigation; refused input comes back on it,
    /// in the form it was typed into, unfolded.
    func act(
        _ request: Request, _ context: SafeholdContext, _ id: UUID, _ which: InvestigationPage.Refused,
        _ change: (FormData, inout PoliceFormReader, AuditContext) async throws -> Void
    ) async throws -> Response {
        _ = try context.requireIdentity()
        let form = try await FormData.read(request, context: context)
        let audit = try context.audit()
        var reader = PoliceFormReader(form: form, store: store, audit: audit)
        do {
            try await change(form, &reader, audit)
            return .redirect(to: SiteRoute.investigation(id).path, type: .normal)
        } catch SafeholdError.invalid(let errors) {
            return try await InvestigationPage(store: store, renderer: renderer).show(
                context, id, form: form, errors: errors, refused: which, status: .unprocessableContent)
        }
    }
}
