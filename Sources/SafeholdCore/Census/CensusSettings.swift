import Foundation

/// Who makes the return and with what: the local authority's three-digit code, the software's code, its
/// release and the file's serial number (the `Source` part of the header). Configured by the environment
/// (`SAFEHOLD_CENSUS_LA_CODE`, `_SOFTWARE_CODE`, `_RELEASE`, `_SERIAL_NO`) and checked here.
public struct CensusSettings: Hashable, Sendable {
    public var laCode: String
    public var softwareCode: String
    public var release: String
    public var serialNo: String

    public init(laCode: String, softwareCode: String = "Safehold", release: String = "1.0", serialNo: String = "1") {
        self.laCode = laCode
        self.softwareCode = softwareCode
        self.release = release
        self.serialNo = serialNo
    }

    /// Refuses an LA code that is not three digits, a serial number that is not one to six digits, and a
    /// software code or release that is blank, too long or holds control or bidirectional characters.
    public func validated() throws(SafeholdError) -> CensusSettings {
        var v = Validation()
        if !(laCode.count == 3 && laCode.allSatisfy(\.isASCIIDigit)) {
            v.add("laCode", "must be the local authority's three-digit code (SAFEHOLD_CENSUS_LA_CODE)")
        }
        v.text("softwareCode", softwareCode, required: true, max: 50)
        v.text("release", release, required: true, max: 20)
        if !((1...6).contains(serialNo.count) && serialNo.allSatisfy(\.isASCIIDigit)) {
            v.add("serialNo", "must be a number of one to six digits (SAFEHOLD_CENSUS_SERIAL_NO)")
        }
        try v.check()
        return self
    }

    /// The header of the return for `year`, made at `madeAt` (shown in UK local time).
    public func header(for year: CensusYear, madeAt: LocalDateTime) -> CensusHeader {
        CensusHeader(
            year: year.headerYear, referenceDate: year.referenceDate, lea: laCode, softwareCode: softwareCode,
            release: release, serialNo: serialNo, dateTime: madeAt.censusText)
    }
}

extension Character {
    /// 0-9 only (not other scripts' digits, which `isNumber` accepts).
    var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}

extension LocalDateTime {
    /// `YYYY-MM-DDTHH:MM:SS`, as the census header's `DateTime` carries it.
    var censusText: String {
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return "\(date)T\(two(hour)):\(two(minute)):\(two(second))"
    }
}
