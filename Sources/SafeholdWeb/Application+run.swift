import Hummingbird
import Logging
import ServiceLifecycle
import UnixSignals

/// How long a stopping server waits: for requests under way to finish after SIGTERM or SIGINT, then for
/// what is still running to end once it is cancelled.
public enum ShutdownLimits {
    /// Requests under way get this long to finish (a load balancer has stopped sending new ones).
    public static let graceful: Duration = .seconds(30)
    /// Then whatever is left is cancelled; what ignores cancellation for this long stops the process, so a
    /// request stuck on a database that vanished can never keep a server from stopping.
    public static let cancellation: Duration = .seconds(10)
}

/// Runs the application until SIGTERM or SIGINT, then stops it within `ShutdownLimits`: the requests under way
/// finish, the background services (due notices, audit checkpoints) stop after them.
public func runUntilStopped(_ app: some ApplicationProtocol & Service, logger: Logger) async throws {
    var configuration = ServiceGroupConfiguration(
        services: [app], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger)
    configuration.maximumGracefulShutdownDuration = ShutdownLimits.graceful
    configuration.maximumCancellationDuration = ShutdownLimits.cancellation
    try await ServiceGroup(configuration: configuration).run()
}
