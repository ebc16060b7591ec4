import Foundation
import ScenewrightTestSupport
import Testing

/// `scenewright score` from the command line: its report files, its exit status, its messages.
@Suite struct ScoreCLITests {
    @Test func scoresABaselineAndReportsBadLines() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let g = try runScenewright(["generate", "--count", "6", "--format", "folder", "--out", dir.path + "/d"])
        #expect(g.status == 0, "\(g.stderr)")
        let b = try runScenewright([
            "score", "--dataset", dir.path + "/d", "--baseline", "prior", "--out", dir.path + "/r",
        ])
        #expect(b.status == 0, "\(b.stderr)")
        #expect(b.stdout.contains("vqa: ") && b.stdout.contains("ref: ") && b.stdout.contains("negative: "))
        for file in ["score.json", "score.md", "score.png", "predictions-prior.jsonl"] {
            #expect(FileManager.default.fileExists(atPath: dir.path + "/r/" + file), "\(file)")
        }
        let bad = dir.path + "/p.jsonl"
        try Data("{\"id\": \"000000000/qa/0\", \"answer\": \"2\"}\n{\"id\": 3}\n".utf8).write(
            to: URL(fileURLWithPath: bad))
        let p = try runScenewright([
            "score", "--dataset", dir.path + "/d", "--predictions", bad, "--out", dir.path + "/s",
        ])
        #expect(p.status == 1)
        #expect(p.stderr.contains("line 2: no string field 'id'"), "\(p.stderr)")
        #expect(p.stdout.contains("missing"))
        let neither = try runScenewright(["score", "--dataset", dir.path + "/d"])
        #expect(neither.status != 0 && neither.stderr.contains("--predictions"))
        let nowhere = try runScenewright(["score", "--dataset", dir.path + "/none", "--baseline", "random"])
        #expect(nowhere.status == 1 && nowhere.stderr.contains("does not exist"))
    }

    @Test func aHeldOutRunShipsNoAnswersAndScoresFromItsKey() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let g = try runScenewright(["generate", "--heldout", "--count", "4", "--out", dir.path + "/h"])
        #expect(g.status == 0, "\(g.stderr)")
        let names = try FileManager.default.contentsOfDirectory(atPath: dir.path + "/h").sorted()
        #expect(names == [".scenewright", "heldout", "heldout-key", "images", "run.json"])
        let questions = try String(contentsOfFile: dir.path + "/h/heldout/questions.jsonl", encoding: .utf8)
        #expect(!questions.isEmpty && !questions.contains("\"answer\""))
        let s = try runScenewright([
            "score", "--dataset", dir.path + "/h", "--baseline", "random", "--out", dir.path + "/r",
        ])
        #expect(s.status == 0, "\(s.stderr)")
        #expect(s.stdout.contains("vqa: "))
        let both = try runScenewright([
            "generate", "--heldout", "--format", "folder", "--count", "2", "--out", dir.path + "/b",
        ])
        #expect(both.status == 0 && both.stderr.contains("carry the answers"))
    }
}

/// `generate --twins`: twins verify like any sample, plus against their anchors.
@Suite struct TwinCLITests {
    @Test func twinsVerifyAndFormatsWithIndexIdsAreRefused() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let g = try runScenewright([
            "generate", "--twins", "2", "--count", "6", "--format", "folder,heldout", "--out", dir.path + "/t",
        ])
        #expect(g.status == 0, "\(g.stderr)")
        let lines = try String(contentsOfFile: dir.path + "/t/samples.jsonl", encoding: .utf8).split(separator: "\n")
        #expect(lines.count == 18)
        let v = try runScenewright(["verify", dir.path + "/t"])
        #expect(v.status == 0 && v.stdout.contains("0 defects") && v.stdout.contains("twins"), "\(v.stdout)\(v.stderr)")
        let coco = try runScenewright([
            "generate", "--twins", "1", "--count", "2", "--format", "coco", "--out", dir.path + "/c",
        ])
        #expect(coco.status != 0 && coco.stderr.contains("twins share their anchor's sample index"))
        let bad = try runScenewright(["generate", "--twins", "17", "--count", "2", "--out", dir.path + "/b"])
        #expect(bad.status != 0 && bad.stderr.contains("--twins must be 0 to 16"))
    }
}
