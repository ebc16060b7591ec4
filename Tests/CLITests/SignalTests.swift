import Dispatch
import Foundation
import ScenewrightTestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// SIGINT and SIGTERM at several points of a `generate`: the process exits within a second
/// with status 130 (or 0 when the run was already finalizing), leaves no temporaries and no
/// claims, and `--resume` finishes the folder byte-identical to an uninterrupted run.
///
/// The moment is found by stepping the process: it runs for a few milliseconds, is stopped
/// (SIGSTOP), and the folder is looked at; once it shows the wanted state the signal is sent and
/// the process continued. The stop latency is measured from that continue to the exit.
@Suite struct SignalTests {
    static let run = [
        "generate", "--count", "160", "--shard-size", "8", "--seed", "21", "--format", "webdataset,folder,coco",
        "--quiet",
    ]

    /// The uninterrupted run every stopped one must equal once resumed.
    static let reference: Result<[String: Data], any Error> = Result {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let result = try runScenewright(run + ["--workers", "1", "--out", dir.path + "/clean"])
        guard result.status == 0 else { throw Failure(message: result.stderr) }
        return SharedFolderTests.tree(dir.path + "/clean")
    }

    struct Failure: Error { var message: String }

    /// What the folder shows at a stop.
    static func names(_ path: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []).sorted()
    }

    /// A claim being made, no file of it written yet.
    static func makingSamples(_ out: String) -> Bool {
        let claims = names(out + "/.scenewright/claims").filter { $0 != "finalize.json" }
        let temporaries = names(out + "/.scenewright/tmp")
        return !claims.isEmpty && !temporaries.isEmpty
            && temporaries.allSatisfy { names(out + "/.scenewright/tmp/" + $0).isEmpty }
    }

    /// A shard's files being written: its temporaries folder holds something.
    static func writingShard(_ out: String) -> Bool {
        names(out + "/.scenewright/tmp").contains { !names(out + "/.scenewright/tmp/" + $0).isEmpty }
            && !names(out + "/.scenewright/claims").contains("finalize.json")
    }

    static func finalizing(_ out: String) -> Bool {
        names(out + "/.scenewright/claims").contains("finalize.json")
    }

    static func started(_ out: String) -> Bool {
        FileManager.default.fileExists(atPath: out + "/.scenewright/manifest.json")
    }

    /// Runs `generate` into `out`, sends `signals` once `when` holds, and returns the exit
    /// status and the seconds from the signal to the exit.
    static func interrupt(
        out: String, workers: Int, signals: [Int32], when: (String) -> Bool
    ) throws -> (status: Int32, seconds: Double, hit: Bool) {
        let process = Process()
        process.executableURL = TestResources.executable
        process.arguments = run + ["--workers", "\(workers)", "--out", out]
        process.environment = ProcessInfo.processInfo.environment.merging(
            ["SCENEWRIGHT_HOME": TestResources.home.path], uniquingKeysWith: { $1 })
        process.standardError = FileHandle.nullDevice
        try process.run()
        let pid = process.processIdentifier
        var hit = false
        while process.isRunning {
            kill(pid, SIGSTOP)
            if when(out) {
                hit = true
                break
            }
            kill(pid, SIGCONT)
            usleep(2000)
        }
        // All signals are pending together when the process continues (two different ones:
        // a signal pending twice is delivered once).
        if hit { for sig in signals { kill(pid, sig) } }
        let signalled = DispatchTime.now().uptimeNanoseconds
        kill(pid, SIGCONT)
        let deadline = DispatchTime.now().uptimeNanoseconds + 60_000_000_000
        while process.isRunning && DispatchTime.now().uptimeNanoseconds < deadline { usleep(1000) }
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - signalled) / 1e9
        if process.isRunning { kill(pid, SIGKILL) }
        process.waitUntilExit()
        return (process.terminationStatus, seconds, hit)
    }

    /// Files a stopped run must not leave: temporaries and claims.
    static func leftovers(_ out: String) -> [String] {
        let state = out + "/.scenewright/"
        let claims = names(state + "claims").map { "claims/" + $0 }
        let temporaries = names(state + "tmp").map { "tmp/" + $0 }
        let named = SharedFolderTests.tree(out).keys.filter { $0.contains(".tmp") }.sorted()
        return claims + temporaries + named
    }

    enum Moment: String, CaseIterable, CustomStringConvertible {
        case early, makingSamples, writingShard, finalizing, twice
        var description: String { rawValue }
    }

    @Test(arguments: Moment.allCases)
    func aStopIsQuickCleanAndResumable(_ moment: Moment) throws {
        let reference = try Self.reference.get()
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let out = dir.path + "/out"
        let (workers, signals, when): (Int, [Int32], (String) -> Bool) =
            switch moment {
            case .early: (1, [SIGINT], Self.started)
            case .makingSamples: (1, [SIGTERM], Self.makingSamples)
            case .writingShard: (2, [SIGINT], Self.writingShard)
            case .finalizing: (1, [SIGTERM], Self.finalizing)
            case .twice: (1, [SIGINT, SIGTERM], Self.makingSamples)
            }
        let stop = try Self.interrupt(out: out, workers: workers, signals: signals, when: when)
        try #require(stop.hit, "the run ended before it reached the moment \(moment)")
        print("signal \(moment): exit \(stop.status) \(String(format: "%.3f", stop.seconds)) s after the signal")
        #expect(stop.seconds < 3, "took \(stop.seconds) s to stop")
        // A finalize under way completes (the run is then whole: status 0).
        #expect(stop.status == 130 || (moment == .finalizing && stop.status == 0))
        #expect(Self.leftovers(out).isEmpty, "left: \(Self.leftovers(out))")
        let resumed = try runScenewright(Self.run + ["--workers", "2", "--out", out, "--resume"])
        #expect(resumed.status == 0, "\(resumed.stderr)")
        #expect(Self.leftovers(out).isEmpty)
        #expect(SharedFolderTests.differences(SharedFolderTests.tree(out), reference).isEmpty)
    }
}
