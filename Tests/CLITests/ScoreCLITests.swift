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
}
