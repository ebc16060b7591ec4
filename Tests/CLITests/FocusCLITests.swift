import Foundation
import ScenewrightTestSupport
import Testing

/// `generate --focus REPORT`: a derived plan that leans toward a model's errors, saved with the
/// run, deterministic and verifiable; bad reports are errors naming file and field.
@Suite struct FocusCLITests {
    static func records(_ folder: String) throws -> [[String: Any]] {
        try String(contentsOfFile: folder + "/samples.jsonl", encoding: .utf8).split(separator: "\n").map {
            try JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any]
        }
    }

    /// Shares of `count` questions and of red objects in a folder's records.
    static func shares(_ folder: String) throws -> (count: Double, red: Double) {
        let recs = try records(folder)
        let qa = recs.flatMap { $0["qa"] as! [[String: Any]] }
        let objects = recs.flatMap { $0["objects"] as! [[String: Any]] }
        return (
            Double(qa.filter { $0["family"] as? String == "count" }.count) / Double(qa.count),
            Double(objects.filter { $0["color"] as? String == "red" }.count) / Double(objects.count)
        )
    }

    /// Answers every question right except `count` questions and those naming red things.
    static func predictions(_ folder: String, to path: String) throws {
        var lines = ""
        for r in try records(folder) {
            for (k, q) in (r["qa"] as! [[String: Any]]).enumerated() {
                let program = q["program"] as! [[String: Any]]
                let red = program.contains { ($0["value_inputs"] as? [String])?.contains("red") == true }
                let wrong = q["family"] as? String == "count" || red
                let answer = wrong ? "no such answer" : q["answer"] as! String
                let line = try JSONSerialization.data(withJSONObject: ["id": "\(r["key"]!)/qa/\(k)", "answer": answer])
                lines += String(decoding: line, as: UTF8.self) + "\n"
            }
        }
        try Data(lines.utf8).write(to: URL(fileURLWithPath: path))
    }

    @Test func aFocusedRunLeansTowardTheErrorsIsDeterministicAndVerifies() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let d = dir.path
        let g = try runScenewright(["generate", "--count", "40", "--format", "folder", "--out", d + "/base"])
        #expect(g.status == 0, "\(g.stderr)")
        try Self.predictions(d + "/base", to: d + "/p.jsonl")
        let s = try runScenewright([
            "score", "--dataset", d + "/base", "--predictions", d + "/p.jsonl", "--out", d + "/r",
        ])
        #expect(s.status == 0, "\(s.stderr)")
        let report = try String(contentsOfFile: d + "/r/score.json", encoding: .utf8)
        #expect(report.contains("\"plan\":{\"crc32\":") && report.contains("\"color=red\""))

        let f = try runScenewright([
            "generate", "--count", "40", "--format", "folder", "--out", d + "/f", "--focus", d + "/r/score.json",
        ])
        #expect(f.status == 0, "\(f.stderr)")
        #expect(
            f.stderr.contains("focus: text.families.count: 1 -> ") && f.stderr.contains("focus: objects.colors.red"))
        let base = try Self.shares(d + "/base")
        let focused = try Self.shares(d + "/f")
        #expect(focused.count > 2 * base.count, "count share \(base.count) -> \(focused.count)")
        #expect(focused.red > 1.5 * base.red, "red share \(base.red) -> \(focused.red)")

        let plan = try String(contentsOfFile: d + "/f/focus-plan.yaml", encoding: .utf8)
        #expect(plan.contains("name: shapes-focus"))
        let run = try String(contentsOfFile: d + "/f/run.json", encoding: .utf8)
        #expect(run.contains("\"focus_plan\":\"focus-plan.yaml\"") && run.contains("\"plan\":\"shapes-focus\""))
        // Floor: every family keeps at least 0.2 of its (rescaled) weight; none is 0.
        for family in ["exist", "query_color", "two_hop"] {
            let line = plan.split(separator: "\n").first { $0.hasPrefix("    \(family): ") }
            let weight = line.flatMap { Double($0.split(separator: " ").last!) } ?? 0
            #expect(weight >= 0.2, "\(family): \(String(describing: line))")
        }

        // The same report and plan give the same bytes; the derived plan re-runs with --plan.
        let again = try runScenewright([
            "generate", "--count", "2", "--format", "folder", "--out", d + "/g", "--focus", d + "/r/score.json",
        ])
        #expect(again.status == 0, "\(again.stderr)")
        #expect(try String(contentsOfFile: d + "/g/focus-plan.yaml", encoding: .utf8) == plan)
        let rerun = try runScenewright([
            "generate", "--count", "40", "--format", "folder", "--out", d + "/h", "--plan", d + "/f/focus-plan.yaml",
        ])
        #expect(rerun.status == 0, "\(rerun.stderr)")
        #expect(
            try String(contentsOfFile: d + "/h/samples.jsonl", encoding: .utf8)
                == String(contentsOfFile: d + "/f/samples.jsonl", encoding: .utf8))

        let v = try runScenewright(["verify", d + "/f"])
        #expect(
            v.status == 0 && v.stdout.contains(" 0 defects") && !v.stderr.contains("not found"),
            "\(v.stdout)\(v.stderr)")
        let resumed = try runScenewright([
            "generate", "--count", "40", "--format", "folder", "--out", d + "/f", "--focus", d + "/r/score.json",
            "--resume", "--quiet",
        ])
        #expect(resumed.status == 0, "\(resumed.stderr)")
    }

    @Test func twinGroupsWeighTheEditsAndTheRunVerifies() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let d = dir.path
        let g = try runScenewright([
            "generate", "--count", "8", "--twins", "1", "--format", "folder", "--out", d + "/t",
        ])
        #expect(g.status == 0, "\(g.stderr)")
        let s = try runScenewright(["score", "--dataset", d + "/t", "--baseline", "random", "--out", d + "/r"])
        #expect(s.status == 0, "\(s.stderr)")
        let f = try runScenewright([
            "generate", "--count", "8", "--twins", "1", "--format", "folder", "--out", d + "/f", "--focus",
            d + "/r/score.json",
        ])
        #expect(f.status == 0, "\(f.stderr)")
        #expect(
            try String(contentsOfFile: d + "/f/focus-plan.yaml", encoding: .utf8).contains("twin_edits:\n  recolor: "))
        let v = try runScenewright(["verify", d + "/f"])
        #expect(v.status == 0 && v.stdout.contains(" 0 defects"), "\(v.stdout)\(v.stderr)")
    }

    @Test func badReportsNameFileAndField() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let d = dir.path
        let g = try runScenewright(["generate", "--count", "4", "--format", "folder", "--out", d + "/base"])
        #expect(g.status == 0, "\(g.stderr)")
        let s = try runScenewright(["score", "--dataset", d + "/base", "--baseline", "prior", "--out", d + "/r"])
        #expect(s.status == 0, "\(s.stderr)")
        let good = try String(contentsOfFile: d + "/r/score.json", encoding: .utf8)
        func focus(_ text: String, _ extra: [String] = []) throws -> CommandResult {
            try Data(text.utf8).write(to: URL(fileURLWithPath: d + "/bad.json"))
            return try runScenewright(
                [
                    "generate", "--count", "2", "--format", "folder", "--out", d + "/o", "--overwrite", "--focus",
                    d + "/bad.json",
                ]
                    + extra)
        }
        let cases: [(String, [String], String)] = [
            ("{not json", [], "not JSON"),
            ("{\"tasks\": {}}", [], "field 'score_version': missing: not a score report"),
            (
                good.replacingOccurrences(of: "\"score_version\":2", with: "\"score_version\":1"), [],
                "field 'score_version': 1"
            ),
            (good.replacingOccurrences(of: "\"plan\":{", with: "\"plan\":null,\"x\":{"), [], "field 'key.plan'"),
            (
                good, ["--plan", TestResources.home.path + "/scenes/clevr2d.yaml"],
                "the report scores a dataset of plan 'shapes'"
            ),
            (good.replacingOccurrences(of: "\"correct\":", with: "\"right\":"), [], "field 'tasks.vqa.by."),
        ]
        for (text, extra, message) in cases {
            let r = try focus(text, extra)
            #expect(r.status != 0, "\(message)")
            #expect(r.stderr.contains(d + "/bad.json: ") && r.stderr.contains(message), "\(message): \(r.stderr)")
        }
        let missing = try runScenewright(["generate", "--count", "2", "--out", d + "/o2", "--focus", d + "/none.json"])
        #expect(missing.status != 0 && missing.stderr.contains(d + "/none.json: cannot read the report"))
    }
}
