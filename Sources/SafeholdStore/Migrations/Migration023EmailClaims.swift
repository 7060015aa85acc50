import Foundation

/// When a server took a notification's e-mail to send it. Several servers run the mailer; each claims an
/// e-mail (`email_state` 'sending', with this time) before it sends, so one notification is e-mailed once. A
/// claim whose server died before recording the outcome is released after a while and sent again.
enum Migration023EmailClaims {
    static let migration = Migration(version: 23, name: "notification e-mail claims") { _ in
        ["ALTER TABLE notifications ADD COLUMN email_claimed_at TEXT"]
    }
}
