import Foundation
import HTTPTypes
import HummingbirdTesting

/// Sends GET requests over `concurrency` keep-alive connections and records each latency.
struct LoadGenerator {
    struct Result {
        let latencies: [Double]  // milliseconds, sorted
        let errors: Int
        let seconds: Double

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

    func run(_ paths: [String]) async throws -> Result {
        let clock = ContinuousClock()
        let started = clock.now
        let shares = (0..<concurrency).map { worker in
            stride(from: worker, to: paths.count, by: concurrency).map { paths[$0] }
        }
        let outcomes = try await withThrowingTaskGroup(of: ([Double], Int).self) { group in
            for share in shares {
                group.addTask {
                    try await TestClient.withClient(host: "127.0.0.1", port: port) { client in
                        var latencies: [Double] = [], errors = 0
                        for path in share {
                            let start = clock.now
                            let response = try await client.get(path, headers: headers)
                            let elapsed = clock.now - start
                            if response.status == .ok {
                                latencies.append(
                                    Double(elapsed.components.attoseconds) / 1e15 + Double(elapsed.components.seconds)
                                        * 1000)
                            } else {
                                errors += 1
                            }
                        }
                        return (latencies, errors)
                    }
                }
            }
            var all: [([Double], Int)] = []
            for try await outcome in group { all.append(outcome) }
            return all
        }
        let elapsed = clock.now - started
        return Result(
            latencies: outcomes.flatMap(\.0).sorted(), errors: outcomes.map(\.1).reduce(0, +),
            seconds: Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
    }
}
