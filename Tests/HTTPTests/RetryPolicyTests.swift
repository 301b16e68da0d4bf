@testable import HTTP
import Testing

@Suite struct RetryPolicyTests {
    let policy = HTTPClient.RetryPolicy(maxAttempts: 4, initialBackoff: 0.5, maxBackoff: 30)

    @Test func backoffDoublesEachAttemptWithinJitter() {
        for (attempt, base) in [(2, 0.5), (3, 1.0), (4, 2.0), (5, 4.0)] {
            let delay = policy.delay(beforeAttempt: attempt, retryAfter: nil)
            #expect((base * 0.75...base * 1.25).contains(delay), "attempt \(attempt): \(delay)")
        }
    }

    @Test func backoffNeverExceedsTheMaximum() {
        #expect(policy.delay(beforeAttempt: 60, retryAfter: nil) <= 30)
    }

    @Test func honoursRetryAfterSeconds() {
        #expect(policy.delay(beforeAttempt: 2, retryAfter: "0") == 0)
        #expect(policy.delay(beforeAttempt: 2, retryAfter: " 7 ") == 7)
    }

    @Test(arguments: [
        "3600",  // a server asking for an hour would stall the whole scan
        "99999999999999999999",  // does not even fit an Int; must not trap
    ])
    func capsAHostileRetryAfter(_ value: String) {
        let delay = policy.delay(beforeAttempt: 2, retryAfter: value)
        #expect(delay <= 30)
    }

    @Test(arguments: ["Wed, 21 Oct 2015 07:28:00 GMT", "-5", "soon"])
    func fallsBackToBackoffForOtherRetryAfterForms(_ value: String) {
        let delay = policy.delay(beforeAttempt: 2, retryAfter: value)
        #expect((0.375...0.625).contains(delay))
    }
}
