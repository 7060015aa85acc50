import Foundation
import Yams

/// The API's OpenAPI 3.1 description, kept as YAML in the resources and served as JSON.
enum OpenAPIDocument {
    /// The document, converted once at first use (a command line run that serves no API never converts it).
    static let served = Result { try json() }

    static func json() throws -> Data {
        guard
            let url = Bundle.module.url(forResource: "Resources", withExtension: nil)?.appendingPathComponent(
                "openapi.yaml")
        else {
            throw CocoaError(.fileNoSuchFile)
        }
        let yaml = try String(contentsOf: url, encoding: .utf8)
        guard let object = try Yams.load(yaml: yaml) else { throw CocoaError(.fileReadCorruptFile) }
        return try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
    }
}
