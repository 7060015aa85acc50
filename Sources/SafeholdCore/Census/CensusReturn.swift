import Foundation

/// A CIN census return laid out as the DfE's 2025-26 specification lays out the XML: a header and one
/// `Child` per child with their `CINdetails` (episodes of need). Values are kept as the return carries
/// them (codes as text, flags as `true`/`false` text) so that the rules can find a missing or invalid
/// value, whether the return was built from the record or read back from a file. The Safehold ids
/// (`personId`, `episodeId`, `stepId`) are not exported: they let a failing rule link to the step to fix.
public struct CensusReturn: Hashable, Sendable {
    public var header: CensusHeader
    public var children: [CensusChild]

    public init(header: CensusHeader, children: [CensusChild]) {
        self.header = header
        self.children = children
    }
}

/// `Header`: `CollectionDetails` (Collection, Year, ReferenceDate) and `Source`.
public struct CensusHeader: Hashable, Sendable {
    public var collection: String
    public var year: String
    public var referenceDate: LocalDate?
    public var sourceLevel: String
    /// The local authority's three-digit code.
    public var lea: String
    public var softwareCode: String
    public var release: String
    public var serialNo: String
    /// When the file was made, `YYYY-MM-DDTHH:MM:SS` (UK local time).
    public var dateTime: String

    public init(
        collection: String = "CIN", year: String, referenceDate: LocalDate?, sourceLevel: String = "L", lea: String,
        softwareCode: String, release: String, serialNo: String, dateTime: String
    ) {
        self.collection = collection
        self.year = year
        self.referenceDate = referenceDate
        self.sourceLevel = sourceLevel
        self.lea = lea
        self.softwareCode = softwareCode
        self.release = release
        self.serialNo = serialNo
        self.dateTime = dateTime
    }
}

/// `Child`: `ChildIdentifiers`, `ChildCharacteristics` and the child's `CINdetails`.
public struct CensusChild: Hashable, Sendable {
    public var personId: UUID?
    public var laChildID: String?
    public var upn: String?
    public var formerUPN: String?
    /// UN1-UN10 when the UPN is not known.
    public var upnUnknown: String?
    public var birthDate: LocalDate?
    public var expectedBirthDate: LocalDate?
    /// M, F or U.
    public var sex: String?
    public var deathDate: LocalDate?
    public var ethnicity: String?
    public var disabilities: [String]
    public var episodes: [CINDetails]

    public init(
        personId: UUID? = nil, laChildID: String?, upn: String? = nil, formerUPN: String? = nil,
        upnUnknown: String? = nil, birthDate: LocalDate? = nil, expectedBirthDate: LocalDate? = nil,
        sex: String?, deathDate: LocalDate? = nil, ethnicity: String?, disabilities: [String],
        episodes: [CINDetails]
    ) {
        self.personId = personId
        self.laChildID = laChildID
        self.upn = upn
        self.formerUPN = formerUPN
        self.upnUnknown = upnUnknown
        self.birthDate = birthDate
        self.expectedBirthDate = expectedBirthDate
        self.sex = sex
        self.deathDate = deathDate
        self.ethnicity = ethnicity
        self.disabilities = disabilities
        self.episodes = episodes
    }
}
