extension HTTPClient {
    /// Timeouts, limits and security policy of a client.
    public struct Configuration: Sendable {
        /// The `User-Agent` header, `safeguard/<version>`.
        public var userAgent: String
        /// Seconds to wait for a TCP connection to each address of a host.
        public var connectTimeout: Double
        /// Seconds of silence allowed on any single read or write before the request fails with a timeout.
        ///
        /// Shortcoming: there is no overall deadline per request, so a server trickling one byte just inside
        /// this interval keeps a download alive for as long as it likes; callers needing a bound on total time
        /// must impose it themselves.
        public var readTimeout: Double
        /// The most redirects followed for one request.
        public var maxRedirects: Int
        /// When and how failed requests are retried.
        public var retry: RetryPolicy
        /// Hosts (`host` or `host:port`) that may be reached over plain HTTP and whose TLS certificates are not
        /// verified, like skopeo's `--tls-verify=false`; loopback hosts may use plain HTTP without being listed.
        public var insecureHosts: Set<String>
        /// A PEM file of extra trusted CA certificates, added to the system's.
        public var caFile: String?

        /// Creates a configuration; the defaults suit public registries.
        public init(
            userAgent: String = "safeguard/dev", connectTimeout: Double = 30, readTimeout: Double = 60,
            maxRedirects: Int = 10, retry: RetryPolicy = RetryPolicy(), insecureHosts: Set<String> = [],
            caFile: String? = nil
        ) {
            self.userAgent = userAgent
            self.connectTimeout = connectTimeout
            self.readTimeout = readTimeout
            self.maxRedirects = maxRedirects
            self.retry = retry
            self.insecureHosts = insecureHosts
            self.caFile = caFile
        }
    }

    /// Retries with exponential back-off for overload statuses and network failures.
    public struct RetryPolicy: Sendable {
        /// The most attempts per request, the first included; 1 disables retrying.
        public var maxAttempts: Int
        /// Seconds before the first retry; each later retry waits twice as long, with jitter.
        public var initialBackoff: Double
        /// The longest wait between attempts, also capping a server's `Retry-After`.
        public var maxBackoff: Double
        /// Statuses that mean "try again later".
        public var retryableStatuses: Set<Int>

        /// Creates a policy; the defaults make four attempts over roughly 3.5 seconds.
        public init(
            maxAttempts: Int = 4, initialBackoff: Double = 0.5, maxBackoff: Double = 30,
            retryableStatuses: Set<Int> = [429, 500, 502, 503, 504]
        ) {
            self.maxAttempts = max(1, maxAttempts)
            self.initialBackoff = initialBackoff
            self.maxBackoff = maxBackoff
            self.retryableStatuses = retryableStatuses
        }

        /// Seconds to wait before attempt `attempt` (2 for the first retry).
        ///
        /// A `Retry-After` in seconds is honoured but capped at `maxBackoff`, so a hostile or confused server
        /// cannot stall a scan for hours. Jitter of ±25 % keeps parallel downloads from retrying in lockstep.
        func delay(beforeAttempt attempt: Int, retryAfter: String?) -> Double {
            if let retryAfter, let seconds = Int(retryAfter.trimmingSpaces), seconds >= 0 {
                return min(Double(seconds), maxBackoff)
            }
            let exponential = initialBackoff * Double(1 << min(attempt - 2, 30))
            return min(exponential * Double.random(in: 0.75...1.25), maxBackoff)
        }
    }
}
