import Testing

@testable import Verifier

@Suite struct VerifierSmokeTests {
    @Test func moduleLoads() { #expect(Bool(true)) }
}
