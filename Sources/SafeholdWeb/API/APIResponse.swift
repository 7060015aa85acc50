import Foundation
import Hummingbird
import SafeholdCore

/// JSON responses of the API, encoded the same way everywhere.
enum APIResponse {
    /// Foundation's encoder set up as the API's answers are written (`APIJSONEncoder` writes the same bytes faster).
    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(Timestamp.string(date))
        }
        return encoder
    }()

    static func json(_ value: some Encodable, status: HTTPResponse.Status = .ok) throws -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "application/json; charset=utf-8"
        headers[.cacheControl] = "no-store"
        return Response(
            status: status, headers: headers,
            body: .init(byteBuffer: ByteBuffer(bytes: try APIJSONEncoder.encode(value))))
    }

    struct ErrorBody: Encodable {
        struct Detail: Encodable { let status: Int; let message: String; let fields: [FieldError] }
        let error: Detail
    }

    static func error(status: HTTPResponse.Status, message: String, fields: [FieldError]) -> Response {
        (try? json(ErrorBody(error: .init(status: Int(status.code), message: message, fields: fields)), status: status))
            ?? Response(status: status)
    }
}
