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
    @Test func twinsVerifyInEveryFormat() throws {
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
        // A flipped caption clause dropped from a twin's record is missed by verify's recount.
        let jsonl = dir.path + "/t/samples.jsonl"
        var records = try String(contentsOfFile: jsonl, encoding: .utf8).split(separator: "\n").map(String.init)
        let twin = try #require(records.firstIndex { $0.contains("\"list\":\"captions\"") && $0.contains("-t1\"") })
        records[twin] = records[twin].replacingOccurrences(of: "\"list\":\"captions\"", with: "\"list\":\"qa\"")
        try (records.joined(separator: "\n") + "\n").write(toFile: jsonl, atomically: true, encoding: .utf8)
        let tampered = try runScenewright(["verify", dir.path + "/t"])
        #expect(
            tampered.status != 0 && tampered.stdout.contains("flipped caption clauses are not those"),
            "\(tampered.stdout)")
        // Formats with image ids give each twin its own, after its anchor's; verify checks COCO
        // and VQA against the records by those ids.
        let c = dir.path + "/c"
        let coco = try runScenewright([
            "generate", "--twins", "1", "--count", "3", "--format", "folder,coco,vqa,clevr,refcoco", "--out", c,
        ])
        #expect(coco.status == 0, "\(coco.stderr)")
        let instances =
            try JSONSerialization.jsonObject(
                with: try Data(contentsOf: URL(fileURLWithPath: c + "/annotations/instances.json"))) as? [String: Any]
        let images = instances?["images"] as? [[String: Any]] ?? []
        #expect(images.compactMap { $0["id"] as? Int } == [1, 2, 3, 4, 5, 6])
        #expect(images.map { ($0["twin"] as? [String: Any])?["anchor_id"] as? Int } == [nil, 1, nil, 3, nil, 5])
        let vc = try runScenewright(["verify", c])
        #expect(vc.status == 0 && vc.stdout.contains("0 defects"), "\(vc.stdout)\(vc.stderr)")
        // A twin's annotations moved to its anchor's image are caught, under the twin's key.
        let text = try String(contentsOfFile: c + "/annotations/instances.json", encoding: .utf8)
        try text.replacingOccurrences(of: "\"image_id\":2,", with: "\"image_id\":1,").write(
            toFile: c + "/annotations/instances.json", atomically: true, encoding: .utf8)
        let broken = try runScenewright(["verify", c])
        #expect(broken.status != 0 && broken.stdout.contains("000000000-t1"), "\(broken.stdout)")
        let bad = try runScenewright(["generate", "--twins", "17", "--count", "2", "--out", dir.path + "/b"])
        #expect(bad.status != 0 && bad.stderr.contains("--twins must be 0 to 16"))
    }

    /// Plans with lettering keep every text item in their twins (labels renumbered with their
    /// objects); labelled scenes take only the edits that keep objects in place.
    @Test(arguments: ["signs", "labelled"])
    func twinsOfLetteredPlansVerify(_ plan: String) throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let out = dir.path + "/t"
        let g = try runScenewright([
            "generate", "--plan", TestResources.home.path + "/scenes/\(plan).yaml", "--twins", "4", "--count", "12",
            "--format", "folder", "--out", out,
        ])
        #expect(g.status == 0, "\(g.stderr)")
        let v = try runScenewright(["verify", out])
        #expect(v.status == 0 && v.stdout.contains("0 defects"), "\(v.stdout)\(v.stderr)")
        let records = try String(contentsOfFile: out + "/samples.jsonl", encoding: .utf8).split(separator: "\n").map {
            try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] ?? [:]
        }
        #expect(records.count == 60)
        func texts(_ r: [String: Any]) -> [String] {
            (r["texts"] as? [[String: Any]] ?? []).map { "\($0["text"] ?? "")" }
        }
        var kinds = Set<String>()
        for (i, r) in records.enumerated() {
            let anchor = records[i - i % 5]
            #expect(!texts(r).isEmpty && texts(r) == texts(anchor), "\(r["key"] ?? "")")
            if let edit = (r["twin"] as? [String: Any])?["edit"] as? [String: Any] {
                kinds.insert("\(edit["kind"] ?? "")")
            }
        }
        if plan == "labelled" {
            #expect(kinds.isSubset(of: ["recolor", "reshape", "refill", "resize"]), "\(kinds)")
        } else {
            #expect(kinds.contains("remove") || kinds.contains("add") || kinds.contains("swap"), "\(kinds)")
        }
    }

    @Test func chartPlansRefuseTwins() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let g = try runScenewright([
            "generate", "--plan", TestResources.home.path + "/scenes/charts.yaml", "--twins", "1", "--count", "2",
            "--out", dir.path + "/c",
        ])
        #expect(g.status != 0 && g.stderr.contains("chart plans make no counterfactual twins"), "\(g.stderr)")
        // Without twins a chart run verifies clean, and `verify` names the chart check it ran.
        let c = dir.path + "/plain"
        let ok = try runScenewright([
            "generate", "--plan", TestResources.home.path + "/scenes/charts.yaml", "--count", "3", "--out", c,
        ])
        #expect(ok.status == 0, "\(ok.stderr)")
        let v = try runScenewright(["verify", c])
        #expect(v.status == 0 && v.stdout.contains("0 defects") && v.stdout.contains(", chart"), "\(v.stdout)")
    }
}
