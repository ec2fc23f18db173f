import Foundation
import Hummingbird
import Synchronization

/// Request counts by route and status, exposed at /metrics in Prometheus text format.
/// Counted per instance; Prometheus sums across instances.
final class RequestCounter: Sendable {
    private struct Key: Hashable { var method: String; var route: String; var status: Int }
    private let counts = Mutex<[Key: Int]>([:])

    func record(method: String, route: String, status: Int) {
        counts.withLock { $0[Key(method: method, route: route, status: status), default: 0] += 1 }
    }

    func exposition() -> String {
        let snapshot = counts.withLock { $0 }
        var lines = [
            "# HELP corridor_http_requests_total HTTP requests answered, by route and status.",
            "# TYPE corridor_http_requests_total counter",
        ]
        for (key, value) in snapshot.sorted(by: {
            ($0.key.route, $0.key.method, $0.key.status) < ($1.key.route, $1.key.method, $1.key.status)
        }) {
            let route = key.route.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            lines.append("corridor_http_requests_total{method=\"\(key.method)\",route=\"\(route)\",status=\"\(key.status)\"} \(value)")
        }
        return lines.joined(separator: "\n") + "\n"
    }
}

struct MetricsMiddleware: RouterMiddleware {
    typealias Context = CorridorRequestContext
    let counter: RequestCounter

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let response = try await next(request, context)
        // Unmatched paths share one label so that scanners cannot blow up the series count.
        counter.record(method: request.method.rawValue, route: context.endpointPath ?? "unmatched", status: Int(response.status.code))
        return response
    }
}
