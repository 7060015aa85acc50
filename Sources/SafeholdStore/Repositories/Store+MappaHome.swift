import Foundation
import SQLKit
import SafeholdCore

/// The MAPPA work a reader holds: nominals by level, reviews upcoming and overdue, overdue actions and
/// registered sex offenders' notifications due. The coordinator sees every profile; anyone else the
/// profiles `RiskAccess` lets them see (the offender manager's own, a panel's), and actions only of the
/// meetings whose minutes they read.
public struct MappaHome: Sendable {
    /// A profile with what is due on it.
    public struct Due: Sendable {
        public let profile: RiskProfile
        public let on: LocalDate
        public let label: String
        public let overdue: Bool
    }
    /// An action with the name of the person the plan is about.
    public struct ActionDue: Sendable {
        public let action: MappaAction
        public let personName: String
    }

    public let profiles: [RiskProfile]
    public let reviews: [Due]
    public let notifications: [Due]
    public let overdueActions: [ActionDue]
    /// Days ahead an upcoming review or notification is shown.
    public static let horizonDays = 28
}

private enum MappaHomeLine: Sendable {
    case profile(RiskProfile), action(MappaAction, UUID, String)

    var personId: UUID {
        switch self {
        case .profile(let p): p.personId
        case .action(_, let person, _): person
        }
    }
}

extension Store {
    /// The reader's MAPPA work, audited one entry per adult shown.
    public func mappaHome(context: AuditContext) async throws -> MappaHome {
        let today = self.today
        let lines = try await list("mappa_home", detail: "MAPPA home", context: context, people: { [$0.personId] }) {
            db, scope in
            let visible = Self.riskSQL(RiskAccess.scope(for: scope.actor, .view))
            let profiles = try await db.raw(
                """
                \(unsafeRaw: Self.riskProfileSelect) WHERE \(visible)
                ORDER BY rp.mappa_level DESC, p.family_name, p.given_name, rp.id LIMIT 1000
                """
            ).all().map { MappaHomeLine.profile(try Self.riskProfile($0)) }
            let minutes = Self.riskSQL(RiskAccess.scope(for: scope.actor, .readMinutes), meeting: "m")
            let rows = try await db.raw(
                """
                SELECT a.id FROM mappa_actions a JOIN mappa_meetings m ON m.id = a.meeting_id
                WHERE a.status IN ('open', 'in_progress') AND a.due_on < \(bind: today.description) AND \(minutes)
                ORDER BY a.due_on LIMIT 500
                """
            ).all()
            let ids = try rows.map { try $0.uuid("id").db }
            guard !ids.isEmpty else { return profiles }
            let actions = try await self.mappaActions(where: "a.id IN (\(binds: ids))", on: db)
            let people = try await db.raw(
                """
                SELECT rp.id, rp.person_id, p.given_name, p.family_name FROM risk_profiles rp
                JOIN persons p ON p.id = rp.person_id
                WHERE rp.id IN (\(binds: Array(Set(actions.map(\.profileId.db)))))
                """
            ).all()
            var names: [UUID: (UUID, String)] = [:]
            for row in people {
                let name = [try row.optionalString("given_name"), try row.string("family_name")].compactMap { $0 }
                names[try row.uuid("id")] = (try row.uuid("person_id"), name.joined(separator: " "))
            }
            return profiles
                + actions.compactMap { a in names[a.profileId].map { MappaHomeLine.action(a, $0.0, $0.1) } }
        }
        var profiles: [RiskProfile] = [], actions: [MappaHome.ActionDue] = []
        for line in lines {
            switch line {
            case .profile(let p): profiles.append(p)
            case .action(let a, _, let name): actions.append(MappaHome.ActionDue(action: a, personName: name))
            }
        }
        let horizon = today.adding(days: MappaHome.horizonDays)
        let reviews = profiles.compactMap { p -> MappaHome.Due? in
            guard let next = p.nextMeetingOn, p.mappaLevel?.meets == true, next <= horizon else { return nil }
            return MappaHome.Due(profile: p, on: next, label: "MAPPA review", overdue: next < today)
        }.sorted { $0.on < $1.on }
        let notifications = profiles.flatMap { p in
            p.notificationsDue(ruleset.risk, ruleset: ruleset).filter { $0.dueOn <= horizon }.map {
                MappaHome.Due(profile: p, on: $0.dueOn, label: $0.kind.label, overdue: $0.dueOn < today)
            }
        }.sorted { $0.on < $1.on }
        return MappaHome(profiles: profiles, reviews: reviews, notifications: notifications, overdueActions: actions)
    }
}
