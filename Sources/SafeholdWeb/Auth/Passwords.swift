import Crypto
import Foundation
import HummingbirdBcrypt
import NIOPosix
import Synchronization

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
    private let decoy: Decoy

    public init(cost: UInt8) {
        self.cost = cost
        self.decoy = Decoy(cost: cost)
    }

    /// Makes the decoy hash now rather than at the first sign-in with an unknown username (which would
    /// then take two hashes' time). The server calls it at start; a command that checks no password
    /// (an export, a migration) never pays for a hash it does not use.
    public func prepareDecoy() { _ = decoy.hash }

    /// The decoy hash, made once on first use.
    private final class Decoy: Sendable {
        let cost: UInt8
        private let made = Mutex<String?>(nil)

        init(cost: UInt8) { self.cost = cost }

        var hash: String {
            made.withLock { made in
                if let made { return made }
                let hash = Passwords.preHashMarker + Bcrypt.hash(Passwords.preHash(UUID().uuidString), cost: cost)
                made = hash
                return hash
            }
        }
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
        let decoy = self.decoy
        let matches = try await NIOThreadPool.singleton.runIfActive {
            let target = hash ?? decoy.hash
            if target.hasPrefix(Self.preHashMarker) {
                return Bcrypt.verify(Self.preHash(password), hash: String(target.dropFirst(Self.preHashMarker.count)))
            }
            return Bcrypt.verify(password, hash: target)
        }
        return matches && hash != nil
    }
}
