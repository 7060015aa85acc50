import Foundation
import SQLKit
import SafeholdCore

/// Decoding the police tables' rows into Core values.
extension Store {
    static func protection(_ row: any SQLRow) throws -> PoliceProtection {
        let details = PoliceProtectionDraft(
            removedAt: try row.timestamp("removed_at"), removedFrom: try row.string("removed_from"),
            placeOfSafety: try row.string("place_of_safety"), reason: try row.string("reason"),
            designatedOfficerId: try row.uuid("designated_officer_id"),
            localAuthorityToldAt: try row.optionalTimestamp("la_told_at"),
            parentsToldAt: try row.optionalTimestamp("parents_told_at"),
            childToldAt: try row.optionalTimestamp("child_told_at"),
            childToldHow: try row.optionalString("child_told_how"))
        var ending: PoliceProtectionEnding?
        if let endedAt = try row.optionalTimestamp("ended_at") {
            ending = PoliceProtectionEnding(
                endedAt: endedAt, outcome: try row.code("outcome"), court: try row.optionalString("court"),
                applicationDate: try row.optionalDate("application_date"))
        }
        return PoliceProtection(
            id: try row.uuid("id"), childId: try row.uuid("person_id"), agencyId: try row.uuid("agency_id"),
            teamId: try row.uuid("team_id"), investigationId: try row.optionalUUID("investigation_id"),
            details: details, ending: ending, contactId: try row.optionalUUID("contact_id"),
            version: try row.int("version"))
    }

    static func interview(_ row: any SQLRow) throws -> AbeInterview {
        let plan = InterviewPlan(
            childId: try row.uuid("person_id"), plannedFor: try row.timestamp("planned_for"),
            type: try row.code("interview_type"), rationale: try row.string("rationale"),
            interviewerIds: try row.json("interviewers", as: [UUID].self),
            intermediary: try row.optionalString("intermediary"),
            specialMeasures: try row.json("special_measures", as: [SpecialMeasure].self),
            followsProtectionId: try row.optionalUUID("protection_id"))
        var record: InterviewRecord?
        if let heldAt = try row.optionalTimestamp("held_at") {
            record = InterviewRecord(
                heldAt: heldAt, consentGiven: true, consentBy: try row.optionalString("consent_by") ?? "",
                present: try row.optionalString("present") ?? "",
                recordingReference: try row.optionalString("recording_reference") ?? "",
                storageLocation: try row.optionalString("storage_location") ?? "",
                reviewOn: try row.date("review_on"), destroyOn: try row.date("destroy_on"),
                accountSummary: try row.optionalString("account_summary") ?? "")
        }
        return AbeInterview(
            id: try row.uuid("id"), investigationId: try row.uuid("investigation_id"), plan: plan, record: record,
            version: try row.int("version"))
    }

    static func chargingDecision(_ row: any SQLRow) throws -> RecordedChargingDecision {
        RecordedChargingDecision(
            id: try row.uuid("id"), investigationId: try row.uuid("investigation_id"),
            decision: ChargingDecision(
                suspectId: try row.optionalUUID("suspect_id"), decidedOn: try row.date("decided_on"),
                decider: try row.code("decider"), test: try row.code("test"), outcome: try row.code("outcome"),
                childViews: try row.string("child_views"), bestInterests: try row.string("best_interests"),
                bail: try row.code("bail"), bailUntil: try row.optionalDate("bail_until"),
                bailConditions: try row.optionalString("bail_conditions")),
            recordedAt: try row.timestamp("recorded_at"), recordedBy: try row.string("recorded_by_name"))
    }

    static func disclosure(_ row: any SQLRow) throws -> PoliceDisclosure {
        PoliceDisclosure(
            id: try row.uuid("id"), field: try row.string("field"), text: try row.string("disclosed_text"),
            lawfulBasis: try row.string("lawful_basis"),
            lawfulBasisLabel: try row.optionalString("basis_label") ?? row.string("lawful_basis"),
            reason: try row.string("reason"),
            sharedAt: try row.timestamp("shared_at"), sharedBy: try row.string("shared_by_name"))
    }

    static func investigationEvent(_ row: any SQLRow) throws -> InvestigationEvent {
        InvestigationEvent(
            kind: try row.string("kind"), status: try row.optionalCode("status"),
            detail: try row.optionalString("detail"),
            occurredAt: try row.timestamp("occurred_at"), recordedBy: try row.string("recorded_by_name"),
            shared: try row.flag("shared"))
    }

    /// The reference an investigation is known by: its crime reference, else its incident reference.
    static func reference(_ row: any SQLRow) throws -> String {
        try row.optionalString("crime_reference") ?? row.optionalString("incident_reference") ?? "No reference yet"
    }

    /// The next key date among planned interviews, bail dates and running police protections.
    static func nextKeyDate(
        interviews: [AbeInterview], decisions: [RecordedChargingDecision], protections: [PoliceProtection],
        now: Date, ruleset: Ruleset
    ) -> KeyDate? {
        var dates: [KeyDate] = []
        for i in interviews where !i.isHeld { dates.append(KeyDate(what: "ABE interview", at: i.plan.plannedFor)) }
        for d in decisions {
            guard let until = d.decision.bailUntil,
                let at = LocalDateTime(date: until, hour: 9, minute: 0)?
                    .instant(in: ruleset.timeZone)
            else { continue }
            dates.append(KeyDate(what: d.decision.bail.label, at: at))
        }
        for p in protections where p.ending == nil {
            dates.append(KeyDate(what: "Police protection ends (72 hours)", at: p.expiresAt))
        }
        return nextKeyDate(dates, now: now)
    }

    /// The first of `dates` from a day ago on, else the latest of them.
    static func nextKeyDate(_ dates: [KeyDate], now: Date) -> KeyDate? {
        dates.filter { $0.at >= now.addingTimeInterval(-86_400) }.min() ?? dates.max()
    }
}
