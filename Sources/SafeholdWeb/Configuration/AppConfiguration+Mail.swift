import Foundation

/// Notification emails: off unless an SMTP relay is named. Safehold speaks plain SMTP to a relay on
/// the local network (the relay does TLS and authentication onwards); the emails name the kind of
/// notification only, never a child.
public struct MailConfiguration: Sendable, Equatable {
    public var host: String
    public var port: Int
    /// The sender address (`SAFEHOLD_SMTP_FROM`, default `safehold@localhost`).
    public var from: String
    /// Where users sign in, for the link in the email (`SAFEHOLD_PUBLIC_URL`), if known.
    public var publicURL: String?
    /// How often waiting notifications are sent.
    public var interval: Duration

    public init(
        host: String, port: Int = 25, from: String = "safehold@localhost", publicURL: String? = nil,
        interval: Duration = .seconds(5)
    ) {
        self.host = host
        self.port = port
        self.from = from
        self.publicURL = publicURL
        self.interval = interval
    }

    /// From `SAFEHOLD_SMTP_HOST`, `SAFEHOLD_SMTP_PORT`, `SAFEHOLD_SMTP_FROM`, `SAFEHOLD_PUBLIC_URL` and
    /// `SAFEHOLD_SMTP_INTERVAL_SECONDS`; nil without a host (the other settings are checked all the same).
    static func read(_ r: inout SettingsReader) -> MailConfiguration? {
        let port = r.number("SAFEHOLD_SMTP_PORT", in: 1...65_535)
        let interval = r.number("SAFEHOLD_SMTP_INTERVAL_SECONDS", in: 1...3_600)
        guard let host = r.text("SAFEHOLD_SMTP_HOST") else { return nil }
        var mail = MailConfiguration(host: host)
        if let port { mail.port = port }
        if let v = r.text("SAFEHOLD_SMTP_FROM") { mail.from = v }
        if let v = r.text("SAFEHOLD_PUBLIC_URL") { mail.publicURL = v }
        if let interval { mail.interval = .seconds(interval) }
        return mail
    }
}
