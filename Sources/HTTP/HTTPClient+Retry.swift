import Foundation

extension HTTPClient {
    /// Sends one request to one endpoint, retrying as the policy allows.
    ///
    /// Only GET and HEAD are retried, and only before `send` has returned, so no body byte has reached the
    /// caller yet and a retry can never splice two different bodies together.
    func sendWithRetries(_ request: HTTPRequest, to endpoint: Endpoint) throws -> HTTPResponse {
        let policy = configuration.retry
        let attempts = request.isIdempotent ? policy.maxAttempts : 1
        var attempt = 1
        while true {
            let response: HTTPResponse
            do {
                response = try exchange(request, with: endpoint)
            } catch let error as HTTPError where error.isTransient && attempt < attempts {
                attempt += 1
                Self.pause(policy.delay(beforeAttempt: attempt, retryAfter: nil))
                continue
            }
            guard policy.retryableStatuses.contains(response.status) else { return response }
            response.close()
            guard attempt < attempts else {
                throw HTTPError.serverError(url: endpoint.display, status: response.status, attempts: attempt)
            }
            attempt += 1
            Self.pause(policy.delay(beforeAttempt: attempt, retryAfter: response.headers["Retry-After"]))
        }
    }

    /// Blocks the calling thread for `seconds`.
    private static func pause(_ seconds: Double) {
        guard seconds > 0 else { return }
        Thread.sleep(forTimeInterval: seconds)
    }
}
