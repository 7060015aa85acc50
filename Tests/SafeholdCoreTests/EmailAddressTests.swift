import Foundation
import SafeholdCore
import Testing

@Suite("Notification email addresses")
struct EmailAddressTests {
    @Test("One plain mailbox is accepted; blank means no email")
    func accepted() throws {
        #expect(try EmailAddress.validated("sam.northam@council.example")?.value == "sam.northam@council.example")
        #expect(try EmailAddress.validated("  a+b@x-y.example ")?.value == "a+b@x-y.example")
        #expect(try EmailAddress.validated("   ") == nil)
        #expect(try EmailAddress.validated(nil) == nil)
    }

    @Test(
        "Anything that could add a header line, name two mailboxes or hide its direction is refused naming email",
        arguments: [
            "no-at-sign", "two@@x.example", "a@b", "a@.example", "a@x..example", "a b@x.example",
            "a@x.example\r\nBcc: everyone@x.example", "a@x.example,b@x.example", "ä@x.example",
            "a\u{202E}@x.example", "@x.example", "a@x.example.", String(repeating: "a", count: 250) + "@x.example",
        ])
    func refused(_ text: String) {
        #expect(
            throws: SafeholdError.invalid([
                FieldError("email", "give one email address, like name@agency.example (letters, digits, no spaces)")
            ])
        ) {
            try EmailAddress.validated(text)
        }
    }
}
