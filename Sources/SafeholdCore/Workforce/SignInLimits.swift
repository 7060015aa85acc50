import Foundation

/// How failed sign-ins slow further attempts (issue 6 item 9). There is no fixed lock that anyone
/// could trigger to keep a named user out; instead each failure beyond an allowance doubles the wait
/// before the next attempt is considered, on two counters:
///
/// - **username and address**: 5 free failures, then 2 s, 4 s, 8 s ... up to 15 minutes. This is
///   what a guesser at one address meets.
/// - **username alone** (every address): 20 free failures, then 1 s doubling up to 60 s, so guessing
///   spread over many addresses is still slowed, while the real user waits at most a minute. An
///   address that signed in successfully as that user in the last 30 days is exempt from this counter.
///
/// Every attempt (password, second-factor code, current password on the password page) counts when it
/// starts; a success takes it back. A counter starts again after its quiet period without attempts.
public struct SignInLimit: Sendable, Equatable {
    public let freeFailures: Int
    public let firstDelay: TimeInterval
    public let maximumDelay: TimeInterval
    /// After this long without an attempt the count starts again.
    public let quietPeriod: TimeInterval

    public init(freeFailures: Int, firstDelay: TimeInterval, maximumDelay: TimeInterval, quietPeriod: TimeInterval) {
        self.freeFailures = freeFailures
        self.firstDelay = firstDelay
        self.maximumDelay = maximumDelay
        self.quietPeriod = quietPeriod
    }

    /// The counter for one username at one address.
    public static let usernameAndAddress = SignInLimit(
        freeFailures: 5, firstDelay: 2, maximumDelay: 15 * 60,
        quietPeriod: 24 * 60 * 60)
    /// The gentler counter for one username across every address.
    public static let username = SignInLimit(freeFailures: 20, firstDelay: 1, maximumDelay: 60, quietPeriod: 60 * 60)
    /// How long a successful address stays exempt from the username counter.
    public static let knownAddressPeriod: TimeInterval = 30 * 24 * 60 * 60

    /// The wait imposed once `attempts` unsuccessful attempts have been counted; zero within the allowance.
    public func delay(afterAttempts attempts: Int) -> TimeInterval {
        guard attempts > freeFailures else { return 0 }
        let doublings = min(attempts - freeFailures - 1, 30)
        return min(firstDelay * pow(2, Double(doublings)), maximumDelay)
    }
}
