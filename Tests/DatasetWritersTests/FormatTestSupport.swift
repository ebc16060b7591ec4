import Foundation
import Pipeline
import SceneModel
import ScenewrightTestSupport

@testable import DatasetWriters

/// Helpers the format tests share: real samples from the pipeline, the sink's assembly of merged
/// files, and external readers run as processes.
enum FormatFixtures {
    /// Samples `indices` of the shipped plan, as the sink receives them.
    static func samples(_ indices: Range<UInt64>, seed: UInt64 = 3) throws -> [SampleOutput] {
        let factory = try TestResources.factory(seed: seed)
        return try indices.map { index in
            try factory.output(index: index, needs: [.idPlane, .description, .relationships])
        }
    }

    static func run(count: Int, samplesPerShard: Int, prefix: String = "scenes") throws -> RunInfo {
        let plan = try TestResources.plan()
        return RunInfo(
            plan: "shapes", seed: 3, firstIndex: 0, count: count, samplesPerShard: samplesPerShard, shardPrefix: prefix,
            languages: plan.text.languages, version: "test")
    }

    /// What finalize does with a merged file: literals as they are, each shard's piece in shard
    /// order with the separator between non-empty pieces.
    static func assemble(_ file: MergedFile, pieces: [[(name: String, bytes: [UInt8])]]) -> [UInt8] {
        var out: [UInt8] = []
        var counter = 0
        for part in file.parts {
            switch part {
            case .literal(let bytes): out += bytes
            case .pieces(let name, let separator), .numberedPieces(let name, let separator):
                var numbered = false
                if case .numberedPieces = part { numbered = true }
                var first = true
                for shard in pieces {
                    for piece in shard where piece.name == name && !piece.bytes.isEmpty {
                        if !first { out += separator }
                        out += numbered ? MergedFile.numbering(piece.bytes, from: &counter) : piece.bytes
                        first = false
                    }
                }
            case .computed(let name, let make):
                out += make(pieces.map { shard in shard.first { $0.name == name }?.bytes ?? [] })
            }
        }
        return out
    }

    /// Runs every shard of `samples` through `format` and writes shard files and merged files
    /// under `directory`, as the sink would.
    static func write(_ format: some DatasetFormat, _ samples: [SampleOutput], run: RunInfo, to directory: URL) throws {
        var allPieces: [[(name: String, bytes: [UInt8])]] = []
        for shard in run.shards {
            let start = Int(shard.firstIndex - run.firstIndex)
            let slice = Array(samples[start..<(start + shard.count)])
            for file in try format.shardFiles(shard, slice, run: run) { try save(file.bytes, file.path, directory) }
            allPieces.append(try format.pieces(shard, slice, run: run))
        }
        for file in format.mergedFiles(run) { try save(assemble(file, pieces: allPieces), file.path, directory) }
    }

    static func save(_ bytes: [UInt8], _ path: String, _ directory: URL) throws {
        let url = directory.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(bytes).write(to: url)
    }

    /// The project's venv Python when set up (`scripts/setup.sh --python`), else `python3`.
    static var python: [String] {
        let venv = TestResources.home.appendingPathComponent(".venv/bin/python").path
        return FileManager.default.isExecutableFile(atPath: venv) ? [venv] : ["/usr/bin/env", "python3"]
    }

    /// Runs a program; returns status and output. Reads the pipes before waiting.
    static func execute(_ arguments: [String], stdin: [UInt8]? = nil) throws -> (
        status: Int32, out: String, err: String
    ) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: arguments[0])
        process.arguments = Array(arguments.dropFirst())
        let out = Pipe()
        let err = Pipe()
        let input = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = input
        try process.run()
        if let stdin { input.fileHandleForWriting.write(Data(stdin)) }
        try input.fileHandleForWriting.close()
        let o = out.fileHandleForReading.readDataToEndOfFile()
        let e = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: o, as: UTF8.self), String(decoding: e, as: UTF8.self))
    }

    /// Runs a Python script with arguments.
    static func python(_ script: String, _ arguments: [String] = [], stdin: [UInt8]? = nil) throws -> (
        status: Int32, out: String, err: String
    ) {
        try execute(python + ["-c", script] + arguments, stdin: stdin)
    }

    /// Whether the Python in use can import `module`.
    static func pythonHas(_ module: String) -> Bool {
        (try? python("import \(module)"))?.status == 0
    }
}
