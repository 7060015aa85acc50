import Foundation
import SQLKit
import SafeholdCore

extension Store {
    /// How `actor` may see each of the investigations `ids` (absent: not at all), decided exactly as
    /// for the investigation's own page: `AccessPolicy.decidePoliceRecord` on its holding team and the
    /// facts of every child on it.
    func policeViews(
        investigations ids: [UUID], actor: Actor, on db: any SQLDatabase
    ) async throws -> [UUID: PoliceRecordView] {
        var facts: [UUID: RecordAccessFacts] = [:]
        var views: [UUID: PoliceRecordView] = [:]
        for id in ids {
            guard let owner = try await owner(of: .investigation(id), on: db) else { continue }
            var children: [RecordAccessFacts] = []
            for child in try await resolve(.investigation(id), on: db) {
                if facts[child] == nil { facts[child] = try await self.facts(child, on: db) }
                children.append(facts[child]!)
            }
            views[id] = policy.decidePoliceRecord(actor, .view, owner: owner, children: children).view
        }
        return views
    }

    /// How `actor` may see a police protection held by `owner` of a child with `facts`, as for the
    /// protection's own page (nil: not at all).
    func policeView(
        protectionHeldBy owner: RecordOwner, childFacts facts: RecordAccessFacts, actor: Actor
    ) -> PoliceRecordView? {
        policy.decidePoliceRecord(actor, .view, owner: owner, children: [facts]).view
    }
}
