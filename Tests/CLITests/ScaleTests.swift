import Foundation
import ScenewrightTestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// Interrupted and split runs end with the same bytes as one uninterrupted run.
@Suite struct ScaleTests {
    static let run = [
        "generate", "--count", "120", "--shard-size", "10", "--seed", "11", "--format", "webdataset,folder,coco",
        "--workers", "2",
    ]

    /// Every file under `root` except the per-process temporaries.
    static func tree(_ root: String) -> [String: Data] {
        SharedFolderTests.tree(root).filter { !$0.key.hasPrefix(".scenewright/tmp") }
    }

    static func differences(_ a: [String: Data], _ b: [String: Data]) -> [String] {
        SharedFolderTests.differences(a, b)
    }

    /// Starts the tool and sends `signal` after `delay` seconds (if it is still running).
    static func interrupt(_ arguments: [String], after delay: Double, signal: Int32) throws -> Int32 {
        let process = Process()
        process.executableURL = TestResources.executable
        process.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        env["SCENEWRIGHT_HOME"] = TestResources.home.path
        process.environment = env
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        Thread.sleep(forTimeInterval: delay)
        if process.isRunning { kill(process.processIdentifier, signal) }
        process.waitUntilExit()
        return process.terminationStatus
    }

    @Test func killedRunsResumeToTheSameBytes() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let clean = dir.path + "/clean"
        #expect(try runScenewright(Self.run + ["--out", clean, "--quiet"]).status == 0)
        let reference = Self.tree(clean)
        #expect(reference.keys.contains("run.json"))
        var interrupted = 0
        for (k, delay) in [0.1, 0.25, 0.45].enumerated() {
            let out = dir.path + "/killed\(k)"
            _ = try Self.interrupt(Self.run + ["--out", out, "--quiet"], after: delay, signal: SIGKILL)
            if !FileManager.default.fileExists(atPath: out + "/run.json") { interrupted += 1 }
            let resumed = try runScenewright(Self.run + ["--out", out, "--resume", "--quiet"])
            #expect(resumed.status == 0, "\(resumed.stderr)")
            #expect(Self.differences(Self.tree(out), reference).isEmpty, "killed after \(delay) s")
        }
        #expect(interrupted > 0, "every run finished before it was killed: make the run longer")
    }

    @Test func ctrlCStopsCleanlyAndSaysHowToResume() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let out = dir.path + "/out"
        let status = try Self.interrupt(Self.run + ["--out", out], after: 0.2, signal: SIGINT)
        if status == 130 {
            #expect(!FileManager.default.fileExists(atPath: out + "/run.json"))
        } else {
            #expect(status == 0)  // finished before the signal
        }
        #expect(try runScenewright(Self.run + ["--out", out, "--resume", "--quiet"]).status == 0)
        let clean = dir.path + "/clean"
        #expect(try runScenewright(Self.run + ["--out", clean, "--quiet"]).status == 0)
        #expect(Self.differences(Self.tree(out), Self.tree(clean)).isEmpty)
    }

    @Test func aDamagedShardIsMadeAgainOnResume() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let out = dir.path + "/out"
        #expect(try runScenewright(Self.run + ["--out", out, "--quiet"]).status == 0)
        let reference = Self.tree(out)
        let tar = out + "/train/scenewright-000003.tar"
        var bytes = try #require(FileManager.default.contents(atPath: tar))
        bytes[1000] ^= 0x5A
        try bytes.write(to: URL(fileURLWithPath: tar))
        try FileManager.default.removeItem(atPath: out + "/images/000000055.png")
        let r = try runScenewright(Self.run + ["--out", out, "--resume"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stderr.contains("2 to make (10 already complete)"), "\(r.stderr)")
        #expect(Self.differences(Self.tree(out), reference).isEmpty)
    }

    @Test func splitTasksMergeToTheSingleRun() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let clean = dir.path + "/clean"
        #expect(try runScenewright(Self.run + ["--out", clean, "--quiet"]).status == 0)
        // Four tasks from flags, in an order that finishes the run in the middle task.
        let split = dir.path + "/split"
        for t in [3, 0, 2] {
            let r = try runScenewright(Self.run + ["--out", split, "--task-index", "\(t)", "--num-tasks", "4"])
            #expect(r.status == 0, "\(r.stderr)")
            #expect(r.stderr.contains("finalize"), "\(r.stderr)")
        }
        #expect(!FileManager.default.fileExists(atPath: split + "/run.json"))
        let unfinished = try runScenewright(["finalize", split])
        #expect(unfinished.status != 0 && unfinished.stderr.contains("not finished"), "\(unfinished.stderr)")
        let last = try runScenewright(Self.run + ["--out", split, "--task-index", "1", "--num-tasks", "4"])
        #expect(last.status == 0, "\(last.stderr)")
        #expect(Self.differences(Self.tree(split), Self.tree(clean)).isEmpty)
        // Slurm's variables, and an explicit shard range, then `finalize`.
        let slurm = dir.path + "/slurm"
        for id in 7...8 {
            let env = ["SLURM_ARRAY_TASK_ID": "\(id)", "SLURM_ARRAY_TASK_MIN": "5", "SLURM_ARRAY_TASK_COUNT": "4"]
            #expect(try runScenewright(Self.run + ["--out", slurm, "--quiet"], environment: env).status == 0)
        }
        #expect(try runScenewright(Self.run + ["--out", slurm, "--shard-index", "0-5", "--quiet"]).status == 0)
        #expect(try runScenewright(["finalize", slurm]).status == 0)
        #expect(Self.differences(Self.tree(slurm), Self.tree(clean)).isEmpty)
    }

    @Test func badSplitsAreRefusedBeforeAnythingIsWritten() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let out = dir.path + "/out"
        let cases: [([String], [String: String], String)] = [
            (["--shard-index", "12"], [:], "out of range"),
            (["--shard-index", "3-1"], [:], "i <= j"),
            (["--task-index", "4", "--num-tasks", "4"], [:], "out of range"),
            (["--task-index", "1"], [:], "--num-tasks"),
            (["--shard-index", "1", "--task-index", "1", "--num-tasks", "2"], [:], "exclude each other"),
            (["--num-tasks", "13", "--task-index", "0"], [:], "nothing to do"),
            ([], ["JOB_COMPLETION_INDEX": "1"], "--num-tasks"),
            ([], ["SLURM_ARRAY_TASK_ID": "2"], "SLURM_ARRAY_TASK_COUNT"),
            (["--overwrite", "--shard-index", "1"], [:], "--overwrite"),
        ]
        for (extra, env, message) in cases {
            let r = try runScenewright(Self.run + ["--out", out] + extra, environment: env)
            #expect(r.status != 0, "\(extra)")
            #expect(r.stderr.contains(message), "\(extra): \(r.stderr)")
            #expect(!FileManager.default.fileExists(atPath: out + "/train"), "\(extra) wrote shards")
        }
        let uneven = try runScenewright([
            "generate", "--count", "10", "--num-shards", "4", "--out", out,
        ])
        #expect(uneven.status != 0 && uneven.stderr.contains("does not divide"), "\(uneven.stderr)")
        let both = try runScenewright([
            "generate", "--count", "8", "--num-shards", "4", "--shard-size", "2", "--out", out,
        ])
        #expect(both.status != 0 && both.stderr.contains("exclude each other"), "\(both.stderr)")
        // A folder holding another run is refused, even to a task of a split run.
        #expect(try runScenewright(Self.run + ["--out", out, "--quiet", "--count", "20"]).status == 0)
        let other = try runScenewright(Self.run + ["--out", out, "--shard-index", "0"])
        #expect(other.status != 0 && other.stderr.contains("different run"), "\(other.stderr)")
    }
}
