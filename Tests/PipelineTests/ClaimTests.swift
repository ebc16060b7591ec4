import DatasetWriters
import Dispatch
import Foundation
import ScenewrightTestSupport
import Synchronization
import Testing

@testable import Pipeline

#if canImport(Glibc)
    import Glibc
#endif

/// One owner per shard: claims of live processes are respected, claims of gone ones are taken
/// over, and finalize waits for every claim.
@Suite struct ClaimTests {
    static func hostName() -> String {
        var buffer = [UInt8](repeating: 0, count: 256)
        gethostname(&buffer, 255)
        return String(decoding: buffer.prefix { $0 != 0 }, as: UTF8.self)
    }

    /// A pid that no process has: a child that has exited and been waited for.
    static func deadPid() throws -> Int32 {
        let child = Process()
        child.executableURL = URL(fileURLWithPath: "/bin/true")
        try child.run()
        child.waitUntilExit()
        return child.processIdentifier
    }

    /// Writes a claim on `shard` in `out` as another process would have, with a temporary file
    /// in its temporaries folder.
    static func plant(
        _ out: String, shard: String, pid: Int32, host: String = hostName(),
        started: Int = Int(Date().timeIntervalSince1970), token: String = "0ther"
    ) throws {
        let claim = "{\"host\":\"\(host)\",\"pid\":\(pid),\"started\":\(started),\"token\":\"\(token)\"}\n"
        try FileManager.default.createDirectory(
            atPath: out + "/.scenewright/claims", withIntermediateDirectories: true)
        try Data(claim.utf8).write(to: URL(fileURLWithPath: out + "/.scenewright/claims/\(shard).json"))
        let tmp = out + "/.scenewright/tmp/\(shard)-\(token)"
        try FileManager.default.createDirectory(atPath: tmp, withIntermediateDirectories: true)
        try Data([1, 2, 3]).write(to: URL(fileURLWithPath: tmp + "/images%000000003.png"))
    }

    static func sink(_ r: ShardedRunTests.Run, _ out: String, maxAge: Double = Claims.defaultMaxAge) throws
        -> DatasetSink
    {
        try DatasetSink(
            directory: out, run: r.setup.info, formats: r.outputs.formats, manifest: r.setup.manifest.bytes,
            resume: true, durable: false, claimMaxAge: maxAge)
    }

    static func generate(_ r: ShardedRunTests.Run, _ sink: DatasetSink, stop: Bool = false) throws -> RunSummary {
        try Generation.run(
            factory: r.factory, shards: r.setup.info.shards, sink: sink, workers: 2, needs: r.outputs.needs,
            skipComplete: true, stopWhenClaimed: stop)
    }

    static func entries(_ folder: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).sorted()
    }

    @Test func exactlyOneOfManyClaimantsWins() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let r = try ShardedRunTests.run(count: 4, shardSize: 2, formats: ["folder"])
        let sinks = try (0..<8).map { _ in try Self.sink(r, dir.path) }
        let shard = r.setup.info.shards[0]
        let won = Mutex(0)
        DispatchQueue.concurrentPerform(iterations: sinks.count) { k in
            if case .claimed = try? sinks[k].claim(shard) { won.withLock { $0 += 1 } }
        }
        #expect(won.withLock { $0 } == 1)
        #expect(Self.entries(dir.path + "/.scenewright/claims") == ["000000.json"])
    }

    @Test func aDeadOwnersClaimIsTakenOverWithItsTemporaries() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let r = try ShardedRunTests.run(count: 6, shardSize: 2, formats: ["folder", "coco"])
        let whole = dir.path + "/whole"
        try ShardedRunTests.write(r, to: whole, workers: 1).finalize(metadata: r.setup.completion)
        let out = dir.path + "/out"
        _ = try Self.sink(r, out)
        try Self.plant(out, shard: "000001", pid: try Self.deadPid())
        let sink = try Self.sink(r, out)
        let summary = try Self.generate(r, sink)
        #expect(summary.shards == 3 && summary.skipped == 0)
        #expect(Self.entries(out + "/.scenewright/claims").isEmpty)
        #expect(Self.entries(out + "/.scenewright/tmp").isEmpty)
        try sink.finalize(metadata: r.setup.completion)
        #expect(try ShardedRunTests.tree(out) == (try ShardedRunTests.tree(whole)))
    }

    @Test func aLiveOwnersShardIsSkippedStopsAShardIndexAndHoldsFinalize() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let r = try ShardedRunTests.run(count: 6, shardSize: 2, formats: ["folder"])
        let out = dir.path + "/out"
        _ = try Self.sink(r, out)
        // This test's own process is alive: its claim is another live owner's.
        try Self.plant(out, shard: "000002", pid: getpid())
        let sink = try Self.sink(r, out)
        let summary = try Self.generate(r, sink)
        #expect(summary.shards == 2 && summary.skipped == 1)
        #expect(!sink.isComplete(r.setup.info.shards[2]))
        let owner = "pid \(getpid()) on \(Self.hostName()) since "
        let stopped = #expect(throws: PipelineError.self) { _ = try Self.generate(r, sink, stop: true) }
        #expect("\(stopped.map { "\($0)" } ?? "")".contains("shard 000002 is being made by \(owner)"))
        let refused = #expect(throws: WriteError.self) { try sink.finalize(metadata: r.setup.completion) }
        #expect(refused?.message.contains("shard 000002 is being made by \(owner)") == true, "\(refused!)")
        #expect(sink.liveClaims().map(\.name) == ["000002"])
        #expect(try sink.finalizeUnlessClaimed(metadata: r.setup.completion)?.name == "000002")
        #expect(!FileManager.default.fileExists(atPath: out + "/run.json"))
        // Overwrite would remove the owner's files: refused too.
        let overwrite = #expect(throws: WriteError.self) {
            _ = try DatasetSink(
                directory: out, run: r.setup.info, formats: r.outputs.formats, manifest: r.setup.manifest.bytes,
                overwrite: true)
        }
        #expect(overwrite?.message.contains("in use") == true)
        // Released: the shard is made and the run finalized.
        try FileManager.default.removeItem(atPath: out + "/.scenewright/claims/000002.json")
        #expect(try Self.generate(r, sink).shards == 1)
        try sink.finalize(metadata: r.setup.completion)
        #expect(FileManager.default.fileExists(atPath: out + "/run.json"))
    }

    @Test func anotherHostsClaimLastsTheMaxAge() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let r = try ShardedRunTests.run(count: 4, shardSize: 2, formats: ["folder"])
        let out = dir.path + "/out"
        let now = Int(Date().timeIntervalSince1970)
        _ = try Self.sink(r, out)
        try Self.plant(out, shard: "000000", pid: 1, host: "elsewhere.invalid", started: now - 3600)
        #expect(try Self.generate(r, try Self.sink(r, out, maxAge: 7200)).skipped == 1)
        #expect(try Self.generate(r, try Self.sink(r, out, maxAge: 1800)).shards == 1)
        #expect(Self.entries(out + "/.scenewright/claims").isEmpty)
        #expect(Self.entries(out + "/.scenewright/tmp").isEmpty)
        #expect(try Claims.maxAge(environment: [Claims.maxAgeVariable: "0.5"]) == 1800)
        #expect(throws: WriteError.self) { try Claims.maxAge(environment: [Claims.maxAgeVariable: "soon"]) }
    }

    /// finalize tidies claims of gone processes left on complete shards (killed after the
    /// marker, before the release).
    @Test func finalizeRemovesStaleClaims() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let r = try ShardedRunTests.run(count: 4, shardSize: 2, formats: ["folder"])
        let out = dir.path + "/out"
        let sink = try ShardedRunTests.write(r, to: out, workers: 1)
        try Self.plant(out, shard: "000001", pid: try Self.deadPid())
        try sink.finalize(metadata: r.setup.completion)
        #expect(Self.entries(out + "/.scenewright/claims").isEmpty)
        #expect(Self.entries(out + "/.scenewright/tmp").isEmpty)
    }
}
