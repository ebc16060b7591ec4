import Dispatch
import Foundation
import ScenewrightTestSupport
import Synchronization
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// Several processes in one output folder: every shard has one owner at a time (its claim in
/// `.scenewright/claims/`), and the folder ends byte-identical to a single run.
@Suite struct SharedFolderTests {
    static let run = [
        "generate", "--count", "120", "--shard-size", "10", "--seed", "11", "--format", "webdataset,folder,coco",
        "--workers", "1",
    ]

    /// Every file under `root`, the run's state included.
    static func tree(_ root: String) -> [String: Data] {
        var out: [String: Data] = [:]
        guard let e = FileManager.default.enumerator(atPath: root) else { return out }
        while let path = e.nextObject() as? String {
            var isDirectory: ObjCBool = false
            FileManager.default.fileExists(atPath: root + "/" + path, isDirectory: &isDirectory)
            if !isDirectory.boolValue { out[path] = FileManager.default.contents(atPath: root + "/" + path) }
        }
        return out
    }

    static func differences(_ a: [String: Data], _ b: [String: Data]) -> [String] {
        Set(a.keys).union(b.keys).filter { a[$0] != b[$0] }.sorted()
    }

    static func claims(_ out: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: out + "/.scenewright/claims")) ?? []).sorted()
    }

    static func hostName() -> String {
        var buffer = [UInt8](repeating: 0, count: 256)
        gethostname(&buffer, 255)
        return String(decoding: buffer.prefix { $0 != 0 }, as: UTF8.self)
    }

    /// Shards a `generate` says it made ("wrote 60 samples in 6 shards ...").
    static func shardsMade(_ stdout: String) -> Int? {
        guard let line = stdout.split(separator: "\n").first(where: { $0.hasPrefix("wrote ") }) else { return nil }
        let words = line.split(separator: " ")
        guard let i = words.firstIndex(of: "shards") else { return nil }
        return Int(words[i - 1])
    }

    @Test func twoProcessesResumingOneFolderMakeEveryShardOnce() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let clean = dir.path + "/clean"
        #expect(try runScenewright(Self.run + ["--out", clean, "--quiet"]).status == 0)
        let reference = Self.tree(clean)
        for round in 0..<2 {
            let out = dir.path + "/shared\(round)"
            let results = Mutex<[CommandResult?]>([])
            let group = DispatchGroup()
            for _ in 0..<2 {
                DispatchQueue.global().async(group: group) {
                    let r = try? runScenewright(Self.run + ["--out", out, "--resume"])
                    results.withLock { $0.append(r) }
                }
            }
            group.wait()
            let both = results.withLock { $0 }.compactMap { $0 }
            #expect(both.count == 2)
            for r in both { #expect(r.status == 0, "\(r.stderr)") }
            let made = both.compactMap { Self.shardsMade($0.stdout) }
            #expect(made.count == 2 && made.reduce(0, +) == 12, "\(both.map(\.stdout))")
            #expect(Self.differences(Self.tree(out), reference).isEmpty)
            #expect(Self.claims(out).isEmpty)
        }
    }

    @Test func aKilledOwnersClaimIsTakenOverOnResume() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let clean = dir.path + "/clean"
        #expect(try runScenewright(Self.run + ["--out", clean, "--quiet"]).status == 0)
        let out = dir.path + "/out"
        let process = Process()
        process.executableURL = TestResources.executable
        process.arguments = Self.run + ["--out", out, "--quiet"]
        process.environment = ProcessInfo.processInfo.environment.merging(
            ["SCENEWRIGHT_HOME": TestResources.home.path], uniquingKeysWith: { $1 })
        try process.run()
        // Stopped while it holds a claim, then killed: the claim stays, naming a gone pid.
        var held: [String] = []
        while process.isRunning && held.isEmpty {
            Thread.sleep(forTimeInterval: 0.05)
            kill(process.processIdentifier, SIGSTOP)
            held = Self.claims(out)
            if held.isEmpty { kill(process.processIdentifier, SIGCONT) }
        }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        #expect(!held.isEmpty, "the run ended before it was stopped holding a claim")
        #expect(Self.claims(out) == held)
        let resumed = try runScenewright(Self.run + ["--out", out, "--resume", "--quiet"])
        #expect(resumed.status == 0, "\(resumed.stderr)")
        #expect(Self.claims(out).isEmpty)
        #expect(Self.differences(Self.tree(out), Self.tree(clean)).isEmpty)
    }

    @Test func aLiveOwnersShardIsSkippedRefusedByNumberAndHoldsFinalize() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let run = Self.run.map { $0 == "120" ? "60" : $0 }
        let clean = dir.path + "/clean"
        #expect(try runScenewright(run + ["--out", clean, "--quiet"]).status == 0)
        // Another live process on this host (this test's) holds shard 3.
        let out = dir.path + "/out"
        let claim = out + "/.scenewright/claims/000003.json"
        try FileManager.default.createDirectory(
            atPath: out + "/.scenewright/claims", withIntermediateDirectories: true)
        func plant(pid: Int32) throws {
            let started = Int(Date().timeIntervalSince1970)
            try Data(
                "{\"host\":\"\(Self.hostName())\",\"pid\":\(pid),\"started\":\(started),\"token\":\"x\"}\n".utf8
            ).write(to: URL(fileURLWithPath: claim))
        }
        try plant(pid: getpid())
        let named = "shard 000003 is being made by pid \(getpid()) on \(Self.hostName()) since "
        let byNumber = try runScenewright(run + ["--out", out, "--shard-index", "3"])
        #expect(byNumber.status != 0 && byNumber.stderr.contains(named), "\(byNumber.stderr)")
        for t in 0..<2 {
            let task = try runScenewright(run + ["--out", out, "--task-index", "\(t)", "--num-tasks", "2"])
            #expect(task.status == 0, "\(task.stderr)")
            #expect(task.stderr.contains("1 of these shards were left to other processes") == (t == 1))
        }
        let finalize = try runScenewright(["finalize", out])
        #expect(finalize.status != 0 && finalize.stderr.contains(named), "\(finalize.stderr)")
        #expect(!FileManager.default.fileExists(atPath: out + "/run.json"))
        // The owner gone (a pid no process has), the shard's own task takes it over and
        // finalizes the run.
        let gone = Process()
        gone.executableURL = URL(fileURLWithPath: "/bin/true")
        try gone.run()
        gone.waitUntilExit()
        try plant(pid: gone.processIdentifier)
        let last = try runScenewright(run + ["--out", out, "--task-index", "1", "--num-tasks", "2", "--resume"])
        #expect(last.status == 0, "\(last.stderr)")
        #expect(Self.claims(out).isEmpty)
        #expect(Self.differences(Self.tree(out), Self.tree(clean)).isEmpty)
    }
}
