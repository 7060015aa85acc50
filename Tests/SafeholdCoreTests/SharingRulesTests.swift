import Foundation
import SafeholdCore
import Testing

/// The sharing record's rules in Core: lawful bases, consent, decisions, requests, who sees what.
@Suite("Information-sharing rules")
struct SharingRulesTests {
    static let today = LocalDate(iso: "2026-11-24")!
    static let bases = [
        LawfulBasis(
            code: "task", label: "Public task", reference: "6(1)(e)", uses: [.sharing, .police], isConsent: false,
            active: true),
        LawfulBasis(
            code: "consent", label: "Consent", reference: "6(1)(a)", uses: [.sharing], isConsent: true, active: true),
        LawfulBasis(
            code: "police", label: "Law enforcement", reference: "s35", uses: [.police], isConsent: false,
            active: true),
        LawfulBasis(code: "old", label: "Retired", reference: "-", uses: [.sharing], isConsent: false, active: false),
    ]

    static func draft(
        _ decision: SharingDecision = .disclosed, basis: String? = "task", consent: ConsentStatus = .given,
        reason: String? = nil
    ) -> SharingDraft {
        SharingDraft(
            decision: decision, what: "Plan", recipientAgencyId: UUID(), sharedOn: today, lawfulBasis: basis,
            consent: consent, consentReason: reason, reasons: "Needed")
    }

    static func fields(_ body: () throws -> Void) -> [String] {
        do { try body() } catch SafeholdError.invalid(let errors) { return errors.map(\.field) } catch { return ["?"] }
        return []
    }

    @Test("A disclosure names an active basis meant for sharing; a decision not to share names none")
    func bases() {
        #expect(Self.fields { _ = try Self.draft().validated(bases: Self.bases, today: Self.today) } == [])
        for basis in [nil, "", "nope", "police", "old"] {
            #expect(
                Self.fields { _ = try Self.draft(basis: basis).validated(bases: Self.bases, today: Self.today) }
                    == ["lawfulBasis"], "\(basis ?? "nil")")
        }
        #expect(
            Self.fields { _ = try Self.draft(.notDisclosed).validated(bases: Self.bases, today: Self.today) }
                == ["lawfulBasis"])
        #expect(
            Self.fields {
                _ = try Self.draft(.notDisclosed, basis: nil).validated(bases: Self.bases, today: Self.today)
            }
                == [])
        #expect(
            Self.fields { _ = try LawfulBasis.choose("police", for: .police, from: Self.bases) } == [])
    }

    @Test(
        "Consent: overridden or not sought needs its reason, refused cannot be shared, consent as basis needs it given")
    func consent() {
        func check(_ d: SharingDraft) -> [String] {
            Self.fields { _ = try d.validated(bases: Self.bases, today: Self.today) }
        }
        #expect(check(Self.draft(consent: .overridden)) == ["consentReason"])
        #expect(check(Self.draft(consent: .overridden, reason: "Risk of harm")) == [])
        #expect(check(Self.draft(consent: .notSought)) == ["consentReason"])
        #expect(check(Self.draft(consent: .refused)) == ["consent"])
        #expect(check(Self.draft(basis: "consent", consent: .sought)) == ["lawfulBasis"])
        #expect(check(Self.draft(basis: "consent", consent: .given)) == [])
        #expect(check(Self.draft(.notDisclosed, basis: nil, consent: .overridden, reason: "x")) == ["consent"])
        #expect(check(Self.draft(.notDisclosed, basis: nil, consent: .refused)) == [])
    }

    @Test("Text and dates: bidi characters, the future, too many records")
    func textAndDates() {
        var d = Self.draft()
        d.what = "Plan\u{202E}"
        d.sharedOn = Self.today.adding(days: 1)
        d.records = Array(repeating: SharedRecordLink(kind: .note, id: UUID()), count: 51)
        #expect(
            Set(Self.fields { _ = try d.validated(bases: Self.bases, today: Self.today) }) == [
                "what", "sharedOn", "records",
            ])
        let same = SharedRecordLink(kind: .note, id: UUID())
        d = Self.draft()
        d.records = [same, same]
        #expect(Self.fields { _ = try d.validated(bases: Self.bases, today: Self.today) } == ["records"])
    }

    @Test("An answer agrees with its decision; in part and declined say why; a second or stale answer conflicts")
    func answers() throws {
        #expect(
            Self.fields {
                _ = try InformationResponse(outcome: .declined, outcomeReason: "x", version: 1).validated(
                    with: .disclosed)
            } == ["outcome"])
        #expect(
            Self.fields {
                _ = try InformationResponse(outcome: .disclosedInPart, outcomeReason: nil, version: 1).validated(
                    with: .disclosed)
            } == ["outcomeReason"])
        #expect(
            Self.fields {
                _ = try InformationResponse(outcome: .disclosedInFull, outcomeReason: nil, version: 1).validated(
                    with: .disclosed)
            } == [])
        let request = InformationRequest(
            id: UUID(), personId: UUID(), childName: "C", agencyId: UUID(), agencyName: "A", requesterName: "R",
            channel: .phone, receivedOn: Self.today, dueOn: Self.today, what: "w", why: "y", recordedBy: "B",
            version: 1,
            outcome: nil, outcomeReason: nil, disclosureId: nil, respondedAt: nil, respondedBy: nil)
        try request.checkAnswerable(version: 1)
        #expect(throws: SafeholdError.self) { try request.checkAnswerable(version: 2) }
        #expect(!request.isOverdue(today: Self.today) && request.isOverdue(today: Self.today.adding(days: 1)))
    }

    @Test("A request is due N working days after receipt on the ruleset's calendar (Easter skipped)")
    func dueDate() {
        let draft = InformationRequestDraft(
            personId: UUID(), agencyId: UUID(), requesterName: "R", channel: .letter,
            receivedOn: LocalDate(iso: "2025-04-17")!, what: "w", why: "y")
        #expect(draft.dueOn(workingDays: 1, ruleset: .england2025) == LocalDate(iso: "2025-04-22")!)
        // Ten working days: Easter Monday and the early May bank holiday are not counted.
        #expect(draft.dueOn(workingDays: 10, ruleset: .england2025) == LocalDate(iso: "2025-05-06")!)
    }

    @Test("Who sees what: each role's slice of the sharing record")
    func access() {
        let agency = UUID()
        func actor(_ role: Role) -> Actor {
            Actor(userId: UUID(), role: role, agencyId: agency, teamId: nil, displayName: "A")
        }
        #expect(SharingAccess.childsRecordAction(actor(.dataProtectionOfficer)) == .viewAccessLog)
        #expect(SharingAccess.childsRecordAction(actor(.auditor)) == .viewAccessLog)
        #expect(SharingAccess.childsRecordAction(actor(.socialWorker)) == .view)
        for role in [Role.partner, .police, .unscheduledCare, .lado, .administrator, .performanceAnalyst] {
            #expect(SharingAccess.childsRecordAction(actor(role)) == nil, "\(role)")
        }
        for role in Role.allCases {
            #expect(SharingAccess.mayRecord(actor(role)).isAllowed == role.isChildrensSocialCare, "\(role)")
            #expect(SharingAccess.mayReadRegister(actor(role)).isAllowed == role.readsAccessLog, "\(role)")
        }
        #expect(SharingAccess.receivingAgency(actor(.partner)) == agency)
        #expect(SharingAccess.receivingAgency(actor(.unscheduledCare)) == nil)
        #expect(SharingAccess.receivingAgency(actor(.socialWorker)) == nil)
        #expect(SharingAccess.agencySees(actor(.partner), recipientAgency: agency, decision: .disclosed))
        #expect(!SharingAccess.agencySees(actor(.partner), recipientAgency: agency, decision: .notDisclosed))
        #expect(!SharingAccess.agencySees(actor(.partner), recipientAgency: UUID(), decision: .disclosed))
        #expect(!SharingAccess.agencySees(actor(.unscheduledCare), requestingAgency: agency))
    }

    @Test("Form and JSON text read the same way: unreadable values are field errors")
    func input() {
        let bad = SharingInput(
            ["decision": "maybe", "recipientAgencyId": "x", "consent": "", "sharedOn": "2026-02-30"],
            records: ["note:nope"])
        #expect(
            Set(Self.fields { _ = try bad.sharingDraft(today: Self.today) })
                == ["decision", "recipientAgencyId", "consent", "sharedOn", "records"])
        #expect(
            Set(
                Self.fields {
                    _ = try SharingRegisterFilter.parse(
                        from: "2026-11-30", to: "2026-11-01", agencyId: "x", decision: "y", lawfulBasis: nil)
                })
                == ["to", "agencyId", "decision"])
    }
}
