import Foundation
import PlanFiles
import ScenewrightTestSupport
import Testing

@testable import Rasterizer
@testable import SceneModel
@testable import SceneSampler

/// Text placed by the sampler: inside the canvas, clear of objects and of each other, labels on
/// their objects' faces, every word owning its pixels; what cannot fit is never drawn clipped.
@Suite struct LetteringTests {
    static func plan(
        _ lettering: String, canvas: Int = 256, objects: String = "[1, 3]",
        sizes: String = "{medium: [19, 24], large: [30, 36]}"
    ) throws -> ScenePlan {
        try TestResources.plan(
            yaml: """
                name: lettering-test
                canvas: {width: \(canvas), height: \(canvas)}
                objects:
                  count: \(objects)
                  fills: {solid: 2, outline: 1, striped: 1}
                  sizes: \(sizes)
                lettering:
                \(lettering)
                """)
    }

    static let signs = """
          kind: signs
          count: [1, 3]
          languages:
            en: {words: signs-en, weight: 2}
            zh: {words: signs-zh, weight: 1}
          fonts: {DejaVu Sans: 1, DejaVu Serif: 1, WenQuanYi Micro Hei: 1}
          weights: {regular: 1, bold: 1}
          size: [14, 30]
          rotation: [-30, 30]
        """

    @Test func signsStayInsideTheCanvasClearOfObjectsAndEachOther() throws {
        let plan = try Self.plan(Self.signs)
        let sampler = Sampler(plan: plan, seed: 5)
        for index in UInt64(0)..<40 {
            let s = try sampler.sample(index: index)
            try s.scene.checkInvariants()
            let texts = s.scene.texts
            #expect((1...3).contains(texts.count), "index \(index)")
            #expect(texts.map(\.readingOrder) == Array(0..<texts.count))
            #expect(Set(texts.map(\.text)).count == texts.count, "index \(index): a text repeats")
            let boxes = s.rendered.textMeasurements.map { $0.inkBox }
            for (t, m) in zip(texts, s.rendered.textMeasurements) {
                let ink = try #require(m.inkBox, "index \(index)")
                #expect(ink.x >= 4 && ink.y >= 4 && ink.x + ink.width <= 252 && ink.y + ink.height <= 252)
                #expect(t.words.map(\.text) == TextItem.words(of: t.text).map(String.init))
                for w in m.words { #expect(w.visiblePixels > 0 && w.visiblePixels == w.fullPixels) }
                for (o, om) in zip(s.scene.objects, s.rendered.measurements) {
                    #expect(!Self.meets(ink, om.fullBox), "index \(index): '\(t.text)' meets object \(o.id)")
                }
                #expect(boxes.filter { Self.meets(ink, $0) }.count == 1, "index \(index): texts meet")
                if t.language == "zh" { #expect(t.font == "WenQuanYi Micro Hei") }
            }
        }
    }

    @Test func labelsSitOnTheirObjectsFacesAndAreUnique() throws {
        let plan = try Self.plan(
            """
              kind: labels
              share: 1
              placement: {inside: 1, beside: 1}
              languages: {en: labels-en}
              fonts: {DejaVu Sans: 1}
              weights: {bold: 1}
              size: [10, 16]
            """, objects: "[2, 4]")
        let sampler = Sampler(plan: plan, seed: 2)
        var inside = 0
        var beside = 0
        for index in UInt64(0)..<40 {
            let s = try sampler.sample(index: index)
            let texts = s.scene.texts
            #expect(Set(texts.map(\.text)).count == texts.count, "index \(index)")
            #expect(Set(texts.compactMap(\.labels)).count == texts.count, "index \(index): an object has two labels")
            for (t, m) in zip(texts, s.rendered.textMeasurements) {
                let id = try #require(t.labels)
                let object = try #require(s.scene.object(id: id))
                let ink = try #require(m.inkBox)
                let full = try #require(s.rendered.measurements[id - 1].fullBox)
                if t.anchor == .center {
                    inside += 1
                    #expect(
                        ink.x >= full.x && ink.y >= full.y && ink.x + ink.width <= full.x + full.width
                            && ink.y + ink.height <= full.y + full.height,
                        "index \(index): label of \(object.id) leaves it")
                } else {
                    beside += 1
                    #expect(!Self.meets(ink, full), "index \(index): label beside \(object.id) meets it")
                }
            }
        }
        #expect(inside > 10 && beside > 10)
    }

    /// `background_patterns`: each image draws its pattern once, every pattern the plan names
    /// comes up, and free-standing text stands out from the shade as from the background.
    @Test func patternedBackgroundsKeepTextStandingOut() throws {
        let plan = try Self.plan(Self.signs + "\n  background_patterns: {plain: 1, striped: 1, dotted: 1}")
        let sampler = Sampler(plan: plan, seed: 7)
        var seen: Set<BackgroundPattern> = []
        for index in UInt64(0)..<30 {
            let s = try sampler.sample(index: index)
            let pattern = try #require(s.scene.backgroundPattern, "index \(index): no pattern drawn")
            seen.insert(pattern)
            for t in s.scene.texts {
                for c in pattern.colors(over: s.scene.background.rgb) {
                    #expect(ColorDifference.ciede2000(t.color.rgb, c) >= 30, "index \(index): '\(t.text)'")
                }
            }
        }
        #expect(seen == Set(BackgroundPattern.allCases))
        // Without the key nothing is drawn for it.
        #expect(try Sampler(plan: try Self.plan(Self.signs), seed: 7).sample(index: 0).scene.backgroundPattern == nil)
        #expect {
            _ = try Self.plan(Self.signs + "\n  background_patterns: {plaid: 1}")
        } throws: { error in
            "\(error)".contains("unknown background pattern 'plaid'; valid background patterns: plain, striped, dotted")
        }
        // A shade that is a palette color would show that color where no object of it is.
        let shade = BackgroundPattern.shade(of: RGB(255, 255, 255))
        let palette = Palette(
            name: "p", colors: [NamedColor(name: "ash", rgb: shade)],
            backgrounds: [NamedColor(name: "white", rgb: RGB(255, 255, 255))])
        #expect {
            try ScenePlan.checkShades(
                of: palette.backgrounds, palette: palette, at: try YAMLValue.parse("{striped: 1}", file: "p.yaml"))
        } throws: { error in "\(error)".contains("is color 'ash' or its tint") }
    }

    @Test func aTextThatCannotFitIsReportedNeverClipped() throws {
        let plan = try Self.plan(
            """
              kind: signs
              count: [1, 1]
              languages: {en: signs-en}
              fonts: {DejaVu Sans: 1}
              size: [120, 140]
            """, canvas: 64, objects: "[1, 1]", sizes: "{small: [5, 6]}")
        #expect {
            _ = try Sampler(plan: plan, seed: 1).sample(index: 0)
        } throws: { error in
            guard let e = error as? SamplingError else { return false }
            return e.description.contains("rejected for text")
        }
    }

    @Test func planErrorsNameTheFontThePackageOrTheCharacters() throws {
        #expect {
            _ = try Self.plan(
                """
                  kind: signs
                  languages: {zh: signs-zh}
                  fonts: {DejaVu Sans: 1}
                """)
        } throws: { error in
            "\(error)".contains("no font of the plan covers language 'zh'; fonts for it: WenQuanYi Micro Hei")
        }
        #expect {
            _ = try Self.plan(
                """
                  kind: signs
                  languages: {en: signs-en}
                  fonts: {Comic Sans: 1}
                """)
        } throws: { error in "\(error)".contains("unknown font family 'Comic Sans'") }
        // A word list with a character the font lacks: named with its file, line and the font.
        let home = try TemporaryDirectory()
        defer { home.remove() }
        try FileManager.default.createDirectory(at: home.file("assets/words"), withIntermediateDirectories: true)
        try FileManager.default.copyItem(
            at: TestResources.home.appendingPathComponent("assets/palettes.yaml"), to: home.file("assets/palettes.yaml")
        )
        try "OPEN\nCafé ☕ now\n".write(to: home.file("assets/words/bad.txt"), atomically: true, encoding: .utf8)
        let yaml = """
            name: bad
            objects: {count: [1, 2], sizes: {medium: [19, 24]}}
            lettering:
              kind: signs
              languages: {en: bad}
              fonts: {DejaVu Serif: 1}
            """
        #expect {
            _ = try ScenePlan.parse(try YAMLValue.parse(yaml, file: "bad.yaml"), home: home.url)
        } throws: { error in
            let text = "\(error)"
            return text.contains("assets/words/bad.txt:2") && text.contains("'☕' (U+2615)")
                && text.contains("font 'DejaVu Serif' has no glyph")
        }
    }

    static func meets(_ a: PixelBox, _ b: PixelBox?) -> Bool {
        guard let b else { return false }
        return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height
    }
}
