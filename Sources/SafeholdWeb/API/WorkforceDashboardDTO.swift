import Foundation
import SafeholdCore

/// The workforce dashboard as JSON: the same figures as the page, per team and per worker.
struct WorkforceFiguresDTO: Encodable {
    struct Worker: Encodable {
        let id: UUID, name: String, role: String, children: Int, weighted: Double, overCapacity: Bool
        let expectedCourses: Int, currentExpectedCourses: Int, expired: Int
        let expiringWithin30Days: Int, expiringWithin60Days: Int, expiringWithin90Days: Int
        let supervisionDue: String?, supervisionOverdue: Bool
    }
    struct Team: Encodable {
        let id: UUID, name: String, children: Int, weighted: Double, unallocated: Int
        let trainingCompliancePercent: Int?, supervisionOverdue: Int, welfareCheckIns: Int, workers: [Worker]
    }

    let today: String
    let welfareCountedSince: String
    let capacity: Double
    let teams: [Team]

    init(_ figures: WorkforceFigures) {
        today = figures.today.description
        welfareCountedSince = figures.since.description
        capacity = figures.capacity
        let day = figures.today
        teams = figures.teams.map { team in
            Team(
                id: team.id, name: team.name, children: team.children, weighted: team.weighted,
                unallocated: team.unallocated, trainingCompliancePercent: team.trainingCompliance,
                supervisionOverdue: team.workers.filter { $0.supervisionOverdue(on: day) }.count,
                welfareCheckIns: team.welfareCheckIns,
                workers: team.workers.map { w in
                    Worker(
                        id: w.id, name: w.name, role: w.role.rawValue, children: w.children, weighted: w.weighted,
                        overCapacity: w.weighted > figures.capacity, expectedCourses: w.expectedCourses,
                        currentExpectedCourses: w.currentExpectedCourses, expired: w.expired,
                        expiringWithin30Days: w.expiring(within: 30, of: day),
                        expiringWithin60Days: w.expiring(within: 60, of: day),
                        expiringWithin90Days: w.expiring(within: 90, of: day),
                        supervisionDue: w.supervisionDue?.description,
                        supervisionOverdue: w.supervisionOverdue(on: day))
                })
        }
    }
}
