import Foundation
import ScenewrightTestSupport
import Testing

@testable import PNGCodec

/// The command line as a user runs it: real processes, real files, exit statuses.
@Suite struct CLITests {
    func lines(_ path: String) throws -> [String] {
        try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").map(String.init)
    }

    @Test func generateWritesImagesRecordsAndMarker() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let r = try runScenewright([
            "generate", "--format", "folder", "--count", "24", "--seed", "7", "--out", dir.path + "/out",
        ])
        #expect(r.status == 0, "\(r.stderr)")
        let records = try lines(dir.path + "/out/samples.jsonl")
        #expect(records.count == 24)
        let images = try FileManager.default.contentsOfDirectory(atPath: dir.path + "/out/images").sorted()
        #expect(images.count == 24)
        #expect(images.first == "000000000.png")
        #expect(FileManager.default.fileExists(atPath: dir.path + "/out/run.json"))
        let first = try #require(FileManager.default.contents(atPath: dir.path + "/out/images/000000000.png"))
        let decoded = try PNGDecoder.decode([UInt8](first))
        #expect(decoded.width == 256 && decoded.height == 256)
        // Every record has the same fields (stable schema).
        let keys = try records.map { line -> [String] in
            let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] ?? [:]
            return object.keys.sorted()
        }
        #expect(Set(keys.map { $0.joined(separator: ",") }).count == 1)
        #expect(keys[0] == ["captions", "image", "index", "key", "negatives", "objects", "plan", "qa", "refs", "seed"])
    }

    @Test func defaultFormatIsWebDatasetShards() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let r = try runScenewright([
            "generate", "--count", "5", "--shard-size", "2", "--seed", "7", "--out", dir.path + "/out",
        ])
        #expect(r.status == 0, "\(r.stderr)")
        let shards = try FileManager.default.contentsOfDirectory(atPath: dir.path + "/out/train").sorted()
        #expect(
            shards == [
                "index.wids.json", "scenewright-000000.tar", "scenewright-000001.tar", "scenewright-000002.tar",
                "sizes.json",
            ])
        #expect(FileManager.default.fileExists(atPath: dir.path + "/out/run.json"))
        #expect(!FileManager.default.fileExists(atPath: dir.path + "/out/samples.jsonl"))
    }

    @Test func startIndexRegeneratesTheSameSample() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let full = try runScenewright([
            "generate", "--format", "folder", "--count", "16", "--seed", "3", "--out", dir.path + "/full", "--workers",
            "2",
        ])
        #expect(full.status == 0, "\(full.stderr)")
        let one = try runScenewright([
            "generate", "--format", "folder", "--start-index", "13", "--count", "1", "--seed", "3", "--out",
            dir.path + "/one", "--workers",
            "1",
        ])
        #expect(one.status == 0, "\(one.stderr)")
        #expect(try lines(dir.path + "/one/samples.jsonl") == [try lines(dir.path + "/full/samples.jsonl")[13]])
        #expect(
            FileManager.default.contents(atPath: dir.path + "/one/images/000000013.png")
                == FileManager.default.contents(atPath: dir.path + "/full/images/000000013.png"))
    }

    @Test func renderRedrawsFromTheRecordAlone() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        #expect(
            try runScenewright([
                "generate", "--format", "folder", "--count", "5", "--seed", "1", "--out", dir.path + "/out",
            ]).status == 0)
        let r = try runScenewright([
            "render", dir.path + "/out/samples.jsonl", "--key", "000000004", "--out", dir.path + "/x.png",
        ])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(
            FileManager.default.contents(atPath: dir.path + "/x.png")
                == FileManager.default.contents(atPath: dir.path + "/out/images/000000004.png"))
    }

    @Test func previewWritesAContactSheet() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let r = try runScenewright([
            "preview", "--plan", TestResources.home.path + "/scenes/shapes.yaml", "--rows", "2", "--columns", "3",
            "--boxes", "--out", dir.path + "/sheet.png",
        ])
        #expect(r.status == 0, "\(r.stderr)")
        let png = try #require(FileManager.default.contents(atPath: dir.path + "/sheet.png"))
        let decoded = try PNGDecoder.decode([UInt8](png))
        #expect(decoded.width == 3 * 256 + 4 * 4 && decoded.height == 2 * 256 + 3 * 4)
    }

    @Test func plansListsTheShippedPlans() throws {
        let r = try runScenewright(["plans"])
        #expect(r.status == 0)
        #expect(r.stdout.contains("scenes/shapes.yaml"))
        #expect(r.stdout.contains("3-8 scattered shapes"))
        // Every plan of the issue is shipped, loads (no "does not load") and has a preview.
        for name in [
            "shapes", "clevr2d", "counting", "spatial", "grid", "rows", "ring", "nested", "occlusion", "cogent-a",
            "cogent-b", "curriculum-1", "curriculum-2", "curriculum-3",
        ] {
            #expect(r.stdout.contains("scenes/\(name).yaml"), "\(name) is not listed")
            let preview = TestResources.home.appendingPathComponent("docs/plans/\(name).png")
            #expect(FileManager.default.fileExists(atPath: preview.path), "no preview docs/plans/\(name).png")
        }
        #expect(!r.stdout.contains("does not load"), "\(r.stdout)")
    }

    @Test func helpReadsWell() throws {
        let r = try runScenewright(["--help"])
        #expect(r.status == 0)
        for command in ["generate", "preview", "render", "plans", "bench"] { #expect(r.stdout.contains(command)) }
        let g = try runScenewright(["generate", "--help"])
        #expect(g.stdout.contains("--start-index") && g.stdout.contains("--png-level"))
    }

    // MARK: Errors: a message the user can act on, a non-zero exit, nothing half-written.

    func failing(_ planText: String, _ extra: [String] = []) throws -> (CommandResult, TemporaryDirectory) {
        let dir = try TemporaryDirectory()
        try Data(planText.utf8).write(to: dir.file("plan.yaml"))
        let r = try runScenewright(
            ["generate", "--plan", dir.path + "/plan.yaml", "--count", "3", "--out", dir.path + "/out"] + extra)
        #expect(r.status != 0)
        #expect(!FileManager.default.fileExists(atPath: dir.path + "/out/samples.jsonl"), "nothing half-written")
        #expect(!FileManager.default.fileExists(atPath: dir.path + "/out/images"), "nothing half-written")
        return (r, dir)
    }

    @Test func malformedYAMLReportsFileLineColumn() throws {
        let (r, dir) = try failing("name: broken\nobjects:\n  count: [1, 2\n  sizes: {small: [4, 5]}\n")
        defer { dir.remove() }
        #expect(r.stderr.contains("plan.yaml:"), "\(r.stderr)")
        #expect(
            r.stderr.range(of: #"plan\.yaml:\d+:\d+: invalid YAML"#, options: .regularExpression) != nil, "\(r.stderr)")
    }

    @Test func unknownShapeAndColorListValidNames() throws {
        let (shape, d1) = try failing("name: x\nobjects:\n  count: 2\n  shapes: [blob]\n  sizes: {small: [8, 9]}\n")
        defer { d1.remove() }
        #expect(shape.stderr.contains("plan.yaml:4:"), "\(shape.stderr)")
        #expect(shape.stderr.contains("unknown shape 'blob'; valid shapes: circle, ellipse"))
        let (color, d2) = try failing("name: x\nobjects:\n  count: 2\n  colors: [teal]\n  sizes: {small: [8, 9]}\n")
        defer { d2.remove() }
        #expect(color.stderr.contains("unknown color 'teal'; valid colors: red"), "\(color.stderr)")
    }

    @Test func impossiblePlanFailsClearlyAndQuickly() throws {
        let start = Date()
        let (r, dir) = try failing(
            "name: x\ncanvas: {width: 64, height: 64}\nobjects:\n  count: 40\n  sizes: {large: [28, 36]}\n")
        defer { dir.remove() }
        #expect(r.stderr.contains("40 objects need"), "\(r.stderr)")
        #expect(r.stderr.contains("plan.yaml:4:"), "\(r.stderr)")
        let (jam, d2) = try failing(
            "name: x\ncanvas: {width: 96, height: 96}\nobjects:\n  count: 9\n  shapes: [square]\n  sizes: {large: [20, 22]}\nlayout: {max_overlap: 0}\nretries: {placement: 20, scene: 20}\n"
        )
        defer { d2.remove() }
        #expect(jam.stderr.contains("no acceptable scene after 20 attempts"), "\(jam.stderr)")
        #expect(Date().timeIntervalSince(start) < 30)
    }

    @Test func unwritableOutputIsReported() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        try Data("x".utf8).write(to: dir.file("blocker"))
        let r = try runScenewright(["generate", "--count", "2", "--out", dir.path + "/blocker/out"])
        #expect(r.status != 0)
        #expect(r.stderr.contains("cannot write"), "\(r.stderr)")
    }

    @Test func existingDatasetNeedsOverwrite() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        #expect(try runScenewright(["generate", "--count", "2", "--out", dir.path + "/o"]).status == 0)
        let again = try runScenewright(["generate", "--count", "2", "--out", dir.path + "/o"])
        #expect(again.status != 0 && again.stderr.contains("--overwrite"))
        #expect(try runScenewright(["generate", "--count", "2", "--out", dir.path + "/o", "--overwrite"]).status == 0)
    }

    /// A folder written by a build of another output format version is neither resumed nor
    /// finalized: the message names the folder, both versions and the way out.
    @Test func resumeAndFinalizeRefuseAnotherFormatVersion() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let out = dir.path + "/o"
        let run = ["generate", "--format", "folder", "--count", "4", "--shard-size", "2", "--out", out]
        #expect(try runScenewright(run).status == 0)
        let manifestPath = out + "/.scenewright/manifest.json"
        let manifest = try String(contentsOfFile: manifestPath, encoding: .utf8)
        #expect(manifest.contains("\"format_version\":"))
        let older = manifest.replacingOccurrences(
            of: #""format_version":\d+"#, with: #""format_version":0"#, options: .regularExpression)
        try older.write(toFile: manifestPath, atomically: true, encoding: .utf8)
        for arguments in [run + ["--resume"], ["finalize", out]] {
            let r = try runScenewright(arguments)
            #expect(r.status != 0, "\(arguments)")
            #expect(r.stderr.contains(out), "\(r.stderr)")
            #expect(r.stderr.contains("output format version 0"), "\(r.stderr)")
            #expect(r.stderr.contains("this scenewright writes version"), "\(r.stderr)")
            #expect(r.stderr.contains("generate it anew"), "\(r.stderr)")
        }
    }

    @Test func missingPlanFileIsReported() throws {
        let r = try runScenewright([
            "generate", "--plan", "/nonexistent/plan.yaml", "--count", "1", "--out", "/tmp/unused-sw",
        ])
        #expect(r.status != 0)
        #expect(r.stderr.contains("no such plan file"))
    }
}
