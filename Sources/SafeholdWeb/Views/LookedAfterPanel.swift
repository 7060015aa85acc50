import Foundation
import SafeholdCore
import SafeholdStore

/// The child's looked-after status on their page: the open period (what a plan look-up reports),
/// earlier periods, and the forms to start or end one for those who may edit the record.
struct LookedAfterPanel {
    struct Period { let status: String; let from: String; let to: String }

    let open: Period?
    let isOpen: Bool
    let earlier: [Period]
    let hasEarlier: Bool
    let canEdit: Bool
    let startAction: String
    let endAction: String
    let statuses: [Option]
    let today: String

    init(_ record: PersonRecord, canEdit: Bool, today: LocalDate) {
        let periods = record.lookedAfter.map {
            Period(status: $0.status.label, from: $0.startedOn.display, to: $0.endedOn?.display ?? "now")
        }
        let openIndex = record.lookedAfter.firstIndex { $0.endedOn == nil }
        open = openIndex.map { periods[$0] }
        isOpen = open != nil
        earlier = periods.enumerated().filter { $0.offset != openIndex }.map(\.element)
        hasEarlier = !earlier.isEmpty
        self.canEdit = canEdit
        startAction = SiteRoute.lookedAfter(record.person.id).path
        endAction = SiteRoute.endLookedAfter(record.person.id).path
        statuses = Option.list(LookedAfterStatus.allCases.map { ($0.rawValue, $0.label) }, selected: [])
        self.today = today.description
    }
}
