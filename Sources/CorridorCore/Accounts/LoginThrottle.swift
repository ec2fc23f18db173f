import Foundation

/// How repeated failed sign-ins slow down and then lock. An account slows down after a few
/// failures and locks after `lockAfter`; an address (one office behind NAT may hold many users)
/// only after the much higher `addressLockAfter`, and then refuses wrong guesses only: a correct
/// password for an account that has not itself reached its limit always signs in.
/// Failures older than `window` are forgotten; a success clears the account's count.
public struct LoginThrottle: Sendable, Equatable {
    /// Failures of one account tolerated without any delay.
    public var freeFailures: Int
    /// Failures after which the account is locked for `lockSeconds`.
    public var lockAfter: Int
    /// Failures from one address, over all accounts, after which its wrong guesses are refused.
    public var addressLockAfter: Int
    public var lockSeconds: Int
    public var windowSeconds: Int
    /// Delay before answering, for failures between `freeFailures` and `lockAfter`, doubling each time.
    public var baseDelayMilliseconds: Int

    public init(
        freeFailures: Int = 3, lockAfter: Int = 8, addressLockAfter: Int = 100, lockSeconds: Int = 900,
        windowSeconds: Int = 900, baseDelayMilliseconds: Int = 500
    ) {
        self.freeFailures = freeFailures
        self.lockAfter = lockAfter
        self.addressLockAfter = addressLockAfter
        self.lockSeconds = lockSeconds
        self.windowSeconds = windowSeconds
        self.baseDelayMilliseconds = baseDelayMilliseconds
    }

    public enum Verdict: Sendable, Equatable {
        case proceed(delayMilliseconds: Int)
        case locked(retryAfterSeconds: Int)
    }

    /// The verdict for one account; `failures` are the unix times of its recent failures, in any order.
    public func verdict(failures: [Int64], now: Int64) -> Verdict {
        verdict(failures: failures, now: now, limit: lockAfter, delays: true)
    }

    /// The verdict for one address: no delays, a lock only past `addressLockAfter`.
    public func addressVerdict(failures: [Int64], now: Int64) -> Verdict {
        verdict(failures: failures, now: now, limit: addressLockAfter, delays: false)
    }

    private func verdict(failures: [Int64], now: Int64, limit: Int, delays: Bool) -> Verdict {
        let recent = failures.filter { now - $0 < Int64(windowSeconds) }.sorted()
        if recent.count >= limit, let last = recent.last {
            let until = last + Int64(lockSeconds)
            if until > now { return .locked(retryAfterSeconds: Int(until - now)) }
        }
        let over = recent.count - freeFailures
        guard delays, over > 0 else { return .proceed(delayMilliseconds: 0) }
        return .proceed(delayMilliseconds: baseDelayMilliseconds << min(over - 1, 6))
    }
}
