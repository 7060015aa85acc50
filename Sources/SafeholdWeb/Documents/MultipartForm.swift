import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import SafeholdCore

/// A `multipart/form-data` body (RFC 7578) read strictly: text fields and at most one file part named
/// `file`. The body is collected up to the documents' size limit plus room for the fields, never more;
/// anything malformed is a 422 naming the file, so nothing is stored.
struct MultipartForm: Sendable {
    private(set) var values: [String: [String]] = [:]
    private(set) var fileName: String?
    private(set) var file: [UInt8]?

    /// Room for the form's text fields and the parts' headers on top of the file.
    static let overhead = 64 * 1_024
    static let maxParts = 40

    /// The first value of a text field, trimmed; nil when absent or blank.
    subscript(_ key: String) -> String? {
        guard let value = values[key]?.first?.trimmingCharacters(in: .whitespacesAndNewlines), !value.isEmpty else {
            return nil
        }
        return value
    }

    /// A checkbox: present means ticked.
    func flag(_ key: String) -> Bool {
        guard let value = self[key]?.lowercased() else { return false }
        return !["false", "0", "no", "off"].contains(value)
    }

    static func refused(_ why: String) -> SafeholdError {
        .invalid([FieldError("file", why)])
    }

    /// Reads the request's multipart body; with `checkCSRF` (pages) its `_csrf` field must match the session's.
    static func read(
        _ request: Request, context: SafeholdContext, maxFileBytes: Int, checkCSRF: Bool
    ) async throws -> MultipartForm {
        guard let type = request.headers[.contentType], let boundary = boundary(type) else {
            throw refused("send the upload as multipart/form-data with a boundary")
        }
        let limit = maxFileBytes + overhead
        if let length = request.headers[.contentLength].flatMap(Int.init), length > limit {
            throw refused("is over the limit of \(DocumentDraft.megabytes(maxFileBytes))")
        }
        let buffer: ByteBuffer
        do {
            buffer = try await request.body.collect(upTo: limit)
        } catch is NIOTooManyBytesError {
            throw refused("is over the limit of \(DocumentDraft.megabytes(maxFileBytes))")
        }
        let form = try parse(Array(buffer.readableBytesView), boundary: boundary)
        if checkCSRF {
            guard let expected = context.identity?.csrfToken, let sent = form.values["_csrf"]?.first,
                FormData.constantTimeEquals(expected, sent)
            else {
                throw SafeholdError.forbidden(
                    "This form has expired or did not come from Safehold. Go back, reload the page and try again.")
            }
        }
        return form
    }

    /// The boundary of a `multipart/form-data` content type (1-70 characters, RFC 2046), or nil.
    static func boundary(_ contentType: String) -> String? {
        let parts = contentType.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
        guard parts.first?.lowercased() == "multipart/form-data" else { return nil }
        for part in parts.dropFirst() where part.lowercased().hasPrefix("boundary=") {
            var value = String(part.dropFirst("boundary=".count))
            if value.hasPrefix("\""), value.hasSuffix("\""), value.count >= 2 {
                value = String(value.dropFirst().dropLast())
            }
            guard (1...70).contains(value.count), value.allSatisfy({ $0.isASCII && !$0.isNewline }) else { return nil }
            return value
        }
        return nil
    }

    /// Parses the body: every part between `--boundary` lines, the last closed by `--boundary--`.
    static func parse(_ body: [UInt8], boundary: String) throws(SafeholdError) -> MultipartForm {
        let malformed = refused("the upload could not be read (the multipart body is malformed): choose the file again")
        let dash = Array("--\(boundary)".utf8), delimiter = Array("\r\n--\(boundary)".utf8)
        guard body.starts(with: dash) else { throw malformed }
        var form = MultipartForm()
        var cursor = dash.count
        var parts = 0
        while true {
            // After a boundary: "--" ends the body, CRLF starts a part.
            if body.count >= cursor + 2, body[cursor] == 0x2D, body[cursor + 1] == 0x2D { break }
            guard body.count >= cursor + 2, body[cursor] == 0x0D, body[cursor + 1] == 0x0A else { throw malformed }
            cursor += 2
            parts += 1
            guard parts <= maxParts else { throw refused("the upload has too many parts") }
            guard let headerEnd = find([0x0D, 0x0A, 0x0D, 0x0A], in: body, from: cursor), headerEnd - cursor < 8_192
            else { throw malformed }
            let headers = String(decoding: body[cursor..<headerEnd], as: UTF8.self)
            let start = headerEnd + 4
            guard let end = find(delimiter, in: body, from: start) else { throw malformed }
            try form.add(headers: headers, content: Array(body[start..<end]), malformed: malformed)
            cursor = end + delimiter.count
        }
        return form
    }

    private mutating func add(headers: String, content: [UInt8], malformed: SafeholdError) throws(SafeholdError) {
        var disposition: String?
        for line in headers.split(separator: "\r\n") {
            let pair = line.split(separator: ":", maxSplits: 1)
            guard pair.count == 2 else { throw malformed }
            if pair[0].trimmingCharacters(in: .whitespaces).lowercased() == "content-disposition" {
                disposition = pair[1].trimmingCharacters(in: .whitespaces)
            }
        }
        guard let disposition, disposition.lowercased().hasPrefix("form-data"),
            let name = Self.parameter("name", in: disposition)
        else { throw malformed }
        let fileName = Self.extendedFileName(disposition) ?? Self.parameter("filename", in: disposition)
        if name == "file" {
            guard file == nil else { throw Self.refused("send one file at a time") }
            file = content
            self.fileName = fileName ?? ""
            return
        }
        guard fileName == nil else { throw Self.refused("send the file in the part named 'file'") }
        guard let text = String(validating: content, as: UTF8.self) else { throw malformed }
        values[name, default: []].append(text)
    }

    /// A quoted or bare parameter of a `Content-Disposition` header.
    static func parameter(_ key: String, in header: String) -> String? {
        for piece in header.split(separator: ";").dropFirst() {
            let pair = piece.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard pair.count == 2, pair[0].lowercased() == key else { continue }
            var value = pair[1]
            if value.hasPrefix("\""), value.hasSuffix("\""), value.count >= 2 {
                value = String(value.dropFirst().dropLast())
            }
            return value.replacingOccurrences(of: "\\\"", with: "\"")
        }
        return nil
    }

    /// `filename*=UTF-8''...` (RFC 5987), when the client sent the exact name that way.
    static func extendedFileName(_ header: String) -> String? {
        guard let raw = parameter("filename*", in: header), raw.lowercased().hasPrefix("utf-8''") else { return nil }
        return String(raw.dropFirst(7)).removingPercentEncoding
    }

    /// The index of the first `needle` in `haystack` at or after `from`.
    static func find(_ needle: [UInt8], in haystack: [UInt8], from: Int) -> Int? {
        guard let first = needle.first, haystack.count >= needle.count else { return nil }
        var index = from
        let last = haystack.count - needle.count
        while index <= last {
            if haystack[index] == first {
                var match = true
                for offset in 1..<needle.count where haystack[index + offset] != needle[offset] {
                    match = false
                    break
                }
                if match { return index }
            }
            index += 1
        }
        return nil
    }
}
