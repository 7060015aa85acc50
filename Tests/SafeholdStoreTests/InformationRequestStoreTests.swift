import Foundation
import SafeholdCore
import SafeholdStore
import Testing

/// Requests for information from other agencies: raising, the due date, answering once, the due lists.
@Suite("Requests for information in the store")
struct InformationRequestStoreTests {
    static func ask(_ s: SharingSetting, child: UUID? = nil, agency: UUID? = nil) -> InformationRequestDraft {
        InformationRequestDraft(
            personId: child ?? s.child, agencyId: agency ?? s.school.id, requesterName: "Dana Lead",
            channel: .safehold, receivedOn: Synthetic.today, what: "Who may collect Sky from school?",
            why: "A man we do not know came to the gate.")
    }

    static func received(_ s: SharingSetting, on: LocalDate, agency: UUID? = nil) -> InformationRequestDraft {
        var draft = ask(s, agency: agency)
        (draft.channel, draft.receivedOn, draft.requesterName) = (.phone, on, "Pat Probation")
        return draft
    }

    @Test(
        "A partner raises a request for their agency; due in the working days kept as data; the holders told",
        arguments: TestBackend.all)
    func partnerRaises(_ backend: TestBackend) async throws {
        try await withWorld(backend) { w in
            let s = try await SharingSetting.make(w)
            let raised = try await s.store.raiseInformationRequest(Self.ask(s), context: w.ctx(s.dsl))
            #expect(
                raised.agencyId == s.school.id && raised.channel == .safehold && raised.receivedOn == Synthetic.today)
            #expect(raised.dueOn == Ruleset.england2025.due(.workingDays(10), from: Synthetic.today))
            #expect(raised.requesterName == "Dana Lead" && raised.version == 1 && !raised.isAnswered)
            let told = try await s.store.notifications(context: w.ctx(w.alice))
            #expect(told.map(\.kind) == [.informationRequest])
            // The number of days is data: five, and the next request is due sooner.
            try await w.env.execute("UPDATE sharing_timescales SET working_days = 5 WHERE name = 'request_response'")
            let sooner = try await s.store.raiseInformationRequest(Self.ask(s), context: w.ctx(s.dsl))
            #expect(sooner.dueOn == Ruleset.england2025.due(.workingDays(5), from: Synthetic.today))
            let school = try await s.store.sharedWithUs(context: w.ctx(s.dsl))
            #expect(Set(school.requests.map(\.id)) == [raised.id, sooner.id])
            #expect(try await s.store.sharedWithUs(context: w.ctx(s.hv)).requests.isEmpty)
        }
    }

    @Test(
        "Raising for another agency, by the wrong channel, or with nothing asked: 422; ED and DPO refused",
        arguments: TestBackend.all)
    func raisingRefusals(_ backend: TestBackend) async throws {
        try await withWorld(backend) { w in
            let s = try await SharingSetting.make(w)
            let before = try await s.footprint()
            #expect(
                await expectRefusal(.invalid) {
                    try await s.store.raiseInformationRequest(Self.ask(s, agency: s.health.id), context: w.ctx(s.dsl))
                }?.fields == ["agencyId"])
            var empty = Self.ask(s)
            (empty.what, empty.why) = ("", "\u{202E}why")
            #expect(
                Set(
                    await expectRefusal(.invalid) {
                        try await s.store.raiseInformationRequest(empty, context: w.ctx(s.dsl))
                    }?.fields ?? []) == ["what", "why"])
            // A worker records a request received by telephone, and must say how it came.
            #expect(
                await expectRefusal(.invalid) {
                    try await s.store.raiseInformationRequest(Self.ask(s), context: w.ctx(w.alice))
                }?.fields == ["channel"])
            await expectRefusal(.notFound) {
                try await s.store.raiseInformationRequest(Self.ask(s), context: w.ctx(s.nurse))
            }
            await expectRefusal(.notFound) {
                try await s.store.raiseInformationRequest(Self.ask(s), context: w.ctx(w.dpo))
            }
            await expectRefusal(.notFound) {
                try await s.store.raiseInformationRequest(
                    Self.received(s, on: Synthetic.today), context: w.ctx(w.carol))
            }
            let after = try await s.footprint()
            #expect(after["information_requests"] == before["information_requests"])
            #expect(after["notifications"] == before["notifications"])
        }
    }

    @Test(
        "Answering records the disclosure to the requesting agency with the outcome; twice or stale is 409",
        arguments: TestBackend.all)
    func answeringOnce(_ backend: TestBackend) async throws {
        try await withWorld(backend) { w in
            let s = try await SharingSetting.make(w)
            let raised = try await s.store.raiseInformationRequest(Self.ask(s), context: w.ctx(s.dsl))
            // A declined outcome with a disclosure, or in part with no reason: 422, nothing written.
            let before = try await s.footprint()
            let mismatch = await expectRefusal(.invalid) {
                try await s.store.answerInformationRequest(
                    raised.id, InformationResponse(outcome: .declined, outcomeReason: "No.", version: 1),
                    disclosure: s.draft(to: s.health.id), context: w.ctx(w.alice))
            }
            #expect(mismatch?.fields == ["outcome"])
            #expect(
                await expectRefusal(.invalid) {
                    try await s.store.answerInformationRequest(
                        raised.id, InformationResponse(outcome: .disclosedInPart, outcomeReason: nil, version: 1),
                        disclosure: s.draft(), context: w.ctx(w.alice))
                }?.fields == ["outcomeReason"])
            #expect(try await s.footprint() == before)
            // Another team's worker and the school itself may not answer.
            await expectRefusal(.notFound) {
                try await s.store.answerInformationRequest(
                    raised.id, InformationResponse(outcome: .disclosedInFull, outcomeReason: nil, version: 1),
                    disclosure: s.draft(), context: w.ctx(w.carol))
            }
            await expectRefusal(.notFound) {
                try await s.store.answerInformationRequest(
                    raised.id, InformationResponse(outcome: .disclosedInFull, outcomeReason: nil, version: 1),
                    disclosure: s.draft(), context: w.ctx(s.dsl))
            }
            await expectRefusal(.conflict) {
                try await s.store.answerInformationRequest(
                    raised.id, InformationResponse(outcome: .disclosedInFull, outcomeReason: nil, version: 2),
                    disclosure: s.draft(), context: w.ctx(w.alice))
            }
            let answered = try await s.store.answerInformationRequest(
                raised.id,
                InformationResponse(
                    outcome: .disclosedInPart, outcomeReason: "The father's address is withheld.", version: 1),
                disclosure: s.draft(to: s.health.id), context: w.ctx(w.alice))
            #expect(answered.request.outcome == .disclosedInPart && answered.request.version == 2)
            #expect(answered.answer?.recipientAgencyId == s.school.id && answered.answer?.requestId == raised.id)
            #expect(answered.request.disclosureId == answered.answer?.id)
            let again = try await s.footprint()
            await expectRefusal(.conflict) {
                try await s.store.answerInformationRequest(
                    raised.id, InformationResponse(outcome: .disclosedInFull, outcomeReason: nil, version: 2),
                    disclosure: s.draft(), context: w.ctx(w.alice))
            }
            #expect(try await s.footprint()["disclosures"] == again["disclosures"])
            // The school sees the answer and what was shared; the raiser was told.
            let school = try await s.store.sharedWithUs(context: w.ctx(s.dsl))
            #expect(school.requests.first?.outcome == .disclosedInPart)
            #expect(school.disclosures.map(\.id) == [answered.answer?.id])
            #expect(try await s.store.notifications(context: w.ctx(s.dsl)).map(\.kind) == [.informationRequest])
            let shown = try await s.store.informationRequest(raised.id, context: w.ctx(w.dpo))
            #expect(shown.answer?.id == answered.answer?.id && !shown.mayAnswer)
        }
    }

    @Test(
        "Unanswered requests past their date are overdue in my, my team's and the service's due lists",
        arguments: TestBackend.all)
    func overdueInDueLists(_ backend: TestBackend) async throws {
        try await withWorld(backend) { w in
            let s = try await SharingSetting.make(w)
            let old = Ruleset.england2025.calendar.adding(workingDays: -15, to: Synthetic.today)
            let late = try await s.store.raiseInformationRequest(
                Self.received(s, on: old, agency: w.police.id), context: w.ctx(w.alice))
            #expect(late.channel == .phone && late.isOverdue(today: Synthetic.today))
            for scope in DueListScope.allCases {
                let lines = try await s.store.dueList(scope, context: w.ctx(w.alice))
                let line = lines.first { $0.informationRequestId == late.id }
                #expect(line?.item.status == .overdue && line?.episodeId == nil, "\(scope)")
            }
            #expect(
                try await s.store.dueList(.team, context: w.ctx(w.bob)).contains { $0.informationRequestId == late.id })
            #expect(
                try await s.store.dueList(.service, context: w.ctx(w.carol)).contains { $0.informationRequestId != nil }
                    == false)
            _ = try await s.store.answerInformationRequest(
                late.id,
                InformationResponse(outcome: .declined, outcomeReason: "Not relevant to the enquiry.", version: 1),
                disclosure: s.draft(decision: .notDisclosed), context: w.ctx(w.alice))
            #expect(
                try await s.store.dueList(.mine, context: w.ctx(w.alice)).contains { $0.informationRequestId != nil }
                    == false)
        }
    }
}
