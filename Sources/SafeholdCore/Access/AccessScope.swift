import Foundation

/// A condition on a person's record, in terms of its relationships. The policy produces one per
/// actor and action; Core evaluates it against one record, the store compiles it into SQL that
/// scopes every list, so a list can never show what the record page would refuse.
public indirect enum AccessScope: Hashable, Sendable {
    case nobody
    case everyone
    /// The user is an allocated worker.
    case allocatedWorker(UUID)
    /// The team is allocated the record.
    case allocatedTeam(UUID)
    /// The user holds an explicit grant (one that allows editing, when `edit` is true).
    case granted(UUID, edit: Bool)
    /// The record is not restricted.
    case unrestricted
    /// A contact about the child awaits the front door's decision.
    case awaitingTriage
    /// The police team runs a joint investigation of the child whose section 47 enquiry is open.
    case jointEnquiry(UUID)
    /// The person is the subject of an allegation against someone who works with children.
    case allegationSubject
    /// The person is not the subject of any allegation.
    case notAllegationSubject
    /// The user is not recorded as this person, the subject of an allegation about them.
    case notSubjectUser(UUID)
    case all([AccessScope])
    case any([AccessScope])

    /// Whether a record with these facts is inside the scope.
    public func matches(_ facts: RecordAccessFacts) -> Bool {
        switch self {
        case .nobody: false
        case .everyone: true
        case .allocatedWorker(let id): facts.allocatedWorkerIds.contains(id)
        case .allocatedTeam(let id): facts.allocatedTeamIds.contains(id)
        case .granted(let id, let edit): facts.grants[id].map { edit ? $0 : true } ?? false
        case .unrestricted: !facts.restricted
        case .awaitingTriage: facts.awaitingTriage
        case .jointEnquiry(let team): facts.jointEnquiryTeamIds.contains(team)
        case .allegationSubject: facts.allegationSubject
        case .notAllegationSubject: !facts.allegationSubject
        case .notSubjectUser(let user): !facts.subjectUserIds.contains(user)
        case .all(let scopes): scopes.allSatisfy { $0.matches(facts) }
        case .any(let scopes): scopes.contains { $0.matches(facts) }
        }
    }
}
