import Foundation
import SampleRecords
import ScenewrightTestSupport
import Testing

@testable import DatasetWriters
@testable import Describer
@testable import PNGCodec
@testable import Pipeline
@testable import SceneSampler

/// Curriculum levels make scenes and questions measurably harder, step by step: measured on the
/// generated records (not read from the settings), over 300 samples of each level, both as a
/// bare `level: N` plan and as the shipped curriculum-N plan.
@Suite struct CurriculumLevelTests {
    /// What a run of samples measures, from its records.
    struct Measured: CustomStringConvertible {
        var objects = 0.0
        /// Objects with at least 1% of themselves hidden, and the mean visible fraction.
        var partlyHidden = 0.0
        var visible = 0.0
        /// Mean program length (steps) and relation hops of the questions.
        var steps = 0.0
        var hops = 0.0

        var description: String {
            String(
                format: "objects %.2f, partly hidden %.3f, visible %.3f, steps %.2f, hops %.3f", objects, partlyHidden,
                visible, steps, hops)
        }
    }

    static let samples: UInt64 = 300

    static func measure(_ factory: SampleFactory) throws -> Measured {
        var (objects, hidden, visible, questions, steps, hops) = (0, 0, 0.0, 0, 0, 0)
        for index in 0..<samples {
            let record = try JSONValue.parse(try factory.make(index: index).record.jsonBytes)
            for o in record["objects"]?.arrayValue ?? [] {
                let v = try #require(o["visible_fraction"]?.doubleValue)
                objects += 1
                visible += v
                if v < 0.99 { hidden += 1 }
            }
            for q in record["qa"]?.arrayValue ?? [] {
                questions += 1
                steps += try #require(q["difficulty"]?["steps"]?.intValue)
                hops += try #require(q["difficulty"]?["hops"]?.intValue)
            }
        }
        return Measured(
            objects: Double(objects) / Double(samples), partlyHidden: Double(hidden) / Double(objects),
            visible: visible / Double(objects), steps: Double(steps) / Double(questions),
            hops: Double(hops) / Double(questions))
    }

    static func factory(level: Int) throws -> SampleFactory {
        let plan = try TestResources.plan(yaml: "name: level-\(level)\nlevel: \(level)\n", file: "level-\(level).yaml")
        return SampleFactory(
            plan: plan, seed: 11, lexicons: try plan.text.languages.map { try TestResources.lexicon($0) },
            text: try TextOptions(settings: plan.text, file: plan.source, layout: plan.layout), png: PNGOptions())
    }

    /// Levels 1 < 2 < 3 strictly in mean object count, mean program length and hops, and
    /// occlusion (more objects partly hidden, a smaller mean visible fraction). Level 1 hides
    /// nothing and asks no relation hops.
    @Test(arguments: ["level", "curriculum"])
    func levelsStepFromEasyToHard(_ kind: String) throws {
        let m = try ScenePlan.levels.map { n in
            try Self.measure(kind == "level" ? Self.factory(level: n) : TestResources.factory(plan: "curriculum-\(n)"))
        }
        let report = m.enumerated().map { "\(kind) \($0.offset + 1): \($0.element)" }.joined(separator: "\n")
        for (easier, harder) in zip(m, m.dropFirst()) {
            #expect(easier.objects < harder.objects, "\(report)")
            #expect(easier.steps < harder.steps, "\(report)")
            #expect(easier.hops < harder.hops, "\(report)")
            #expect(easier.partlyHidden < harder.partlyHidden, "\(report)")
            #expect(easier.visible > harder.visible, "\(report)")
        }
        #expect(m[0].partlyHidden == 0 && m[0].hops == 0, "\(report)")
        // Clear steps, not noise: a tenth of level 2's objects and most of level 3's are
        // partly hidden, and level 3 asks more than a hop per question.
        #expect(m[1].partlyHidden > 0.05 && m[2].partlyHidden > 0.4 && m[2].hops > 1, "\(report)")
        print(report)
    }
}
