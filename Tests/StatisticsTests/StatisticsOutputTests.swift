import DatasetWriters
import Foundation
import SampleRecords
import ScenewrightTestSupport
import Testing

@testable import Statistics

/// What `stats` writes: sorted deterministic JSON, well-formed SVG charts, the card section.
@Suite struct StatisticsOutputTests {
    @Test func writesStatsJSONChartsAndTheCardSection() throws {
        let copy = try StatisticsFixture.copy()
        defer { copy.remove() }
        let card = String(decoding: try AtomicFile.read(copy.path + "/README.md"), as: UTF8.self)
        let stats = try DatasetStatistics.compute(directory: copy.path, workers: 2)
        let written = try stats.write(to: copy.path)
        #expect(written.contains("stats/stats.json") && written.contains("README.md"))
        let jsonBytes = try AtomicFile.read(copy.path + "/stats/stats.json")
        let json = try JSONValue.parse(jsonBytes)
        // Keys sorted at every level: re-serializing (JSONObject sorts) gives the same bytes.
        #expect(json.bytes + [0x0A] == jsonBytes)
        #expect(json["samples"]?.intValue == StatisticsFixture.count)
        #expect(json["rejections"]?["available"] == .bool(false))
        #expect(json["languages"]?["en"]?["shortcut_risk"]?["overall"]?["evaluated"]?.intValue ?? 0 > 0)
        let charts = (json["charts"]?.arrayValue ?? []).compactMap(\.stringValue)
        #expect(charts.count == 18)
        let rendered = stats.charts()
        #expect(rendered.map(\.file) == charts)
        for chart in rendered {
            let bytes = try AtomicFile.read(copy.path + "/stats/" + chart.file)
            #expect(bytes == chart.svg)
            let doc = try SVGDocument(bytes)
            #expect(Int(doc.root["width"] ?? "") ?? 0 >= 300, "\(chart.file)")
            #expect(Int(doc.root["height"] ?? "") ?? 0 >= 120, "\(chart.file)")
            #expect(doc.texts.count > 5 && doc.rects.count > 2, "\(chart.file) is nearly blank")
        }
        // Colors chart: bars painted in each palette color.
        let colors = try SVGDocument(try AtomicFile.read(copy.path + "/stats/colors.svg"))
        for (name, rgb) in stats.colorRGB {
            #expect(colors.rects.contains { $0["fill"] == SVGCanvas.hex(rgb) }, "no bar in \(name)'s color")
            #expect(colors.texts.contains { $0.text == name })
        }
        // Positions heat map: a rectangle per cell some center fell in.
        let heat = try SVGDocument(try AtomicFile.read(copy.path + "/stats/positions.svg"))
        let busy = stats.positions.joined().filter { $0 > 0 }.count
        #expect(
            heat.rects.filter { $0["stroke"] == nil && $0["fill"] != SVGCanvas.hex(HeatMap.empty) }.count == busy + 1)
        // The card: front matter and the original body kept, the section appended with links.
        let updated = String(decoding: try AtomicFile.read(copy.path + "/README.md"), as: UTF8.self)
        #expect(updated.hasPrefix(card))
        #expect(updated.contains(DatasetStatistics.cardHeading))
        #expect(updated.contains("](stats/shapes.svg)"))
        let section = String(decoding: try AtomicFile.read(copy.path + "/stats/README-stats.md"), as: UTF8.self)
        #expect(section.contains("](shapes.svg)"))
        // Running again changes nothing: the same bytes everywhere, the section replaced.
        _ = try DatasetStatistics.compute(directory: copy.path, workers: 1).write(to: copy.path)
        #expect(try AtomicFile.read(copy.path + "/stats/stats.json") == jsonBytes)
        #expect(String(decoding: try AtomicFile.read(copy.path + "/README.md"), as: UTF8.self) == updated)
    }

    @Test func theCardSectionIsReplacedAndFrontMatterKept() {
        let card =
            "---\nlicense: cc-by-4.0\n---\n# Data\n\nIntro.\n\n## Statistics (scenewright stats)\n\nold\n\n## Citation\n\ncite\n"
        let updated = DatasetStatistics.updateCard(card, section: "## Statistics (scenewright stats)\n\nnew\n")
        #expect(
            updated
                == "---\nlicense: cc-by-4.0\n---\n# Data\n\nIntro.\n\n## Statistics (scenewright stats)\n\nnew\n\n## Citation\n\ncite\n"
        )
        let appended = DatasetStatistics.updateCard(
            "---\na: b\n---\n# Data", section: "## Statistics (scenewright stats)\n\nx\n")
        #expect(appended == "---\na: b\n---\n# Data\n\n## Statistics (scenewright stats)\n\nx\n")
        #expect(DatasetStatistics.updateCard(appended, section: "## Statistics (scenewright stats)\n\nx\n") == appended)
    }

    @Test func theCommandWritesStatsAndReportsBaselines() throws {
        let copy = try StatisticsFixture.copy()
        defer { copy.remove() }
        let result = try runScenewright(["stats", copy.path])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("\(StatisticsFixture.count) samples (webdataset)"))
        #expect(result.stdout.contains("en: blind baselines"))
        #expect(AtomicFile.exists(copy.path + "/stats/positions.svg"))
        let missing = try runScenewright(["stats", copy.path + "/nothing-here"])
        #expect(missing.status != 0)
        #expect(missing.stderr.contains("holds no Scenewright samples"))
    }
}
