import DatasetWriters
import Foundation
import Pipeline
import SampleRecords
import ScenewrightTestSupport

/// One small generated dataset (WebDataset shards and the folder layout, English and Chinese),
/// made once in-process and shared by the suites, which only read it or copy it.
enum StatisticsFixture {
    static let count = 30

    /// The dataset's folder, or the error that stopped its generation.
    static let dataset: Result<String, any Error> = Result {
        let dir = try TemporaryDirectory("scenewright-stats")
        let factory = try TestResources.factory(seed: 11, languages: ["en", "zh"])
        let setup = RunSetup(
            version: "test", factory: factory, planBytes: Array("plan".utf8), languages: ["en", "zh"],
            text: factory.describer.options, indices: 0..<UInt64(count), shardSize: 8, prefix: "t",
            formats: ["webdataset", "folder"], masks: false, grounding: [])
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

    /// A private copy of the dataset, for tests that write into it.
    static func copy() throws -> TemporaryDirectory {
        let dir = try TemporaryDirectory("scenewright-stats-copy")
        try FileManager.default.removeItem(at: dir.url)
        try FileManager.default.copyItem(atPath: try folder(), toPath: dir.path)
        return dir
    }

    /// Every record of `samples.jsonl` as raw JSON: the tests count from these independently
    /// of `SampleRecord` and of the statistics code.
    static func records() throws -> [JSONValue] {
        let bytes = try AtomicFile.read(try folder() + "/samples.jsonl")
        return try bytes.split(separator: 0x0A).map { try JSONValue.parse(Array($0)) }
    }
}

extension JSONValue {
    var objectFields: [(key: String, value: JSONValue)] {
        if case .object(let o) = self { return o.fields }
        return []
    }
}
