import Foundation

/// What was alleged and by whom, about whose work: the referral's own details.
public struct AllegationDetails: Hashable, Sendable {
    public let source: AllegationSource
    public let referrerName: String
    public let referrerOrganisation: String?
    public let employerName: String
    public let sector: AllegationSector
    /// The subject's role with the employer (the position of trust).
    public let role: String
    public let criteria: [HarmCriterion]
    public let summary: String

    public init(
        source: AllegationSource, referrerName: String, referrerOrganisation: String?, employerName: String,
        sector: AllegationSector, role: String, criteria: [HarmCriterion], summary: String
    ) {
        self.source = source
        self.referrerName = referrerName
        self.referrerOrganisation = referrerOrganisation
        self.employerName = employerName
        self.sector = sector
        self.role = role
        self.criteria = criteria
        self.summary = summary
    }
}

/// The person an allegation is about: an adult record already held, or a new adult record.
public enum AllegationSubjectChoice: Hashable, Sendable {
    case existing(UUID)
    case new(givenName: String, familyName: String, dateOfBirth: LocalDate?)
}

/// A new allegation as the LADO records it.
public struct AllegationDraft: Hashable, Sendable {
    public let subject: AllegationSubjectChoice
    public let subjectUserId: UUID?
    public let details: AllegationDetails
    public let receivedAt: Date
    public let childIds: [UUID]

    /// The most children one allegation names.
    public static let maxChildren = 30

    /// Reads a record id given as text, adding a field error when it is not one (nil when blank).
    /// The input as text (the form's and the API's fields); every refusal names its field. The subject
    /// is either `subjectId` or a new adult's names; a date of birth under 18 is a child, refused.
    public static func validated(
        subjectId: String?, subjectGivenName: String?, subjectFamilyName: String?, subjectDateOfBirth: String?,
        subjectUserId: String?, source: String?, referrerName: String?, referrerOrganisation: String?,
        employerName: String?, sector: String?, role: String?, criteria: [String], summary: String?,
        receivedAt: Date?, childIds: [String], now: Date, today: LocalDate
    ) throws(SafeholdError) -> AllegationDraft {
        var v = Validation()
        let subject = readSubject(
            subjectId, subjectGivenName, subjectFamilyName, subjectDateOfBirth, today: today, &v)
        let user = readId("subjectUserId", subjectUserId, &v, what: "a user")
        let source = AllegationSource.read("source", source, &v)
        v.text("referrerName", referrerName, required: true, max: 100)
        v.text("referrerOrganisation", referrerOrganisation, max: 200)
        v.text("employerName", employerName, required: true, max: 200)
        let sector = AllegationSector.read("sector", sector, &v)
        v.text("role", role, required: true, max: 200)
        var harms: [HarmCriterion] = []
        for text in criteria where !text.trimmingCharacters(in: .whitespaces).isEmpty {
            if let harm = HarmCriterion.read("criteria", text, &v), !harms.contains(harm) { harms.append(harm) }
        }
        if criteria.allSatisfy({ $0.trimmingCharacters(in: .whitespaces).isEmpty }) {
            v.add("criteria", "choose at least one of the four harm criteria")
        }
        v.text("summary", summary, required: true, max: 10_000, multiline: true)
        if let receivedAt {
            v.instant("receivedAt", receivedAt, notAfter: now.addingTimeInterval(300))
        } else {
            v.add("receivedAt", "give the date and time the allegation came in")
        }
        var children: [UUID] = []
        if v.count("childIds", childIds.count, max: maxChildren, noun: "children") {
            for text in childIds where !text.trimmingCharacters(in: .whitespaces).isEmpty {
                guard let id = readId("childIds", text, &v, what: "a child's record") else { continue }
                if children.contains(id) { v.add("childIds", "lists a child twice") } else { children.append(id) }
            }
        }
        try v.check()
        let trim = { (s: String?) in s?.trimmingCharacters(in: .whitespacesAndNewlines) ?? "" }
        let organisation = trim(referrerOrganisation)
        return AllegationDraft(
            subject: subject!, subjectUserId: user,
            details: AllegationDetails(
                source: source!, referrerName: trim(referrerName),
                referrerOrganisation: organisation.isEmpty ? nil : organisation, employerName: trim(employerName),
                sector: sector!, role: trim(role), criteria: harms, summary: trim(summary)),
            receivedAt: receivedAt!, childIds: children)
    }

    static func readSubject(
        _ id: String?, _ given: String?, _ family: String?, _ born: String?, today: LocalDate, _ v: inout Validation
    ) -> AllegationSubjectChoice? {
        if id?.trimmingCharacters(in: .whitespaces).isEmpty == false {
            return readId("subjectId", id, &v, what: "an adult's record").map { .existing($0) }
        }
        let bornText = born?.trimmingCharacters(in: .whitespaces) ?? ""
        let named = given.nonBlank != nil || family.nonBlank != nil || !bornText.isEmpty
        guard named else {
            v.add("subjectId", "choose the person the allegation is about, or give their name")
            return nil
        }
        v.text("subjectGivenName", given, required: true, max: 100)
        v.text("subjectFamilyName", family, required: true, max: 100)
        var dob: LocalDate?
        if !bornText.isEmpty {
            dob = v.isoDate("subjectDateOfBirth", bornText, notAfter: today)
            if let date = dob, date.years(until: today) < 18 {
                v.add(
                    "subjectDateOfBirth", "makes them a child: an allegation is about an adult who works with children")
            }
        }
        guard let given = given.nonBlank, let family = family.nonBlank else { return nil }
        return .new(
            givenName: given.trimmingCharacters(in: .whitespaces),
            familyName: family.trimmingCharacters(in: .whitespaces),
            dateOfBirth: dob)
    }

    public static func readId(_ field: String, _ text: String?, _ v: inout Validation, what: String) -> UUID? {
        let trimmed = text?.trimmingCharacters(in: .whitespaces) ?? ""
        guard !trimmed.isEmpty else { return nil }
        guard let id = UUID(uuidString: trimmed) else {
            v.add(field, "\(Validation.shown(trimmed)) is not the id of \(what)")
            return nil
        }
        return id
    }
}
