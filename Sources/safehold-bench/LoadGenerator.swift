import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore

/// Sends requests over `concurrency` keep-alive connections and records each latency.
struct LoadGenerator {
    /// A GET of `path`, or a POST of `body` (JSON) to it.
    struct Call: Sendable {
        let path: String
        let body: String?
        /// When set, a 200 counts only if its body holds this text (`present`) or does not (`!present`).
        var check: (text: String, present: Bool)? = nil
    }

    struct Result {
        let latencies: [Double]  // milliseconds, sorted
        let errors: Int
        let seconds: Double
        /// What the first request that failed was answered (its status and the start of its body), to say why.
        var firstFailure: String? = nil

        var count: Int { latencies.count + errors }
        var requestsPerSecond: Double { Double(count) / seconds }

        func percentile(_ p: Double) -> Double {
            guard !latencies.isEmpty else { return .nan }
            let rank = Int((p / 100 * Double(latencies.count)).rounded(.up)) - 1
            return latencies[min(max(rank, 0), latencies.count - 1)]
        }
    }

    let port: Int
    let headers: HTTPFields
    let concurrency: Int

    /// How long a request may go without a byte of its answer: a whole authority's dashboard under eight
    /// connections at once takes longer than the test client's 15 seconds, and is measured, not dropped.
    static let readTimeout: Duration = .seconds(300)

    func run(_ paths: [String], check: (text: String, present: Bool)? = nil) async throws -> Result {
        try await run(calls: paths.map { Call(path: $0, body: nil, check: check) })
    }

    func run(calls paths: [Call]) async throws -> Result {
        let clock = ContinuousClock()
        let started = clock.now
        let shares = (0..<concurrency).map { worker in
            stride(from: worker, to: paths.count, by: concurrency).map { paths[$0] }
        }
        let outcomes = try await withThrowingTaskGroup(of: ([Double], Int, String?).self) { group in
            for share in shares {
                group.addTask {
                    try await TestClient.withClient(
                        host: "127.0.0.1", port: port, configuration: .init(timeout: Self.readTimeout)
                    ) { client in
                        var latencies: [Double] = [], errors = 0, firstFailure: String? = nil
                        for call in share {
                            let start = clock.now
                            let response =
                                if let body = call.body {
                                    try await client.post(call.path, headers: headers, body: ByteBuffer(string: body))
                                } else {
                                    try await client.get(call.path, headers: headers)
                                }
                            let elapsed = clock.now - start
                            let checked = call.check.map {
                                String(buffer: response.body ?? ByteBuffer()).contains($0.text) == $0.present
                            }
                            if response.status == .ok && checked != false {
                                latencies.append(
                                    Double(elapsed.components.attoseconds) / 1e15 + Double(elapsed.components.seconds)
                                        * 1000)
                            } else {
                                errors += 1
                                if firstFailure == nil {
                                    let body = String(buffer: response.body ?? ByteBuffer()).prefix(300)
                                    firstFailure = "\(call.path) answered \(response.status.code): \(body)"
                                }
                            }
                        }
                        return (latencies, errors, firstFailure)
                    }
                }
            }
            var all: [([Double], Int, String?)] = []
            for try await outcome in group { all.append(outcome) }
            return all
        }
        let elapsed = clock.now - started
        return Result(
            latencies: outcomes.flatMap(\.0).sorted(), errors: outcomes.map(\.1).reduce(0, +),
            seconds: Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18,
            firstFailure: outcomes.lazy.compactMap(\.2).first)
    }
}
