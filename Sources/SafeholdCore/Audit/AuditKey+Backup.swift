import Foundation

extension AuditKey {
    /// HMAC-SHA256 (hex) of a backup's manifest, so that a restore can tell a manifest written by the
    /// server that holds this key from one altered afterwards. Domain-separated from the chain's seals
    /// and the checkpoints' signatures by its first field.
    public func signBackupManifest(_ canonicalText: Data) -> String {
        mac(["safehold-backup-manifest", "1", String(decoding: canonicalText, as: UTF8.self)])
    }
}
