import Testing

@testable import Statistics

@Suite struct StatisticsSmokeTests {
    @Test func moduleLoads() { #expect(Bool(true)) }
}
