import Describer
import DatasetWriters
import Foundation
import Pipeline
import SampleRecords
import ScenewrightTestSupport

@testable import Scoring

/// One generated dataset (folder layout and the held-out test set, English and Chinese, two
/// counterfactual twins per sample), made once and shared; the tests only read it.
enum ScoringFixture {
    static let count = 120

    static let dataset: Result<String, any Error> = Result {
        let dir = try TemporaryDirectory("scenewright-score")
        var factory = try TestResources.factory(seed: 21, languages: ["en", "zh"])
        factory.twins = 2
        let setup = RunSetup(
            version: "test", factory: factory, planBytes: Array("plan".utf8), languages: ["en", "zh"],
            text: factory.describer.options, indices: 0..<UInt64(count), shardSize: 50, prefix: "t",
            formats: ["folder", "heldout"], masks: false, grounding: [])
        let outputs = try setup.formats()
        let sink = try DatasetSink(
            directory: dir.path, run: setup.info, formats: outputs.formats, manifest: setup.manifest.bytes,
            durable: false)
        _ = try Generation.run(
            factory: factory, shards: setup.info.shards, sink: sink, workers: 2, needs: outputs.needs)
        try sink.finalize(metadata: setup.completion)
        return dir.path
    }

    static func folder() throws -> String { try dataset.get() }

    static func key() throws -> AnswerKey { try AnswerKey(dataset: try folder()) }

    /// The answer key itself as prediction lines: each answer, box and true choice; references
    /// as plain boxes, or as grounding text of `style`.
    static func perfectPredictions(_ key: AnswerKey, style: GroundingStyle? = nil) -> [UInt8] {
        var out: [UInt8] = []
        for item in key.items {
            var o: JSONObject = ["id": .string(item.id)]
            switch item.truth {
            case .vqa(let q): o["answer"] = .string(q.answer)
            case .ref(let r):
                if let style {
                    o["text"] = .string(
                        GroundingStyle.text(style: style, phrase: r.text, box: r.bbox, width: r.width, height: r.height)
                    )
                } else {
                    o["bbox"] = .array([.int(r.bbox.x), .int(r.bbox.y), .int(r.bbox.width), .int(r.bbox.height)])
                }
            case .negative(let p): o["choice"] = .int(p.trueIndex(id: item.id))
            case .group: o["scores"] = .array([.array([.double(1), .double(0)]), .array([.double(0.5), .double(2)])])
            }
            JSONValue.object(o).write(into: &out)
            out.append(0x0A)
        }
        return out
    }

    static func score(_ key: AnswerKey, lines: [UInt8], in dir: TemporaryDirectory) throws -> ScoreReport {
        let path = dir.path + "/predictions.jsonl"
        try AtomicFile.write(lines, to: path)
        return try Scorer.score(key: key, predictionsPath: path, name: "test")
    }
}
