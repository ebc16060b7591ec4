import DatasetWriters
import Describer
import Foundation
import SampleRecords
import ScenewrightTestSupport
import Testing

@testable import Pipeline

/// Runs through the sharded sink: byte-identical output whatever the workers and shard split,
/// completion markers that catch damage, and refusal of another run's folder.
@Suite struct ShardedRunTests {
    static let allFormats = OutputFormats.names

    /// Every file under `root` (relative path → bytes), the sink's own state included.
    static func tree(_ root: String) throws -> [String: Data] {
        var out: [String: Data] = [:]
        let base = URL(fileURLWithPath: root).standardizedFileURL.path
        guard let e = FileManager.default.enumerator(atPath: base) else { return out }
        while let path = e.nextObject() as? String {
            var isDirectory: ObjCBool = false
            FileManager.default.fileExists(atPath: base + "/" + path, isDirectory: &isDirectory)
            if !isDirectory.boolValue { out[path] = FileManager.default.contents(atPath: base + "/" + path) }
        }
        return out
    }

    struct Run {
        var setup: RunSetup
        var outputs: OutputFormats
        var factory: SampleFactory
    }

    static func run(
        count: Int, shardSize: Int, formats: [String] = allFormats, masks: Bool = true, seed: UInt64 = 5
    ) throws -> Run {
        let factory = try TestResources.factory(seed: seed)
        let setup = RunSetup(
            version: "test", factory: factory, planBytes: Array("plan".utf8), languages: ["en", "zh"],
            text: factory.describer.options, indices: 0..<UInt64(count), shardSize: shardSize, prefix: "t",
            formats: formats, masks: masks, grounding: GroundingStyle.allCases)
        return Run(setup: setup, outputs: try setup.formats(), factory: factory)
    }

    static func write(_ r: Run, to dir: String, workers: Int, shards: [ShardInfo]? = nil, resume: Bool = false)
        throws -> DatasetSink
    {
        let sink = try DatasetSink(
            directory: dir, run: r.setup.info, formats: r.outputs.formats, manifest: r.setup.manifest.bytes,
            resume: resume, durable: false)
        _ = try Generation.run(
            factory: r.factory, shards: shards ?? r.setup.info.shards, sink: sink, workers: workers,
            needs: r.outputs.needs)
        return sink
    }

    @Test func outputIsIdenticalWhateverTheWorkerCount() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let r = try Self.run(count: 14, shardSize: 4)
        var trees: [[String: Data]] = []
        for workers in [1, 2, 8] {
            let out = dir.path + "/w\(workers)"
            try Self.write(r, to: out, workers: workers).finalize(metadata: r.setup.completion)
            trees.append(try Self.tree(out))
        }
        #expect(trees[0].count > 14 * 3)
        #expect(trees[0] == trees[1])
        #expect(trees[0] == trees[2])
        // The same run twice: byte-identical shards.
        let again = dir.path + "/again"
        try Self.write(r, to: again, workers: 2).finalize(metadata: r.setup.completion)
        #expect(try Self.tree(again) == trees[0])
    }

    @Test func mergedFilesDoNotDependOnTheShardSplit() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let one = try Self.run(count: 12, shardSize: 12)
        let four = try Self.run(count: 12, shardSize: 3)
        try Self.write(one, to: dir.path + "/one", workers: 2).finalize(metadata: .null)
        try Self.write(four, to: dir.path + "/four", workers: 2).finalize(metadata: .null)
        let a = try Self.tree(dir.path + "/one")
        let b = try Self.tree(dir.path + "/four")
        // Whole-run files and per-sample files are the same; only the shard files, the shard
        // index files and the sink's own state differ.
        let perShard = ["train/", ".scenewright/", "meta/", "run.json", "README.md"]
        let common = a.keys.filter { k in !perShard.contains { k.hasPrefix($0) } }.sorted()
        #expect(common.count > 12 * 2)
        #expect(Set(common) == Set(b.keys.filter { k in !perShard.contains { k.hasPrefix($0) } }))
        for path in common { #expect(a[path] == b[path], "\(path)") }
    }

    @Test func shardsWrittenSeparatelyMergeToTheSingleRun() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let r = try Self.run(count: 10, shardSize: 3)
        try Self.write(r, to: dir.path + "/whole", workers: 1).finalize(metadata: r.setup.completion)
        // Two "tasks" write disjoint shards into one folder, then one finalizes.
        let shards = r.setup.info.shards
        let split = dir.path + "/split"
        _ = try Self.write(r, to: split, workers: 1, shards: [shards[1], shards[3]])
        let sink = try Self.write(r, to: split, workers: 1, shards: [shards[0], shards[2]], resume: true)
        try sink.finalize(metadata: r.setup.completion)
        #expect(try Self.tree(split) == (try Self.tree(dir.path + "/whole")))
    }

    @Test func markersCatchDamageAndFinalizeWaitsForEveryShard() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let r = try Self.run(count: 6, shardSize: 3, formats: ["webdataset", "folder"])
        let out = dir.path + "/out"
        let sink = try Self.write(r, to: out, workers: 1, shards: [r.setup.info.shards[0]])
        #expect(sink.isComplete(r.setup.info.shards[0]))
        #expect(!sink.isComplete(r.setup.info.shards[1]))
        #expect(throws: WriteError.self) { try sink.finalize(metadata: .null) }
        // Same size, one byte changed: the checksum tells.
        let tar = out + "/train/t-000000.tar"
        var bytes = try #require(FileManager.default.contents(atPath: tar))
        bytes[700] ^= 0xFF
        try bytes.write(to: URL(fileURLWithPath: tar))
        #expect(!sink.isComplete(r.setup.info.shards[0]))
        // A missing image too.
        let resumed = try Self.write(r, to: out, workers: 1, shards: r.setup.info.shards, resume: true)
        #expect(resumed.isComplete(r.setup.info.shards[0]))
        try FileManager.default.removeItem(atPath: out + "/images/000000004.png")
        #expect(!resumed.isComplete(r.setup.info.shards[1]))
    }

    @Test func finalizeRefusesDamagedPiecesAndResumeClearsTemporaries() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let r = try Self.run(count: 4, shardSize: 2, formats: ["folder", "coco"])
        let out = dir.path + "/out"
        let sink = try Self.write(r, to: out, workers: 1)
        let piece = out + "/.scenewright/shards/000001/folder-samples"
        var bytes = try #require(FileManager.default.contents(atPath: piece))
        bytes[10] ^= 0x01
        try bytes.write(to: URL(fileURLWithPath: piece))
        #expect(throws: WriteError.self) { try sink.finalize(metadata: .null) }
        #expect(!FileManager.default.fileExists(atPath: out + "/samples.jsonl"))
        // Markers list pieces too: the damaged shard is the one --resume makes again.
        let resumed = try DatasetSink(
            directory: out, run: r.setup.info, formats: r.outputs.formats, manifest: r.setup.manifest.bytes,
            resume: true, durable: false)
        #expect(r.setup.info.shards.filter { !resumed.isComplete($0) }.map(\.number) == [1])
    }

    @Test func anotherRunsFolderIsRefused() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let out = dir.path + "/out"
        let a = try Self.run(count: 4, shardSize: 2, formats: ["folder"], seed: 1)
        let b = try Self.run(count: 4, shardSize: 2, formats: ["folder"], seed: 2)
        try Self.write(a, to: out, workers: 1).finalize(metadata: .null)
        #expect(throws: WriteError.self) {
            _ = try DatasetSink(
                directory: out, run: b.setup.info, formats: b.outputs.formats, manifest: b.setup.manifest.bytes,
                resume: true)
        }
        #expect(throws: WriteError.self) {
            _ = try DatasetSink(
                directory: out, run: a.setup.info, formats: a.outputs.formats, manifest: a.setup.manifest.bytes)
        }
        // Overwrite removes the dataset's own files only.
        try Data("keep".utf8).write(to: URL(fileURLWithPath: out + "/notes.txt"))
        _ = try DatasetSink(
            directory: out, run: b.setup.info, formats: b.outputs.formats, manifest: b.setup.manifest.bytes,
            overwrite: true)
        #expect(FileManager.default.fileExists(atPath: out + "/notes.txt"))
        #expect(!FileManager.default.fileExists(atPath: out + "/samples.jsonl"))
    }

    /// Rewrites the manifest in `out` as another build would have written it: `version` nil
    /// for a build from before format versions.
    static func restamp(_ out: String, version: Int?) throws {
        let path = out + "/.scenewright/manifest.json"
        guard case .object(var fields) = try JSONValue.parse(try AtomicFile.read(path)) else { return }
        fields[FormatVersion.field] = version.map { .int($0) }
        try AtomicFile.write(JSONValue.object(fields).bytes, to: path)
    }

    @Test(arguments: [nil, 0, FormatVersion.current + 1] as [Int?])
    func resumeAndFinalizeRefuseAnotherFormatVersion(version: Int?) throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let r = try Self.run(count: 4, shardSize: 2, formats: ["folder"])
        let out = dir.path + "/out"
        _ = try Self.write(r, to: out, workers: 1, shards: [r.setup.info.shards[0]])
        try Self.restamp(out, version: version)
        let found = version.map { "output format version \($0)" } ?? "no output format version"
        let expected = "this scenewright writes version \(FormatVersion.current)"
        // --resume with this build's manifest.
        let resume = #expect(throws: WriteError.self) {
            _ = try DatasetSink(
                directory: out, run: r.setup.info, formats: r.outputs.formats, manifest: r.setup.manifest.bytes,
                resume: true, durable: false)
        }
        #expect(resume?.path == out)
        #expect(resume?.message.contains(found) == true, "\(resume?.message ?? "")")
        #expect(resume?.message.contains(expected) == true)
        #expect(resume?.message.contains("--overwrite") == true)
        // finalize, which takes the folder's own manifest.
        let manifest = try AtomicFile.read(out + "/.scenewright/manifest.json")
        let setup = try RunSetup(manifest: try JSONValue.parse(manifest), path: "manifest.json")
        let finalize = #expect(throws: WriteError.self) {
            _ = try DatasetSink(
                directory: out, run: setup.info, formats: r.outputs.formats, manifest: manifest, resume: true)
        }
        #expect(finalize?.message.contains(found) == true, "\(finalize?.message ?? "")")
        #expect(!FileManager.default.fileExists(atPath: out + "/samples.jsonl"))
    }

    /// A marker of another version does not count as finished, and finalize refuses it.
    @Test func markersOfAnotherFormatVersionAreNotComplete() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let r = try Self.run(count: 4, shardSize: 2, formats: ["folder"])
        let out = dir.path + "/out"
        let sink = try Self.write(r, to: out, workers: 1)
        let shard = r.setup.info.shards[1]
        #expect(sink.isComplete(shard))
        let path = out + "/.scenewright/shards/\(shard.name).json"
        let marker = try JSONValue.parse(try AtomicFile.read(path))
        #expect(marker[FormatVersion.field]?.intValue == FormatVersion.current)
        guard case .object(var fields) = marker else { return }
        fields[FormatVersion.field] = .int(FormatVersion.current + 1)
        try AtomicFile.write(JSONValue.object(fields).bytes, to: path)
        #expect(!sink.isComplete(shard))
        let error = #expect(throws: WriteError.self) { try sink.finalize(metadata: r.setup.completion) }
        #expect(error?.message.contains("output format version \(FormatVersion.current + 1)") == true)
    }

    @Test func manifestRoundTripsForFinalize() throws {
        let r = try Self.run(count: 7, shardSize: 3)
        let parsed = try RunSetup(manifest: try JSONValue.parse(r.setup.manifest.bytes), path: "manifest.json")
        #expect(parsed.manifest.bytes == r.setup.manifest.bytes)
        #expect(parsed.info.shards == r.setup.info.shards)
        #expect(parsed.formatNames == r.setup.formatNames)
        #expect(parsed.png == r.setup.png)
        #expect(parsed.manifest[FormatVersion.field]?.intValue == FormatVersion.current)
        #expect(r.setup.completion[FormatVersion.field]?.intValue == FormatVersion.current)
    }
}
