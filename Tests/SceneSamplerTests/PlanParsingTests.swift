import Foundation
import PlanFiles
import ScenewrightTestSupport
import Testing

@testable import SceneModel
@testable import SceneSampler

@Suite struct PlanParsingTests {
    static let minimal = """
        name: tiny
        canvas: {width: 128, height: 128}
        objects:
          count: [2, 4]
          shapes: [circle, square]
          colors: {red: 2, blue: 1}
          sizes:
            small: [8, 10]
            large: [16, 20]
        """

    @Test func defaultPlanLoads() throws {
        let plan = try TestResources.plan()
        #expect(plan.name == "shapes")
        #expect(plan.width == 256 && plan.height == 256)
        #expect(plan.objectCount == 3...8)
        #expect(plan.shapes.count == ShapeKind.allCases.count)
        #expect(plan.colors.count >= 10)
        #expect(Set(plan.fills.map(\.value)) == Set(Fill.allCases))
    }

    @Test func minimalPlanGetsDefaults() throws {
        let plan = try TestResources.plan(yaml: Self.minimal)
        #expect(plan.colors.map(\.value.name) == ["red", "blue"])
        #expect(plan.colors.map(\.weight) == [2, 1])
        #expect(plan.fills.count == Fill.allCases.count)
        #expect(plan.backgrounds.first?.value.name == "white")
    }

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

    @Test func malformedYAMLNamesFileLineAndColumn() throws {
        let e = try #require(error("name: x\nobjects:\n  count: [1, 2\n  shapes: all\n"))
        #expect(e.file == "bad.yaml")
        #expect(e.line != nil && e.column != nil)
        #expect(e.description.hasPrefix("bad.yaml:"))
        #expect(e.description.contains("invalid YAML"))
    }

    @Test func unknownShapeListsTheValidNames() throws {
        let e = try #require(error(Self.minimal.replacingOccurrences(of: "[circle, square]", with: "[circle, blob]")))
        #expect(e.line == 5)
        #expect(e.field == "objects.shapes.1")
        #expect(e.message.contains("unknown shape 'blob'"))
        #expect(e.message.contains("circle, ellipse, square"))
    }

    @Test func unknownColorListsTheValidNames() throws {
        let e = try #require(error(Self.minimal.replacingOccurrences(of: "blue: 1", with: "teal: 1")))
        #expect(e.line == 6)
        #expect(e.message.contains("unknown color 'teal'"))
        #expect(e.message.contains("red, orange, yellow"))
    }

    @Test func unknownFieldIsNamed() throws {
        let e = try #require(error(Self.minimal + "\ncolour: red\n"))
        #expect(e.message.contains("unknown field 'colour'"))
    }

    @Test func badValuesSayWhatWasExpected() throws {
        let reversed = try #require(error(Self.minimal.replacingOccurrences(of: "[2, 4]", with: "[4, 2]")))
        #expect(reversed.message.contains("above high"))
        let text = try #require(error(Self.minimal.replacingOccurrences(of: "width: 128", with: "width: wide")))
        #expect(text.field == "canvas.width" && text.message.contains("expected an integer"))
        let close = try #require(error(Self.minimal.replacingOccurrences(of: "[16, 20]", with: "[10.5, 20]")))
        #expect(close.message.contains("too close to tell apart"))
    }

    @Test func impossiblePlanFailsAtLoad() throws {
        let e = try #require(
            error(
                """
                name: crowded
                canvas: {width: 64, height: 64}
                objects:
                  count: 3
                  sizes: {large: [40, 44]}
                """))
        #expect(e.field == "objects.sizes")
        #expect(e.message.contains("does not fit a 64x64 canvas"))
        let many = try #require(
            error(
                """
                name: crowded
                canvas: {width: 64, height: 64}
                objects:
                  count: 40
                  sizes: {large: [28, 36]}
                """))
        #expect(many.field == "objects.count")
        #expect(many.message.contains("distinct positions"))
    }

    /// Every pair of palette colors, and every color against every background, is at least
    /// 20 CIEDE2000 apart (the figure in docs/SCENES.md).
    @Test func paletteColorsAreClearlyDistinct() throws {
        let palette = try Palette.load(
            named: "default", from: TestResources.home.appendingPathComponent("assets/palettes.yaml"),
            displayName: "palettes.yaml")
        var smallest = Double.infinity
        var pair = ("", "")
        for (i, a) in palette.colors.enumerated() {
            for b in palette.colors[(i + 1)...] + palette.backgrounds {
                let d = ColorDifference.ciede2000(a.rgb, b.rgb)
                if d < smallest { (smallest, pair) = (d, (a.name, b.name)) }
            }
        }
        #expect(palette.colors.count >= 10)
        #expect(smallest >= 20, "\(pair.0) and \(pair.1) are only \(smallest) apart")
        print("smallest CIEDE2000 distance: \(smallest) (\(pair.0) / \(pair.1))")
    }
}
