import Foundation
import PNGCodec
import SceneSampler
import ScenewrightTestSupport
import Testing

/// Every shipped plan generates and its output verifies clean: pixels, measurements, every
/// statement, wording, and for a train split, no held-out combination; and renders its preview,
/// which is the one docs/SCENES.md shows.
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

    /// `scenewright preview` renders every shipped plan, with the settings docs/SCENES.md gives
    /// for its previews, into a valid PNG of the sheet's size; and its pixels are those of the
    /// plan's preview in docs/plans (decoded, so another zlib's bytes do not matter): a plan
    /// whose scenes changed needs its preview made again.
    @Test func everyShippedPlanRendersItsPreview() throws {
        #expect(Self.plans.count >= 14, "\(Self.plans)")
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        for file in Self.plans {
            let name = String(file.dropLast(".yaml".count))
            let plan = try TestResources.plan(name)
            let out = dir.path + "/" + name + ".png"
            let r = try runScenewright([
                "preview", "--plan", TestResources.home.appendingPathComponent("scenes/" + file).path, "--out", out,
                "--rows", "2", "--columns", "3", "--scale", "2",
            ])
            #expect(r.status == 0, "\(name): \(r.stderr)")
            let bytes = try #require(FileManager.default.contents(atPath: out), "\(name): no preview written")
            let sheet = try PNGDecoder.decode([UInt8](bytes))
            // Three columns and two rows of half-size samples, with 4 px gaps around each.
            #expect(sheet.width == 3 * (plan.width / 2) + 4 * 4, "\(name): width \(sheet.width)")
            #expect(sheet.height == 2 * (plan.height / 2) + 3 * 4, "\(name): height \(sheet.height)")
            #expect(sheet.rgb.count == sheet.width * sheet.height * 3)
            // Not a blank sheet: the samples draw shapes over the gaps' gray and the backgrounds.
            #expect(Set(stride(from: 0, to: sheet.rgb.count, by: 3).map { sheet.rgb[$0] }).count > 8, "\(name)")
            let shipped = TestResources.home.appendingPathComponent("docs/plans/\(name).png")
            let docs = try #require(FileManager.default.contents(atPath: shipped.path), "no docs/plans/\(name).png")
            let expected = try PNGDecoder.decode([UInt8](docs))
            #expect(
                expected.width == sheet.width && expected.height == sheet.height && expected.rgb == sheet.rgb,
                "docs/plans/\(name).png is not what the plan draws now; make it again (docs/SCENES.md)")
        }
    }
}
