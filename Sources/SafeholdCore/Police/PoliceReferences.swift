import Foundation

/// The formats of police references Safehold accepts. Forces number crimes and incidents in their own
/// ways; Safehold takes one documented shape of each so that a reference typed twice is the same text:
/// - crime reference: force code (2-4 capital letters), a serial of 5-8 digits and a two-digit year,
///   separated by slashes: `NB/12345/26`;
/// - incident (command and control log) reference: force code, the date as YYYYMMDD and a four-digit
///   serial, separated by hyphens: `NB-20261126-0042`.
/// Both are unique within a force.
public enum PoliceReference {
    /// The reference in canonical form (trimmed, upper case), or nil when it is not a crime reference.
    public static func crime(_ text: String) -> String? {
        let parts = canonical(text).split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 3, isForceCode(parts[0]), isDigits(parts[1], 5...8), isDigits(parts[2], 2...2) else {
            return nil
        }
        return parts.joined(separator: "/")
    }

    /// The incident reference in canonical form, or nil when it is not one (its date must be real).
    public static func incident(_ text: String) -> String? {
        let parts = canonical(text).split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, isForceCode(parts[0]), isDigits(parts[1], 8...8), isDigits(parts[2], 4...4) else {
            return nil
        }
        let d = parts[1]
        guard let year = Int(d.prefix(4)), let month = Int(d.dropFirst(4).prefix(2)), let day = Int(d.suffix(2)),
            let date = LocalDate(year: year, month: month, day: day), LocalDate.acceptedRange.contains(date)
        else { return nil }
        return parts.joined(separator: "-")
    }

    public static let crimeFormat = "force code, serial and year, like NB/12345/26"
    public static let incidentFormat = "force code, date and serial, like NB-20261126-0042"

    private static func canonical(_ text: String) -> String {
        text.trimmingCharacters(in: .whitespaces).uppercased()
    }

    private static func isForceCode(_ part: Substring) -> Bool {
        (2...4).contains(part.count) && part.allSatisfy { $0.isASCII && $0.isUppercase && $0.isLetter }
    }

    private static func isDigits(_ part: Substring, _ lengths: ClosedRange<Int>) -> Bool {
        lengths.contains(part.count) && part.allSatisfy { $0.isASCII && $0.isNumber }
    }
}

/// An offence on the code list (kept as data in the database, seeded from `OffenceCode.england`).
public struct OffenceCode: Hashable, Codable, Sendable {
    public let code: String
    public let label: String

    public init(code: String, label: String) {
        self.code = code
        self.label = label
    }

    /// The offences against children an English child abuse investigation team records most, with
    /// short codes of Safehold's own (a force adds its own list as rows).
    public static let england: [OffenceCode] = [
        OffenceCode(code: "CYPA1", label: "Child cruelty or neglect (Children and Young Persons Act 1933 s1)"),
        OffenceCode(code: "OAPA47", label: "Assault occasioning actual bodily harm (OAPA 1861 s47)"),
        OffenceCode(code: "OAPA20", label: "Inflicting grievous bodily harm (OAPA 1861 s20)"),
        OffenceCode(code: "OAPA18", label: "Grievous bodily harm with intent (OAPA 1861 s18)"),
        OffenceCode(code: "CJA39", label: "Common assault (Criminal Justice Act 1988 s39)"),
        OffenceCode(code: "SOA5", label: "Rape of a child under 13 (Sexual Offences Act 2003 s5)"),
        OffenceCode(code: "SOA7", label: "Sexual assault of a child under 13 (SOA 2003 s7)"),
        OffenceCode(code: "SOA9", label: "Sexual activity with a child (SOA 2003 s9)"),
        OffenceCode(code: "SOA10", label: "Causing or inciting a child to engage in sexual activity (SOA 2003 s10)"),
        OffenceCode(code: "SOA14", label: "Arranging or facilitating a child sex offence (SOA 2003 s14)"),
        OffenceCode(code: "SOA15", label: "Meeting a child following sexual grooming (SOA 2003 s15)"),
        OffenceCode(code: "SOA15A", label: "Sexual communication with a child (SOA 2003 s15A)"),
        OffenceCode(code: "SOA25", label: "Sexual activity with a child family member (SOA 2003 s25)"),
        OffenceCode(code: "SOA48", label: "Causing or inciting sexual exploitation of a child (SOA 2003 s48)"),
        OffenceCode(code: "PCA1", label: "Taking, making or distributing indecent images of a child (PCA 1978 s1)"),
        OffenceCode(code: "CJA160", label: "Possession of indecent images of a child (CJA 1988 s160)"),
        OffenceCode(code: "SCA76", label: "Controlling or coercive behaviour (Serious Crime Act 2015 s76)"),
        OffenceCode(code: "FGM1", label: "Female genital mutilation (FGM Act 2003 s1)"),
        OffenceCode(code: "MSA1", label: "Slavery, servitude or forced labour (Modern Slavery Act 2015 s1)"),
        OffenceCode(code: "MSA2", label: "Human trafficking (Modern Slavery Act 2015 s2)"),
    ]
}
