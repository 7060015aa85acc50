import Foundation
import SQLKit
import SafeholdCore

/// A person's record as the API gives it: their details, whether the reader may edit them, the people
/// related to them as the reader may see them, and a linked child's warning. The page's panels
/// (episodes, the child's voice, police, services, history) have routes of their own.
public struct PersonDetailsRecord: Sendable {
    public let person: Person
    public let canEdit: Bool
    public let related: [RelatedPerson]
    /// A linked child's warning: a person who may pose a risk is linked; the named officers to contact.
    public let riskWarning: RiskWarning?
}

extension Store {
    /// Reads a person's details for the API, through `act` like the page (refused and audited alike
    /// without a relationship to the person, audited once when allowed), reading only what the answer
    /// carries: four statements and the shared audit commit rather than the page's fifteen and more.
    public func readPerson(_ id: UUID, context: AuditContext) async throws -> PersonDetailsRecord {
        try await act(on: .person(id), .view, "person", context: context) { db, access in
            guard let person = try await self.fetchPerson(id, on: db) else {
                throw SafeholdError.notFound(AccessPolicy.noVisibleRecord)
            }
            let isChild = person.details.kind == .child || person.details.kind == .unborn
            return PersonDetailsRecord(
                person: person, canEdit: access.may(.edit),
                related: try await self.relatedPeople(of: id, actor: access.actor, on: db),
                riskWarning: isChild ? try await self.riskWarning(for: id, on: db) : nil)
        }
    }

    /// A person and whether the reader may edit their record, for a page about them that shows no more of the record
    /// (the chronology): refused and audited as the record's own page, audited once as a read of the person when
    /// allowed, in two statements rather than the whole record's.
    public func personHeading(_ id: UUID, context: AuditContext) async throws -> (person: Person, canEdit: Bool) {
        try await act(on: .person(id), .view, "person", context: context) { db, access in
            guard let person = try await self.fetchPerson(id, on: db) else {
                throw SafeholdError.notFound(AccessPolicy.noVisibleRecord)
            }
            return (person, access.may(.edit))
        }
    }
}
