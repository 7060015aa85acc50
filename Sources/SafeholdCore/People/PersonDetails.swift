import Foundation

/// Everything about a person that a worker records and may later correct (DOMAIN.md section 2).
///
/// It is both the input of the create and edit forms and API calls and the stored state; `validated`
/// normalises it and refuses anything wrong, naming each field.
public struct PersonDetails: Hashable, Codable, Sendable {
    public var kind: PersonKind
    public var givenName: String?
    public var familyName: String
    public var middleNames: String?
    public var preferredName: String?
    public var aliases: [Alias]
    public var dateOfBirth: LocalDate?
    public var dateOfBirthEstimated: Bool
    /// For an unborn child: the expected date of birth.
    public var expectedDateOfBirth: LocalDate?
    public var dateOfDeath: LocalDate?
    public var sex: Sex
    public var gender: String?
    public var ethnicity: String?
    public var firstLanguage: String?
    public var interpreterNeeded: Bool
    public var religion: String?
    public var disabilities: [String]
    public var nhsNumber: String?
    public var upn: String?
    public var pncReference: String?
    public var addresses: [Address]
    public var phone: String?
    public var email: String?

    public init(
        kind: PersonKind, givenName: String?, familyName: String, middleNames: String? = nil,
        preferredName: String? = nil, aliases: [Alias] = [], dateOfBirth: LocalDate? = nil,
        dateOfBirthEstimated: Bool = false, expectedDateOfBirth: LocalDate? = nil,
        dateOfDeath: LocalDate? = nil, sex: Sex = .unknown, gender: String? = nil,
        ethnicity: String? = nil, firstLanguage: String? = nil, interpreterNeeded: Bool = false,
        religion: String? = nil, disabilities: [String] = [], nhsNumber: String? = nil,
        upn: String? = nil, pncReference: String? = nil, addresses: [Address] = [],
        phone: String? = nil, email: String? = nil
    ) {
        self.kind = kind
        self.givenName = givenName
        self.familyName = familyName
        self.middleNames = middleNames
        self.preferredName = preferredName
        self.aliases = aliases
        self.dateOfBirth = dateOfBirth
        self.dateOfBirthEstimated = dateOfBirthEstimated
        self.expectedDateOfBirth = expectedDateOfBirth
        self.dateOfDeath = dateOfDeath
        self.sex = sex
        self.gender = gender
        self.ethnicity = ethnicity
        self.firstLanguage = firstLanguage
        self.interpreterNeeded = interpreterNeeded
        self.religion = religion
        self.disabilities = disabilities
        self.nhsNumber = nhsNumber
        self.upn = upn
        self.pncReference = pncReference
        self.addresses = addresses
        self.phone = phone
        self.email = email
    }

    private enum CodingKeys: String, CodingKey, CaseIterable {
        case kind, givenName, familyName, middleNames, preferredName, aliases, dateOfBirth,
            dateOfBirthEstimated, expectedDateOfBirth, dateOfDeath, sex, gender, ethnicity,
            firstLanguage, interpreterNeeded, religion, disabilities, nhsNumber, upn, pncReference,
            addresses, phone, email
    }

    /// Decodes with defaults for the flags and lists a caller may leave out.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        kind = try c.decode(PersonKind.self, forKey: .kind)
        givenName = try c.decodeIfPresent(String.self, forKey: .givenName)
        familyName = try c.decode(String.self, forKey: .familyName)
        middleNames = try c.decodeIfPresent(String.self, forKey: .middleNames)
        preferredName = try c.decodeIfPresent(String.self, forKey: .preferredName)
        aliases = try c.decodeIfPresent([Alias].self, forKey: .aliases) ?? []
        dateOfBirth = try c.decodeIfPresent(LocalDate.self, forKey: .dateOfBirth)
        dateOfBirthEstimated = try c.decodeIfPresent(Bool.self, forKey: .dateOfBirthEstimated) ?? false
        expectedDateOfBirth = try c.decodeIfPresent(LocalDate.self, forKey: .expectedDateOfBirth)
        dateOfDeath = try c.decodeIfPresent(LocalDate.self, forKey: .dateOfDeath)
        sex = try c.decodeIfPresent(Sex.self, forKey: .sex) ?? .unknown
        gender = try c.decodeIfPresent(String.self, forKey: .gender)
        ethnicity = try c.decodeIfPresent(String.self, forKey: .ethnicity)
        firstLanguage = try c.decodeIfPresent(String.self, forKey: .firstLanguage)
        interpreterNeeded = try c.decodeIfPresent(Bool.self, forKey: .interpreterNeeded) ?? false
        religion = try c.decodeIfPresent(String.self, forKey: .religion)
        disabilities = try c.decodeIfPresent([String].self, forKey: .disabilities) ?? []
        nhsNumber = try c.decodeIfPresent(String.self, forKey: .nhsNumber)
        upn = try c.decodeIfPresent(String.self, forKey: .upn)
        pncReference = try c.decodeIfPresent(String.self, forKey: .pncReference)
        addresses = try c.decodeIfPresent([Address].self, forKey: .addresses) ?? []
        phone = try c.decodeIfPresent(String.self, forKey: .phone)
        email = try c.decodeIfPresent(String.self, forKey: .email)
    }

    /// The name a worker sees: preferred or given name, then family name.
    public var displayName: String {
        let first = preferredName ?? givenName
        if kind == .unborn && first == nil { return "Unborn \(familyName)" }
        return [first, familyName].compactMap { $0 }.joined(separator: " ")
    }

    /// Every name the person is known by, for search: the main name first.
    public var allNames: [(given: String, family: String)] {
        var names = [(givenName ?? "", familyName)]
        if let preferredName, preferredName != givenName { names.append((preferredName, familyName)) }
        names += aliases.map { ($0.givenName, $0.familyName) }
        // Each part of a double-barrelled family name is searchable on its own.
        for (given, family) in names where family.contains("-") {
            names += family.split(separator: "-").map { (given, String($0)) }
        }
        return names
    }
}
