import DatasetWriters
import Foundation
import PNGCodec
import SampleRecords
import ScenewrightTestSupport
import Testing

/// Each way of damaging a dataset that `verify` claims to catch, caught with the right key and
/// check; and a clean dataset passes.
@Suite struct DefectInjectionTests {
    static let generate = [
        "generate", "--count", "12", "--shard-size", "6", "--seed", "21", "--format", "webdataset,folder,coco,vqa",
        "--masks", "--quiet",
    ]

    /// A fresh copy of a generated dataset.
    static func dataset(_ dir: TemporaryDirectory, _ name: String) throws -> String {
        let out = dir.path + "/" + name
        let r = try runScenewright(generate + ["--out", out])
        #expect(r.status == 0, "\(r.stderr)")
        return out
    }

    /// `verify`'s defect lines, as (key, check).
    static func verify(_ out: String) throws -> (status: Int32, defects: [(String, String)], output: String) {
        let r = try runScenewright(["verify", out, "--workers", "2"])
        let defects = r.stdout.split(separator: "\n").compactMap { line -> (String, String)? in
            guard let colon = line.firstIndex(of: ":"), let open = line.firstIndex(of: "["),
                let close = line.firstIndex(of: "]"), open > colon
            else { return nil }
            // `<key> (<file>): [<check>] ...`: the key ends at the file's parenthesis.
            let key = line[..<colon].split(separator: " (", maxSplits: 1).first ?? line[..<colon]
            return (String(key), String(line[line.index(after: open)..<close]))
        }
        return (r.status, defects, r.stdout + r.stderr)
    }

    /// Rewrites the shard holding `key`, changing its entries with `edit`.
    static func editShard(_ out: String, key: String, _ edit: (inout [(name: String, bytes: [UInt8])]) throws -> Void)
        throws
    {
        let train = out + "/train"
        for name in try FileManager.default.contentsOfDirectory(atPath: train) where name.hasSuffix(".tar") {
            let path = train + "/" + name
            let tar = try #require(FileManager.default.contents(atPath: path))
            var entries = try TarReader.entries([UInt8](tar)).get().map { (name: $0.name, bytes: $0.bytes) }
            guard entries.contains(where: { $0.name.hasPrefix(key + ".") }) else { continue }
            try edit(&entries)
            var archive = TarArchive()
            for e in entries { try archive.add(name: e.name, bytes: e.bytes) }
            try Data(archive.finished()).write(to: URL(fileURLWithPath: path))
            return
        }
        Issue.record("no shard holds \(key)")
    }

    /// Changes the record of `key` inside its shard.
    static func editRecord(_ out: String, key: String, _ edit: (inout JSONValue) -> Void) throws {
        try editShard(out, key: key) { entries in
            let i = try #require(entries.firstIndex { $0.name == key + ".json" })
            var record = try JSONValue.parse(entries[i].bytes)
            edit(&record)
            entries[i].bytes = record.bytes
        }
    }

    @Test func cleanDatasetPasses() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let out = try Self.dataset(dir, "clean")
        let r = try Self.verify(out)
        #expect(r.status == 0, "\(r.output)")
        #expect(r.defects.isEmpty)
        #expect(r.output.contains("12 samples, 0 defects"))
    }

    @Test func recoloredPixelsAreCaught() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let out = try Self.dataset(dir, "recolor")
        let key = "000000004"
        try Self.editShard(out, key: key) { entries in
            let i = try #require(entries.firstIndex { $0.name == key + ".png" })
            var image = try PNGDecoder.decode(entries[i].bytes)
            // A 12x12 block of pure red in the top-left corner.
            for y in 0..<12 {
                for x in 0..<12 {
                    let p = 3 * (y * image.width + x)
                    image.rgb[p] = 230
                    image.rgb[p + 1] = 25
                    image.rgb[p + 2] = 75
                }
            }
            entries[i].bytes = try PNGEncoder(options: PNGOptions()).encode(
                rgb: image.rgb, width: image.width, height: image.height)
        }
        let r = try Self.verify(out)
        #expect(r.status != 0)
        #expect(r.defects.contains { $0 == (key, "pixels") }, "\(r.output)")
        #expect(r.defects.allSatisfy { $0.0 == key }, "\(r.output)")
    }

    @Test func movedBoxIsCaught() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let out = try Self.dataset(dir, "box")
        let key = "000000007"
        try Self.editRecord(out, key: key) { record in
            guard case .object(var fields) = record, case .array(var objects)? = fields["objects"],
                case .object(var first) = objects[0], case .array(var box)? = first["bbox"],
                let x = box[0].intValue
            else { return }
            box[0] = .int(x + 3)
            first["bbox"] = .array(box)
            objects[0] = .object(first)
            fields["objects"] = .array(objects)
            record = .object(fields)
        }
        let r = try Self.verify(out)
        #expect(r.status != 0)
        #expect(r.defects.contains { $0 == (key, "measure") }, "\(r.output)")
    }

    @Test func changedAnswerIsCaught() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let out = try Self.dataset(dir, "answer")
        let key = "000000002"
        try Self.editRecord(out, key: key) { record in
            guard case .object(var fields) = record, case .array(var qa)? = fields["qa"], case .object(var q) = qa[0],
                let answer = q["answer"]?.stringValue
            else { return }
            q["answer"] = .string(answer == "yes" ? "no" : answer == "1" ? "2" : "yes")
            qa[0] = .object(q)
            fields["qa"] = .array(qa)
            record = .object(fields)
        }
        let r = try Self.verify(out)
        #expect(r.status != 0)
        #expect(r.defects.contains { $0 == (key, "qa") }, "\(r.output)")
    }

    @Test func ambiguousReferringExpressionIsCaught() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let out = try Self.dataset(dir, "refs")
        let key = "000000005"
        try Self.editRecord(out, key: key) { record in
            // "the object": every object, so not exactly one.
            guard case .object(var fields) = record, case .array(var refs)? = fields["refs"],
                case .object(var ref) = refs[0]
            else { return }
            let node = { (type: String, inputs: [Int]) -> JSONValue in
                .object(["inputs": .array(inputs.map { .int($0) }), "type": .string(type), "value_inputs": .array([])])
            }
            ref["program"] = .array([node("scene", []), node("unique", [0])])
            ref["text"] = .string("the object")
            refs[0] = .object(ref)
            fields["refs"] = .array(refs)
            record = .object(fields)
        }
        let r = try Self.verify(out)
        #expect(r.status != 0)
        #expect(r.defects.contains { $0 == (key, "refs") }, "\(r.output)")
        #expect(r.defects.contains { $0 == (key, "text") }, "\(r.output)")
    }

    @Test func droppedTarFileIsCaught() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let out = try Self.dataset(dir, "drop")
        let key = "000000009"
        try Self.editShard(out, key: key) { entries in entries.removeAll { $0.name == key + ".png" } }
        let r = try Self.verify(out)
        #expect(r.status != 0)
        #expect(r.defects.contains { $0 == (key, "tar") }, "\(r.output)")
    }

    @Test func truncatedPNGIsCaught() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let out = try Self.dataset(dir, "truncate")
        let key = "000000010"
        try Self.editShard(out, key: key) { entries in
            let i = try #require(entries.firstIndex { $0.name == key + ".png" })
            entries[i].bytes = Array(entries[i].bytes.prefix(entries[i].bytes.count / 2))
        }
        let r = try Self.verify(out)
        #expect(r.status != 0)
        #expect(r.defects.contains { $0 == (key, "png") }, "\(r.output)")
    }

    @Test func cocoAnnotationOutOfStepIsCaught() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let out = try Self.dataset(dir, "coco")
        let path = out + "/annotations/instances.json"
        var text = try String(contentsOfFile: path, encoding: .utf8)
        // The first annotation's area, off by one.
        let range = try #require(text.range(of: "\"area\":"))
        let digits = text[range.upperBound...].prefix { $0.isNumber }
        let area = try #require(Int(digits))
        text.replaceSubrange(
            range.upperBound..<text.index(range.upperBound, offsetBy: digits.count), with: "\(area + 1)")
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        let r = try Self.verify(out)
        #expect(r.status != 0)
        #expect(r.defects.contains { $0 == ("000000000", "coco") }, "\(r.output)")
    }
}
