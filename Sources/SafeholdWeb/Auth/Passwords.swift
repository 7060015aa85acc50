import Foundation
import HummingbirdBcrypt
import NIOPosix

/// bcrypt hashing, run off the request threads because it is deliberately slow.
public struct Passwords: Sendable {
    public let cost: UInt8
    /// A real hash of a random password, checked when the username is unknown so that an unknown
    /// user and a wrong password take the same time and get the same answer.
    let decoyHash: String

    public init(cost: UInt8) {
        self.cost = cost
        self.decoyHash = Bcrypt.hash(UUID().uuidString, cost: cost)
    }

    public func hash(_ password: String) async throws -> String {
        let cost = self.cost
        return try await NIOThreadPool.singleton.runIfActive { Bcrypt.hash(password, cost: cost) }
    }

    public func verify(_ password: String, hash: String?) async throws -> Bool {
        let target = hash ?? decoyHash
        let matches = try await NIOThreadPool.singleton.runIfActive { Bcrypt.verify(password, hash: target) }
        return matches && hash != nil
    }
}
