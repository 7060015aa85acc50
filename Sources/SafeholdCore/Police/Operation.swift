import Foundation

/// An operation: one name for an organised or online abuse inquiry that groups many investigations,
/// victims and suspects.
public struct PoliceOperation: Identifiable, Hashable, Sendable {
    public let id: UUID
    public var agencyId: UUID
    public var teamId: UUID
    public var name: String
    public var summary: String
    public var version: Int

    public init(id: UUID, agencyId: UUID, teamId: UUID, name: String, summary: String, version: Int) {
        self.id = id
        self.agencyId = agencyId
        self.teamId = teamId
        self.name = name
        self.summary = summary
        self.version = version
    }

    /// Operation names: 2-60 characters, letters, digits, spaces and hyphens ("Operation Kestrel").
    public static func validate(name: String, summary: String) throws(SafeholdError) {
        var v = Validation()
        v.text("name", name, required: true, max: 60)
        if !name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == " " || $0 == "-" }) {
            v.add("name", "use letters, digits, spaces and hyphens only")
        }
        v.text("summary", summary, required: true, max: 4000, multiline: true)
        try v.check()
    }
}

/// A device or a set of images seized in an operation, referenced by identifier and hash: never the
/// device's contents or an image itself.
public struct EvidenceItem: Hashable, Sendable {
    public enum Kind: String, CaseIterable, Codable, Sendable {
        case device, imageSet = "image_set"

        public var label: String { self == .device ? "Device" : "Set of images" }
    }

    public var kind: Kind
    public var identifier: String
    /// A SHA-256 (64 hexadecimal digits) or MD5 (32) hash of the exhibit, as the forensic unit gave it.
    public var hash: String
    /// Indecent images by category (A most serious, then B, C).
    public var categoryA: Int
    public var categoryB: Int
    public var categoryC: Int

    public init(kind: Kind, identifier: String, hash: String, categoryA: Int, categoryB: Int, categoryC: Int) {
        self.kind = kind
        self.identifier = identifier
        self.hash = hash
        self.categoryA = categoryA
        self.categoryB = categoryB
        self.categoryC = categoryC
    }

    public static let maxCount = 10_000_000

    public func validated() throws(SafeholdError) -> EvidenceItem {
        var v = Validation()
        v.text("identifier", identifier, required: true, max: 60)
        let hex = hash.lowercased()
        if !(hex.count == 64 || hex.count == 32) || !hex.allSatisfy({ $0.isHexDigit && $0.isASCII }) {
            v.add("hash", "must be a SHA-256 (64) or MD5 (32) hash in hexadecimal digits")
        }
        for (field, count) in [("categoryA", categoryA), ("categoryB", categoryB), ("categoryC", categoryC)] {
            v.number(field, count, in: 0...Self.maxCount)
        }
        try v.check()
        var item = self
        item.hash = hex
        return item
    }
}
