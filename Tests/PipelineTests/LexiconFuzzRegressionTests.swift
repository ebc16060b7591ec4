import Describer
import Foundation
import Pipeline
import PlanFiles
import ScenewrightTestSupport
import Testing

/// Lexicon inputs kept by the lexicon fuzzer (Tests/Fuzz/lexicon/regressions): each must be
/// refused with a PlanError, quickly.
@Suite struct LexiconFuzzRegressionTests {
    static let folder = TestResources.home.appendingPathComponent("Tests/Fuzz/lexicon/regressions")

    static var inputs: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).filter { !$0.hasPrefix(".") }
            .sorted()
    }

    @Test(arguments: inputs) func refusedWithAPlanError(_ name: String) throws {
        let text = try String(contentsOf: Self.folder.appendingPathComponent(name), encoding: .utf8)
        #expect(throws: PlanError.self) { try Lexicon.parse(try YAMLValue.parse(text, file: name)) }
    }
}
