import Describer
import SceneModel
import ScenewrightTestSupport
import Testing

@testable import DatasetWriters
@testable import Verifier

/// The compositional split's train side holds no held-out combination, and `verify` would say
/// so if one did: a test-split dataset checked against the train plan's rule is caught.
@Suite struct HoldoutCheckTests {
    static func samples(plan: String, count: UInt64) throws -> [DatasetReader.Sample] {
        let factory = try TestResources.factory(plan: plan, seed: 4)
        return try (0..<count).map { i in
            let s = try factory.make(index: i)
            return DatasetReader.Sample(
                key: s.record.key, location: "memory", recordJSON: s.record.jsonBytes, png: s.png, maskPNG: nil,
                caption: nil, fields: [], problems: [])
        }
    }

    @Test func trainSplitIsCleanAndTestSplitIsCaught() throws {
        let train = try TestResources.plan("cogent-a")
        let rule: @Sendable (SceneObject) -> String? = { o in
            train.isHeldOut(o) ? train.describe(train.condition(of: o)) : nil
        }
        let checker = SampleChecker(describer: nil, relations: train.relations, lexicons: [:], heldOut: rule)
        let clean = try Self.samples(plan: "cogent-a", count: 60).flatMap { checker.check($0).defects }
        #expect(clean.filter { $0.check == "holdout" }.isEmpty)
        let swapped = try Self.samples(plan: "cogent-b", count: 60).flatMap { checker.check($0).defects }
        #expect(swapped.contains { $0.check == "holdout" }, "no held-out object in 60 test-split samples")
    }
}
