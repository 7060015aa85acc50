import Crypto
import Foundation
import HummingbirdBcrypt
import NIOPosix

/// bcrypt hashing, run off the request threads because it is deliberately slow.
///
/// bcrypt reads only the first 72 bytes of a password, so two long passwords sharing those bytes
/// (or a multibyte character cut at byte 72) would match each other. New hashes therefore bcrypt the
/// base64 of the password's SHA-256 (44 bytes) and carry the marker `sha256$` in front; hashes
/// without the marker, made by older releases, still verify the old way.
public struct Passwords: Sendable {
    public let cost: UInt8
    static let preHashMarker = "sha256$"
    /// A real hash of a random password, checked when the username is unknown so that an unknown
    /// user and a wrong password take the same time and get the same answer.
    let decoyHash: String

    public init(cost: UInt8) {
        self.cost = cost
        self.decoyHash = Self.preHashMarker + Bcrypt.hash(Self.preHash(UUID().uuidString), cost: cost)
    }

    static func preHash(_ password: String) -> String {
        Data(SHA256.hash(data: Data(password.utf8))).base64EncodedString()
    }

    public func hash(_ password: String) async throws -> String {
        let cost = self.cost
        return try await NIOThreadPool.singleton.runIfActive {
            Self.preHashMarker + Bcrypt.hash(Self.preHash(password), cost: cost)
        }
    }

    public func verify(_ password: String, hash: String?) async throws -> Bool {
        let target = hash ?? decoyHash
        let matches = try await NIOThreadPool.singleton.runIfActive {
            if target.hasPrefix(Self.preHashMarker) {
                return Bcrypt.verify(Self.preHash(password), hash: String(target.dropFirst(Self.preHashMarker.count)))
            }
            return Bcrypt.verify(password, hash: target)
        }
        return matches && hash != nil
    }
}
