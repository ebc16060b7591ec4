import Rasterizer
import SceneModel
import Testing

@testable import Typesetting

@Suite struct TypesettingTests {
    let typesetter = Typesetter.shared
    static let dejavu = FontName(family: "DejaVu Sans")
    static let black = NamedColor(name: "black", rgb: RGB(0, 0, 0))

    @Test func unknownFamilyAndWeightListWhatTheCatalogHas() {
        #expect(
            throws: TypesettingError.unknownFont(
                "unknown font family 'Comic Sans'; available: DejaVu Sans, DejaVu Sans Mono, DejaVu Serif, WenQuanYi Micro Hei"
            )
        ) {
            try typesetter.font(FontName(family: "Comic Sans"))
        }
        #expect(
            throws: TypesettingError.unknownFont("font 'WenQuanYi Micro Hei' has no bold weight; available: regular")
        ) {
            try typesetter.font(FontName(family: "WenQuanYi Micro Hei", weight: "bold"))
        }
    }

    @Test func aMissingFontFileNamesItsPackage() {
        let elsewhere = Typesetter(catalog: FontCatalog(root: "/nonexistent-fonts"))
        do {
            _ = try elsewhere.font(Self.dejavu)
            Issue.record("a missing file was opened")
        } catch {
            #expect(error.description.contains("install the Debian package fonts-dejavu-core"))
            #expect(error.description.contains("/nonexistent-fonts/truetype/dejavu/DejaVuSans.ttf"))
        }
    }

    @Test func missingGlyphsAreAnErrorNamingTheCharactersAndTheFont() {
        #expect(
            throws: TypesettingError.missingGlyphs(
                text: "出口 exit", characters: "'出' (U+51FA), '口' (U+53E3)", font: "DejaVu Sans")
        ) {
            try typesetter.layout("出口 exit", font: Self.dejavu, size: 20, language: "zh")
        }
    }

    @Test func chineseSetsInWenQuanYi() throws {
        let layout = try typesetter.layout(
            "出口", font: FontName(family: "WenQuanYi Micro Hei"), size: 24, language: "zh")
        #expect(layout.words == ["出口"])
        // CJK ideographs are one em wide each.
        #expect(abs(layout.advance - 48) < 0.5)
        #expect(layout.glyphs.count == 2)
    }

    @Test func aLineMeasuresWithinItsLineBox() throws {
        let layout = try typesetter.layout("Hello, world", font: Self.dejavu, size: 20, language: "en")
        #expect(layout.words == ["Hello,", "world"])
        let ink = try #require(layout.inkBounds)
        let box = layout.lineBox
        #expect(ink.minX >= box.minX - 1 && ink.maxX <= box.maxX + 1)
        #expect(ink.minY >= box.minY && ink.maxY <= box.maxY)
        // DejaVu Sans: cap height about 0.73 em above the baseline.
        #expect(abs(-ink.minY - 0.76 * 20) < 1.5)
        let bold = try typesetter.layout(
            "Hello, world", font: FontName(family: "DejaVu Sans", weight: "bold"), size: 20, language: "en")
        #expect(bold.advance > layout.advance)
    }

    @Test func rotationTurnsTheExtentAboutTheAnchor() throws {
        let layout = try typesetter.layout("WIDE TEXT", font: Self.dejavu, size: 16, language: "en")
        let p = Point(x: 100, y: 100)
        let flat = try #require(layout.inkExtent(at: p, anchor: .center, rotation: 0))
        let turned = try #require(layout.inkExtent(at: p, anchor: .center, rotation: 90))
        #expect(abs(flat.width - turned.height) < 0.01)
        #expect(abs(flat.height - turned.width) < 0.01)
        let corners = layout.lineCorners(at: p, anchor: TextAnchor(.baseline, .left), rotation: 0)
        #expect(corners[0] == Point(x: 100, y: 100 - layout.ascent))
    }

    /// Unturned, the extent comes from the layout's ink bounds; it is exactly the extent of
    /// every placed outline point, at any position and anchor (and turned, it still is).
    @Test(arguments: [0.0, -0.0, 360, 25, -90])
    func theExtentIsThatOfThePlacedOutlines(rotation: Double) throws {
        let anchors = [
            TextAnchor.center, TextAnchor(.top, .left), TextAnchor(.bottom, .right), TextAnchor(.baseline, .center),
        ]
        for text in ["Apples 2021", "g", "-0.5", "东京 7"] {
            let font = text.contains("东") ? FontName(family: "WenQuanYi Micro Hei") : Self.dejavu
            let layout = try typesetter.layout(text, font: font, size: 13, language: "en")
            for (i, anchor) in anchors.enumerated() {
                let p = Point(x: 37.25 + Double(i) * 0.37, y: 0.1 * Double(i) - 3.3)
                let points = layout.wordContours(at: p, anchor: anchor, rotation: rotation).joined().joined()
                let e = try #require(layout.inkExtent(at: p, anchor: anchor, rotation: rotation))
                #expect(e.minX == points.map(\.x).min() && e.maxX == points.map(\.x).max(), "\(text) \(anchor)")
                #expect(e.minY == points.map(\.y).min() && e.maxY == points.map(\.y).max(), "\(text) \(anchor)")
            }
        }
    }

    @Test func glyphHolesStayEmptyAndWordsOwnTheirPixels() throws {
        var scene = Scene(
            width: 200, height: 120, background: NamedColor(name: "white", rgb: RGB(255, 255, 255)), objects: [])
        scene.texts = [
            TextItem(
                text: "O 8", language: "en", font: "DejaVu Sans", weight: "regular", size: 80, rotation: 0,
                color: Self.black, position: Point(x: 100, y: 60), anchor: .center, readingOrder: 0, role: "sign")
        ]
        let set = try typesetter.typeset(scene)
        try set.checkInvariants()
        #expect(set.texts[0].words.map(\.id) == [1, 2])
        let rendered = Rasterizer.render(set)
        let m = rendered.textMeasurements[0]
        let o = try #require(m.words[0].bbox)
        // The middle of the O is its hole: background, in no word's mask.
        let cx = o.x + o.width / 2
        let cy = o.y + o.height / 2
        #expect(rendered.canvas.ids[cy * 200 + cx] == 0)
        #expect(rendered.canvas.pixels[3 * (cy * 200 + cx)] == 255)
        // Its left stroke is ink owned by word 1.
        #expect(rendered.canvas.ids[cy * 200 + o.x + 2] == 1)
        let ink = try #require(m.inkBox)
        for w in m.words {
            let b = try #require(w.bbox)
            #expect(
                b.x >= ink.x && b.y >= ink.y && b.x + b.width <= ink.x + ink.width
                    && b.y + b.height <= ink.y + ink.height)
            #expect(w.visiblePixels > 100)
        }
    }

    @Test func settingIsDeterministicAndCached() throws {
        let a = try typesetter.layout("Cache me", font: Self.dejavu, size: 18.5, language: "en")
        let b = try typesetter.layout("Cache me", font: Self.dejavu, size: 18.5, language: "en")
        let p = Point(x: 10.25, y: 40)
        #expect(
            a.wordContours(at: p, anchor: .center, rotation: 12) == b.wordContours(at: p, anchor: .center, rotation: 12)
        )
        let font = try typesetter.font(Self.dejavu)
        #expect(font.state.withLock { $0.runs[Font.RunKey(text: "Cache me", language: "en")] != nil })
    }
}
