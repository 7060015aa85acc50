import Foundation
import Testing

@testable import SafeholdWeb

@Suite("Notification email messages")
struct MailMessageTests {
    static let message = MailMessage(
        from: "safehold@council.example", to: "sam@council.example\r\nBcc: everyone@x.example",
        subject: "Safehold: Look-up\nX-Injected: yes", body: "Line one\n.hidden line\n..two dots\nlast",
        date: Date(timeIntervalSince1970: 1_795_000_000), messageId: "abc@safehold")

    @Test("A line break in a header value cannot add a header")
    func headersCannotBeInjected() {
        let headers = Self.message.data.components(separatedBy: "\r\n\r\n")[0].components(separatedBy: "\r\n")
        #expect(headers.contains("To: sam@council.exampleBcc: everyone@x.example"))
        #expect(headers.contains("Subject: Safehold: Look-upX-Injected: yes"))
        #expect(!headers.contains { $0.hasPrefix("Bcc:") || $0.hasPrefix("X-Injected:") })
        #expect(headers.contains("Date: Wed, 18 Nov 2026 11:06:40 +0000"))
    }

    @Test("Body lines starting with a dot are doubled, so the message cannot end early; lines end CRLF")
    func dotStuffing() {
        let body = Self.message.data.components(separatedBy: "\r\n\r\n")[1]
        #expect(body == "Line one\r\n..hidden line\r\n...two dots\r\nlast\r\n")
    }
}
