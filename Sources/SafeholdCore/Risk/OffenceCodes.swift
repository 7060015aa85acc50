import Foundation

/// One offence on the risk profile's code list.
public struct RiskOffence: Hashable, Codable, Sendable {
    public let code: String
    public let label: String
    /// Under the Sexual Offences Act 2003 (and so brings notification requirements on conviction).
    public let sexual: Bool

    public init(code: String, label: String, sexual: Bool) {
        self.code = code
        self.label = label
        self.sexual = sexual
    }
}

/// The offences a risk profile names, by code: a small synthetic list after the Sexual Offences Act
/// 2003, the Offences Against the Person Act 1861 and other violent offences. A profile stores the
/// codes only; the list gives their words.
public enum RiskOffenceCodes {
    public static let all: [RiskOffence] = [
        RiskOffence(code: "SOA03-S1", label: "Rape (Sexual Offences Act 2003 s1)", sexual: true),
        RiskOffence(code: "SOA03-S3", label: "Sexual assault (SOA 2003 s3)", sexual: true),
        RiskOffence(code: "SOA03-S5", label: "Rape of a child under 13 (SOA 2003 s5)", sexual: true),
        RiskOffence(code: "SOA03-S7", label: "Sexual assault of a child under 13 (SOA 2003 s7)", sexual: true),
        RiskOffence(code: "SOA03-S9", label: "Sexual activity with a child (SOA 2003 s9)", sexual: true),
        RiskOffence(
            code: "SOA03-S10", label: "Causing or inciting a child to engage in sexual activity (SOA 2003 s10)",
            sexual: true),
        RiskOffence(
            code: "SOA03-S14", label: "Arranging or facilitating a child sex offence (SOA 2003 s14)", sexual: true),
        RiskOffence(
            code: "SOA03-S15", label: "Meeting a child following sexual grooming (SOA 2003 s15)", sexual: true),
        RiskOffence(
            code: "SOA03-S15A", label: "Sexual communication with a child (SOA 2003 s15A)", sexual: true),
        RiskOffence(code: "SOA03-S66", label: "Exposure (SOA 2003 s66)", sexual: true),
        RiskOffence(code: "SOA03-S67", label: "Voyeurism (SOA 2003 s67)", sexual: true),
        RiskOffence(
            code: "PCA78-S1", label: "Taking, making or distributing indecent images of children (PCA 1978 s1)",
            sexual: true),
        RiskOffence(code: "OAPA-S18", label: "Wounding with intent (OAPA 1861 s18)", sexual: false),
        RiskOffence(code: "OAPA-S20", label: "Unlawful wounding (OAPA 1861 s20)", sexual: false),
        RiskOffence(code: "OAPA-S47", label: "Assault occasioning actual bodily harm (OAPA 1861 s47)", sexual: false),
        RiskOffence(code: "CYPA33-S1", label: "Child cruelty (Children and Young Persons Act 1933 s1)", sexual: false),
        RiskOffence(
            code: "SCA15-S76", label: "Controlling or coercive behaviour (Serious Crime Act 2015 s76)", sexual: false),
        RiskOffence(code: "HOM-MANS", label: "Manslaughter", sexual: false),
        RiskOffence(code: "HOM-MURD", label: "Murder", sexual: false),
        RiskOffence(code: "TA00-TERR", label: "Terrorism offence (Terrorism Act 2000)", sexual: false),
    ]

    /// The offence with `code`, or nil when it is not on the list.
    public static func offence(_ code: String) -> RiskOffence? { byCode[code] }

    private static let byCode: [String: RiskOffence] = Dictionary(uniqueKeysWithValues: all.map { ($0.code, $0) })
}
