import Describer
import Foundation
import PNGCodec
import Pipeline
import Rasterizer
import SampleRecords
import SceneModel
import SceneSampler
import ScenewrightTestSupport
import Testing

@testable import Charts
@testable import Verifier

/// Chart samples of every kind, end to end: drawn clear, stated by the record, read back and
/// checked against the pixels; a changed value or box is caught.
struct ChartSampleTests {
    static func factory(kind: Chart.Kind, language: String = "en") throws -> SampleFactory {
        let plan = try TestResources.plan(
            yaml: """
                name: chart-test
                canvas: {width: 384, height: 288}
                backgrounds: [white]
                chart:
                  kinds: [\(kind.rawValue)]
                  languages: [\(language)]
                  series: [1, 3]
                  data_labels: 0.5
                retries: {scene: 40}
                text: {languages: [en, zh], questions: 8, refs: 3, negatives: 0}
                """)
        return SampleFactory(
            plan: plan, seed: 11, lexicons: [try TestResources.lexicon("en"), try TestResources.lexicon("zh")],
            text: try TextOptions(settings: plan.text, file: plan.source), png: PNGOptions())
    }

    static func checker(_ f: SampleFactory) throws -> SampleChecker {
        SampleChecker(
            describer: f.describer, relations: f.plan.relations,
            lexicons: ["en": try TestResources.lexicon("en"), "zh": try TestResources.lexicon("zh")])
    }

    static func defects(_ record: SampleRecord, _ f: SampleFactory) throws -> [Defect] {
        let (scene, problem) = SampleChecker.chartScene(record, key: record.key)
        if let problem { return [problem] }
        let rendered = Rasterizer.render(scene, coverageLevels: record.coverageLevels)
        let facts = SceneFacts(scene: scene, measurements: [], relations: f.plan.relations)
        return SampleChecker.chartDefects(record, rendered, facts, key: record.key)
    }

    @Test(arguments: Chart.Kind.allCases)
    func everyKindDrawsChecksAndRedraws(kind: Chart.Kind) throws {
        let f = try Self.factory(kind: kind, language: kind == .pie ? "zh" : "en")
        for index: UInt64 in 0..<4 {
            let sample = try f.make(index: index)
            let chart = try #require(sample.rendered.scene.chart, "\(kind) index \(index)")
            #expect(chart.kind == kind)
            #expect(Sampler.chartIsClear(sample.rendered))
            // Every data point has exactly one data mark, owning pixels.
            let data = sample.rendered.scene.marks.filter(\.isDataPoint)
            #expect(data.count == chart.points.count, "\(kind) index \(index)")
            // The record reads back to the same chart and checks clean against its pixels.
            let back = try SampleRecord(json: try JSONValue.parse(sample.record.jsonBytes))
            #expect(back.chart?.chart == chart)
            let found = try Self.defects(back, f)
            #expect(found.isEmpty, "\(kind) index \(index): \(found)")
            // Every question's program gives the recorded answer.
            let facts = SceneFacts(scene: sample.rendered.scene, measurements: [], relations: f.plan.relations)
            for q in sample.record.description.qa {
                let v = try #require(ProgramExecutor.run(q.program, on: facts), "\(q.question)")
                let lexicon = try TestResources.lexicon(q.language)
                #expect(Describer.answerWords(v, lexicon) == q.answer, "\(q.question)")
            }
        }
    }

    @Test func aChangedValueIsCaught() throws {
        let f = try Self.factory(kind: .verticalBar)
        let sample = try f.make(index: 1)
        var record = try SampleRecord(json: try JSONValue.parse(sample.record.jsonBytes))
        var chart = try #require(record.chart)
        let top = chart.chart.scale.max
        chart.chart.series[0].values[0] = chart.chart.series[0].values[0] < top / 2 ? top : 0
        record.chart = chart
        let found = try Self.defects(record, f)
        #expect(found.contains { $0.check == "chart" }, "\(found)")
    }

    /// A reference to the chart's title, an axis label or a tick label is held to the chart laid
    /// out again: another box, or another item's id, is a `refs` defect.
    @Test(arguments: [Chart.Kind.verticalBar, .scatter])
    func aChartTextReferenceWithAnotherBoxOrItemIsCaught(kind: Chart.Kind) throws {
        let f = try Self.factory(kind: kind)
        let sample = try f.make(index: 0)
        let record = try SampleRecord(json: try JSONValue.parse(sample.record.jsonBytes))
        let i = try #require(
            record.description.refs.firstIndex { $0.program.nodes.contains { $0.function == .filterTextRole } })
        #expect(record.description.refs[i].program.referenceKind == "chart_text")
        #expect(try Self.defects(record, f).isEmpty)
        var moved = record
        moved.description.refs[i].bbox.x += 1
        #expect(try Self.defects(moved, f).contains { $0.check == "refs" })
        var other = record
        let ids = sample.rendered.scene.texts.compactMap { $0.words.first?.id }
        other.description.refs[i].objectID = try #require(ids.first { $0 != record.description.refs[i].objectID })
        #expect(try Self.defects(other, f).contains { $0.check == "refs" })
    }

    /// The record's text items are the chart's: one that says another string, or has another
    /// role, is a `chart` defect.
    @Test func aChangedTextItemIsCaught() throws {
        let f = try Self.factory(kind: .line)
        let record = try SampleRecord(json: try JSONValue.parse(try f.make(index: 2).record.jsonBytes))
        #expect(record.texts?.isEmpty == false)
        #expect(try Self.defects(record, f).isEmpty)
        var said = record
        said.texts?[0].item.text += "s"
        #expect(try Self.defects(said, f).contains { $0.check == "chart" })
        var role = record
        role.texts?[1].item.role = "title"
        #expect(try Self.defects(role, f).contains { $0.check == "chart" })
    }

    @Test func csvStatesTheTable() throws {
        let f = try Self.factory(kind: .verticalBar)
        let record = try f.make(index: 2).record
        let chart = try #require(record.chart)
        let lines = chart.csv.split(separator: "\r\n")
        #expect(lines.count == chart.chart.categories.count + 1)
        #expect(lines[0] == Substring((["category"] + chart.chart.series.map(\.name)).joined(separator: ",")))
    }

    @Test func aFontWithoutTheGlyphsIsAPlanError() throws {
        #expect {
            try TestResources.plan(
                yaml: """
                    name: chart-test
                    chart: {languages: [zh], fonts: {zh: DejaVu Sans}}
                    """)
        } throws: { error in
            "\(error)".contains("has no glyph for") && "\(error)".contains("DejaVu Sans")
        }
    }

    @Test func labelsThatCannotFitAreReportedAfterTheRetries() throws {
        let plan = try TestResources.plan(
            yaml: """
                name: chart-test
                canvas: {width: 96, height: 64}
                chart: {categories: [6, 6]}
                retries: {scene: 5}
                """)
        #expect(throws: SamplingError.self) { try Sampler(plan: plan, seed: 1).sample(index: 0) }
    }
}
