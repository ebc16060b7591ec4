import Foundation
import SampleRecords
import ScenewrightTestSupport
import Testing

/// `verify` re-executes every conversation turn on the scene measured from the pixels: a clean
/// run has no defect, and each kind of damage to a turn is caught.
@Suite struct ConversationVerifyTests {
    static func dataset(_ dir: TemporaryDirectory) throws -> (out: String, plan: String) {
        var plan = try String(
            contentsOf: TestResources.home.appendingPathComponent("scenes/shapes.yaml"), encoding: .utf8)
        plan = plan.replacingOccurrences(of: "name: shapes", with: "name: shapes-chat")
        plan += "\nconversations: {count: 2, turns: 6, reasoning: steps, false_premise_rate: 0.2}\n"
        let planPath = dir.path + "/chat.yaml"
        try plan.write(toFile: planPath, atomically: true, encoding: .utf8)
        let out = dir.path + "/out"
        let r = try runScenewright([
            "generate", "--plan", planPath, "--count", "16", "--seed", "5", "--format", "folder", "--out", out,
            "--quiet",
        ])
        #expect(r.status == 0, "\(r.stderr)")
        return (out, planPath)
    }

    /// Edits the first record's turns with `edit`, which returns whether it changed one.
    static func damage(_ out: String, _ edit: (inout [JSONValue]) -> Bool) throws {
        let path = out + "/samples.jsonl"
        var lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").map(String.init)
        for (n, line) in lines.enumerated() {
            var record = try JSONValue.parse(Array(line.utf8))
            guard case .object(var fields) = record, case .array(var conversations)? = fields["conversations"] else {
                continue
            }
            var changed = false
            for c in conversations.indices where !changed {
                guard case .object(var conversation) = conversations[c], case .array(var turns)? = conversation["turns"]
                else { continue }
                changed = edit(&turns)
                conversation["turns"] = .array(turns)
                conversations[c] = .object(conversation)
            }
            guard changed else { continue }
            fields["conversations"] = .array(conversations)
            record = .object(fields)
            lines[n] = record.text
            try (lines.joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
            return
        }
        Issue.record("no turn to damage")
    }

    /// Changes the first turn of `kind` with `edit`.
    static func turn(_ kind: String, _ edit: @escaping (inout JSONObject) -> Void) -> (inout [JSONValue]) -> Bool {
        { turns in
            for i in turns.indices {
                guard case .object(var t) = turns[i], t["kind"]?.stringValue == kind else { continue }
                edit(&t)
                turns[i] = .object(t)
                return true
            }
            return false
        }
    }

    @Test func aCleanRunHasNoDefectAndEachDamageIsCaught() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let (out, plan) = try Self.dataset(dir)
        let clean = try runScenewright(["verify", out, "--plan", plan])
        #expect(clean.status == 0 && clean.stdout.contains(" 0 defects"), "\(clean.stdout)\(clean.stderr)")

        let damages: [(String, (inout [JSONValue]) -> Bool)] = [
            (
                "a stated step",
                { turns in
                    for i in turns.indices {
                        guard case .object(var t) = turns[i], case .array(var steps)? = t["reasoning"], !steps.isEmpty,
                            case .object(var s) = steps[0]
                        else { continue }
                        s["value"] = .string("99")
                        steps[0] = .object(s)
                        t["reasoning"] = .array(steps)
                        turns[i] = .object(t)
                        return true
                    }
                    return false
                }
            ),
            ("a box", Self.turn("where") { $0["bbox"] = .array([.int(0), .int(0), .int(3), .int(3)]) }),
            (
                "a verification",
                { turns in
                    // A true claim made false: its "yes" no longer holds.
                    for i in turns.indices {
                        guard case .object(var t) = turns[i], t["kind"]?.stringValue == "verify",
                            ["yes", "是"].contains(t["value"]?.stringValue ?? "")
                        else { continue }
                        t["claimed"] = .string("no-such-color")
                        turns[i] = .object(t)
                        return true
                    }
                    return false
                }
            ),
            ("a follow-up's referent", Self.turn("follow_up") { $0["referent"] = .array([.int(4242)]) }),
            ("a list", Self.turn("list") { $0["referent"] = .array([]) }),
        ]
        for (what, edit) in damages {
            let copy = dir.path + "/damaged"
            try? FileManager.default.removeItem(atPath: copy)
            try FileManager.default.copyItem(atPath: out, toPath: copy)
            try Self.damage(copy, edit)
            // Without the plan: only the re-execution on measured facts can catch it.
            let r = try runScenewright(["verify", copy])
            #expect(r.status != 0 && r.stdout.contains("[conversations]"), "\(what): \(r.stdout)")
        }
    }
}
