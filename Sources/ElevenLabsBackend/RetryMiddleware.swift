import Foundation
import HTTPTypes
import OpenAPIRuntime
import RemixAPI

/// Retries rate-limited (429) and failed (5xx) answers at most `maxRetries` times, waiting as the
/// server asks in `Retry-After`, or else exponentially longer with jitter so that many clients
/// do not retry in step.
struct RetryMiddleware: ClientMiddleware {
    var maxRetries = 2
    /// Seconds before the first retry when the server does not say; doubled for each later one.
    var baseDelay = 0.5
    var maxDelay = 30.0

    func intercept(
        _ request: HTTPRequest, body: HTTPBody?, baseURL: URL, operationID: String,
        next: (HTTPRequest, HTTPBody?, URL) async throws -> (HTTPResponse, HTTPBody?)
    ) async throws -> (HTTPResponse, HTTPBody?) {
        // A body that can be read only once cannot be sent again.
        let canRetry = body.map { $0.iterationBehavior == .multiple } ?? true
        var attempt = 0
        while true {
            let (response, responseBody) = try await next(request, body, baseURL)
            let retryable = response.status.code == 429 || response.status.kind == .serverError
            guard retryable, canRetry, attempt < maxRetries else { return (response, responseBody) }
            try await Task.sleep(for: .seconds(delay(attempt: attempt, retryAfter: response.headerFields[.retryAfter])))
            attempt += 1
        }
    }

    /// Seconds to wait before retry number `attempt + 1`.
    func delay(attempt: Int, retryAfter: String?) -> Double {
        if let retryAfter, let seconds = Self.seconds(inRetryAfter: retryAfter) {
            return min(seconds, maxDelay)
        }
        let exponential = baseDelay * Double(1 << attempt)
        return min(exponential + Double.random(in: 0...exponential / 2), maxDelay)
    }

    /// `Retry-After` is either delta-seconds or an HTTP date.
    static func seconds(inRetryAfter value: String) -> Double? {
        if let seconds = Double(value.trimmingCharacters(in: .whitespaces)), seconds >= 0 { return seconds }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
        return formatter.date(from: value).map { max(0, $0.timeIntervalSinceNow) }
    }
}

/// Sends the API key on every request. The key lives only in this value, never in a message.
struct APIKeyMiddleware: ClientMiddleware {
    let apiKey: String

    func intercept(
        _ request: HTTPRequest, body: HTTPBody?, baseURL: URL, operationID: String,
        next: (HTTPRequest, HTTPBody?, URL) async throws -> (HTTPResponse, HTTPBody?)
    ) async throws -> (HTTPResponse, HTTPBody?) {
        var request = request
        request.headerFields[.xiAPIKey] = apiKey
        return try await next(request, body, baseURL)
    }
}
