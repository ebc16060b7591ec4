import Foundation
import PlanFiles
import ScenewrightTestSupport
import Testing

/// Plan inputs kept by the plan fuzzer (Tests/Fuzz/plan/regressions): each must be refused
/// with a PlanError, quickly.
@Suite struct FuzzRegressionTests {
    static let folder = TestResources.home.appendingPathComponent("Tests/Fuzz/plan/regressions")

    static var inputs: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).filter { !$0.hasPrefix(".") }
            .sorted()
    }

    @Test(arguments: inputs) func refusedWithAPlanError(_ name: String) throws {
        let text = try String(contentsOf: Self.folder.appendingPathComponent(name), encoding: .utf8)
        #expect(throws: PlanError.self) { try TestResources.plan(yaml: text, file: name) }
    }
}
