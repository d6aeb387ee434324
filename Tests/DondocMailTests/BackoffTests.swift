import Testing

@testable import DondocMail

@Suite("Retry back-off")
struct BackoffTests {
    @Test("30 s, doubling, capped at one hour, for ever")
    func standard() {
        let b = Backoff.standard
        #expect((1...9).map { b.delay(afterFailures: $0) } == [
            .seconds(30), .seconds(60), .seconds(120), .seconds(240), .seconds(480),
            .seconds(960), .seconds(1920), .seconds(3600), .seconds(3600),
        ])
        #expect(b.delay(afterFailures: 0) == .zero)
        #expect(b.delay(afterFailures: 1_000_000) == .seconds(3600))
        #expect(b.delay(afterFailures: Int.max) == .seconds(3600))
    }

    @Test("jitter only shortens, by the fraction given")
    func jitter() {
        let b = Backoff(initial: .seconds(10), maximum: .seconds(100))
        #expect(b.delay(afterFailures: 2, jitter: 0) == .seconds(20))
        #expect(b.delay(afterFailures: 2, jitter: 0.25) == .seconds(15))
        #expect(b.delay(afterFailures: 2, jitter: 7) == .zero)
        #expect(b.delay(afterFailures: 2, jitter: -1) == .seconds(20))
    }
}
