import Crypto
import Foundation

/// A document being uploaded: its metadata as typed and the file's bytes as received.
public struct DocumentDraft: Sendable {
    public var title: String
    public var kind: String
    public var fileName: String
    public var description: String?
    public var thirdParty: Bool
    public var notForFamily: Bool

    public init(
        title: String, kind: String, fileName: String, description: String? = nil, thirdParty: Bool = false,
        notForFamily: Bool = false
    ) {
        self.title = title
        self.kind = kind
        self.fileName = fileName
        self.description = description
        self.thirdParty = thirdParty
        self.notForFamily = notForFamily
    }

    /// The default size limit (25 MB), overridden by `SAFEHOLD_DOCUMENT_MAX_BYTES`.
    public static let defaultMaxBytes = 25 * 1_000_000
    public static let titleMax = 200
    public static let fileNameMax = 200
    public static let descriptionMax = 4_000

    /// The checked metadata and the type read from `bytes`: refuses a blank or over-long title, a kind
    /// not on the list, a file name with control or direction characters or a path, an empty file, a
    /// file over `maxBytes` and content of a type Safehold does not keep, each naming its field.
    public func validated(bytes: [UInt8], maxBytes: Int) throws(SafeholdError) -> ValidDocument {
        var v = Validation()
        let title = title.trimmingCharacters(in: .whitespacesAndNewlines)
        v.text("title", title, required: true, max: Self.titleMax)
        let kind = DocumentKind(rawValue: kind)
        if kind == nil { v.add("kind", "choose what the document is (letter, medical report, photograph...)") }
        let name = fileName.trimmingCharacters(in: .whitespaces)
        v.text("fileName", name, required: true, max: Self.fileNameMax)
        if name.contains("/") || name.contains("\\") || name == "." || name == ".." {
            v.add("fileName", "give the file's name without a folder")
        }
        let description = description?.trimmingCharacters(in: .whitespacesAndNewlines)
        let cleanDescription = description?.isEmpty == false ? description : nil
        v.text("description", cleanDescription, max: Self.descriptionMax, multiline: true)
        var type: DocumentType?
        if bytes.isEmpty {
            v.add("file", "is empty (0 bytes): choose the file again")
        } else if bytes.count > maxBytes {
            v.add("file", "is \(Self.megabytes(bytes.count)), over the limit of \(Self.megabytes(maxBytes))")
        } else {
            type = DocumentType.detect(bytes)
            if type == nil { v.add("file", DocumentType.refusal(bytes)) }
        }
        try v.check()
        return ValidDocument(
            title: title, kind: kind!, fileName: name, description: cleanDescription, thirdParty: thirdParty,
            notForFamily: notForFamily, type: type!, size: bytes.count,
            sha256: Digits.hex(SHA256.hash(data: bytes)))
    }

    /// A size in words ("25 MB", "812 KB").
    public static func megabytes(_ bytes: Int) -> String {
        if bytes >= 1_000_000 {
            let tenths = (bytes + 50_000) / 100_000
            return tenths % 10 == 0 ? "\(tenths / 10) MB" : "\(tenths / 10).\(tenths % 10) MB"
        }
        return bytes >= 1_000 ? "\((bytes + 500) / 1_000) KB" : "\(bytes) bytes"
    }
}

/// Document metadata that passed its checks, with the type, size and checksum read from the file.
public struct ValidDocument: Sendable {
    public let title: String
    public let kind: DocumentKind
    public let fileName: String
    public let description: String?
    public let thirdParty: Bool
    public let notForFamily: Bool
    public let type: DocumentType
    public let size: Int
    public let sha256: String
}

/// The file name a download is offered under: an ASCII fallback and the exact name (RFC 6266, 5987).
public enum DownloadName {
    /// `attachment; filename="..."; filename*=UTF-8''...` for `name`, safe whatever it holds.
    public static func contentDisposition(_ name: String, inline: Bool = false) -> String {
        let kind = inline ? "inline" : "attachment"
        return "\(kind); filename=\"\(ascii(name))\"; filename*=UTF-8''\(percentEncoded(name))"
    }

    /// Letters, digits and `.-_ ` kept; everything else becomes `_`; never empty.
    public static func ascii(_ name: String) -> String {
        let kept = name.unicodeScalars.map { scalar -> Character in
            let ok =
                scalar.isASCII
                && (CharacterSet.alphanumerics.contains(scalar) || ".-_ ()".unicodeScalars.contains(scalar))
            return ok ? Character(scalar) : "_"
        }
        let text = String(kept.prefix(150)).trimmingCharacters(in: .whitespaces)
        return text.isEmpty ? "document" : text
    }

    /// RFC 5987 `attr-char` kept, every other UTF-8 byte percent-encoded.
    public static func percentEncoded(_ name: String) -> String {
        let allowed = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789!#$&+-.^_`|~".utf8)
        return name.utf8.map { allowed.contains($0) ? String(UnicodeScalar($0)) : String(format: "%%%02X", $0) }
            .joined()
    }
}
