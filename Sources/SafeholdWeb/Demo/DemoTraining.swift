import Foundation
import SafeholdCore
import SafeholdStore

/// The demo workforce's training histories, in the one register: social work registrations renewed each
/// year, specialist courses, the chair's chairing, the LADO's and MAPPA coordinator's accreditations, partners'
/// safeguarding level 3, some expiring within 90 days (the reminders and the team view show them). The one
/// expired entry is DS Bobbitt's ABE accreditation (`DemoPolice`, the e2e police journey refuses her as an
/// interviewer); DC Fairlie (`police.cait4`) holds no ABE accreditation at all. Loaded before the pipeline,
/// whose conferences are chaired by Chris Chairley (`chair1`), and before the police and LADO work.
enum DemoTraining {
    /// (username, course, completed days ago, expires in days (nil: the course's validity), provider)
    static let history: [(String, String, Int, Int?, String)] = [
        ("sw.north1", "swe_registration", 120, 245, "Social Work England"),
        ("sw.north1", "csa_specialist", 400, nil, "Regional Safeguarding Academy"),
        ("sw.north2", "swe_registration", 340, 25, "Social Work England"),
        ("sw.north3", "swe_registration", 30, 335, "Social Work England"),
        ("sw.north3", "csa_specialist", 1040, 55, "Regional Safeguarding Academy"),
        ("tm.north", "swe_registration", 200, 165, "Social Work England"),
        ("sw.south1", "swe_registration", 90, 275, "Social Work England"),
        ("sw.south1", "csa_specialist", 700, nil, "Regional Safeguarding Academy"),
        ("sw.south2", "swe_registration", 290, 75, "Social Work England"),
        ("tm.south", "swe_registration", 60, 305, "Social Work England"),
        ("sw.cin1", "swe_registration", 150, 215, "Social Work England"),
        ("tm.cin", "swe_registration", 180, 185, "Social Work England"),
        ("frontdoor1", "swe_registration", 100, 265, "Social Work England"),
        ("frontdoor2", "swe_registration", 45, 320, "Social Work England"),
        ("tm.mash", "swe_registration", 210, 155, "Social Work England"),
        ("chair1", "conference_chairing", 500, nil, "Northbridge Conference and Review Service"),
        ("chair1", "swe_registration", 20, 345, "Social Work England"),
        ("lado1", "lado", 400, nil, "National LADO Network"),
        ("mappa1", "mappa", 300, nil, "Probation Service Public Protection Unit"),
        ("police.cait1", "csa_specialist", 600, nil, "College of Policing (SCAIDP)"),
        ("police.cait2", "csa_specialist", 800, nil, "College of Policing (SCAIDP)"),
        ("police.cait3", "csa_specialist", 1050, 45, "College of Policing (SCAIDP)"),
        ("police.cait4", "csa_specialist", 200, nil, "College of Policing (SCAIDP)"),
        ("nurse.safeguarding", "safeguarding_l3", 1020, 75, "Northbridge Health Safeguarding Team"),
        ("hv1", "safeguarding_l3", 300, nil, "Northbridge Health Safeguarding Team"),
        ("dsl.riverside", "safeguarding_l3", 500, nil, "Northbridge Schools Safeguarding"),
        ("dsl.academy", "safeguarding_l3", 250, nil, "Northbridge Schools Safeguarding"),
        ("probation1", "safeguarding_l2", 400, nil, "Probation Service"),
    ]

    static func load(into store: Store, users: [String: User]) async throws {
        let today = store.today
        for (index, (name, course, ago, expires, provider)) in history.enumerated() {
            guard let user = users[name] else { continue }
            let context = AuditContext(system: "demo loader")
            _ = try await store.recordTraining(
                TrainingDraft(
                    course: course, completedOn: today.adding(days: -ago).description,
                    expiresOn: expires.map { today.adding(days: $0).description }, provider: provider,
                    evidenceReference: "DEMO-\(course.uppercased())-\(1000 + index)"),
                for: user.id, context: context)
        }
    }
}
