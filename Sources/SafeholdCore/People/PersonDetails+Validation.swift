import Foundation

extension PersonDetails {
    /// Returns the details tidied (spaces trimmed, identifiers in their standard form), or throws
    /// `SafeholdError.invalid` naming every field that is wrong. `today` decides what is "in the future".
    public func validated(today: LocalDate) throws(SafeholdError) -> PersonDetails {
        var d = self
        var v = Validation()
        d.givenName = Self.tidy(givenName)
        d.familyName = familyName.trimmingCharacters(in: .whitespacesAndNewlines)
        d.middleNames = Self.tidy(middleNames)
        d.preferredName = Self.tidy(preferredName)
        d.gender = Self.tidy(gender)
        d.firstLanguage = Self.tidy(firstLanguage)
        d.religion = Self.tidy(religion)
        d.pncReference = Self.tidy(pncReference)
        d.phone = Self.tidy(phone)
        d.email = Self.tidy(email)

        v.text("givenName", d.givenName, required: kind != .unborn, max: 100)
        v.text("familyName", d.familyName, required: true, max: 100)
        v.text("middleNames", d.middleNames, max: 100)
        v.text("preferredName", d.preferredName, max: 100)
        v.text("gender", d.gender, max: 50)
        v.text("firstLanguage", d.firstLanguage, max: 50)
        v.text("religion", d.religion, max: 50)
        v.text("pncReference", d.pncReference, max: 30)
        let aliasesFit = v.count("aliases", aliases.count, max: 20, noun: "other names")
        for (i, alias) in aliases.enumerated() where aliasesFit {
            v.text("aliases[\(i)].givenName", alias.givenName, required: true, max: 100)
            v.text("aliases[\(i)].familyName", alias.familyName, required: true, max: 100)
        }
        d.aliases = aliases.map {
            Alias(
                givenName: $0.givenName.trimmingCharacters(in: .whitespaces),
                familyName: $0.familyName.trimmingCharacters(in: .whitespaces), kind: $0.kind)
        }
        validateDates(&v, today: today)
        validateIdentifiers(&d, &v)
        validateCodes(&d, &v)
        validateContact(&d, &v)
        try v.check()
        return d
    }

    private func validateDates(_ v: inout Validation, today: LocalDate) {
        if let dob = dateOfBirth, v.date("dateOfBirth", dob, notAfter: today) {
            if dob.year < today.year - 120 { v.add("dateOfBirth", "is more than 120 years ago") }
        }
        switch kind {
        case .unborn:
            if dateOfBirth != nil { v.add("dateOfBirth", "an unborn child has an expected date of birth instead") }
            if let edd = expectedDateOfBirth {
                if v.date("expectedDateOfBirth", edd) {
                    if edd < today.adding(days: -31) {
                        v.add("expectedDateOfBirth", "is more than a month ago: record the child as born")
                    }
                    if edd > today.adding(days: 300) { v.add("expectedDateOfBirth", "is more than 10 months away") }
                }
            } else {
                v.add("expectedDateOfBirth", "is required for an unborn child")
            }
        case .child, .adult, .professional:
            if expectedDateOfBirth != nil { v.add("expectedDateOfBirth", "is only for an unborn child") }
        }
        if kind == .child, let dob = dateOfBirth, dob.years(until: today) >= 26 {
            v.add("dateOfBirth", "makes this person 26 or older: record them as an adult")
        }
        if let death = dateOfDeath, v.date("dateOfDeath", death) {
            if death > today { v.add("dateOfDeath", "cannot be in the future") }
            if let dob = dateOfBirth, death < dob { v.add("dateOfDeath", "is before the date of birth") }
        }
        guard v.count("addresses", addresses.count, max: 50, noun: "addresses") else { return }
        for (i, address) in addresses.enumerated() {
            let from = address.from.flatMap { v.date("addresses[\(i)].from", $0, notAfter: today) ? $0 : nil }
            let to = address.to.flatMap { v.date("addresses[\(i)].to", $0) ? $0 : nil }
            if let from, let to, to < from {
                v.add("addresses[\(i)].to", "is before the date the person moved in")
            }
        }
    }

    private func validateIdentifiers(_ d: inout PersonDetails, _ v: inout Validation) {
        if let text = Self.tidy(nhsNumber) {
            if let nhs = NHSNumber(text) {
                d.nhsNumber = nhs.digits
            } else {
                v.add("nhsNumber", "is not a valid NHS number (10 digits with a correct check digit)")
            }
        } else {
            d.nhsNumber = nil
        }
        if let text = Self.tidy(upn) {
            if kind == .adult || kind == .professional { v.add("upn", "is only for a child") }
            if let upn = UniquePupilNumber(text) {
                d.upn = upn.value
            } else {
                v.add("upn", "is not a valid UPN (13 characters with a correct check letter)")
            }
        } else {
            d.upn = nil
        }
    }

    private func validateCodes(_ d: inout PersonDetails, _ v: inout Validation) {
        d.ethnicity = Self.tidy(ethnicity)?.uppercased()
        if let code = d.ethnicity, CodeSets.ethnicityLabel(code) == nil {
            v.add("ethnicity", "\(Validation.shown(code)) is not an ethnicity code")
        }
        d.disabilities = disabilities.map { $0.trimmingCharacters(in: .whitespaces).uppercased() }
        let limit = CodeSets.disability.count
        guard v.count("disabilities", d.disabilities.count, max: limit, noun: "disability codes") else { return }
        for code in d.disabilities where !CodeSets.disability.contains(where: { $0.code == code }) {
            v.add("disabilities", "\(Validation.shown(code)) is not a disability code")
        }
        if d.disabilities.contains("NONE") && d.disabilities.count > 1 {
            v.add("disabilities", "NONE cannot be combined with a disability")
        }
        if Set(d.disabilities).count != d.disabilities.count { v.add("disabilities", "lists a code twice") }
    }

    private func validateContact(_ d: inout PersonDetails, _ v: inout Validation) {
        if let phone = d.phone, phone.count > 30 || !phone.allSatisfy({ "0123456789 +()-".contains($0) }) {
            v.add("phone", "may contain only digits, spaces and + ( ) -, up to 30 characters")
        }
        let before = v.errors.count
        if let email = d.email, email.unicodeScalars.contains(where: { TextRules.isForbidden($0, multiline: false) }) {
            v.add(
                "email",
                TextRules.problem(email, max: .max / TextRules.maxScalarsPerCharacter, multiline: false)
                    ?? "contains control characters")
        }
        if let email = d.email, v.errors.count == before {
            let parts = email.split(separator: "@", omittingEmptySubsequences: false)
            if email.count > 254 || parts.count != 2 || parts[0].isEmpty || !parts[1].contains(".")
                || email.contains(where: \.isWhitespace)
            {
                v.add("email", "is not an email address")
            }
        }
        d.addresses = addresses.map { a in
            var a = a
            a.line1 = a.line1.trimmingCharacters(in: .whitespaces)
            a.line2 = Self.tidy(a.line2)
            a.town = a.town.trimmingCharacters(in: .whitespaces)
            a.postcode = Self.formatPostcode(a.postcode)
            return a
        }
        for (i, a) in d.addresses.enumerated() {
            v.text("addresses[\(i)].line1", a.line1, required: true, max: 100)
            v.text("addresses[\(i)].line2", a.line2, max: 100)
            v.text("addresses[\(i)].town", a.town, required: true, max: 60)
            if !Address.isPlausiblePostcode(a.postcode) { v.add("addresses[\(i)].postcode", "is not a UK postcode") }
        }
    }

    static func tidy(_ text: String?) -> String? {
        guard let t = text?.trimmingCharacters(in: .whitespacesAndNewlines), !t.isEmpty else { return nil }
        return t
    }

    static func formatPostcode(_ text: String) -> String {
        let compact = text.uppercased().filter { $0 != " " }
        guard compact.count > 3 else { return compact }
        return "\(compact.dropLast(3)) \(compact.suffix(3))"
    }
}
