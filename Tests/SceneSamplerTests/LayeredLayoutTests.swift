import Foundation
import ScenewrightTestSupport
import Testing

@testable import Rasterizer
@testable import SceneModel
@testable import SceneSampler

/// The nested and stack layouts do what their plans promise, measured on drawn scenes, and
/// their settings fail with file, line and field when wrong.
@Suite struct LayeredLayoutTests {
    /// Nested: containers are outlines of the largest size class, drawn first; every held object
    /// lies in its container's hollow at least the plan's clearance from the band; every
    /// object and outline is decided for "inside".
    @Test func nestedObjectsSitInTheirHollows() throws {
        let plan = try TestResources.plan("nested")
        let sampler = Sampler(plan: plan, seed: 7)
        var held = 0
        for index in 0..<UInt64(300) {
            let scene = try sampler.sample(index: index).scene
            let containers = scene.objects.filter { $0.size == "large" }
            #expect(!containers.isEmpty && containers.allSatisfy { $0.fill == .outline })
            #expect(scene.objects.prefix(containers.count).allSatisfy { $0.size == "large" })
            for o in scene.objects where o.size != "large" {
                for c in containers {
                    let inside = try #require(Relations.inside(o, c))
                    if inside {
                        held += 1
                        #expect((Relations.clearance(o, inside: c) ?? 0) >= plan.clearance)
                    }
                }
            }
        }
        #expect(held > 300, "only \(held) held objects in 300 scenes")
    }

    /// Stack: every object shows at least the plan's visible fraction and pixels, and every
    /// pair is decided for front and behind; the shares covered between stacked neighbours
    /// stay in the plan's range (measured on the same lattice the sampler aims with, within
    /// the bisection's tolerance).
    @Test func stacksOccludeByTheControlledShare() throws {
        let plan = try TestResources.plan("occlusion")
        let sampler = Sampler(plan: plan, seed: 7)
        var pairs = 0
        for index in 0..<UInt64(150) {
            let s = try sampler.sample(index: index)
            for m in s.rendered.measurements {
                #expect(m.visibleFraction >= plan.minVisibleFraction && m.visiblePixels >= plan.minVisiblePixels)
            }
            #expect(sampler.depthDecided(s.scene, s.rendered.measurements))
            for (i, a) in s.scene.objects.enumerated() {
                for b in s.scene.objects where b.z > a.z {
                    let shared = s.rendered.measurements[i].overlaps.first { $0.id == b.id }?.pixels ?? 0
                    guard shared >= Relations.occlusionMinPixels else { continue }
                    pairs += 1
                    let smaller = min(Sampler.latticeArea(a.outline), Sampler.latticeArea(b.outline))
                    let share = Sampler.covered(a.outline, b.outline, of: smaller)
                    #expect(
                        share >= plan.stackOverlap.lowerBound - 0.05 && share <= plan.stackOverlap.upperBound + 0.05,
                        "sample \(index): share \(share)")
                }
            }
        }
        #expect(pairs > 150, "only \(pairs) occluding pairs")
    }

    static let base = """
        name: x
        objects:
          count: [2, 4]
          sizes: {small: [8, 10], large: [40, 48]}
        layout:

        """

    func error(_ yaml: String) -> PlanError? {
        do {
            _ = try TestResources.plan(yaml: yaml, file: "bad.yaml")
            return nil
        } catch let e as PlanError {
            return e
        } catch {
            return nil
        }
    }

    @Test func layeredSettingsAreChecked() throws {
        let wrongLayout = try #require(error(Self.base + "  kind: scatter\n  containers: 2\n"))
        #expect(wrongLayout.message.contains("setting of layout nested") && wrongLayout.line == 7)
        let overlap = try #require(error(Self.base + "  kind: stack\n  overlap: [0.3, 0.6]\n"))
        #expect(overlap.message.contains("min_fraction"))
        let shape = try #require(error(Self.base + "  kind: nested\n  container_shapes: [square, blob]\n"))
        #expect(shape.message.contains("unknown shape 'blob'") && shape.line == 7)
        let clearance = try #require(error(Self.base + "  kind: nested\n  clearance: 1\n"))
        #expect(clearance.message.contains("clearance"))
        let oneSize = try #require(
            error(Self.base.replacingOccurrences(of: ", large: [40, 48]", with: "") + "  kind: nested\n"))
        #expect(oneSize.message.contains("two size classes"))
    }
}
