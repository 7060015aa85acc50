import Foundation

/// The sharing record's input as text (a form, or a JSON body whose values are all optional), read into
/// Core values in one place so that the pages and the API refuse the same input with the same field
/// errors. Unreadable or missing values are collected; the value's own `validated` checks the rest.
public struct SharingInput: Sendable {
    public var values: [String: String]
    public var records: [String]

    /// `records` are links as `kind:id` (`note:8F0...`).
    public init(_ values: [String: String?], records: [String] = []) {
        self.values = values.compactMapValues { $0 }
        self.records = records
    }

    func given(_ field: String) -> String? {
        let text = values[field]?.trimmingCharacters(in: .whitespaces) ?? ""
        return text.isEmpty ? nil : text
    }

    func uuid(_ field: String, required: Bool, into v: inout Validation) -> UUID? {
        guard let text = given(field) else {
            if required { v.add(field, "is required") }
            return nil
        }
        guard let id = UUID(uuidString: text) else {
            v.add(field, "is not an id of the list")
            return nil
        }
        return id
    }

    func choice<T: RawRepresentable & CaseIterable>(_ field: String, _ type: T.Type, into v: inout Validation) -> T?
    where T.RawValue == String {
        guard let text = given(field) else {
            v.add(field, "is required")
            return nil
        }
        guard let value = T(rawValue: text) else {
            v.add(field, "must be one of \(T.allCases.map(\.rawValue).joined(separator: ", "))")
            return nil
        }
        return value
    }

    /// Stands for the requesting agency in an answer to a request, until the store puts the agency in.
    public static let requestingAgency = UUID(uuid: (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0))

    /// A disclosure or decision not to disclose. With `recipientAgencyId` absent and `agencyRequired`
    /// false (an answer to a request, which goes to the requesting agency) a placeholder agency is used.
    public func sharingDraft(today: LocalDate, agencyRequired: Bool = true) throws(SafeholdError) -> SharingDraft {
        var v = Validation()
        let decision = choice("decision", SharingDecision.self, into: &v)
        let agency = uuid("recipientAgencyId", required: agencyRequired, into: &v)
        let user = uuid("recipientUserId", required: false, into: &v)
        let maker = uuid("decisionMakerId", required: false, into: &v)
        let sharedOn = v.isoDate("sharedOn", given("sharedOn") ?? today.description)
        let consent = choice("consent", ConsentStatus.self, into: &v)
        var links: [SharedRecordLink] = []
        if v.count("records", records.count, max: SharingDraft.maxRecords, noun: "records linked") {
            for text in records where !text.trimmingCharacters(in: .whitespaces).isEmpty {
                let parts = text.split(separator: ":", maxSplits: 1).map(String.init)
                guard parts.count == 2, let kind = SharedRecordKind(rawValue: parts[0]),
                    let id = UUID(uuidString: parts[1])
                else {
                    v.add("records", "names a record that is not on this child's record")
                    break
                }
                links.append(SharedRecordLink(kind: kind, id: id))
            }
        }
        try v.check()
        return SharingDraft(
            decision: decision!, what: values["what"] ?? "", records: links,
            recipientAgencyId: agency ?? Self.requestingAgency, recipientUserId: user,
            recipientName: values["recipientName"], sharedOn: sharedOn!, decisionMakerId: maker,
            lawfulBasis: given("lawfulBasis"), consent: consent!, consentReason: values["consentReason"],
            reasons: values["reasons"] ?? "")
    }

    /// A request for information. A user of a receiving agency raising it in Safehold gives only the child,
    /// what and why: the agency, the channel, the day and their name are theirs.
    public func requestDraft(raisedBy actor: Actor, today: LocalDate) throws(SafeholdError) -> InformationRequestDraft {
        var v = Validation()
        let own = SharingAccess.receivingAgency(actor) != nil
        let person = uuid("personId", required: true, into: &v)
        let agency = own && given("agencyId") == nil ? actor.agencyId : uuid("agencyId", required: true, into: &v)
        let channel =
            own && given("channel") == nil ? RequestChannel.safehold : choice("channel", RequestChannel.self, into: &v)
        let received = own ? today : v.isoDate("receivedOn", given("receivedOn"))
        try v.check()
        return InformationRequestDraft(
            personId: person!, agencyId: agency!,
            requesterName: own ? actor.displayName : values["requesterName"] ?? "",
            channel: channel!, receivedOn: received!, what: values["what"] ?? "", why: values["why"] ?? "")
    }

    /// The answer to a request.
    public func response() throws(SafeholdError) -> InformationResponse {
        var v = Validation()
        let outcome = choice("outcome", RequestOutcome.self, into: &v)
        let version = Int(given("version") ?? "")
        if version == nil { v.add("version", "is not a version of this record: reload the page") }
        try v.check()
        return InformationResponse(outcome: outcome!, outcomeReason: values["outcomeReason"], version: version!)
    }
}
