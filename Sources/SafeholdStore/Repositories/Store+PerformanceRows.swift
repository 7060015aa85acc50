import Foundation
import SQLKit
import SafeholdCore

/// The performance dashboard's rows made into histories, and who holds each child.
extension Store {
    /// Histories from step rows (in child and episode order) and contact rows, each with its holder, in the
    /// order the children first appear.
    func performanceHistories(
        steps: [any SQLRow], contacts: [any SQLRow], holders: [UUID: (team: UUID?, worker: UUID?)]
    ) throws -> [(PerformanceHistory, (team: UUID?, worker: UUID?))] {
        var histories: [UUID: PerformanceHistory] = [:]
        var order: [UUID] = []
        func history(_ person: UUID) -> PerformanceHistory {
            if let found = histories[person] { return found }
            order.append(person)
            return PerformanceHistory(personId: person)
        }
        let decoder = JSONDecoder()
        var current: (id: UUID, person: UUID, referral: LocalDate, closed: LocalDate?, steps: [PerformanceStep])?
        func flush() {
            guard let e = current else { return }
            var h = history(e.person)
            h.episodes.append(.init(id: e.id, referralDate: e.referral, closedOn: e.closed, steps: e.steps))
            histories[e.person] = h
            current = nil
        }
        var episodeText = ""
        for row in steps {
            let text = try row.string("episode_id")
            if text != episodeText {
                flush()
                episodeText = text
                current = try (
                    row.uuid("episode_id"), row.uuid("person_id"), row.date("referral_date"),
                    row.optionalDate("closed_on"), []
                )
            }
            if let stepId = try row.optionalUUID("step_id") {
                current?.steps.append(try Self.performanceStep(stepId, row, decoder: decoder))
            }
        }
        flush()
        for row in contacts {
            let person = try row.uuid("person_id")
            var h = history(person)
            let receivedOn = try row.date("received_on")
            let decidedAt = try row.optionalTimestamp("decided_at")
            h.contacts.append(.init(receivedOn: receivedOn, decidedOn: decidedAt.map { ruleset.date(of: $0) }))
            histories[person] = h
        }
        return order.compactMap { person in
            histories[person].map { ($0, holders[person] ?? (nil, nil)) }
        }
    }

    /// One step's reading: the kinds whose date is all the measures need come without their payload.
    private static func performanceStep(
        _ id: UUID, _ row: any SQLRow, decoder: JSONDecoder
    ) throws -> PerformanceStep {
        let seen = try row.optionalInt("seen")
        switch try row.string("kind") {
        case "visit" where seen != nil:
            return PerformanceStep(
                id: id, fact: .other,
                seen: seen == 0 ? nil : PerformanceStep.SeenVisit(on: try row.date("occurred_on"), alone: seen == 2))
        case "assessment_started":
            return PerformanceStep(id: id, fact: .assessmentStarted(on: try row.date("occurred_on")))
        case "strategy_discussion":
            return PerformanceStep(id: id, fact: .strategyDiscussion(on: try row.date("occurred_on")))
        default:
            do {
                return try PerformanceStep.stored(id: id, payload: try row.string("payload"), decoder: decoder)
            } catch let error as DecodingError {
                throw StoreError.corrupt("step \(id) holds JSON that is not a step: \(error)")
            }
        }
    }

    /// Who holds each child: a current allocation (one naming a worker first, then the latest), else the
    /// allocation that ended last.
    static func holders(_ rows: [any SQLRow]) throws -> [UUID: (team: UUID?, worker: UUID?)] {
        var best: [UUID: (rank: (Int, Int, String), team: UUID?, worker: UUID?)] = [:]
        for row in rows {
            let person = try row.uuid("person_id")
            let worker = try row.optionalUUID("worker_id")
            let ended = try row.optionalString("ended_at")
            // Current before ended; with a worker before without; then the latest change.
            let started = try row.string("started_at")
            let rank = (ended == nil ? 1 : 0, worker == nil ? 0 : 1, ended ?? started)
            if let found = best[person], found.rank >= rank { continue }
            best[person] = (rank, try row.optionalUUID("team_id"), worker)
        }
        return best.mapValues { (team: $0.team, worker: $0.worker) }
    }
}
