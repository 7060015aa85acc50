import Foundation
import Logging
import SafeholdCore
import SafeholdStore
import ServiceLifecycle

/// Tells the holders of each child when something on the due lists falls due soon or overdue
/// (`Store.notifyDueItems`): when the server starts (unless `atStart` is false) and every `interval` while it runs.
public struct DueNotificationService: Service {
    let store: Store
    let interval: Duration
    let atStart: Bool
    let logger: Logger

    public init(
        store: Store, interval: Duration = .seconds(3_600), atStart: Bool = true,
        logger: Logger = Logger(label: "safehold.due")
    ) {
        self.store = store
        self.interval = interval
        self.atStart = atStart
        self.logger = logger
    }

    public func run() async throws {
        if !atStart {
            do { try await cancelWhenGracefulShutdown { try await Task.sleep(for: interval) } } catch { return }
        }
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            do {
                try await store.notifyDueItems(context: AuditContext(system: "due notices"))
            } catch {
                logger.error("could not notify due items: \(error)")
            }
            do {
                try await cancelWhenGracefulShutdown { try await Task.sleep(for: interval) }
            } catch {
                break
            }
        }
    }
}
