import Foundation
import SQLKit
import SafeholdCore

/// What an agency sees of the sharing record: what was shared with it and its own requests with answers.
public struct SharedWithUs: Sendable {
    public let disclosures: [SharedWithAgency]
    public let requests: [InformationRequest]
}

/// The data protection officer's register: disclosures, decisions and requests across the service.
public struct SharingRegister: Sendable {
    public let disclosures: [Disclosure]
    public let requests: [InformationRequest]
}

/// One line of either list, so that one `list` audits every child shown.
private enum SharingLine: Sendable {
    case shared(SharedWithAgency), disclosure(Disclosure), request(InformationRequest)

    var personId: UUID {
        switch self {
        case .shared(let s): s.personId
        case .disclosure(let d): d.personId
        case .request(let r): r.personId
        }
    }
}

extension Store {
    /// What was shared with the actor's agency (what, when, by whom, on which basis; never the records
    /// linked or the reasons) and the agency's own requests with their answers; audited against every
    /// child shown. Refused to roles that receive nothing (unscheduled care, analysts, administrators).
    public func sharedWithUs(context: AuditContext, limit: Int = 500) async throws -> SharedWithUs {
        guard let actor = context.actor else { throw SafeholdError.unauthenticated("Sign in first.") }
        guard let agency = SharingAccess.receivingAgency(actor) else {
            let reason = "Your role (\(actor.role.label)) does not receive information shared with an agency."
            try await audit.recordReads([context.event(.denied, "shared_with_us", detail: reason)])
            throw SafeholdError.forbidden(reason)
        }
        let lines = try await list(
            "shared_with_us", detail: "agency \(agency.text)", context: context, people: { [$0.personId] }
        ) { db, _ -> [SharingLine] in
            let shared = try await db.raw(
                """
                SELECT d.id, d.person_id, d.what, d.shared_on, d.recorded_by_name, d.recipient_name, d.decision,
                    d.recipient_agency_id, u.display_name AS recipient_user_name, p.given_name, p.family_name,
                    b.label AS basis_label
                FROM disclosures d JOIN persons p ON p.id = d.person_id
                JOIN lawful_bases b ON b.code = d.lawful_basis LEFT JOIN users u ON u.id = d.recipient_user_id
                WHERE d.recipient_agency_id = \(bind: agency.db) AND d.decision = 'disclosed'
                ORDER BY d.shared_on DESC, d.recorded_at DESC LIMIT \(literal: limit)
                """
            ).all().filter {
                SharingAccess.agencySees(
                    actor, recipientAgency: try $0.uuid("recipient_agency_id"), decision: try $0.code("decision"))
            }.map { row in
                SharingLine.shared(
                    SharedWithAgency(
                        id: try row.uuid("id"), personId: try row.uuid("person_id"), childName: try Self.childName(row),
                        what: try row.string("what"), sharedOn: try row.date("shared_on"),
                        sharedBy: try row.string("recorded_by_name"),
                        recipientName: try row.optionalString("recipient_user_name")
                            ?? row.optionalString("recipient_name"),
                        lawfulBasis: try row.string("basis_label")))
            }
            let requests = try await self.informationRequests(
                where: "r.agency_id = \(bind: agency.db)", limit: limit, on: db
            ).filter { SharingAccess.agencySees(actor, requestingAgency: $0.agencyId) }
            return shared + requests.map(SharingLine.request)
        }
        return SharedWithUs(
            disclosures: lines.compactMap { if case .shared(let s) = $0 { s } else { nil } },
            requests: lines.compactMap { if case .request(let r) = $0 { r } else { nil } })
    }

    /// The register of every disclosure, decision and request across the service, narrowed by `filter`:
    /// the data protection officer and auditors only; audited against every child shown.
    public func sharingRegister(
        _ filter: SharingRegisterFilter, context: AuditContext, limit: Int = 500
    ) async throws -> SharingRegister {
        guard let actor = context.actor else { throw SafeholdError.unauthenticated("Sign in first.") }
        if case .denied(let reason) = SharingAccess.mayReadRegister(actor) {
            try await audit.recordReads([context.event(.denied, "sharing_register", detail: reason)])
            throw SafeholdError.forbidden(reason)
        }
        var disclosed: [SQLQueryString] = ["1 = 1"]
        var asked: [SQLQueryString] = ["1 = 1"]
        if let from = filter.from {
            disclosed.append("d.shared_on >= \(bind: from.description)")
            asked.append("r.received_on >= \(bind: from.description)")
        }
        if let to = filter.to {
            disclosed.append("d.shared_on <= \(bind: to.description)")
            asked.append("r.received_on <= \(bind: to.description)")
        }
        if let agency = filter.agencyId {
            disclosed.append("d.recipient_agency_id = \(bind: agency.db)")
            asked.append("r.agency_id = \(bind: agency.db)")
        }
        if let decision = filter.decision { disclosed.append("d.decision = \(bind: decision.rawValue)") }
        if let basis = filter.lawfulBasis { disclosed.append("d.lawful_basis = \(bind: basis)") }
        let byBasisOrDecision = filter.decision != nil || filter.lawfulBasis != nil
        let (disclosedWhere, askedWhere) = (disclosed.joined(separator: " AND "), asked.joined(separator: " AND "))
        let lines = try await list(
            "sharing_register", detail: "register \(String(describing: filter))", context: context,
            people: { [$0.personId] }
        ) { db, _ -> [SharingLine] in
            let disclosures = try await self.disclosures(
                where: disclosedWhere, limit: limit, on: db)
            // A filter on the decision or basis is about disclosures; requests carry neither.
            let requests =
                byBasisOrDecision
                ? [] : try await self.informationRequests(where: askedWhere, limit: limit, on: db)
            return disclosures.map(SharingLine.disclosure) + requests.map(SharingLine.request)
        }
        return SharingRegister(
            disclosures: lines.compactMap { if case .disclosure(let d) = $0 { d } else { nil } },
            requests: lines.compactMap { if case .request(let r) = $0 { r } else { nil } })
    }
}
