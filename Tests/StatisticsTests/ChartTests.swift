import Foundation
import Rasterizer
import SceneModel
import Testing
import Typesetting

@testable import Statistics

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// Charts are well-formed SVG (read back with Foundation's XML parser), carry their labels as
/// text in the dataset's language, and come out byte for byte the same.
@Suite struct ChartTests {
    @Test func ticksAreNiceAndCoverTheMaximum() {
        #expect(BarChart.ticks(maximum: 37, style: .count) == (step: 10, top: 40))
        #expect(BarChart.ticks(maximum: 3, style: .count) == (step: 1, top: 3))
        #expect(BarChart.ticks(maximum: 1234, style: .count) == (step: 500, top: 1500))
        #expect(BarChart.ticks(maximum: 0.42, style: .percent) == (step: 0.1, top: 0.5))
        #expect(BarChart.ticks(maximum: 0, style: .count).top > 0)
    }

    @Test func valuesAreWrittenWithFixedDigits() {
        let percent = BarChart(title: "", bars: [], orientation: .vertical, valueStyle: .percent)
        #expect(percent.format(0.125) == "12.5%")
        #expect(percent.format(0.12) == "12%")
        #expect(percent.format(1) == "100%")
        #expect(percent.format(0.0004) == "0%")
        #expect(percent.format(0.0006) == "0.1%")
        let count = BarChart(title: "", bars: [], orientation: .vertical)
        #expect(count.format(1234) == "1234")
        #expect(SVGCanvas.hex(RGB(0, 128, 255)) == "#0080ff")
    }

    @Test func barChartsAreWellFormedWithBarsInTheirColors() throws {
        let red = RGB(220, 30, 40)
        for orientation in [BarChart.Orientation.vertical, .horizontal] {
            let chart = BarChart(
                title: "Test <chart> & \"quotes\"",
                bars: [Bar(label: "red", value: 7, color: red), Bar(label: "plain\u{1}", value: 3)],
                orientation: orientation, categoryTitle: "kind", valueTitle: "count")
            let bytes = chart.svg()
            #expect(bytes == chart.svg())
            let doc = try SVGDocument(bytes)
            #expect(doc.root["xmlns"] == "http://www.w3.org/2000/svg")
            #expect(Int(doc.root["width"] ?? "") ?? 0 >= 300, "\(orientation)")
            #expect(doc.title == "Test <chart> & \"quotes\"")
            #expect(doc.rects.filter { $0["fill"] == "#dc1e28" }.count == 1, "\(orientation)")
            #expect(doc.rects.filter { $0["fill"] == SVGCanvas.hex(BarChart.defaultBar) }.count == 1)
            #expect(doc.texts.contains { $0.text == "red" && $0.language == "en" })
            // A control character from a damaged record does not break the document.
            #expect(doc.texts.contains { $0.text == "plain\u{FFFD}" })
            #expect(doc.texts.contains { $0.text == "count" })
        }
        // An empty chart still renders (axes, title).
        let empty = try SVGDocument(BarChart(title: "Empty", bars: [], orientation: .vertical).svg())
        #expect(empty.texts.contains { $0.text == "Empty" })
        #expect(empty.lines > 2)
    }

    /// A Chinese label is drawn by the Typesetting module in the CJK font: its glyphs are the
    /// outlines of the string typeset there directly, spaced as shaped, and filled by the
    /// rasterizer they have ink inside the chart.
    @Test(.enabled(if: SVGCanvas.layout("红色", language: "zh", bold: false) != nil, "needs fonts-wqy-microhei"))
    func chineseLabelsAreCJKGlyphOutlines() throws {
        let chart = BarChart(
            title: "颜色", bars: [Bar(label: "红色", value: 7), Bar(label: "蓝色", value: 3)], orientation: .horizontal,
            labelLanguage: "zh")
        let doc = try SVGDocument(chart.svg())
        let red = try #require(doc.labelGlyphs.first { $0.text == "红色" })
        #expect(red.language == "zh")
        let direct = try Typesetter.shared.layout(
            "红色", font: FontName(family: "WenQuanYi Micro Hei"), size: Double(SVGCanvas.fontSize), language: "zh")
        let own = direct.glyphOutlines
        #expect(red.glyphs.count == own.count && own.count == 2)
        for (drawn, glyph) in zip(red.glyphs, own) {
            #expect(drawn.d == SVGCanvas.pathData(glyph.contours), "not the CJK font's outline")
        }
        let spacing = red.glyphs[1].x - red.glyphs[0].x
        #expect(abs(spacing - (own[1].origin.x - own[0].origin.x)) <= 0.11)
        // The DejaVu font has no glyphs for it: the font is WenQuanYi.
        #expect(throws: TypesettingError.self) {
            _ = try Typesetter.shared.layout("红色", font: FontName(family: "DejaVu Sans"), size: 13, language: "zh")
        }
        // Ink: the label's outlines, placed, cover pixels inside the chart.
        let placed = red.glyphs.flatMap { g in
            Self.polygons(g.d).map { c in c.map { Point(x: $0.x + g.x, y: $0.y + g.y) } }
        }
        let mask = CoverageMask(contours: placed, canvasWidth: 4000, canvasHeight: 4000)
        #expect(mask.area > 40, "the label has no ink")
        #expect(mask.originX >= 0 && mask.originX + mask.width <= Int(doc.root["width"] ?? "") ?? 0)
        #expect(doc.labelGlyphs.contains { $0.text == "颜色" && !$0.glyphs.isEmpty })
    }

    /// Path data back as polygons (M, L, Z with decimal numbers, as `SVGCanvas` writes them).
    static func polygons(_ d: String) -> [[Point]] {
        var out: [[Point]] = []
        let tokens = d.split(separator: " ")
        var i = 0
        while i < tokens.count {
            let t = tokens[i]
            if t == "Z" {
                i += 1
                continue
            }
            if t.hasPrefix("M") { out.append([]) }
            let x = Double(t.dropFirst()) ?? 0
            let y = Double(tokens[i + 1]) ?? 0
            out[out.count - 1].append(Point(x: x, y: y))
            i += 2
        }
        return out
    }

    @Test func heatMapShadesBusyCells() throws {
        var counts = [[Int]](repeating: [Int](repeating: 0, count: 4), count: 4)
        counts[0][0] = 10
        counts[3][2] = 1
        let map = HeatMap(title: "Centers", counts: counts, imageWidth: 256, imageHeight: 128)
        let doc = try SVGDocument(map.svg())
        #expect(Int(doc.root["width"] ?? "") ?? 0 > HeatMap.plotWidth)
        #expect(map.plotHeight == 240)
        // Empty cells share the grey ground; each busy cell is its own rectangle.
        let cells = doc.rects.filter { $0["fill"] == SVGCanvas.hex(HeatMap.color(1)) }
        #expect(cells.count == 1)
        #expect(cells.first?["width"] == "120" && cells.first?["height"] == "60")
        #expect(doc.rects.filter { $0["fill"] == SVGCanvas.hex(HeatMap.color(0.1)) }.count == 1)
        #expect(doc.rects.contains { $0["fill"] == SVGCanvas.hex(HeatMap.empty) && $0["width"] == "480" })
        #expect(doc.texts.contains { $0.text == "256" } && doc.texts.contains { $0.text == "10" })
    }

    /// A Chinese dataset's answers are in its charts as Chinese text tagged `zh`, and the charts
    /// of two computations (different thread counts) are the same bytes.
    @Test func chineseLabelsAreTextAndChartsAreDeterministic() throws {
        let folder = try StatisticsFixture.folder()
        let stats = try DatasetStatistics.compute(directory: folder, workers: 2)
        let again = try DatasetStatistics.compute(directory: folder, workers: 1)
        let charts = stats.charts()
        #expect(charts.map(\.file) == again.charts().map(\.file))
        #expect(charts.map(\.svg) == again.charts().map(\.svg))
        #expect(charts.allSatisfy { $0.file.hasSuffix(".svg") })
        let zh = try #require(stats.languages["zh"])
        let answers = try #require(charts.first { $0.file == "answers_zh.svg" })
        let doc = try SVGDocument(answers.svg)
        let chinese = doc.texts.filter { $0.language == "zh" }.map(\.text)
        var expected: [String] = []
        for (family, _) in zh.questionsPerFamily.byKey {
            for (answer, _) in zh.topAnswers(family) { expected.append(BarChart.clip("\(family): \(answer)")) }
        }
        #expect(chinese == expected)
        #expect(expected.contains { $0.unicodeScalars.contains { SVGCanvas.isWide($0) } }, "no Chinese answer")
        for chart in charts { _ = try SVGDocument(chart.svg) }
    }
}

/// An SVG file read with Foundation's XML parser: the root's attributes, the title, every
/// rectangle's attributes and every label with its `lang`: a path with an `aria-label` (its
/// outline data in `d`) or, when no label font is installed, a text element (`d` empty).
final class SVGDocument: NSObject, XMLParserDelegate {
    var root: [String: String] = [:]
    var title = ""
    var rects: [[String: String]] = []
    var lines = 0
    var texts: [(language: String, text: String)] = []
    /// Labels drawn as glyph outlines: each `<use>`'s definition (path data) and offset.
    var labelGlyphs: [(language: String, text: String, glyphs: [(d: String, x: Double, y: Double)])] = []
    var definitions: [String: String] = [:]
    private var open: [(name: String, language: String)] = []
    private var characters = ""

    init(_ bytes: [UInt8]) throws {
        super.init()
        let parser = XMLParser(data: Data(bytes))
        parser.delegate = self
        guard parser.parse() else {
            throw StatisticsError("not well-formed XML: \(parser.parserError.map { "\($0)" } ?? "?")")
        }
    }

    func parser(
        _ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
        attributes: [String: String]
    ) {
        if open.isEmpty { root = attributes }
        if name == "rect" { rects.append(attributes) }
        if name == "line" { lines += 1 }
        if name == "path", let id = attributes["id"] { definitions[id] = attributes["d"] ?? "" }
        if name == "g", let label = attributes["aria-label"] {
            let language = attributes["lang"] ?? open.last?.language ?? ""
            texts.append((language, label))
            labelGlyphs.append((language, label, []))
        }
        if name == "use", let ref = attributes["xlink:href"], !labelGlyphs.isEmpty {
            let d = definitions[String(ref.dropFirst())] ?? ""
            labelGlyphs[labelGlyphs.count - 1].glyphs.append(
                (d, Double(attributes["x"] ?? "") ?? .nan, Double(attributes["y"] ?? "") ?? .nan))
        }
        open.append((name, attributes["lang"] ?? open.last?.language ?? ""))
        characters = ""
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) { characters += string }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        guard let element = open.popLast() else { return }
        if name == "title" { title = characters }
        if name == "text" { texts.append((element.language, characters)) }
        characters = ""
    }
}
