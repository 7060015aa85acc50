import Foundation
import SafeholdCore
import SafeholdStore

/// An order as the API shows it: the record, with its standing today, the days left and the legal limit.
struct CourtOrderDTO: Encodable {
    let order: CourtOrder
    let status: String
    let daysLeft: Int?
    let legalLimit: String

    init(_ order: CourtOrder, store: Store) {
        self.order = order
        status = order.status(today: store.today).rawValue
        daysLeft = order.outcome == .granted && order.endedOn == nil ? order.daysLeft(today: store.today) : nil
        legalLimit = store.ruleset.court.limit(order.kind).sentence
    }
}

/// Care proceedings as the API shows them: the record, the timetable's end, the current week, and the
/// week of each hearing.
struct ProceedingsDTO: Encodable {
    struct HearingWeek: Encodable { let hearingId: UUID; let week: Int }
    let proceedings: CareProceedings
    let dueOn: LocalDate
    let extensionWeeks: Int
    let currentWeek: Int
    let hearingWeeks: [HearingWeek]
    var orders: [CourtOrderDTO]? = nil

    init(_ p: CareProceedings, store: Store) {
        proceedings = p
        dueOn = p.dueOn(store.ruleset.court)
        extensionWeeks = p.extensionWeeks
        currentWeek = p.week(of: p.concludedOn ?? store.today)
        hearingWeeks = p.hearings.map { HearingWeek(hearingId: $0.id, week: $0.week(issuedOn: p.issuedOn)) }
    }

    init(_ record: ProceedingsRecord, store: Store) {
        self.init(record.proceedings, store: store)
        orders = record.orders.map { CourtOrderDTO($0, store: store) }
    }
}

/// A child's court record as the API shows it; the proceedings only to children's social care.
struct CourtRecordDTO: Encodable {
    let child: PersonSummary
    let orders: [CourtOrderDTO]
    let preProceedings: [PreProceedings]?
    let proceedings: [ProceedingsDTO]?

    init(_ record: CourtRecord, store: Store) {
        child = record.child
        orders = record.orders.map { CourtOrderDTO($0, store: store) }
        preProceedings = record.seesProceedings ? record.preProceedings : nil
        proceedings = record.seesProceedings ? record.proceedings.map { ProceedingsDTO($0, store: store) } : nil
    }
}
