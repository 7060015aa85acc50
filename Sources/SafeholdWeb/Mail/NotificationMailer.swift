import Foundation
import Logging
import SafeholdCore
import SafeholdStore
import ServiceLifecycle

/// Emails each new notification to a user who gave an address, when an SMTP relay is configured.
/// The email says only what kind of notification is waiting and where to sign in: which child it is
/// about stays behind the sign-in and the audit. A failed send is retried a few times, then left in
/// the product's list.
public struct NotificationMailer: Service {
    let store: Store
    let mail: MailConfiguration
    let logger: Logger

    public init(store: Store, mail: MailConfiguration, logger: Logger = Logger(label: "safehold.mail")) {
        self.store = store
        self.mail = mail
        self.logger = logger
    }

    public func run() async throws {
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            do {
                _ = try await sendPending()
            } catch {
                logger.error("could not read notifications to email: \(error)")
            }
            do {
                try await cancelWhenGracefulShutdown { try await Task.sleep(for: mail.interval) }
            } catch {
                break
            }
        }
    }

    /// Sends what is waiting; returns how many were sent.
    @discardableResult
    public func sendPending() async throws -> Int {
        let client = SMTPClient(host: mail.host, port: mail.port, helo: "safehold")
        var sent = 0
        // Another server may be sending the same list: each e-mail goes to whichever claims it first.
        for email in try await store.pendingEmails() where try await store.claimEmail(email.notificationId) {
            do {
                try await client.send(message(email))
                try await store.recordEmail(email.notificationId, sent: true)
                sent += 1
            } catch {
                logger.warning("could not email a notification (attempt \(email.attempts + 1)): \(error)")
                try await store.recordEmail(email.notificationId, sent: false)
            }
        }
        return sent
    }

    func message(_ email: PendingEmail) -> MailMessage {
        // The notifications page, resolved against the address users sign in at.
        let link = mail.publicURL.flatMap { URL(string: SiteRoute.notifications.path, relativeTo: URL(string: $0)) }?
            .absoluteString
        let body = """
            Dear \(email.displayName),

            You have a new notification in Safehold: \(email.kind.label).
            Sign in to read it\(link.map { ": \($0)" } ?? ".")

            This email does not say which child it is about: Safehold keeps that behind your sign-in.
            """
        return MailMessage(
            from: mail.from, to: email.address, subject: "Safehold: \(email.kind.label)", body: body,
            date: store.clock.now(), messageId: "\(email.notificationId.text.lowercased())@safehold")
    }
}
