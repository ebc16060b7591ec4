import DatasetWriters
import Describer
import Foundation
import PNGCodec
import Rasterizer
import SampleRecords
import SceneModel
import ScenewrightTestSupport
import Testing
import Typesetting

@testable import Scoring

@Suite struct ScoreTests {
    @Test func theAnswerKeyScoresFullMarksEverywhere() throws {
        let key = try ScoringFixture.key()
        #expect(key.problems.isEmpty)
        for task in ScoringItem.Task.allCases { #expect(key.items.contains { $0.task == task }, "\(task)") }
        // A group's captions are those of its twin's record, caption 0 true of the anchor.
        for item in key.items.prefix(2000) {
            guard case .group(let g) = item.truth else { continue }
            #expect(item.key.hasPrefix(g.anchorKey + "-t") && g.captions[0] != g.captions[1], "\(item.id)")
        }
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let report = try ScoringFixture.score(key, lines: ScoringFixture.perfectPredictions(key), in: dir)
        #expect(report.problems.isEmpty)
        #expect(report.missing == 0 && report.unparsable == 0)
        for t in report.tasks {
            #expect(t.overall.total > 0)
            #expect(t.overall.correct == t.overall.total, "\(t.task)")
            for d in t.dimensions {
                for g in d.groups { #expect(g.tally.accuracy == 1, "\(t.task) \(d.name) \(g.value)") }
            }
            if t.task == .ref { #expect(t.overall.meanIoU == 1) }
        }
        #expect(
            report.task(.vqa)?.dimensions.map(\.name)
                == ["family", "difficulty", "hops", "answer_type", "lang", "value", "relation"])
        // Every question naming red counts under color=red, once however often it names it.
        let red = key.items.filter { if case .vqa(let q) = $0.truth { q.values.contains("color=red") } else { false } }
        #expect(report.task(.vqa)?.tally("value", "color=red")?.total == red.count && !red.isEmpty)
        #expect(report.task(.ref)?.dimensions.map(\.name) == ["kind", "lang", "value", "relation"])
        #expect(report.task(.vqa)?.tally("lang", "zh")?.total ?? 0 > 0)
        #expect(report.tasks.map(\.name) == ["vqa", "ref", "negative", "group_text", "group_image", "group"])
        #expect(report.score("group")?.dimensions.first?.groups.count ?? 0 >= 4, "edit kinds")
    }

    /// Grounding text in every style reads back to a box overlapping the truth at IoU >= 0.5,
    /// except Kosmos-2's 32 x 32 grid, which loses small boxes (its decoding uses cell centres).
    @Test(arguments: GroundingStyle.allCases)
    func groundingTokensScoreAsTheirBoxes(style: GroundingStyle) throws {
        let key = try ScoringFixture.key()
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let report = try ScoringFixture.score(key, lines: ScoringFixture.perfectPredictions(key, style: style), in: dir)
        #expect(report.problems.isEmpty)
        let ref = try #require(report.task(.ref))
        if style == .kosmos2 {
            #expect(ref.overall.meanIoU > 0.3)
        } else {
            #expect(ref.overall.accuracy == 1, "\(style)")
            #expect(ref.overall.meanIoU > 0.9, "\(style)")
        }
    }

    @Test func missingPredictionsCountAsWrongAndAreCounted() throws {
        let key = try ScoringFixture.key()
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let lines = ScoringFixture.perfectPredictions(key).split(separator: 0x0A)
        // Every third line dropped.
        var kept: [UInt8] = []
        for (i, line) in lines.enumerated() where i % 3 != 0 { kept += Array(line) + [0x0A] }
        let report = try ScoringFixture.score(key, lines: kept, in: dir)
        let dropped = (lines.count + 2) / 3
        #expect(report.missing == dropped)
        #expect(report.perItem.reduce(0) { $0 + $1.overall.total - $1.overall.correct } == dropped)
        #expect(report.problems.isEmpty)
    }

    @Test func reportFilesAreWrittenAndRead() throws {
        let key = try ScoringFixture.key()
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let report = try Scorer.score(key: key, baseline: .random, out: dir.path + "/r")
        let files = try Scorer.write(report, to: dir.path + "/r")
        #expect(files.count == 3)
        let json = try JSONValue.parse(try AtomicFile.read(dir.path + "/r/score.json"))
        #expect(json["score_version"]?.intValue == 2)
        #expect(json["tasks"]?["vqa"]?["by"]?["family"] != nil)
        #expect(json["predictions"]?["name"]?.stringValue == "baseline random")
        let md = String(decoding: try AtomicFile.read(dir.path + "/r/score.md"), as: UTF8.self)
        #expect(md.contains("| family: count |"))
        let png = try PNGDecoder.decode(try AtomicFile.read(dir.path + "/r/score.png"))
        #expect(png.width == ScoreChart.width && png.height > 100)
        // The same inputs give the same bytes.
        try Scorer.write(report, to: dir.path + "/s")
        #expect(try AtomicFile.read(dir.path + "/r/score.png") == AtomicFile.read(dir.path + "/s/score.png"))
        #expect(try AtomicFile.read(dir.path + "/r/score.json") == AtomicFile.read(dir.path + "/s/score.json"))
    }

    /// A Chinese group name in `score.png` is the CJK font's glyphs: pixels the label's outline,
    /// typeset directly in WenQuanYi Micro Hei, covers at least half are ink; pixels it does not
    /// touch stay white.
    @Test(
        .enabled(
            if: (try? Typesetter.shared.font(FontName(family: "WenQuanYi Micro Hei"))) != nil,
            "needs fonts-wqy-microhei"))
    func chineseLabelsAreDrawnInTheCJKFont() throws {
        let key = try ScoringFixture.key()
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        var chart = ScoreChart(try Scorer.score(key: key, baseline: .random, out: dir.path + "/r"))
        chart.rows = [ScoreChart.Row(label: "红色", value: 0.5, color: (70, 130, 180))]
        let png = try PNGDecoder.decode(try chart.png())
        let x0 = ScoreChart.margin + 2 * ScoreChart.advance
        let direct = try Typesetter.shared.layout(
            "红色", font: FontName(family: "WenQuanYi Micro Hei"), size: ScoreChart.fontSize, language: "zh")
        let outline = direct.wordContours(
            at: Point(x: Double(x0), y: Double(ScoreChart.margin + 16)), anchor: TextAnchor(.baseline, .left),
            rotation: 0)
        let mask = CoverageMask(contours: outline.flatMap { $0 }, canvasWidth: png.width, canvasHeight: png.height)
        var ink = 0
        for y in 0..<(ScoreChart.margin + ScoreChart.rowHeight) {
            for x in 0..<(ScoreChart.margin + ScoreChart.labelWidth) {
                let v = png.rgb[(y * png.width + x) * 3]
                let c = mask.coverage(x: x, y: y)
                if c >= 0.5 {
                    #expect(v < 160, "(\(x), \(y)) coverage \(c) but value \(v)")
                    ink += 1
                } else if c == 0 {
                    #expect(v == 255, "(\(x), \(y)) outside the label's outline but value \(v)")
                }
            }
        }
        #expect(ink > 40)
    }
}
