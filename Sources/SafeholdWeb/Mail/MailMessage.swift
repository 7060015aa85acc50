import Foundation

/// One plain-text email as SMTP's DATA carries it: headers, a blank line, the body with CRLF line
/// ends and every line starting with "." doubled. Header values come from the server's own text
/// and a validated address, and any line break in them is removed, so no header can be added.
struct MailMessage: Sendable, Equatable {
    let from: String
    let to: String
    let subject: String
    let body: String
    let date: Date
    let messageId: String

    static func headerSafe(_ text: String) -> String {
        String(text.unicodeScalars.filter { $0 != "\r" && $0 != "\n" && $0.value >= 0x20 }.map(Character.init))
    }

    static func dateHeader(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss '+0000'"
        return formatter.string(from: date)
    }

    /// The DATA section, without the terminating "." line.
    var data: String {
        let headers = [
            "From: \(Self.headerSafe(from))", "To: \(Self.headerSafe(to))", "Subject: \(Self.headerSafe(subject))",
            "Date: \(Self.dateHeader(date))", "Message-ID: <\(Self.headerSafe(messageId))>", "MIME-Version: 1.0",
            "Content-Type: text/plain; charset=utf-8", "Content-Transfer-Encoding: 8bit",
        ]
        let lines = body.replacingOccurrences(of: "\r\n", with: "\n").split(
            separator: "\n", omittingEmptySubsequences: false
        )
        .map { $0.hasPrefix(".") ? "." + $0 : String($0) }
        return (headers + [""] + lines).joined(separator: "\r\n") + "\r\n"
    }
}
