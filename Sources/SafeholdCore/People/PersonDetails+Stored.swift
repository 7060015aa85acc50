import Foundation

extension PersonDetails {
    /// Stored details, read from their members by `JSONEnvelope` with no `Decoder` in between; whatever that
    /// reading does not expect (a member of another type, a code not on its list) is decoded in full by `decoder`,
    /// which stays the authority. Every read of a record decodes its details: with `JSONDecoder` that was the
    /// largest single part of an audited read after the database.
    public static func stored(_ json: String, decoder: JSONDecoder) throws -> PersonDetails {
        if let envelope = JSONEnvelope(object: json), let details = PersonDetails(envelope: envelope) {
            return details
        }
        return try decoder.decode(PersonDetails.self, from: Data(json.utf8))
    }

    /// The details the object holds, with `init(from:)`'s defaults for what is left out; nil when any member is
    /// not as `init(from:)` would take it.
    init?(envelope e: JSONEnvelope) {
        guard let kind = e.text("kind").flatMap(PersonKind.init(rawValue:)), let familyName = e.text("familyName"),
            let givenName = e.optionalText("givenName"), let middleNames = e.optionalText("middleNames"),
            let preferredName = e.optionalText("preferredName"),
            let aliases = Self.list(e, "aliases", Self.alias),
            let dateOfBirth = e.optional("dateOfBirth", e.date),
            let estimated = e.optional("dateOfBirthEstimated", e.bool),
            let expected = e.optional("expectedDateOfBirth", e.date),
            let dateOfDeath = e.optional("dateOfDeath", e.date),
            let sex = e.optional("sex", { e.text($0).flatMap(Sex.init(rawValue:)) }),
            let gender = e.optionalText("gender"), let ethnicity = e.optionalText("ethnicity"),
            let firstLanguage = e.optionalText("firstLanguage"),
            let interpreter = e.optional("interpreterNeeded", e.bool), let religion = e.optionalText("religion"),
            let disabilities = e.optional("disabilities", e.texts), let nhsNumber = e.optionalText("nhsNumber"),
            let upn = e.optionalText("upn"), let pnc = e.optionalText("pncReference"),
            let addresses = Self.list(e, "addresses", Self.address), let phone = e.optionalText("phone"),
            let email = e.optionalText("email")
        else { return nil }
        self.init(
            kind: kind, givenName: givenName, familyName: familyName, middleNames: middleNames,
            preferredName: preferredName, aliases: aliases, dateOfBirth: dateOfBirth,
            dateOfBirthEstimated: estimated ?? false, expectedDateOfBirth: expected, dateOfDeath: dateOfDeath,
            sex: sex ?? .unknown, gender: gender, ethnicity: ethnicity, firstLanguage: firstLanguage,
            interpreterNeeded: interpreter ?? false, religion: religion, disabilities: disabilities ?? [],
            nhsNumber: nhsNumber, upn: upn, pncReference: pnc, addresses: addresses, phone: phone, email: email)
    }

    /// A list of objects, empty when absent or null; nil when any element is not as expected.
    private static func list<T>(_ e: JSONEnvelope, _ key: String, _ element: (JSONEnvelope) -> T?) -> [T]? {
        if e.isMissing(key) { return [] }
        guard let objects = e.objects(key) else { return nil }
        var values: [T] = []
        values.reserveCapacity(objects.count)
        for object in objects {
            guard let value = element(object) else { return nil }
            values.append(value)
        }
        return values
    }

    private static func alias(_ e: JSONEnvelope) -> Alias? {
        guard let given = e.text("givenName"), let family = e.text("familyName"),
            let kind = e.text("kind").flatMap(Alias.Kind.init(rawValue:))
        else { return nil }
        return Alias(givenName: given, familyName: family, kind: kind)
    }

    private static func address(_ e: JSONEnvelope) -> Address? {
        guard let line1 = e.text("line1"), let line2 = e.optionalText("line2"), let town = e.text("town"),
            let postcode = e.text("postcode"), let from = e.optional("from", e.date), let to = e.optional("to", e.date)
        else { return nil }
        return Address(line1: line1, line2: line2, town: town, postcode: postcode, from: from, to: to)
    }
}
