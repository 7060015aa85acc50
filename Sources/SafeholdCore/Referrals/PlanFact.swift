import Foundation

/// What one recorded step says about which plans are open, decoded on its own.
///
/// Caseloads and the workforce dashboard need each held child's open plans, for thousands of children at
/// once; decoding whole steps (a conference's attendees, the child's views) to learn that cost most of an
/// every-team dashboard. This reads only the step's kind, the plan a plan ending names and a conference's
/// decision, and `openPlans` folds them exactly as `EpisodeState` does (tested against it).
public enum PlanFact: Decodable, Hashable, Sendable {
    case started(PlanKind)
    case ended(plan: UUID)
    case conference(ConferenceDecision)
    case other

    private enum Envelope: String, CodingKey { case planStarted, planEnded, conference }
    private enum Field: String, CodingKey { case kind, plan, decision }

    public init(from decoder: any Decoder) throws {
        let envelope = try decoder.container(keyedBy: Envelope.self)
        if envelope.contains(.planStarted) {
            let fields = try envelope.nestedContainer(keyedBy: Field.self, forKey: .planStarted)
            self = .started(try fields.decode(PlanKind.self, forKey: .kind))
        } else if envelope.contains(.planEnded) {
            let fields = try envelope.nestedContainer(keyedBy: Field.self, forKey: .planEnded)
            self = .ended(plan: try fields.decode(UUID.self, forKey: .plan))
        } else if envelope.contains(.conference) {
            let fields = try envelope.nestedContainer(keyedBy: Field.self, forKey: .conference)
            self = .conference(try fields.decode(ConferenceDecision.self, forKey: .decision))
        } else {
            self = .other
        }
    }

    /// The kinds of plan still open after an episode's facts, given in the order they were recorded
    /// (each with its step's id, which is the plan's id for a plan that started).
    public static func openPlans(_ facts: [(step: UUID, fact: PlanFact)]) -> Set<PlanKind> {
        var open: [(id: UUID, kind: PlanKind)] = []
        for (step, fact) in facts {
            switch fact {
            case .started(let kind): open.append((step, kind))
            case .ended(let plan):
                if let i = open.lastIndex(where: { $0.id == plan }) { open.remove(at: i) }
            case .conference(.endPlan):
                if let i = open.lastIndex(where: { $0.kind == .childProtection }) { open.remove(at: i) }
            case .conference, .other: break
            }
        }
        return Set(open.map(\.kind))
    }
}
