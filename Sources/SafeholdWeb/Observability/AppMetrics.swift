import CoreMetrics
import Foundation
import Prometheus
import SafeholdStore

/// One application's metrics: a Prometheus registry of its own and the swift-metrics factory that writes
/// to it. Nothing is bootstrapped globally (`MetricsSystem.bootstrap` may run once per process), so every
/// application built in a process, every test's among them, counts apart; the store and the request
/// middleware are handed `factory` explicitly.
public struct AppMetrics: Sendable {
    public let registry: PrometheusCollectorRegistry
    public let factory: PrometheusMetricsFactory

    /// Buckets for every duration: from half a millisecond (a pooled connection, an audit append) to ten
    /// seconds (a census export), in seconds.
    static let durationBuckets: [Duration] = [
        .microseconds(500), .milliseconds(1), .microseconds(2_500), .milliseconds(5), .milliseconds(10),
        .milliseconds(25), .milliseconds(50), .milliseconds(100), .milliseconds(250), .milliseconds(500),
        .seconds(1), .milliseconds(2_500), .seconds(5), .seconds(10),
    ]
    /// Buckets for the audit group commit's batch sizes, in entries.
    static let batchBuckets: [Double] = [1, 2, 5, 10, 25, 50, 100, 250, 1_000, 5_000, 25_000]

    public init() {
        registry = PrometheusCollectorRegistry()
        var factory = PrometheusMetricsFactory(registry: registry)
        factory.defaultDurationHistogramBuckets = Self.durationBuckets
        factory.valueHistogramBuckets = ["safehold_audit_batch_entries": Self.batchBuckets]
        self.factory = factory
    }

    /// What the store measures, reporting here.
    public var store: StoreMetrics { StoreMetrics(factory: factory) }

    /// Every metric in the Prometheus text format (0.0.4).
    public func exposition() -> [UInt8] { registry.emitToBuffer() }
}
