import Foundation

/// The field checks a risk profile and a MAPPA meeting share, each adding its errors to a `Validation`.
enum RiskField {
    static func blank(_ value: String?) -> Bool {
        (value?.trimmingCharacters(in: .whitespacesAndNewlines) ?? "").isEmpty
    }

    static func trimmed(_ value: String?) -> String? {
        blank(value) ? nil : value!.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// A required code from `T`'s cases; `choices` says what may be given.
    static func code<T: RawRepresentable & CaseIterable>(
        _ field: String, _ value: String?, _ type: T.Type, _ choices: String, required: Bool = true,
        into v: inout Validation
    ) -> T? where T.RawValue == String {
        guard let text = trimmed(value) else {
            if required { v.add(field, "is required") }
            return nil
        }
        guard let code = T(rawValue: text) else {
            v.add(field, "must be \(choices), not \(Validation.shown(text))")
            return nil
        }
        return code
    }

    /// An optional date (`YYYY-MM-DD`) in 1900-2100, not after `notAfter` when given.
    static func date(
        _ field: String, _ value: String?, required: Bool = false, notAfter: LocalDate? = nil,
        notBefore: LocalDate? = nil, beforeMessage: String = "is too early", into v: inout Validation
    ) -> LocalDate? {
        if blank(value) {
            if required { v.add(field, "is required") }
            return nil
        }
        return v.isoDate(field, value, notAfter: notAfter, notBefore: notBefore, beforeMessage: beforeMessage)
    }

    static func uuid(
        _ field: String, _ value: String?, required: Bool, _ what: String, into v: inout Validation
    ) -> UUID? {
        guard let text = trimmed(value) else {
            if required { v.add(field, "is required") }
            return nil
        }
        guard let id = UUID(uuidString: text) else {
            v.add(field, "must be the id of \(what)")
            return nil
        }
        return id
    }

    /// A telephone number: digits, spaces and + ( ) -, with 7 to 15 digits.
    static func phone(_ field: String, _ value: String?, into v: inout Validation) -> String? {
        guard let text = trimmed(value) else {
            v.add(field, "is required")
            return nil
        }
        let allowed = CharacterSet(charactersIn: "0123456789 +()-")
        let digits = text.unicodeScalars.filter { CharacterSet.decimalDigits.contains($0) && $0.isASCII }.count
        guard text.count <= 30, text.unicodeScalars.allSatisfy({ allowed.contains($0) }), (7...15).contains(digits)
        else {
            v.add(field, "must be a telephone number (7 to 15 digits; spaces, +, brackets and dashes allowed)")
            return nil
        }
        return text
    }

    static func registration(
        _ input: RiskProfileInput, today: LocalDate, into v: inout Validation
    ) -> SexOffenderRegistration? {
        let on = date("registeredOn", input.registeredOn, required: true, notAfter: today, into: &v)
        var period: RegistrationPeriod?
        switch trimmed(input.registrationPeriod)?.lowercased() {
        case nil: v.add("registrationPeriod", "is required: a number of years, or indefinite")
        case "indefinite": period = .indefinite
        case let text?:
            if let years = Int(text), (1...99).contains(years) {
                period = .years(years)
            } else {
                v.add("registrationPeriod", "must be a number of years from 1 to 99, or indefinite")
            }
        }
        let notified = date(
            "lastNotifiedOn", input.lastNotifiedOn, notAfter: today, notBefore: on,
            beforeMessage: "cannot be before the registration", into: &v)
        let change = date(
            "lastChangeOn", input.lastChangeOn, notAfter: today, notBefore: on,
            beforeMessage: "cannot be before the registration", into: &v)
        let changeNotified = date(
            "changeNotifiedOn", input.changeNotifiedOn, notAfter: today, notBefore: change,
            beforeMessage: "cannot be before the change it notifies", into: &v)
        if changeNotified != nil && blank(input.lastChangeOn) {
            v.add("lastChangeOn", "is required with the date the change was notified")
        }
        guard let on, let period else { return nil }
        return SexOffenderRegistration(
            registeredOn: on, period: period, lastNotifiedOn: notified, lastChangeOn: change,
            changeNotifiedOn: changeNotified)
    }

    static func offences(_ codes: [String], into v: inout Validation) -> [String] {
        guard v.count("offences", codes.count, max: 20, noun: "offences") else { return [] }
        var kept: [String] = []
        for code in codes.map({ $0.trimmingCharacters(in: .whitespaces) }) where !code.isEmpty {
            guard RiskOffenceCodes.offence(code) != nil else {
                v.add("offences", "\(Validation.shown(code)) is not an offence on the code list")
                continue
            }
            if !kept.contains(code) { kept.append(code) }
        }
        return kept
    }

    static func groups(_ codes: [String], into v: inout Validation) -> [RiskGroup] {
        guard v.count("riskTo", codes.count, max: 10, noun: "groups") else { return [] }
        var kept: [RiskGroup] = []
        for code in codes.map({ $0.trimmingCharacters(in: .whitespaces) }) where !code.isEmpty {
            guard let group = RiskGroup(rawValue: code) else {
                v.add("riskTo", "must be children, known adults, the public or staff, not \(Validation.shown(code))")
                continue
            }
            if !kept.contains(group) { kept.append(group) }
        }
        if kept.isEmpty && !v.errors.contains(where: { $0.field == "riskTo" }) {
            v.add("riskTo", "is required: say whom the risk of serious harm is to")
        }
        return RiskGroup.allCases.filter(kept.contains)
    }

    static func number<T: RawRepresentable>(
        _ field: String, _ value: String?, _ type: T.Type, into v: inout Validation
    ) -> T? where T.RawValue == Int {
        guard let text = trimmed(value) else { return nil }
        guard let n = Int(text), let code = T(rawValue: n) else {
            v.add(field, "must be 1, 2 or 3, not \(Validation.shown(text))")
            return nil
        }
        return code
    }

    /// MAPPA category and level come together; level 2 and 3 cases need their next (or first) meeting date.
    static func mappa(
        _ input: RiskProfileInput, into v: inout Validation
    ) -> (MappaCategory?, MappaLevel?, LocalDate?) {
        let category = number("mappaCategory", input.mappaCategory, MappaCategory.self, into: &v)
        let level = number("mappaLevel", input.mappaLevel, MappaLevel.self, into: &v)
        if blank(input.mappaCategory) && !blank(input.mappaLevel) {
            v.add("mappaCategory", "is required with a MAPPA level: category 1, 2 or 3")
        }
        if blank(input.mappaLevel) && !blank(input.mappaCategory) {
            v.add("mappaLevel", "is required with a MAPPA category: level 1, 2 or 3")
        }
        if category == .one, let kind = RiskPersonKind(rawValue: trimmed(input.kind) ?? ""),
            kind != .registeredSexOffender
        {
            v.add("mappaCategory", "category 1 is for registered sex offenders")
        }
        let next = date("nextMeetingOn", input.nextMeetingOn, into: &v)
        if level?.meets == true && blank(input.nextMeetingOn) {
            v.add(
                "nextMeetingOn",
                "is required for a level \(level!.rawValue) case: give the next (or first) MAPPA meeting date")
        }
        if blank(input.mappaLevel) && blank(input.mappaCategory) && !blank(input.nextMeetingOn) {
            v.add("nextMeetingOn", "applies to a MAPPA case: give its category and level")
        }
        return (category, level, next)
    }
}
