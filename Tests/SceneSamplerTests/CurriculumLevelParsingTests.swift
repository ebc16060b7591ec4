import Foundation
import PlanFiles
import ScenewrightTestSupport
import Testing

@testable import SceneModel
@testable import SceneSampler

/// `level: 1...3` fills in a plan from assets/levels.yaml; the plan's own settings win field by
/// field; a bad level, or a bad plan made of a level's values, fails with file, line, field and
/// what was expected.
@Suite struct CurriculumLevelParsingTests {
    func plan(_ yaml: String) throws -> ScenePlan { try TestResources.plan(yaml: yaml, file: "c.yaml") }

    func error(_ yaml: String) -> PlanError? {
        do {
            _ = try plan(yaml)
            return nil
        } catch let e as PlanError {
            return e
        } catch {
            return nil
        }
    }

    /// A name and a level make a whole plan, each level with its own layout, counts, variety and
    /// question mix.
    @Test func aLevelAloneIsAPlan() throws {
        let one = try plan("name: a\nlevel: 1\n")
        #expect(one.level == 1)
        #expect(one.layout == .row && one.maxOverlap == 0)
        #expect(one.objectCount == 1...3 && one.countWeights?.map(\.weight) == [1, 2, 2])
        #expect(one.shapes.count == 5 && one.colors.count == 5 && one.fills.map(\.value) == [.solid])
        #expect(one.sizes.map(\.name) == ["large"] && one.rotation == 0...0)
        #expect(one.text.difficulty?.map(\.name) == ["easy"])
        let two = try plan("name: b\nlevel: 2\n")
        #expect(two.layout == .clusters && two.clusterCount == 1...2 && two.objectCount == 3...6)
        #expect(two.shapes.count == 8 && two.colors.count == 8 && two.sizes.count == 2 && two.fills.count == 2)
        #expect(two.text.difficulty?.map(\.name) == ["easy", "medium"])
        let three = try plan("name: c\nlevel: 3\n")
        #expect(three.layout == .stack && three.stackCount == 2...3 && three.objectCount == 5...8)
        #expect(three.shapes.count == ShapeKind.allCases.count && three.colors.count == 11)
        #expect(three.text.difficulty?.map(\.name) == ["easy", "medium", "hard"])
        #expect(three.minVisibleFraction < two.minVisibleFraction && two.minVisibleFraction < one.minVisibleFraction)
        let none = try TestResources.plan()
        #expect(none.level == nil)
    }

    /// Precedence: a field the plan sets replaces the level's field of that name whole, in
    /// every section; the level fills in the rest. A layout that names its kind replaces the
    /// level's layout whole; one without merges field by field.
    @Test func thePlansOwnFieldsWin() throws {
        let p = try plan(
            """
            name: mine
            level: 2
            backgrounds: [beige]
            objects:
              count: [4, 5]
              sizes: {tiny: [9, 10]}
            layout: {max_overlap: 0.05}
            visibility: {min_pixels: 60}
            text: {difficulty: {hard: 1}, questions: 4}
            """)
        #expect(p.backgrounds.map(\.value.name) == ["beige"])
        #expect(p.objectCount == 4...5)
        #expect(p.sizes.map(\.name) == ["tiny"], "objects.sizes is the plan's alone, not merged with the level's")
        #expect(p.shapes.count == 8 && p.colors.count == 8, "the rest of objects is the level's")
        #expect(p.layout == .clusters && p.clusterCount == 1...2 && p.maxOverlap == 0.05)
        #expect(p.minVisiblePixels == 60 && p.minVisibleFraction == 0.7)
        #expect(p.text.difficulty?.map(\.name) == ["hard"] && p.text.questions == 4)
        let scatter = try plan("name: s\nlevel: 3\nlayout: {kind: scatter}\n")
        #expect(scatter.layout == .scatter && scatter.stackCount == 1...1 && scatter.maxOverlap == 0.25)
        #expect(scatter.objectCount == 5...8, "objects still come from the level")
        let canvas = try plan("name: w\nlevel: 1\ncanvas: {width: 300}\n")
        #expect(canvas.width == 300 && canvas.height == 256)
    }

    @Test func aBadLevelSaysWhatIsExpected() throws {
        for (value, shown) in [
            ("7", "'7'"), ("0", "'0'"), ("easy", "'easy'"), ("2.5", "'2.5'"), ("[1, 2]", "a mapping or list"),
        ] {
            let e = try #require(error("name: x\nlevel: \(value)\n"), "level: \(value) loaded")
            #expect(e.file == "c.yaml" && e.line == 2 && e.column == 8 && e.field == "level", "\(e)")
            #expect(
                e.message.contains("expected a curriculum level: 1 (easiest), 2 or 3 (hardest), got \(shown)"), "\(e)")
        }
        // Without a level, a plan still needs its objects.
        let missing = try #require(error("name: x\n"))
        #expect(missing.message.contains("missing field 'objects'"))
    }

    /// A plan that asks for something impossible with a level's value names the field, the
    /// line of `level:`, and where the value came from; a value of the plan's own line is
    /// reported as before.
    @Test func impossibleCombinationsNameTheLevel() throws {
        // Level 3 stacks 2-3 deep need at least 3 objects; the plan allows 2.
        let stacks = try #require(error("name: x\nlevel: 3\nobjects: {count: [2, 4]}\n"))
        #expect(stacks.line == 2 && stacks.field == "layout", "\(stacks)")
        #expect(stacks.message.contains("3 stacks need at least as many objects"), "\(stacks)")
        #expect(stacks.message.contains("level 3's, from assets/levels.yaml; set 'layout' in the plan"), "\(stacks)")
        // The plan's own bad value: its line, no note.
        let own = try #require(error("name: x\nlevel: 1\nobjects:\n  shapes: [circle, blob]\n"))
        #expect(own.line == 4 && own.field == "objects.shapes.1" && !own.message.contains("level 1"), "\(own)")
        // A correlation must name values the level draws.
        let correlation = try #require(
            error("name: x\nlevel: 1\ncorrelations:\n  - {when: {shape: cross}, color: {red: 0.8}}\n"))
        #expect(correlation.message.contains("unknown shape 'cross'") && correlation.line == 4, "\(correlation)")
    }

    /// The shipped curriculum is made of the three levels, easiest first.
    @Test func theShippedCurriculumUsesTheLevels() throws {
        for n in ScenePlan.levels {
            let p = try TestResources.plan("curriculum-\(n)")
            #expect(p.level == n)
            let bare = try plan("name: l\nlevel: \(n)\n")
            #expect(p.layout == bare.layout && p.objectCount == bare.objectCount && p.shapes == bare.shapes)
            #expect(p.text.difficulty?.map(\.name) == bare.text.difficulty?.map(\.name))
        }
    }
}
