import Foundation
import PlanFiles
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
    /// stay in the plan's range, measured on the shapes (the sampler's bisection aims within
    /// a few thousandths) and, independently, on the drawn pixels (shared pixels over the
    /// smaller shape's pixels: within 0.04 of the shapes' share; pixel edges cost up to 0.02).
    @Test func stacksOccludeByTheControlledShare() throws {
        let plan = try TestResources.plan("occlusion")
        let sampler = Sampler(plan: plan, seed: 7)
        var pairs = 0
        for index in 0..<UInt64(300) {
            let s = try sampler.sample(index: index)
            let m = s.rendered.measurements
            for x in m {
                #expect(x.visibleFraction >= plan.minVisibleFraction && x.visiblePixels >= plan.minVisiblePixels)
            }
            #expect(sampler.depthDecided(s.scene, m))
            for (i, a) in s.scene.objects.enumerated() {
                for (j, b) in s.scene.objects.enumerated() where b.z > a.z {
                    let shared = m[i].overlaps.first { $0.id == b.id }?.pixels ?? 0
                    guard shared >= Relations.occlusionMinPixels else { continue }
                    pairs += 1
                    let share = Sampler.coveredShare(a.outline, b.outline)
                    #expect(
                        share >= plan.stackOverlap.lowerBound - 0.005 && share <= plan.stackOverlap.upperBound + 0.005,
                        "sample \(index): share \(share)")
                    let drawn = Double(shared) / Double(min(m[i].fullPixels, m[j].fullPixels))
                    #expect(abs(drawn - share) < 0.04, "sample \(index): drawn share \(drawn), shapes \(share)")
                }
            }
        }
        #expect(pairs > 300, "only \(pairs) occluding pairs")
    }

    /// Small stars cannot cover each other by a quarter with their centers a margin apart on
    /// both axes, so a single stack of them can never be dealt as drawn (every attempt failed,
    /// and with it the run). From the fallback attempt on, an object that finds no place on its
    /// stack starts its own: every sample draws, keeping every promise of the layout.
    @Test func stacksThatCannotBeDealtStillDraw() throws {
        let plan = try TestResources.plan(
            yaml: """
                name: stars
                objects: {count: 3, shapes: [star], fills: [solid], sizes: {small: [15, 16]}}
                layout: {kind: stack, stacks: 1, overlap: [0.25, 0.35]}
                visibility: {min_pixels: 80, min_fraction: 0.6}
                relations: {margin: 8}
                retries: {placement: 80, scene: 40}
                """)
        let sampler = Sampler(plan: plan, seed: 3)
        var split = 0
        for index in 0..<UInt64(60) {
            let s = try sampler.sample(index: index)
            let m = s.rendered.measurements
            if s.attempts > Sampler.stackFallbackAttempt(plan.sceneRetries) { split += 1 }
            #expect(m.allSatisfy { $0.visibleFraction >= 0.6 && $0.visiblePixels >= 80 }, "sample \(index)")
            #expect(sampler.depthDecided(s.scene, m), "sample \(index)")
            for (i, a) in s.scene.objects.enumerated() {
                for (j, b) in s.scene.objects.enumerated() where j != i {
                    #expect(plan.relations.isDecided(Relations.position(of: a), Relations.position(of: b)))
                    let shared = m[i].overlaps.first { $0.id == b.id }?.pixels ?? 0
                    guard b.z > a.z, shared >= Relations.occlusionMinPixels else { continue }
                    let share = Sampler.coveredShare(a.outline, b.outline)
                    #expect(share >= 0.245 && share <= 0.355, "sample \(index): share \(share)")
                }
            }
        }
        #expect(split > 30, "only \(split) of 60 samples needed a stack of their own")
    }

    /// The stack layout's share measure (``ScanOutline``: exact areas, rows half a pixel apart)
    /// against a brute-force count on a 0.3 px lattice, for every pair of shape kinds at
    /// random sizes, turns and offsets.
    @Test func coveredShareMatchesAFineLattice() throws {
        var rng = SampleSeed.generator(runSeed: 5, index: 0, stream: .attributes)
        var compared = 0
        for ka in ShapeKind.allCases {
            for kb in ShapeKind.allCases {
                let a = ShapeGeometry.outline(
                    ka, center: Point(x: 0, y: 0), radius: rng.uniform(12...30), rotation: rng.uniform(-45...45))
                let b = ShapeGeometry.outline(
                    kb, center: Point(x: rng.uniform(-25...25), y: rng.uniform(-25...25)), radius: rng.uniform(12...30),
                    rotation: rng.uniform(-45...45))
                let (ea, eb) = (ShapeGeometry.bounds(of: a), ShapeGeometry.bounds(of: b))
                let step = 0.3
                var (inA, inB, both) = (0, 0, 0)
                for y in stride(from: min(ea.minY, eb.minY), to: max(ea.maxY, eb.maxY), by: step) {
                    for x in stride(from: min(ea.minX, eb.minX), to: max(ea.maxX, eb.maxX), by: step) {
                        let p = Point(x: x, y: y)
                        let (ia, ib) = (ShapeGeometry.contains(a, p), ShapeGeometry.contains(b, p))
                        if ia { inA += 1 }
                        if ib { inB += 1 }
                        if ia && ib { both += 1 }
                    }
                }
                let lattice = Double(both) / Double(min(inA, inB))
                let share = Sampler.coveredShare(a, b)
                #expect(abs(share - lattice) < 0.01, "\(ka) over \(kb): \(share) vs lattice \(lattice)")
                #expect(abs(share - Sampler.coveredShare(b, a)) < 1e-9, "\(ka), \(kb): not symmetric")
                if both > 0 { compared += 1 }
            }
        }
        #expect(compared > 60, "only \(compared) pairs overlap")
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
