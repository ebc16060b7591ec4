import Describer
import Foundation
import PNGCodec
import Pipeline
import PlanFiles
import SceneSampler

/// Paths and loaded data every test needs, found from this file's location so tests work from
/// any working directory.
public enum TestResources {
    /// The package root (holds assets/ and scenes/).
    public static let home: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    public static func plan(_ name: String = "shapes") throws -> ScenePlan {
        try ScenePlan.load(
            contentsOf: home.appendingPathComponent("scenes/\(name).yaml"), home: home,
            displayName: "scenes/\(name).yaml")
    }

    /// Parses plan text as if it were a file named `file`.
    public static func plan(yaml: String, file: String = "test.yaml") throws -> ScenePlan {
        try ScenePlan.parse(try YAMLValue.parse(yaml, file: file), home: home)
    }

    public static func lexicon(_ code: String = "en") throws -> Lexicon {
        try Lexicon.load(code: code, home: home)
    }

    /// A factory for a shipped plan; languages and text amounts default to the plan's own.
    public static func factory(
        plan name: String = "shapes", seed: UInt64 = 7, languages: [String]? = nil, text: TextOptions? = nil,
        png: PNGOptions = PNGOptions()
    ) throws -> SampleFactory {
        let p = try plan(name)
        return SampleFactory(
            plan: p, seed: seed, lexicons: try (languages ?? p.text.languages).map { try lexicon($0) },
            text: try text
                ?? TextOptions(
                    settings: p.text, file: p.source, layout: p.layout, lettering: p.lettering?.kind.rawValue), png: png
        )
    }

    /// The built `scenewright` executable next to the test bundle.
    public static var executable: URL {
        let candidates = [
            Bundle.main.executableURL?.deletingLastPathComponent(),
            Bundle.main.bundleURL.deletingLastPathComponent(),
            URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent(),
        ].compactMap { $0 }
        for dir in candidates {
            var d = dir
            for _ in 0..<4 {
                let exe = d.appendingPathComponent("scenewright")
                if FileManager.default.isExecutableFile(atPath: exe.path) { return exe }
                d = d.deletingLastPathComponent()
            }
        }
        return home.appendingPathComponent(".build/debug/scenewright")
    }
}

/// A fresh folder under the system's temporary directory, removed by `remove()`.
public struct TemporaryDirectory: Sendable {
    public let url: URL

    public init(_ label: String = "scenewright-test") throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("\(label)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    public var path: String { url.path }

    public func file(_ name: String) -> URL { url.appendingPathComponent(name) }

    public func remove() { try? FileManager.default.removeItem(at: url) }
}

/// The result of running the command-line tool.
public struct CommandResult: Sendable {
    public var status: Int32
    public var stdout: String
    public var stderr: String
}

/// Runs `scenewright` with `arguments`, in `directory` when given.
public func runScenewright(
    _ arguments: [String], in directory: URL? = nil, environment: [String: String]? = nil
) throws -> CommandResult {
    let process = Process()
    process.executableURL = TestResources.executable
    process.arguments = arguments
    if let directory { process.currentDirectoryURL = directory }
    var env = ProcessInfo.processInfo.environment
    env["SCENEWRIGHT_HOME"] = TestResources.home.path
    for (k, v) in environment ?? [:] { env[k] = v }
    process.environment = env
    let out = Pipe()
    let err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    // Read both pipes before waiting so a chatty child cannot block on a full pipe.
    let outData = out.fileHandleForReading.readDataToEndOfFile()
    let errData = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return CommandResult(
        status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
        stderr: String(decoding: errData, as: UTF8.self))
}
