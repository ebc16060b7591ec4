import Foundation
import ScenewrightTestSupport
import Testing

/// Every shipped plan generates and its output verifies clean: pixels, measurements, every
/// statement, wording, and for a train split, no held-out combination.
@Suite struct ShippedPlansVerifyTests {
    static let plans: [String] = {
        let dir = TestResources.home.appendingPathComponent("scenes").path
        return ((try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []).filter { $0.hasSuffix(".yaml") }
            .sorted()
    }()

    @Test func everyShippedPlanVerifiesClean() throws {
        #expect(Self.plans.count >= 14, "\(Self.plans)")
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        for plan in Self.plans {
            let out = dir.path + "/" + plan
            let made = try runScenewright([
                "generate", "--plan", TestResources.home.appendingPathComponent("scenes/" + plan).path, "--count", "16",
                "--seed", "9", "--format", "webdataset,coco,vqa", "--masks", "--out", out, "--quiet",
            ])
            #expect(made.status == 0, "\(plan): \(made.stderr)")
            let checked = try runScenewright(["verify", out, "--workers", "2"])
            #expect(checked.status == 0, "\(plan): \(checked.stdout)\(checked.stderr)")
            #expect(checked.stdout.contains("16 samples, 0 defects"), "\(plan): \(checked.stdout)")
            #expect(checked.stdout.contains("text"), "\(plan): the plan was not found, wording unchecked")
        }
    }
}
