import Foundation

/// What a child's case is, for weighing a worker's caseload (the most demanding stage the child is at).
public enum CaseStage: String, CaseIterable, Codable, Sendable {
    case contact, assessment, childInNeed = "child_in_need", protectionPlan = "protection_plan"
    case lookedAfter = "looked_after"

    public var label: String {
        switch self {
        case .contact: "Contact awaiting a decision"
        case .assessment: "Assessment"
        case .childInNeed: "Child in need"
        case .protectionPlan: "Child protection plan"
        case .lookedAfter: "Looked after"
        }
    }
}

/// How much each child weighs in a caseload, as data a service can change.
public struct CaseloadWeighting: Hashable, Sendable {
    /// The weight of one child at each stage.
    public let stageWeights: [CaseStage: Double]
    /// The share of its weight each child after the first of a sibling group allocated to the same
    /// worker counts for (a large sibling group weighs less per child: much of the work is shared).
    public let additionalSiblingShare: Double
    /// The weighted caseload a full-time worker is expected to carry; above it the team view warns.
    public let capacity: Double

    public init(stageWeights: [CaseStage: Double], additionalSiblingShare: Double, capacity: Double) {
        self.stageWeights = stageWeights
        self.additionalSiblingShare = additionalSiblingShare
        self.capacity = capacity
    }

    /// The weight of one child at `stage` (1 for a stage the table leaves out).
    public func weight(of stage: CaseStage) -> Double { stageWeights[stage] ?? 1 }

    /// The weight of a sibling group allocated to one worker: the heaviest child counts in full, each
    /// other child its weight times `additionalSiblingShare`.
    public func weight(ofSiblings stages: [CaseStage]) -> Double {
        let weights = stages.map(weight(of:)).sorted(by: >)
        guard let first = weights.first else { return 0 }
        return first + weights.dropFirst().reduce(0) { $0 + $1 * additionalSiblingShare }
    }

    /// A child protection plan or a looked-after child weighs half as much again as a child in need;
    /// each further sibling counts for 60%; about 20 children in need make a full caseload.
    public static let england = CaseloadWeighting(
        stageWeights: [
            .contact: 0.5, .assessment: 1.0, .childInNeed: 1.0, .protectionPlan: 1.5, .lookedAfter: 1.5,
        ],
        additionalSiblingShare: 0.6, capacity: 22)
}
