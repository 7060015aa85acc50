import Foundation
import SafeholdCore

extension CensusSettings {
    /// From `SAFEHOLD_CENSUS_LA_CODE` (three digits, required before a return is made),
    /// `SAFEHOLD_CENSUS_SOFTWARE_CODE` (default `Safehold`), `SAFEHOLD_CENSUS_RELEASE` (default `1.0`) and
    /// `SAFEHOLD_CENSUS_SERIAL_NO` (default `1`). The values are checked when a return is made.
    static func read(_ r: SettingsReader) -> CensusSettings {
        var settings = CensusSettings(laCode: r.text("SAFEHOLD_CENSUS_LA_CODE") ?? "")
        if let v = r.text("SAFEHOLD_CENSUS_SOFTWARE_CODE") { settings.softwareCode = v }
        if let v = r.text("SAFEHOLD_CENSUS_RELEASE") { settings.release = v }
        if let v = r.text("SAFEHOLD_CENSUS_SERIAL_NO") { settings.serialNo = v }
        return settings
    }
}

extension AppConfiguration {
    /// The census settings in use: the demo authority, when no LA code is configured, returns as LA 999
    /// (no real authority's code).
    public var censusInUse: CensusSettings {
        var settings = census
        if settings.laCode.isEmpty && demo { settings.laCode = CensusSettings.demoLACode }
        return settings
    }
}

extension CensusSettings {
    /// The demo authority's LA code.
    public static let demoLACode = "999"
}
