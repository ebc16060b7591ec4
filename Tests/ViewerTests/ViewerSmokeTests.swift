import Testing

@testable import Viewer

@Suite struct ViewerSmokeTests {
    @Test func moduleLoads() { #expect(Bool(true)) }
}
