import Foundation

/// What the performance measures read about one child: the contacts about them and every episode of
/// need with its recorded steps (earlier episodes too, for re-referrals and second plans).
public struct PerformanceHistory: Sendable {
    /// One contact about the child: the day it came in and the day (UK date) it was decided, if it was.
    public struct ContactTiming: Hashable, Sendable {
        public let receivedOn: LocalDate
        public let decidedOn: LocalDate?

        public init(receivedOn: LocalDate, decidedOn: LocalDate?) {
            self.receivedOn = receivedOn
            self.decidedOn = decidedOn
        }
    }

    /// One episode of need with what its steps say, in the order they were recorded.
    public struct Episode: Sendable {
        public let id: UUID
        public let referralDate: LocalDate
        public let closedOn: LocalDate?
        public let steps: [PerformanceStep]

        public init(id: UUID, referralDate: LocalDate, closedOn: LocalDate?, steps: [PerformanceStep]) {
            self.id = id
            self.referralDate = referralDate
            self.closedOn = closedOn
            self.steps = steps
        }

        /// An episode from its steps decoded in full.
        public init(id: UUID, referralDate: LocalDate, closedOn: LocalDate?, steps: [RecordedStep]) {
            self.init(id: id, referralDate: referralDate, closedOn: closedOn, steps: steps.map(PerformanceStep.init))
        }
    }

    public let personId: UUID
    public var contacts: [ContactTiming]
    public var episodes: [Episode]

    public init(personId: UUID, contacts: [ContactTiming] = [], episodes: [Episode] = []) {
        self.personId = personId
        self.contacts = contacts
        self.episodes = episodes
    }
}
