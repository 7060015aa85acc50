import Foundation
import SQLKit
import SafeholdCore

/// The panels of a child's page (a child or an unborn child) that are read with the record, each only for a reader
/// the page offers it to; an adult's page has none.
public struct PersonPagePanels: OptionSet, Sendable {
    public let rawValue: Int
    public init(rawValue: Int) { self.rawValue = rawValue }

    /// The episodes' documents (listed only when the child has an episode).
    public static let documents = PersonPagePanels(rawValue: 1 << 0)
    public static let oversight = PersonPagePanels(rawValue: 1 << 1)
    public static let bodyMaps = PersonPagePanels(rawValue: 1 << 2)
    public static let allocation = PersonPagePanels(rawValue: 1 << 3)
    public static let sharing = PersonPagePanels(rawValue: 1 << 4)
}

/// A person's page: the record and the panels asked for (nil when not asked, or for an adult).
public struct PersonPageRecord: Sendable {
    public let record: PersonRecord
    public var documents: [Document]?
    public var oversight: [OversightEntry]?
    public var bodyMaps: [BodyMap]?
    public var allocation: [AllocationEntry]?
    public var sharing: ChildSharingRecord?
}

extension Store {
    /// Reads a person's page in ONE pass of the policy: the record and its panels on one connection, under one
    /// decision on the facts read once, with the same audit entries the panels' own reads leave (the record, then
    /// each panel) written in one commit. A panel's own rule still applies (documents and body maps to those who
    /// may read documents, sharing to roles that work with the whole record): a panel refused refuses the page,
    /// as reading it alone would, and the refusal is audited. The panels' own reads (`oversight(of:)`,
    /// `bodyMaps(of:)`, ...) remain for their pages.
    public func openPersonPage(
        _ id: UUID, panels: PersonPagePanels, context: AuditContext
    ) async throws -> PersonPageRecord {
        try await act(on: .person(id), .view, "person", context: context) { db, access in
            var lists: PersonLists = []
            if panels.contains(.documents) { lists.insert(.documents) }
            if panels.contains(.oversight) { lists.insert(.oversight) }
            if panels.contains(.bodyMaps) { lists.insert(.bodyMaps) }
            if panels.contains(.sharing) { lists.formUnion([.disclosures, .informationRequests]) }
            let (record, present) = try await self.personRecord(id, access: access, probing: lists, on: db)
            access.audit(.read, "person")
            var page = PersonPageRecord(record: record)
            let kind = record.person.details.kind
            guard kind == .child || kind == .unborn else { return page }
            if panels.contains(.documents), !record.episodes.isEmpty {
                page.documents = try await self.documents(
                    on: .person(id), access: access, present: present.contains(.documents), on: db)
            }
            if panels.contains(.oversight) {
                page.oversight =
                    present.contains(.oversight) ? try await self.oversight(of: id, actor: access.actor, on: db) : []
                access.audit(.read, "management_oversight")
            }
            if panels.contains(.bodyMaps) {
                page.bodyMaps = try await self.bodyMaps(
                    of: id, access: access, present: present.contains(.bodyMaps), on: db)
                access.audit(.read, "body_maps")
            }
            if panels.contains(.allocation) {
                page.allocation = try await self.allocationHistory(of: id, on: db)
                access.audit(.read, "allocation")
            }
            if panels.contains(.sharing) {
                page.sharing = try await self.sharingRecord(
                    of: id, person: record.person, access: access, present: present, on: db)
                access.audit(.read, "disclosure")
            }
            return page
        }
    }
}
