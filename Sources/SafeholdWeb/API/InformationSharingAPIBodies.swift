import Foundation
import SafeholdCore
import SafeholdStore

/// The information-sharing API's bodies (every field optional, so that a missing one is refused by Core
/// naming it) and the shapes it answers with.
extension InformationSharingAPIController {
    struct RecordLink: Codable { let kind: String, id: String }

    struct DisclosureBody: Decodable {
        var decision: String?, what: String?, records: [RecordLink]?, recipientAgencyId: String?
        var recipientUserId: String?, recipientName: String?, sharedOn: String?, decisionMakerId: String?
        var lawfulBasis: String?, consent: String?, consentReason: String?, reasons: String?

        var input: SharingInput {
            SharingInput(
                [
                    "decision": decision, "what": what, "recipientAgencyId": recipientAgencyId,
                    "recipientUserId": recipientUserId, "recipientName": recipientName, "sharedOn": sharedOn,
                    "decisionMakerId": decisionMakerId, "lawfulBasis": lawfulBasis, "consent": consent,
                    "consentReason": consentReason, "reasons": reasons,
                ], records: (records ?? []).map { "\($0.kind):\($0.id)" })
        }
    }

    struct RequestBody: Decodable {
        let personId: String?, agencyId: String?, requesterName: String?, channel: String?, receivedOn: String?
        let what: String?, why: String?

        var input: SharingInput {
            SharingInput([
                "personId": personId, "agencyId": agencyId, "requesterName": requesterName, "channel": channel,
                "receivedOn": receivedOn, "what": what, "why": why,
            ])
        }
    }

    struct ResponseBody: Decodable {
        let version: Int?, outcome: String?, outcomeReason: String?
        /// The disclosure (or decision not to disclose) answering it; it goes to the requesting agency.
        let disclosure: DisclosureBody?
    }

    struct BasisDTO: Encodable {
        let code: String, label: String, reference: String, uses: [String], isConsent: Bool, active: Bool
        init(_ b: LawfulBasis) {
            (code, label, reference) = (b.code, b.label, b.reference)
            (uses, isConsent, active) = (b.uses.map(\.rawValue).sorted(), b.isConsent, b.active)
        }
    }

    struct DisclosureDTO: Encodable {
        let id: UUID, personId: UUID, childName: String, decision: String, what: String, records: [RecordLink]
        let recipientAgencyId: UUID, recipientAgency: String, recipientUserId: UUID?, recipientName: String?
        let sharedOn: String, recordedBy: String, recordedAt: Date, decisionMaker: String
        let lawfulBasis: String?, lawfulBasisLabel: String?, consent: String, consentReason: String?
        let reasons: String, requestId: UUID?

        init(_ d: Disclosure) {
            (id, personId, childName, decision, what) = (d.id, d.personId, d.childName, d.decision.rawValue, d.what)
            records = d.records.map { RecordLink(kind: $0.kind.rawValue, id: $0.id.text) }
            (recipientAgencyId, recipientAgency) = (d.recipientAgencyId, d.recipientAgency)
            (recipientUserId, recipientName) = (d.recipientUserId, d.recipientName)
            (sharedOn, recordedBy, recordedAt) = (d.sharedOn.description, d.recordedBy, d.recordedAt)
            (decisionMaker, lawfulBasis, lawfulBasisLabel) = (
                d.decisionMaker, d.lawfulBasis?.code, d.lawfulBasis?.label
            )
            (consent, consentReason, reasons, requestId) = (d.consent.rawValue, d.consentReason, d.reasons, d.requestId)
        }
    }

    struct RequestDTO: Encodable {
        let id: UUID, personId: UUID, childName: String, agencyId: UUID, agencyName: String, requesterName: String
        let channel: String, receivedOn: String, dueOn: String, what: String, why: String, recordedBy: String
        let version: Int, outcome: String?, outcomeReason: String?, disclosureId: UUID?, respondedAt: Date?
        let respondedBy: String?

        init(_ r: InformationRequest) {
            (id, personId, childName, agencyId, agencyName) = (r.id, r.personId, r.childName, r.agencyId, r.agencyName)
            (requesterName, channel, receivedOn) = (r.requesterName, r.channel.rawValue, r.receivedOn.description)
            (dueOn, what, why, recordedBy, version) = (r.dueOn.description, r.what, r.why, r.recordedBy, r.version)
            (outcome, outcomeReason, disclosureId) = (r.outcome?.rawValue, r.outcomeReason, r.disclosureId)
            (respondedAt, respondedBy) = (r.respondedAt, r.respondedBy)
        }
    }

    /// What a receiving agency sees of a disclosure made to it.
    struct SharedItemDTO: Encodable {
        let id: UUID, personId: UUID, childName: String, what: String, sharedOn: String, sharedBy: String
        let recipientName: String?, lawfulBasis: String
        init(_ s: SharedWithAgency) {
            (id, personId, childName, what) = (s.id, s.personId, s.childName, s.what)
            (sharedOn, sharedBy, recipientName, lawfulBasis) =
                (s.sharedOn.description, s.sharedBy, s.recipientName, s.lawfulBasis)
        }
    }

    struct ChildRecordDTO: Encodable {
        let child: PersonSummary, disclosures: [DisclosureDTO], requests: [RequestDTO]
    }
    struct RegisterDTO: Encodable { let disclosures: [DisclosureDTO], requests: [RequestDTO] }
    struct SharedDTO: Encodable { let disclosures: [SharedItemDTO], requests: [RequestDTO] }

    struct AnsweredDTO: Encodable {
        let request: RequestDTO, answer: DisclosureDTO?
        init(_ a: AnsweredRequest) { (request, answer) = (RequestDTO(a.request), a.answer.map(DisclosureDTO.init)) }
    }
}
