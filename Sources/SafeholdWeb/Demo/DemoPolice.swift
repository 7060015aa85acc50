import Foundation
import SafeholdCore
import SafeholdStore

/// The demo police team's work: the joint enquiries the pipeline opened, allocated and carried on;
/// investigations in every status; ABE interviews planned and held; charging decisions with bail; a
/// police protection in progress and one ended; and an operation with several victims. Every record
/// goes through the store, so its rules, the access policy and the audit apply as to real work.
enum DemoPolice {
    static func load(into store: Store, children: [UUID], users: [String: User]) async throws {
        func ctx(_ name: String) -> AuditContext {
            AuditContext(actor: users[name]!.actor, ipAddress: nil, reason: "demo")
        }
        let dc = ctx("police.cait1"), ds = ctx("police.cait2")
        let officer = users["police.cait1"]!.id, supervisor = users["police.cait2"]!.id
        let today = store.today, now = store.clock.now()
        // ABE accreditations: two current; DS Bobbitt's has lapsed (the interview form refuses her).
        for (name, from, to, by) in [
            ("police.cait1", -400, 700, ds), ("police.cait3", -200, 900, ds), ("police.cait2", -1200, -30, dc),
        ] {
            _ = try await store.addAccreditation(
                user: users[name]!.id, kind: .abeInterviewing, validFrom: today.adding(days: from),
                expiresOn: today.adding(days: to), context: by)
        }
        var serial = 21_000
        func reference() -> String {
            serial += 1
            return "NB/\(serial)/\(today.year % 100 < 10 ? "0" : "")\(today.year % 100)"
        }
        // Joint enquiries opened by strategy discussions: allocated, and moved on by index.
        let opened = try await store.policeHome(context: dc).toAllocate
        for (index, line) in opened.enumerated() {
            let file = try await store.investigationFile(line.id, context: dc)
            let updated = try await store.updateInvestigation(
                line.id,
                InvestigationDraft(
                    crimeReference: reference(), incidentReference: nil,
                    offences: [["CYPA1", "OAPA47", "SOA9"][index % 3]], officerId: officer, supervisorId: supervisor,
                    people: file.investigation.people, summary: file.investigation.summary,
                    intelligence: "Police-only: previous call-outs to the address (demo intelligence)."),
                expectedVersion: file.investigation.version, context: dc)
            if index % 3 == 1 {
                _ = try await store.changeStatus(
                    line.id,
                    StatusChangeDraft(status: .underInvestigation, reason: nil, expectedVersion: updated.version),
                    context: dc)
            }
        }
        guard children.count >= 12 else { return }
        var suspects: [UUID] = []
        for (given, family) in [("Dean", "Marlow"), ("Wayne", "Tallis"), ("Craig", "Benner"), ("Lee", "Osgood")] {
            suspects.append(
                try await store.createPerson(
                    PersonDetails(
                        kind: .adult, givenName: given, familyName: family, dateOfBirth: today.adding(days: -12_000),
                        sex: .male), context: dc
                ).id)
        }
        // One investigation in each status, police-only (not joint).
        let statuses: [[InvestigationStatus]] = [
            [], [.underInvestigation], [.underInvestigation, .suspectInterviewed],
            [.underInvestigation, .suspectInterviewed, .fileToCPS], [.underInvestigation, .noFurtherAction],
        ]
        var investigations: [Investigation] = []
        for (index, path) in statuses.enumerated() {
            var i = try await store.openInvestigation(
                InvestigationDraft(
                    crimeReference: reference(), incidentReference: nil, offences: ["OAPA47"], officerId: officer,
                    supervisorId: supervisor,
                    people: [
                        InvestigationPerson(personId: children[index], role: .victim),
                        InvestigationPerson(
                            personId: suspects[index % suspects.count], role: .suspect,
                            relationshipToChild: "mother's partner"),
                    ],
                    summary: "Bruising seen at school; the child said it happened at home.",
                    intelligence: "Suspect known for domestic abuse call-outs (demo)."), context: dc)
            for status in path {
                i = try await store.changeStatus(
                    i.id,
                    StatusChangeDraft(
                        status: status, reason: status == .noFurtherAction ? "Evidential test not met." : nil,
                        expectedVersion: i.version), context: dc)
            }
            investigations.append(i)
        }
        // Charged after a CPS decision with bail, then a court outcome; and one charged awaiting trial.
        for (index, child) in [children[5], children[6]].enumerated() {
            var i = try await store.openInvestigation(
                InvestigationDraft(
                    crimeReference: reference(), incidentReference: nil, offences: ["SOA9"], officerId: officer,
                    supervisorId: supervisor,
                    people: [
                        InvestigationPerson(personId: child, role: .victimAndWitness),
                        InvestigationPerson(personId: suspects[3], role: .suspect, relationshipToChild: "sports coach"),
                    ],
                    summary: "Disclosure to a teacher about a sports coach.", intelligence: nil), context: dc)
            // The file goes to the CPS before its decision, one allowed move at a time.
            for status in [InvestigationStatus.underInvestigation, .fileToCPS] {
                i = try await store.changeStatus(
                    i.id, StatusChangeDraft(status: status, reason: nil, expectedVersion: i.version), context: dc)
            }
            let decision = try await store.recordChargingDecision(
                ChargingDecision(
                    suspectId: suspects[3], decidedOn: today.adding(days: -20), decider: .cps, test: .fullCode,
                    outcome: .charge, childViews: "She wants him to be stopped and is willing to give evidence.",
                    bestInterests: "Special measures agreed; pre-trial therapy not delayed.", bail: .bail,
                    bailUntil: today.adding(days: 10 + index * 20),
                    bailConditions: "No contact with the child; not to attend the sports club."),
                investigation: i.id, expectedVersion: i.version, context: dc)
            _ = decision
            i = try await store.investigationFile(i.id, context: dc).investigation
            if index == 0 {
                i = try await store.changeStatus(
                    i.id,
                    StatusChangeDraft(
                        status: .courtOutcome, reason: "Convicted at Crown Court; sentencing adjourned.",
                        expectedVersion: i.version), context: dc)
            }
            investigations.append(i)
        }
        // ABE interviews: one held, one planned.
        let held = try await store.planInterview(
            InterviewPlan(
                childId: children[1], plannedFor: now.addingTimeInterval(-5 * 86_400), type: .videoRecorded,
                rationale: "Child is 9 and articulate; a video-recorded interview best preserves her account.",
                interviewerIds: [officer], intermediary: nil, specialMeasures: [.videoEvidenceInChief, .screens]),
            investigation: investigations[1].id, context: dc)
        _ = try await store.recordInterview(
            held.id, investigation: investigations[1].id,
            InterviewRecord(
                heldAt: now.addingTimeInterval(-5 * 86_400), consentGiven: true, consentBy: "The child, with her aunt",
                present: "DC Jordan Peel; social worker observing from the monitoring room",
                recordingReference: "NB-ABE-2026-0117", storageLocation: "Northbridge digital evidence store",
                reviewOn: today.adding(days: 365), destroyOn: today.adding(days: 365 * 7),
                accountSummary: "She described being hit with a belt (demo text)."),
            expectedVersion: held.version, context: dc)
        _ = try await store.planInterview(
            InterviewPlan(
                childId: children[2], plannedFor: now.addingTimeInterval(2 * 86_400), type: .videoRecorded,
                rationale: "Child has a speech delay; an intermediary will assess communication first.",
                interviewerIds: [officer, users["police.cait3"]!.id], intermediary: "Registered intermediary (demo)",
                specialMeasures: [.intermediary, .communicationAids]),
            investigation: investigations[2].id, context: dc)
        // Police protection: one in progress (20 hours), one ended with an EPO application.
        _ = try await store.recordPoliceProtection(
            child: children[7],
            PoliceProtectionDraft(
                removedAt: now.addingTimeInterval(-20 * 3600), removedFrom: "Flat 3, Harbour Court",
                placeOfSafety: "Emergency foster placement (via the local authority)",
                reason: "Child found alone at night, aged 4; parents intoxicated.", designatedOfficerId: supervisor,
                localAuthorityToldAt: now.addingTimeInterval(-19 * 3600),
                parentsToldAt: now.addingTimeInterval(-18 * 3600), childToldAt: now.addingTimeInterval(-20 * 3600),
                childToldHow: "We told him he would sleep somewhere safe tonight with a kind carer."), context: dc)
        let ended = try await store.recordPoliceProtection(
            child: children[8],
            PoliceProtectionDraft(
                removedAt: now.addingTimeInterval(-10 * 86_400), removedFrom: "Hospital A&E department",
                placeOfSafety: "Children's ward", reason: "Parents tried to remove an injured baby against advice.",
                designatedOfficerId: supervisor, localAuthorityToldAt: now.addingTimeInterval(-10 * 86_400 + 1800)),
            context: dc)
        _ = try await store.endPoliceProtection(
            ended.id,
            PoliceProtectionEnding(
                endedAt: now.addingTimeInterval(-10 * 86_400 + 40 * 3600), outcome: .emergencyProtectionOrder,
                court: "Northbridge Family Court",
                applicationDate: store.ruleset.date(of: now.addingTimeInterval(-9 * 86_400))),
            expectedVersion: ended.version, context: dc)
        try await loadOperation(
            store, children: Array(children[9..<12]), suspects: suspects, dc: dc,
            officer: officer, supervisor: supervisor, reference: reference)
    }

    /// Operation Kestrel: online abuse with several victims; one child a victim in one investigation and
    /// a witness in another; devices referenced by hash and image counts.
    static func loadOperation(
        _ store: Store, children: [UUID], suspects: [UUID], dc: AuditContext, officer: UUID, supervisor: UUID,
        reference: () -> String
    ) async throws {
        let operation = try await store.createOperation(
            name: "Operation Kestrel", summary: "Online grooming and sharing of indecent images across two forces.",
            context: dc)
        let first = try await store.openInvestigation(
            InvestigationDraft(
                crimeReference: reference(), incidentReference: nil, offences: ["SOA15A", "PCA1"], officerId: officer,
                supervisorId: supervisor,
                people: [
                    InvestigationPerson(personId: children[0], role: .victim),
                    InvestigationPerson(personId: children[1], role: .witness),
                    InvestigationPerson(personId: suspects[1], role: .suspect, relationshipToChild: "online contact"),
                ],
                summary: "Messages on a gaming platform; images requested.", operationId: operation.id), context: dc)
        let second = try await store.openInvestigation(
            InvestigationDraft(
                crimeReference: reference(), incidentReference: nil, offences: ["CJA160"], officerId: officer,
                supervisorId: supervisor,
                people: [
                    InvestigationPerson(personId: children[1], role: .victim),
                    InvestigationPerson(personId: suspects[2], role: .suspect, relationshipToChild: "online contact"),
                ],
                summary: "Images of the child found on a seized device.", operationId: operation.id), context: dc)
        _ = try await store.identifyVictim(
            children[2], role: .victim, investigation: second.id, operation: operation.id, raiseContact: true,
            concern: "Child identified as a victim in Operation Kestrel; images found on a seized device.", context: dc)
        _ = first
        try await store.addEvidence(
            EvidenceItem(
                kind: .device, identifier: "KES-DEV-001", hash: String(repeating: "ab12", count: 16), categoryA: 3,
                categoryB: 41, categoryC: 220), operation: operation.id, context: dc)
        try await store.addEvidence(
            EvidenceItem(
                kind: .imageSet, identifier: "KES-IMG-002", hash: String(repeating: "9f", count: 16), categoryA: 0,
                categoryB: 2, categoryC: 17), operation: operation.id, context: dc)
    }
}
