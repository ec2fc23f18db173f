import Foundation

/// How repeated failed sign-ins slow down and then lock an account or an address.
/// Failures older than `window` are forgotten; a success clears the count.
public struct LoginThrottle: Sendable, Equatable {
    /// Failures tolerated without any delay.
    public var freeFailures: Int
    /// Failures after which the key is locked for `lockSeconds`.
    public var lockAfter: Int
    public var lockSeconds: Int
    public var windowSeconds: Int
    /// Delay before answering, for failures between `freeFailures` and `lockAfter`, doubling each time.
    public var baseDelayMilliseconds: Int

    public init(freeFailures: Int = 3, lockAfter: Int = 8, lockSeconds: Int = 900,
                windowSeconds: Int = 900, baseDelayMilliseconds: Int = 500) {
        self.freeFailures = freeFailures
        self.lockAfter = lockAfter
        self.lockSeconds = lockSeconds
        self.windowSeconds = windowSeconds
        self.baseDelayMilliseconds = baseDelayMilliseconds
    }

    public enum Verdict: Sendable, Equatable {
        case proceed(delayMilliseconds: Int)
        case locked(retryAfterSeconds: Int)
    }

    /// `failures` are the unix times of recent failures for one key, in any order.
    public func verdict(failures: [Int64], now: Int64) -> Verdict {
        let recent = failures.filter { now - $0 < Int64(windowSeconds) }.sorted()
        if recent.count >= lockAfter, let last = recent.last {
            let until = last + Int64(lockSeconds)
            if until > now { return .locked(retryAfterSeconds: Int(until - now)) }
        }
        let over = recent.count - freeFailures
        guard over > 0 else { return .proceed(delayMilliseconds: 0) }
        let delay = baseDelayMilliseconds << min(over - 1, 6)
        return .proceed(delayMilliseconds: delay)
    }
}
