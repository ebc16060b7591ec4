import Describer
import Pipeline
import SampleRecords
import SceneModel
import ScenewrightTestSupport
import Testing

@testable import DatasetWriters

/// Real samples in two shards, and the merge finalize performs, for the format tests.
enum FormatFixture {
    /// Five samples of the shipped plan (English and Chinese), split into shards of three and two;
    /// with `conversations`, the plan's text options plus those conversations.
    static func make(seed: UInt64 = 11, conversations: ConversationOptions? = nil) throws -> (
        run: RunInfo, shards: [(ShardInfo, [SampleOutput])], factory: SampleFactory
    ) {
        var text: TextOptions?
        if let conversations {
            let plan = try TestResources.plan()
            text = try TextOptions(settings: plan.text, file: plan.source, layout: plan.layout)
            text?.conversations = conversations
        }
        let factory = try TestResources.factory(seed: seed, text: text)
        let samples = try (UInt64(0)..<5).map { i in
            try factory.output(index: i, needs: [.idPlane, .description, .relationships])
        }
        let run = RunInfo(
            plan: "shapes", seed: seed, firstIndex: 0, count: 5, samplesPerShard: 3, shardPrefix: "shard",
            languages: factory.describer.lexicons.map(\.code), version: "test")
        let shards = run.shards.map { s in
            (s, Array(samples[Int(s.firstIndex)..<Int(s.firstIndex) + s.count]))
        }
        return (run, shards, factory)
    }

    /// Assembles every merged file of `format` as finalize does: literals as they are, each
    /// shard's piece in shard order with the separator between non-empty pieces.
    static func merge(_ format: some DatasetFormat, run: RunInfo, shards: [(ShardInfo, [SampleOutput])]) throws
        -> [String: [UInt8]]
    {
        var pieces: [[(name: String, bytes: [UInt8])]] = []
        for (info, samples) in shards { pieces.append(try format.pieces(info, samples, run: run)) }
        var out: [String: [UInt8]] = [:]
        for file in format.mergedFiles(run) {
            var bytes: [UInt8] = []
            var counter = 0
            for part in file.parts {
                switch part {
                case .literal(let b): bytes += b
                case .pieces(let name, let separator):
                    let chosen = pieces.compactMap { shard in shard.first { $0.name == name }?.bytes }
                    bytes += Array(chosen.filter { !$0.isEmpty }.joined(separator: separator))
                case .numberedPieces(let name, let separator):
                    let chosen = pieces.compactMap { shard in shard.first { $0.name == name }?.bytes }
                    let numbered = chosen.filter { !$0.isEmpty }.map { MergedFile.numbering($0, from: &counter) }
                    bytes += Array(numbered.joined(separator: separator))
                case .computed(let name, let make):
                    bytes += make(pieces.compactMap { shard in shard.first { $0.name == name }?.bytes })
                }
            }
            out[file.path] = bytes
        }
        return out
    }

    /// Parses a JSON document and checks it is in canonical form: re-serializing the parsed value
    /// (keys sorted, no whitespace) gives back exactly the bytes, so every object's keys were
    /// written in sorted order.
    static func canonical(_ bytes: [UInt8], _ what: String) throws -> JSONValue {
        var body = bytes
        if body.last == 0x0A { body.removeLast() }
        let value = try JSONValue.parse(body)
        #expect(value.bytes == body, "\(what) is not in sorted canonical form")
        return value
    }

    /// The lines of a JSON Lines file, each parsed and checked canonical.
    static func lines(_ bytes: [UInt8], _ what: String) throws -> [JSONValue] {
        #expect(bytes.isEmpty || bytes.last == 0x0A, "\(what) must end with a newline")
        return try bytes.split(separator: 0x0A).map { try canonical(Array($0), what) }
    }

    static func ints(_ v: JSONValue?) -> [Int] { v?.arrayValue?.compactMap(\.intValue) ?? [] }

    static func keys(_ v: JSONValue?) -> [String] {
        if case .object(let o)? = v { return o.keys }
        return []
    }
}
