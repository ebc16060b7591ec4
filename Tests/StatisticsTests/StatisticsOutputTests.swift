import DatasetWriters
import Foundation
import PNGCodec
import SampleRecords
import ScenewrightTestSupport
import Testing

@testable import Statistics

/// What `stats` writes: sorted deterministic JSON, decodable charts, the card section.
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
        let rendered = try stats.charts()
        #expect(rendered.map(\.file) == charts)
        for chart in rendered {
            let bytes = try AtomicFile.read(copy.path + "/stats/" + chart.file)
            #expect(bytes == chart.png)
            let image = try PNGDecoder.decode(bytes)
            #expect(image.width >= 300 && image.height >= 120, "\(chart.file)")
            let nonWhite = stride(from: 0, to: image.rgb.count, by: 3).filter {
                image.rgb[$0] != 255 || image.rgb[$0 + 1] != 255 || image.rgb[$0 + 2] != 255
            }.count
            #expect(nonWhite > 500, "\(chart.file) is nearly blank")
        }
        // Colors chart: bars painted in each palette color.
        let colors = try PNGDecoder.decode(try AtomicFile.read(copy.path + "/stats/colors.png"))
        for (name, rgb) in stats.colorRGB {
            let n = stride(from: 0, to: colors.rgb.count, by: 3).filter {
                colors.rgb[$0] == rgb.r && colors.rgb[$0 + 1] == rgb.g && colors.rgb[$0 + 2] == rgb.b
            }.count
            #expect(n > 20, "no bar in \(name)'s color")
        }
        // Positions heat map: the size the renderer makes.
        let heat = try PNGDecoder.decode(try AtomicFile.read(copy.path + "/stats/positions.png"))
        let size = stats.typicalImageSize
        let expected = HeatMap(title: "", counts: stats.positions, imageWidth: size.width, imageHeight: size.height)
            .render()
        #expect(heat.height == expected.height)
        // The card: front matter and the original body kept, the section appended with links.
        let updated = String(decoding: try AtomicFile.read(copy.path + "/README.md"), as: UTF8.self)
        #expect(updated.hasPrefix(card))
        #expect(updated.contains(DatasetStatistics.cardHeading))
        #expect(updated.contains("](stats/shapes.png)"))
        let section = String(decoding: try AtomicFile.read(copy.path + "/stats/README-stats.md"), as: UTF8.self)
        #expect(section.contains("](shapes.png)"))
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
        #expect(AtomicFile.exists(copy.path + "/stats/positions.png"))
        let missing = try runScenewright(["stats", copy.path + "/nothing-here"])
        #expect(missing.status != 0)
        #expect(missing.stderr.contains("holds no Scenewright samples"))
    }
}
