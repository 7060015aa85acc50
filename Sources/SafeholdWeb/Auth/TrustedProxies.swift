import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The reverse proxies whose forwarded headers are believed (`SAFEHOLD_TRUSTED_PROXIES`: addresses
/// and CIDR ranges, IPv4 or IPv6). A request from anywhere else is taken at its socket address, so a
/// client cannot choose the address its sign-in limits and audit entries are kept under.
public struct TrustedProxies: Sendable {
    struct Range: Sendable {
        let bytes: [UInt8]
        let prefix: Int

        func contains(_ address: [UInt8]) -> Bool {
            guard address.count == bytes.count else { return false }
            var bits = prefix
            for (a, b) in zip(address, bytes) where bits > 0 {
                let mask: UInt8 = bits >= 8 ? 0xFF : ~(0xFF >> UInt8(bits))
                if a & mask != b & mask { return false }
                bits -= 8
            }
            return true
        }
    }

    struct Refused: Error, CustomStringConvertible { let description: String }

    let ranges: [Range]
    /// The slash of CIDR notation (`10.0.0.0/8`).
    static let prefixSeparator: Character = "\u{2F}"

    /// Parses `entries`; throws naming the first entry that is neither an address nor a CIDR range.
    public init(_ entries: [String]) throws {
        ranges = try entries.map { entry in
            let parts = entry.split(separator: Self.prefixSeparator, maxSplits: 1).map(String.init)
            guard let bytes = Self.parse(parts[0]) else {
                throw Refused(description: "'\(entry)' is not an IP address or range")
            }
            let prefix = parts.count == 2 ? Int(parts[1]) : bytes.count * 8
            guard let prefix, (0...(bytes.count * 8)).contains(prefix) else {
                throw Refused(description: "'\(entry)' has a prefix length out of range")
            }
            return Range(bytes: bytes, prefix: prefix)
        }
    }

    public func trusts(_ address: String) -> Bool {
        guard let bytes = Self.parse(address) else { return false }
        return ranges.contains { $0.contains(bytes) }
    }

    /// The client's address: the socket peer, unless the peer is a trusted proxy; then the nearest
    /// address in the forwarded chain (read from the right) that is not itself a trusted proxy.
    /// `Forwarded` is read when present, otherwise `X-Forwarded-For`.
    public func clientAddress(peer: String?, forwarded: String?, xForwardedFor: String?) -> String? {
        guard let peer, !ranges.isEmpty, trusts(peer) else { return peer }
        let chain: [String]
        if let forwarded {
            chain = Self.forwardedFor(forwarded)
        } else if let xForwardedFor {
            chain = xForwardedFor.split(separator: ",").map { Self.bare(String($0)) }
        } else {
            return peer
        }
        var client = peer
        for hop in chain.reversed() {
            guard Self.parse(hop) != nil else { return client }
            client = hop
            if !trusts(hop) { return hop }
        }
        return client
    }

    /// The `for=` values of a `Forwarded` header (RFC 7239), in order.
    static func forwardedFor(_ header: String) -> [String] {
        header.split(separator: ",").compactMap { element in
            element.split(separator: ";").lazy.map { $0.trimmingCharacters(in: .whitespaces) }
                .first { $0.lowercased().hasPrefix("for=") }
                .map { bare(String($0.dropFirst(4))) }
        }
    }

    /// An address without quotes, brackets or port: `"[2001:db8::1]:4711"` -> `2001:db8::1`.
    static func bare(_ text: String) -> String {
        var value = text.trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: "\""))
        if value.hasPrefix("["), let end = value.firstIndex(of: "]") {
            value = String(value[value.index(after: value.startIndex)..<end])
        } else if value.filter({ $0 == ":" }).count == 1, let colon = value.firstIndex(of: ":") {
            value = String(value[..<colon])
        }
        return value
    }

    /// The address's bytes (4 or 16), or nil when it is not an IP address.
    static func parse(_ text: String) -> [UInt8]? {
        var v4 = in_addr()
        if inet_pton(AF_INET, text, &v4) == 1 { return withUnsafeBytes(of: &v4) { Array($0) } }
        var v6 = in6_addr()
        if inet_pton(AF_INET6, text, &v6) == 1 { return withUnsafeBytes(of: &v6) { Array($0) } }
        return nil
    }
}
