import Foundation

/// Decides, after each attempt of a request, whether to accept the answer, try again (and when),
/// log in again, or give up. Pure: the caller does the sleeping and sending.
public struct RedfishRetryPolicy: Sendable, Hashable {
    public enum Decision: Sendable, Hashable {
        /// Hand the response to the caller (which maps an error status to a typed error).
        case accept
        case retry(after: Duration)
        /// The session token was refused: log in again, then resend.
        case reauthenticate
        /// Stop; the last transport error stands.
        case fail
    }

    /// Attempts per request, the first included.
    public var maxAttempts: Int
    /// First backoff; doubled per attempt up to `maxDelay`.
    public var baseDelay: Duration
    public var maxDelay: Duration
    /// A Retry-After longer than this is cut to it, so one BMC cannot stall a caller for hours.
    public var maxRetryAfter: Duration

    public init(
        maxAttempts: Int = 4,
        baseDelay: Duration = .milliseconds(250),
        maxDelay: Duration = .seconds(5),
        maxRetryAfter: Duration = .seconds(30)
    ) {
        self.maxAttempts = max(1, maxAttempts)
        self.baseDelay = baseDelay
        self.maxDelay = maxDelay
        self.maxRetryAfter = maxRetryAfter
    }

    /// - Parameters:
    ///   - attempt: 1 for the first try.
    ///   - usesSession: whether the request carried a session token (a 401 may just mean it expired).
    ///   - reauthenticated: whether this request already logged in again once.
    public func decide(
        attempt: Int,
        request: RedfishHTTPRequest,
        outcome: Result<RedfishHTTPResponse, RedfishTransportError>,
        usesSession: Bool,
        reauthenticated: Bool,
        now: Date
    ) -> Decision {
        let canRetry = attempt < self.maxAttempts
        switch outcome {
        case .success(let response):
            switch response.status {
            case 401 where usesSession && !reauthenticated:
                return .reauthenticate
            case 503, 429:
                guard canRetry else { return .accept }
                let hinted = Self.retryAfter(response.headers["retry-after"], now: now)
                return .retry(after: hinted.map { min($0, self.maxRetryAfter) } ?? self.backoff(attempt: attempt))
            case 502, 504:
                return canRetry && request.idempotent ? .retry(after: self.backoff(attempt: attempt)) : .accept
            default:
                return .accept
            }
        case .failure(let error):
            guard canRetry else { return .fail }
            switch error.kind {
            case .connectFailed:
                return .retry(after: self.backoff(attempt: attempt))
            case .connectionDropped, .timeout:
                return request.idempotent || !error.delivered ? .retry(after: self.backoff(attempt: attempt)) : .fail
            case .tlsVerificationFailed, .bodyTooLarge, .other:
                return .fail
            }
        }
    }

    public func backoff(attempt: Int) -> Duration {
        var delay = self.baseDelay
        for _ in 1..<max(1, attempt) {
            delay *= 2
            if delay >= self.maxDelay {
                return self.maxDelay
            }
        }
        return min(delay, self.maxDelay)
    }

    /// `Retry-After` as seconds (`120`) or as an HTTP date; nil when absent or unreadable.
    public static func retryAfter(_ value: String?, now: Date) -> Duration? {
        guard let value = value?.trimmingCharacters(in: .whitespaces), !value.isEmpty else {
            return nil
        }
        if let seconds = Int(value) {
            return seconds >= 0 ? .seconds(seconds) : nil
        }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
        guard let date = formatter.date(from: value) else {
            return nil
        }
        let seconds = date.timeIntervalSince(now)
        return .milliseconds(Int64(max(0, seconds) * 1000))
    }
}
