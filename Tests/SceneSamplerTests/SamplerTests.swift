import Foundation
import ScenewrightTestSupport
import Testing

@testable import Rasterizer
@testable import SceneModel
@testable import SceneSampler

@Suite struct SamplerTests {
    /// Truth: every accepted scene meets the plan's visibility minimums, keeps every pair of
    /// objects decided for directional relations, and stays inside the canvas.
    @Test func acceptedScenesMeetThePlan() throws {
        let plan = try TestResources.plan()
        let sampler = Sampler(plan: plan, seed: 3)
        var counts = Set<Int>()
        for index in UInt64(0)..<300 {
            let s = try sampler.sample(index: index)
            let scene = s.scene
            try scene.checkInvariants()
            counts.insert(scene.objects.count)
            #expect(plan.objectCount.contains(scene.objects.count), "index \(index)")
            for (o, m) in zip(scene.objects, s.rendered.measurements) {
                #expect(m.visiblePixels >= plan.minVisiblePixels, "index \(index) object \(o.id)")
                #expect(m.visibleFraction >= plan.minVisibleFraction, "index \(index) object \(o.id)")
                #expect(
                    o.extent.minX >= plan.padding - 1e-9 && o.extent.maxX <= Double(plan.width) - plan.padding + 1e-9)
                #expect(
                    o.extent.minY >= plan.padding - 1e-9 && o.extent.maxY <= Double(plan.height) - plan.padding + 1e-9)
            }
            for (i, a) in scene.objects.enumerated() {
                for b in scene.objects[(i + 1)...] {
                    #expect(
                        plan.relations.isDecided(Relations.position(of: a), Relations.position(of: b)),
                        "index \(index): objects \(a.id) and \(b.id) are within the relation margin")
                }
            }
        }
        #expect(counts == Set(plan.objectCount), "every object count appears")
    }

    @Test func sameIndexSameScene() throws {
        let plan = try TestResources.plan()
        let a = try Sampler(plan: plan, seed: 11).sample(index: 81234)
        let b = try Sampler(plan: plan, seed: 11).sample(index: 81234)
        #expect(a.scene == b.scene)
        #expect(a.rendered.canvas == b.rendered.canvas)
        let other = try Sampler(plan: plan, seed: 12).sample(index: 81234)
        #expect(a.scene != other.scene)
    }

    /// A plan that passes the load-time checks but cannot be met fails with an error naming
    /// the constraint after its bounded retries, instead of hanging.
    @Test func unsatisfiablePlanFailsWithinItsRetries() throws {
        let plan = try TestResources.plan(
            yaml: """
                name: jammed
                canvas: {width: 96, height: 96}
                objects:
                  count: 9
                  shapes: [square]
                  sizes: {large: [20, 22]}
                layout: {max_overlap: 0}
                retries: {placement: 20, scene: 15}
                """)
        let start = Date()
        #expect {
            _ = try Sampler(plan: plan, seed: 1).sample(index: 0)
        } throws: { error in
            guard let e = error as? SamplingError else { return false }
            return e.attempts == 15 && e.description.contains("placement 15x")
                && e.description.contains("fewer or smaller objects")
        }
        #expect(Date().timeIntervalSince(start) < 10)
    }

    @Test func rejectionDoesNotChangeAttributes() throws {
        // Attributes come from their own stream: the same index with a different layout
        // budget draws the same objects.
        var plan = try TestResources.plan()
        let a = try Sampler(plan: plan, seed: 5).sample(index: 17).scene
        plan.maxOverlap = 0.0
        let b = try Sampler(plan: plan, seed: 5).sample(index: 17).scene
        #expect(a.objects.map(\.shape) == b.objects.map(\.shape))
        #expect(a.objects.map(\.color) == b.objects.map(\.color))
        #expect(a.objects.map(\.radius) == b.objects.map(\.radius))
    }
}
