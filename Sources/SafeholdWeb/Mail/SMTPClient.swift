import Foundation
import NIOCore
import NIOPosix

/// What went wrong talking to the relay.
enum SMTPError: Error, Equatable {
    case closed
    case unexpected(command: String, reply: String)
    case timedOut
}

/// A small SMTP client for a relay on the local network: EHLO, MAIL FROM, RCPT TO, DATA, QUIT, each
/// reply checked, the whole exchange given `timeout`. No TLS or authentication: the relay provides them.
struct SMTPClient: Sendable {
    let host: String
    let port: Int
    let helo: String
    var timeout: Duration = .seconds(20)

    func send(_ message: MailMessage) async throws {
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await self.exchange(message) }
            group.addTask {
                try await Task.sleep(for: self.timeout)
                throw SMTPError.timedOut
            }
            defer { group.cancelAll() }
            try await group.next()
        }
    }

    private func exchange(_ message: MailMessage) async throws {
        let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .connectTimeout(.seconds(10))
            .connect(host: host, port: port) { channel in
                channel.eventLoop.makeCompletedFuture {
                    try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel)
                }
            }
        try await channel.executeThenClose { inbound, outbound in
            var replies = SMTPReplyReader(inbound.makeAsyncIterator())
            func say(_ line: String, expect codes: Set<Int>) async throws {
                if !line.isEmpty { try await outbound.write(ByteBuffer(string: line + "\r\n")) }
                let (code, text) = try await replies.next()
                guard codes.contains(code) else {
                    throw SMTPError.unexpected(command: String(line.prefix(4)), reply: String(text.prefix(200)))
                }
            }
            try await say("", expect: [220])
            try await say("EHLO \(MailMessage.headerSafe(helo))", expect: [250])
            try await say("MAIL FROM:<\(MailMessage.headerSafe(message.from))>", expect: [250])
            try await say("RCPT TO:<\(MailMessage.headerSafe(message.to))>", expect: [250, 251])
            try await say("DATA", expect: [354])
            try await say(message.data + ".", expect: [250])
            try await say("QUIT", expect: [221])
        }
    }
}

/// Reads SMTP replies ("250-first line", ..., "250 last line") from the connection's bytes.
struct SMTPReplyReader {
    var iterator: NIOAsyncChannelInboundStream<ByteBuffer>.AsyncIterator
    var pending: [UInt8] = []

    init(_ iterator: NIOAsyncChannelInboundStream<ByteBuffer>.AsyncIterator) { self.iterator = iterator }

    mutating func line() async throws -> String {
        while true {
            if let end = pending.firstIndex(of: UInt8(ascii: "\n")) {
                var bytes = Array(pending[..<end])
                pending.removeSubrange(...end)
                if bytes.last == UInt8(ascii: "\r") { bytes.removeLast() }
                return String(decoding: bytes, as: UTF8.self)
            }
            guard var chunk = try await iterator.next() else { throw SMTPError.closed }
            pending += chunk.readBytes(length: chunk.readableBytes) ?? []
            if pending.count > 65_536 { throw SMTPError.unexpected(command: "", reply: "reply too long") }
        }
    }

    /// The next whole reply: its code and its lines.
    mutating func next() async throws -> (Int, String) {
        var text = ""
        while true {
            let line = try await line()
            text += line + "\n"
            let chars = Array(line)
            guard chars.count >= 3, let code = Int(String(chars[0..<3])) else {
                throw SMTPError.unexpected(command: "", reply: line)
            }
            if chars.count == 3 || chars[3] != "-" { return (code, text) }
        }
    }
}
