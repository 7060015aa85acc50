import Foundation

/// The kinds of file Safehold keeps, recognised by their content (their first bytes and, for the
/// ZIP-based office formats, the entries inside), never by their name or the type a browser claims.
/// SVG, HTML, scripts, executables and plain text are not on the list: a stored file is served back to
/// other workers, and none of those is needed as evidence in a form that cannot be a PDF or an image.
public enum DocumentType: String, CaseIterable, Codable, Sendable {
    case pdf, png, jpeg, gif, webp, tiff
    case docx, xlsx, pptx
    case odt, ods, odp
    /// Word 97-2003, Excel 97-2003 and PowerPoint 97-2003 (an OLE2 compound file).
    case legacyOffice = "ole2"

    /// The media type the file is served with.
    public var mediaType: String {
        switch self {
        case .pdf: "application/pdf"
        case .png: "image/png"
        case .jpeg: "image/jpeg"
        case .gif: "image/gif"
        case .webp: "image/webp"
        case .tiff: "image/tiff"
        case .docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
        case .xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        case .pptx: "application/vnd.openxmlformats-officedocument.presentationml.presentation"
        case .odt: "application/vnd.oasis.opendocument.text"
        case .ods: "application/vnd.oasis.opendocument.spreadsheet"
        case .odp: "application/vnd.oasis.opendocument.presentation"
        case .legacyOffice: "application/x-ole-storage"
        }
    }

    /// A name a worker recognises.
    public var label: String {
        switch self {
        case .pdf: "PDF"
        case .png: "PNG image"
        case .jpeg: "JPEG image"
        case .gif: "GIF image"
        case .webp: "WebP image"
        case .tiff: "TIFF image"
        case .docx: "Word document"
        case .xlsx: "Excel spreadsheet"
        case .pptx: "PowerPoint presentation"
        case .odt: "OpenDocument text"
        case .ods: "OpenDocument spreadsheet"
        case .odp: "OpenDocument presentation"
        case .legacyOffice: "Office 97-2003 document"
        }
    }

    /// Whether a browser may show it inline as an image (never a document, never SVG).
    public var isImage: Bool { [.png, .jpeg, .gif, .webp].contains(self) }

    /// The type of `bytes` by their content, or nil when they are none of the allowed kinds.
    public static func detect(_ bytes: some Collection<UInt8>) -> DocumentType? {
        let head = Array(bytes.prefix(4_096))
        func starts(_ magic: [UInt8], at offset: Int = 0) -> Bool {
            head.count >= offset + magic.count && Array(head[offset..<offset + magic.count]) == magic
        }
        if starts(Array("%PDF-".utf8)) { return .pdf }
        if starts([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { return .png }
        if starts([0xFF, 0xD8, 0xFF]) { return .jpeg }
        if starts(Array("GIF87a".utf8)) || starts(Array("GIF89a".utf8)) { return .gif }
        if starts(Array("RIFF".utf8)) && starts(Array("WEBP".utf8), at: 8) { return .webp }
        if starts([0x49, 0x49, 0x2A, 0x00]) || starts([0x4D, 0x4D, 0x00, 0x2A]) { return .tiff }
        if starts([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) { return .legacyOffice }
        if starts([0x50, 0x4B, 0x03, 0x04]) { return ZipEntries(bytes).officeType }
        return nil
    }

    /// Why `bytes` are refused, in words, naming what they look like when that is recognisable.
    public static func refusal(_ bytes: some Collection<UInt8>) -> String {
        let head = Array(bytes.prefix(512))
        let text = String(decoding: head, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
        let what: String
        if head.starts(with: [0x4D, 0x5A]) || head.starts(with: [0x7F, 0x45, 0x4C, 0x46]) {
            what = "it is a program"
        } else if text.hasPrefix("#!") {
            what = "it is a script"
        } else if text.hasPrefix("<svg") || (text.hasPrefix("<?xml") && text.contains("<svg")) {
            what = "it is an SVG drawing, which can carry a script"
        } else if text.hasPrefix("<") {
            what = "it is a web page or markup"
        } else if head.starts(with: [0x50, 0x4B, 0x03, 0x04]) {
            what = "it is a ZIP archive that is not an office document"
        } else {
            what = "its content is not a type Safehold keeps"
        }
        let allowed = "PDF, PNG, JPEG, GIF, WebP or TIFF image, Word, Excel, PowerPoint or OpenDocument file"
        return "\(what): upload a \(allowed) (the type is read from the file itself, not its name)"
    }
}

/// The entries of a ZIP file as its central directory names them (and the first entry's content when
/// it is OpenDocument's uncompressed `mimetype`), enough to tell an office document from any archive.
struct ZipEntries {
    let names: [String]
    /// The content of a first entry called `mimetype` (OpenDocument stores it first, uncompressed).
    let mimetype: String?

    init(_ bytes: some Collection<UInt8>) {
        let data = Array(bytes)
        func u16(_ at: Int) -> Int { Int(data[at]) | Int(data[at + 1]) << 8 }
        func u32(_ at: Int) -> Int { u16(at) | u16(at + 2) << 16 }
        var mimetype: String?
        if data.count >= 30 {
            let nameLength = u16(26), extraLength = u16(28), size = u32(18), method = u16(8)
            let dataStart = 30 + nameLength + extraLength
            if method == 0, dataStart + size <= data.count, size < 200,
                String(decoding: data[30..<30 + nameLength], as: UTF8.self) == "mimetype"
            {
                mimetype = String(decoding: data[dataStart..<dataStart + size], as: UTF8.self)
            }
        }
        self.mimetype = mimetype
        // The end of central directory record: within the last 64 KiB + 22 bytes.
        var names: [String] = []
        var end = data.count - 22
        let floor = max(0, data.count - 22 - 65_535)
        while end >= floor, !(data[end] == 0x50 && data[end + 1] == 0x4B && data[end + 2] == 5 && data[end + 3] == 6) {
            end -= 1
        }
        if end >= floor && end >= 0 {
            var offset = u32(end + 16)
            let count = u16(end + 10)
            for _ in 0..<min(count, 5_000) {
                guard offset + 46 <= data.count,
                    data[offset..<offset + 4].elementsEqual([0x50, 0x4B, 0x01, 0x02])
                else { break }
                let nameLength = u16(offset + 28), extra = u16(offset + 30), comment = u16(offset + 32)
                guard offset + 46 + nameLength <= data.count else { break }
                names.append(String(decoding: data[offset + 46..<offset + 46 + nameLength], as: UTF8.self))
                offset += 46 + nameLength + extra + comment
            }
        }
        self.names = names
    }

    var officeType: DocumentType? {
        if let mimetype {
            switch mimetype {
            case DocumentType.odt.mediaType: return .odt
            case DocumentType.ods.mediaType: return .ods
            case DocumentType.odp.mediaType: return .odp
            default: return nil
            }
        }
        guard names.contains("[Content_Types].xml") else { return nil }
        if names.contains(where: { $0.hasPrefix("word/") }) { return .docx }
        if names.contains(where: { $0.hasPrefix("xl/") }) { return .xlsx }
        if names.contains(where: { $0.hasPrefix("ppt/") }) { return .pptx }
        return nil
    }
}
