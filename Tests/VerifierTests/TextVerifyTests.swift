import DatasetWriters
import Foundation
import SampleRecords
import ScenewrightTestSupport
import Testing

/// `verify` holds text to its pixels: a clean run of a plan with text passes, and a moved word
/// box, a changed string or a shrunk item box is caught as a `text` defect.
@Suite struct TextVerifyTests {
    static let plan = """
        name: text-verify
        objects:
          count: [1, 2]
          sizes: {medium: [19, 24]}
        lettering:
          kind: signs
          count: [2, 3]
          languages:
            en: {words: signs-en, weight: 1}
            zh: {words: signs-zh, weight: 1}
          fonts: {DejaVu Sans: 1, DejaVu Serif: 1, WenQuanYi Micro Hei: 1}
          weights: {regular: 1, bold: 1}
          size: [14, 26]
          rotation: [-20, 20]
        """

    static func dataset(_ dir: TemporaryDirectory) throws -> String {
        let plan = dir.path + "/text-verify.yaml"
        try Self.plan.write(toFile: plan, atomically: true, encoding: .utf8)
        let out = dir.path + "/out"
        let r = try runScenewright([
            "generate", "--plan", plan, "--count", "8", "--seed", "4", "--format", "webdataset", "--masks", "--out",
            out,
            "--quiet",
        ])
        #expect(r.status == 0, "\(r.stderr)")
        return out
    }

    /// Edits the first text item of `key`'s record.
    static func editText(_ out: String, key: String, _ edit: (inout JSONObject) -> Void) throws {
        try DefectInjectionTests.editRecord(out, key: key) { record in
            guard case .object(var fields) = record, case .array(var texts)? = fields["texts"],
                case .object(var first) = texts[0]
            else { return }
            edit(&first)
            texts[0] = .object(first)
            fields["texts"] = .array(texts)
            record = .object(fields)
        }
    }

    @Test func cleanTextVerifiesAndDamageIsCaught() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let out = try Self.dataset(dir)
        let clean = try DefectInjectionTests.verify(out)
        #expect(clean.status == 0, "\(clean.output)")
        #expect(clean.output.contains("8 samples, 0 defects"), "\(clean.output)")
        // A word's box moved one pixel.
        try Self.editText(out, key: "000000001") { t in
            guard case .array(var words)? = t["words"], case .object(var w) = words[0],
                case .array(var box)? = w["bbox"],
                let x = box[0].intValue
            else { return }
            box[0] = .int(x + 1)
            w["bbox"] = .array(box)
            words[0] = .object(w)
            t["words"] = .array(words)
        }
        // Another string in the same place: its words are not the recorded ones, its pixels differ.
        try Self.editText(out, key: "000000003") { t in t["text"] = .string("QUIET PLEASE") }
        // The item's box shrunk: ink lies outside it.
        try Self.editText(out, key: "000000005") { t in
            guard case .array(var box)? = t["bbox"], let w = box[2].intValue else { return }
            box[2] = .int(w - 3)
            t["bbox"] = .array(box)
        }
        let r = try DefectInjectionTests.verify(out)
        #expect(r.status != 0)
        for key in ["000000001", "000000003", "000000005"] {
            #expect(r.defects.contains { $0 == (key, "text") }, "\(key): \(r.output)")
        }
        #expect(r.output.contains("lie outside every text item's box"), "\(r.output)")
        #expect(r.defects.allSatisfy { ["000000001", "000000003", "000000005"].contains($0.0) }, "\(r.output)")
    }

    /// Captions and references of text are checked too: a text reference's box moved, a
    /// caption's quoted string changed.
    @Test func textCaptionsAndReferencesAreChecked() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let out = try Self.dataset(dir)
        try DefectInjectionTests.editRecord(out, key: "000000002") { record in
            guard case .object(var fields) = record, case .array(var refs)? = fields["refs"],
                let k = refs.firstIndex(where: { r in
                    r["program"]?.arrayValue?.contains { $0["type"]?.stringValue == "scene_text" } == true
                }),
                case .object(var ref) = refs[k], case .array(var box)? = ref["bbox"], let y = box[1].intValue
            else { return }
            box[1] = .int(y + 1)
            ref["bbox"] = .array(box)
            refs[k] = .object(ref)
            fields["refs"] = .array(refs)
            record = .object(fields)
        }
        try DefectInjectionTests.editRecord(out, key: "000000004") { record in
            guard case .object(var fields) = record, case .object(var captions)? = fields["captions"],
                case .object(var en)? = captions["en"], let detailed = en["detailed"]?.stringValue,
                let text = record["texts"]?.arrayValue?.first?["text"]?.stringValue
            else { return }
            en["detailed"] = .string(detailed.replacingOccurrences(of: "\"\(text)\"", with: "\"NOT THERE\""))
            captions["en"] = .object(en)
            fields["captions"] = .object(captions)
            record = .object(fields)
        }
        // With the plan, `verify` says every caption again and compares.
        let run = try runScenewright(["verify", out, "--plan", dir.path + "/text-verify.yaml", "--workers", "2"])
        let r = (status: run.status, output: run.stdout + run.stderr)
        #expect(r.status != 0)
        #expect(r.output.contains("000000002 (train/scenewright-000000.tar): [refs]"), "\(r.output)")
        #expect(
            r.output.contains("000000004 (train/scenewright-000000.tar): [text] captions.en.detailed"), "\(r.output)")
        #expect(r.output.contains("is not the union of its text's word boxes"), "\(r.output)")
        #expect(r.output.contains("NOT THERE"), "\(r.output)")
        #expect(r.output.contains("8 samples, 2 defects"), "\(r.output)")
    }
}
