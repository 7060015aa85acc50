import Hummingbird
import NIOCore

/// How much of a request body Safehold reads, and the one refusal when a body is larger: a 413 in words a
/// worker understands, never the 500 that NIO's own "too many bytes" error would otherwise become.
public enum BodyLimit {
    /// A form or an API call: far more than any record's fields allow.
    public static let standard = 256 * 1024
    /// A statement for court: its sections (94,000 characters) and up to 800 chronology lines of 2,000
    /// characters, each character up to six bytes once escaped in JSON or a form.
    public static let statement = 12 * 1024 * 1024

    /// The whole body of `request`, refused with 413 when it is over `limit` bytes.
    static func collect(_ request: Request, limit: Int) async throws -> ByteBuffer {
        if let length = request.headers[.contentLength].flatMap(Int.init), length > limit {
            throw tooLarge(limit)
        }
        do {
            return try await request.body.collect(upTo: limit)
        } catch is NIOTooManyBytesError {
            throw tooLarge(limit)
        }
    }

    static func tooLarge(_ limit: Int) -> HTTPError {
        HTTPError(
            .contentTooLarge,
            message: "What was sent is larger than this page or call accepts (at most \(describe(limit))). "
                + "Nothing was saved.")
    }

    /// `262144` as "256 KB", `12582912` as "12 MB".
    static func describe(_ bytes: Int) -> String {
        bytes >= 1024 * 1024 ? "\(bytes / (1024 * 1024)) MB" : "\(bytes / 1024) KB"
    }
}
