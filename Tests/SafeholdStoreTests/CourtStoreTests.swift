import Foundation
import SQLKit
import SafeholdCore
import SafeholdStore
import Testing

/// Court orders and care proceedings in the store: written through the child's record by children's social
/// care, refused beyond the law's limits with nothing written, on the due lists and the chronology, and
/// read by nobody else (the police: orders only).
@Suite("Court orders and proceedings in the store")
struct CourtStoreTests {
    static let tables = [
        "court_orders", "court_order_extensions", "care_proceedings", "hearings", "proceedings_parties",
        "proceedings_extensions", "pre_proceedings",
    ]

    func footprint(_ s: ServicesWorld) async throws -> [String: Int] {
        var counts: [String: Int] = [:]
        for table in Self.tables { counts[table] = try await s.w.env.count(table) }
        return counts
    }

    func day(_ offset: Int) -> String { Synthetic.today.adding(days: offset).description }

    func epo(_ s: ServicesWorld, decided: Int = -2) async throws -> CourtOrder {
        try await s.store.applyForOrder(
            s.child,
            CourtOrderForm(
                kind: "emergency_protection", appliedOn: day(decided), court: "Family Court at Northfield",
                applicant: "Northfield Council", outcome: "granted", outcomeOn: day(decided)),
            context: s.ctx(s.w.alice))
    }

    func issue(_ s: ServicesWorld, daysAgo: Int = 98, number: String = "ZZ26C00412") async throws -> CareProceedings {
        try await s.store.issueProceedings(
            s.child,
            ProceedingsForm(
                issuedOn: day(-daysAgo), court: "Family Court at Northfield", caseNumber: number,
                parties: [
                    PartyForm(role: "child", name: "The child", guardian: "Gemma Whitlock", solicitor: "P Anand"),
                    PartyForm(role: "mother", name: "Kerry", solicitor: "O Barr", firm: "Barr & Lyle"),
                ]), context: s.ctx(s.w.alice))
    }

    @Test(
        "An EPO is granted for 8 days, extended once by up to 7 and ended; each step is audited and on the chronology",
        arguments: TestBackend.all)
    func emergencyProtectionOrder(_ backend: TestBackend) async throws {
        try await withServices(backend) { s in
            let order = try await epo(s)
            #expect(order.startsOn == Synthetic.today.adding(days: -2))
            #expect(order.expiresOn == Synthetic.today.adding(days: 6))
            #expect(order.status(today: Synthetic.today) == .inForce && order.version == 1)
            let extended = try await s.store.extendOrder(
                order.id,
                CourtOrderExtensionForm(extendedOn: day(0), newExpiresOn: day(13), reason: "Assessment not finished"),
                expectedVersion: 1, context: s.ctx(s.w.bob))
            #expect(extended.expiresOn == Synthetic.today.adding(days: 13) && extended.extensions.count == 1)
            #expect(extended.extensions[0].byName == "Bob Example" && extended.version == 2)
            let ended = try await s.store.endOrder(
                order.id, CourtOrderEndForm(endedOn: day(0), reason: "replaced", note: "Interim care order"),
                expectedVersion: 2, context: s.ctx(s.w.alice))
            #expect(ended.status(today: Synthetic.today) == .ended && ended.endReason == .replaced)
            let chronology = try await s.store.chronology(of: s.child, kinds: [.court], context: s.ctx(s.w.alice))
            #expect(
                chronology.map(\.title) == [
                    "Emergency protection order: granted", "Emergency protection order extended",
                    "Emergency protection order ended",
                ])
            let audited = try await s.store.audit.entries(forPerson: s.child).filter {
                $0.event.entityType == "court_order" && $0.event.action != .read
            }.sorted { $0.seq < $1.seq }
            #expect(audited.map(\.event.action) == [.create, .update, .update])
            #expect(audited.allSatisfy { $0.event.entityId == order.id })
        }
    }

    @Test(
        "Beyond the legal maximum, beyond the extensions allowed, or stale: refused and nothing written",
        arguments: TestBackend.all)
    func refusalsWriteNothing(_ backend: TestBackend) async throws {
        try await withServices(backend) { s in
            let before = try await footprint(s)
            let tooLong = await expectRefusal(.invalid) {
                try await s.store.applyForOrder(
                    s.child,
                    CourtOrderForm(
                        kind: "emergency_protection", appliedOn: day(0), court: "Family Court", applicant: "Council",
                        outcome: "granted", outcomeOn: day(0), expiresOn: day(9)), context: s.ctx(s.w.alice))
            }
            #expect(tooLong?.fields == ["expiresOn"])
            #expect(tooLong?.message.contains("8 days") == true)
            let interim = await expectRefusal(.invalid) {
                try await s.store.applyForOrder(
                    s.child,
                    CourtOrderForm(
                        kind: "interim_care", appliedOn: day(0), court: "Family Court", applicant: "Council",
                        policeProtectionId: UUID().uuidString), context: s.ctx(s.w.alice))
            }
            #expect(interim?.fields == ["policeProtectionId", "proceedingsId"])
            #expect(try await footprint(s) == before)
            let order = try await epo(s)
            let written = try await footprint(s)
            let beyond = await expectRefusal(.invalid) {
                try await s.store.extendOrder(
                    order.id, CourtOrderExtensionForm(extendedOn: day(0), newExpiresOn: day(14), reason: "More time"),
                    expectedVersion: 1, context: s.ctx(s.w.alice))
            }
            #expect(beyond?.fields == ["newExpiresOn"])
            _ = try await s.store.extendOrder(
                order.id, CourtOrderExtensionForm(extendedOn: day(0), newExpiresOn: day(8), reason: "More time"),
                expectedVersion: 1, context: s.ctx(s.w.alice))
            let afterOne = try await footprint(s)
            let twice = await expectRefusal(.conflict) {
                try await s.store.extendOrder(
                    order.id, CourtOrderExtensionForm(extendedOn: day(0), newExpiresOn: day(9), reason: "Again"),
                    expectedVersion: 2, context: s.ctx(s.w.alice))
            }
            #expect(twice?.message.contains("once only") == true)
            let stale = await expectRefusal(.conflict) {
                try await s.store.endOrder(
                    order.id, CourtOrderEndForm(endedOn: day(0), reason: "discharged"), expectedVersion: 1,
                    context: s.ctx(s.w.alice))
            }
            #expect(stale?.message.contains("Someone else changed this order") == true)
            #expect(try await footprint(s) == afterOne)
            #expect(written["court_order_extensions"] == afterOne["court_order_extensions"]! - 1)
            let stored = try await s.store.courtOrder(order.id, context: s.ctx(s.w.alice))
            #expect(stored.version == 2 && stored.endedOn == nil && stored.expiresOn == Synthetic.today.adding(days: 8))
        }
    }

    @Test(
        "Care proceedings run to 26 weeks with hearings, extensions, and a conclusion that ends interim orders",
        arguments: TestBackend.all)
    func careProceedings(_ backend: TestBackend) async throws {
        try await withServices(backend) { s in
            let p = try await issue(s)
            #expect(p.dueOn(s.store.ruleset.court) == Synthetic.today.adding(days: 84))
            #expect(p.parties.map(\.role) == [.child, .mother] && p.version == 1)
            let interim = try await s.store.applyForOrder(
                s.child,
                CourtOrderForm(
                    kind: "interim_care", appliedOn: day(-98), court: "Family Court", applicant: "Council",
                    proceedingsId: p.id.uuidString, outcome: "granted", outcomeOn: day(-98)), context: s.ctx(s.w.alice))
            #expect(interim.expiresOn == nil && interim.proceedingsId == p.id, "it runs until the proceedings end")
            let before = try await footprint(s)
            let early = await expectRefusal(.invalid) {
                try await s.store.addHearing(
                    to: p.id, HearingForm(kind: "case_management", heldOn: day(-99)), expectedVersion: 1,
                    context: s.ctx(s.w.alice))
            }
            #expect(early?.fields == ["heldOn"])
            #expect(try await footprint(s) == before)
            let cmh = try await s.store.addHearing(
                to: p.id, HearingForm(kind: "case_management", heldOn: day(-88), outcome: "Directions given"),
                expectedVersion: 1, context: s.ctx(s.w.alice))
            let irh = try await s.store.addHearing(
                to: p.id, HearingForm(kind: "issues_resolution", heldOn: day(4)), expectedVersion: cmh.version,
                context: s.ctx(s.w.alice))
            #expect(irh.hearings.map { $0.week(issuedOn: p.issuedOn) } == [2, 15])
            let staleHearing = await expectRefusal(.conflict) {
                try await s.store.addHearing(
                    to: p.id, HearingForm(kind: "other", heldOn: day(1)), expectedVersion: cmh.version,
                    context: s.ctx(s.w.alice))
            }
            #expect(staleHearing?.message.contains("Someone else changed these proceedings") == true)
            let extended = try await s.store.extendProceedings(
                p.id, TimetableExtensionForm(grantedOn: day(0), weeks: 4, reason: "Expert report delayed"),
                expectedVersion: irh.version, context: s.ctx(s.w.alice))
            #expect(extended.dueOn(s.store.ruleset.court) == Synthetic.today.adding(days: 112))
            // Concluding while the IRH is still listed after the date is refused; after it, allowed.
            let listedAfter = await expectRefusal(.conflict) {
                try await s.store.concludeProceedings(
                    p.id, ConclusionForm(concludedOn: day(0), conclusion: "Care order"),
                    expectedVersion: extended.version,
                    context: s.ctx(s.w.alice))
            }
            #expect(listedAfter?.message.contains("comes after that date") == true)
            try await s.w.env.execute(
                "UPDATE hearings SET held_on = '\(day(-1))' WHERE kind = 'issues_resolution'")
            let concluded = try await s.store.concludeProceedings(
                p.id, ConclusionForm(concludedOn: day(0), conclusion: "Care order made"),
                expectedVersion: extended.version,
                context: s.ctx(s.w.alice))
            #expect(concluded.concludedOn == Synthetic.today)
            let after = try await s.store.courtOrder(interim.id, context: s.ctx(s.w.alice))
            #expect(after.endedOn == Synthetic.today && after.endReason == .proceedingsConcluded)
            let onConcluded = await expectRefusal(.conflict) {
                try await s.store.extendProceedings(
                    p.id, TimetableExtensionForm(grantedOn: day(0), weeks: 2, reason: "r"),
                    expectedVersion: concluded.version, context: s.ctx(s.w.alice))
            }
            #expect(onConcluded?.message.contains("concluded") == true)
            let finalAfter = await expectRefusal(.conflict) {
                try await s.store.addHearing(
                    to: p.id, HearingForm(kind: "final", heldOn: day(3)), expectedVersion: concluded.version,
                    context: s.ctx(s.w.alice))
            }
            #expect(finalAfter?.message.contains("belongs to new proceedings") == true)
            let titles = try await s.store.chronology(of: s.child, kinds: [.court], context: s.ctx(s.w.alice)).map(
                \.title)
            #expect(titles.contains("Care proceedings issued (ZZ26C00412)"))
            #expect(titles.contains("Case management hearing (ZZ26C00412)"))
            #expect(titles.contains("Care proceedings concluded (ZZ26C00412)"))
            #expect(titles.contains("Interim care order ended"))
        }
    }

    @Test(
        "Due lists hold the order's expiry, the timetable's end and the next hearing, for social care only",
        arguments: TestBackend.all)
    func dueItems(_ backend: TestBackend) async throws {
        try await withServices(backend) { s in
            _ = try await epo(s, decided: -6)  // expires in two days
            let p = try await issue(s, daysAgo: 180)  // the 26 weeks end in two days
            _ = try await s.store.addHearing(
                to: p.id, HearingForm(kind: "issues_resolution", heldOn: day(1)), expectedVersion: 1,
                context: s.ctx(s.w.alice))
            let lines = try await s.store.dueList(.team, context: s.ctx(s.w.alice))
            let court = lines.filter { $0.courtOrderId != nil || $0.proceedingsId != nil }
            #expect(court.count == 3)
            #expect(court.contains { $0.item.what.hasPrefix("Emergency protection order expires") })
            #expect(court.contains { $0.item.what == "Care proceedings ZZ26C00412: the timetable ends" })
            #expect(court.contains { $0.item.what == "Issues resolution hearing (ZZ26C00412)" })
            #expect(court.allSatisfy { $0.child.id == s.child })
            // Another team's worker sees none of them; nor does a police officer who holds a grant.
            let carol = try await s.store.dueList(.service, context: s.ctx(s.w.carol))
            #expect(!carol.contains { $0.courtOrderId != nil || $0.proceedingsId != nil })
            try await grant(s, s.w.officer)
            let police = try await s.store.dueList(.service, context: s.ctx(s.w.officer))
            #expect(!police.contains { $0.courtOrderId != nil || $0.proceedingsId != nil })
        }
    }

    func grant(_ s: ServicesWorld, _ user: User) async throws {
        try await s.w.env.execute(
            """
            INSERT INTO access_grants (id, person_id, user_id, can_edit, reason, granted_at)
            VALUES ('\(UUID().uuidString)', '\(s.child.uuidString)', '\(user.id.uuidString)', 0,
                    'joint working', '\(Timestamp.string(testNow))')
            """)
    }

    @Test(
        "Another team's worker gets the one 404, a partner a 403, the police the orders only; each refusal audited",
        arguments: TestBackend.all)
    func access(_ backend: TestBackend) async throws {
        try await withServices(backend) { s in
            let order = try await epo(s)
            let p = try await issue(s)
            let before = try await footprint(s)
            let seq = try await s.lastSeq()
            // Another team: not found, whether the record exists or not, on reads and writes.
            for id in [order.id, p.id] {
                let hidden = await expectRefusal(.notFound) {
                    try await s.store.careProceedings(id, context: s.ctx(s.w.carol))
                }
                #expect(hidden?.message == AccessPolicy.noVisibleRecord)
            }
            await expectRefusal(.notFound) { try await s.store.courtRecord(of: s.child, context: s.ctx(s.w.carol)) }
            await expectRefusal(.notFound) {
                try await s.store.extendOrder(
                    order.id, CourtOrderExtensionForm(extendedOn: day(0), newExpiresOn: day(8), reason: "r"),
                    expectedVersion: 1, context: s.ctx(s.w.carol))
            }
            await expectRefusal(.notFound) { try await s.store.courtOrder(UUID(), context: s.ctx(s.w.alice)) }
            // The school's lead holds a read grant on the child: the court record is refused in words.
            let partner = await expectRefusal(.forbidden) {
                try await s.store.courtRecord(of: s.child, context: s.ctx(s.school))
            }
            #expect(partner?.message.contains("children's social care and the police") == true)
            await expectRefusal(.forbidden) { try await s.store.careProceedings(p.id, context: s.ctx(s.school)) }
            // The lead may see the child, so the refusal to write explains itself (403), as for any record.
            await expectRefusal(.forbidden) {
                try await s.store.applyForOrder(
                    s.child, CourtOrderForm(kind: "care", appliedOn: day(0), court: "C", applicant: "A"),
                    context: s.ctx(s.school))
            }
            // A police officer who may open the child reads its orders, never the proceedings.
            try await grant(s, s.w.officer)
            let seen = try await s.store.courtRecord(of: s.child, context: s.ctx(s.w.officer))
            #expect(seen.orders.map(\.id) == [order.id] && seen.proceedings.isEmpty && !seen.seesProceedings)
            #expect(!seen.canRecord)
            await expectRefusal(.forbidden) { try await s.store.careProceedings(p.id, context: s.ctx(s.w.officer)) }
            let policeChronology = try await s.store.chronology(
                of: s.child, kinds: [.court], context: s.ctx(s.w.officer))
            #expect(policeChronology.map(\.title) == ["Emergency protection order: granted"])
            #expect(try await footprint(s) == before)
            #expect(try await s.denials(by: s.w.carol, after: seq) >= 4)
            #expect(try await s.denials(by: s.school, after: seq) == 3)
            #expect(try await s.denials(by: s.w.officer, after: seq) == 1)
            // The reads that were allowed are audited against the child.
            let reads = try await s.store.audit.entries(forPerson: s.child).filter {
                $0.seq > seq && $0.event.actorId == s.w.officer.id && $0.event.action == .read
            }
            #expect(reads.contains { $0.event.entityType == "court_record" })
        }
    }

    @Test(
        "Pre-proceedings: the letter, the meeting with who attended, the outcome; stale is a 409",
        arguments: TestBackend.all)
    func preProceedings(_ backend: TestBackend) async throws {
        try await withServices(backend) { s in
            let missing = await expectRefusal(.invalid) {
                try await s.store.startPreProceedings(
                    s.child, PreProceedingsForm(letterSentOn: day(-10), meetingOn: day(-11)), context: s.ctx(s.w.alice))
            }
            #expect(missing?.fields == ["meetingOn"])
            let stage = try await s.store.startPreProceedings(
                s.child, PreProceedingsForm(letterSentOn: day(-20)), context: s.ctx(s.w.alice))
            let met = try await s.store.updatePreProceedings(
                stage.id,
                PreProceedingsForm(
                    letterSentOn: day(-20), meetingOn: day(-10), attendees: "Mother, father, social worker",
                    outcome: "continue", outcomeOn: day(-10)), expectedVersion: 1, context: s.ctx(s.w.alice))
            #expect(met.outcome == .continuePreProceedings && met.version == 2)
            await expectRefusal(.conflict) {
                try await s.store.updatePreProceedings(
                    stage.id, PreProceedingsForm(letterSentOn: day(-20)), expectedVersion: 1, context: s.ctx(s.w.alice))
            }
            let titles = try await s.store.chronology(of: s.child, kinds: [.court], context: s.ctx(s.w.alice)).map(
                \.title)
            #expect(titles == ["Letter before proceedings sent", "Pre-proceedings meeting"])
        }
    }
}
