import Foundation
import SampleRecords
import SceneModel
import ScenewrightTestSupport
import Testing

@testable import DatasetWriters

@Suite struct RefCOCOFormatTests {
    @Test func idsAreUniqueAndAreasMatchTheMeasurements() throws {
        let samples = try FormatFixtures.samples(0..<6)
        let run = try FormatFixtures.run(count: 6, samplesPerShard: 4)
        let format = RefCOCOFormat()
        var pieces: [[(name: String, bytes: [UInt8])]] = []
        for shard in run.shards {
            let start = Int(shard.firstIndex)
            pieces.append(try format.pieces(shard, Array(samples[start..<(start + shard.count)]), run: run))
        }
        #expect(try format.shardFiles(run.shards[0], samples, run: run).isEmpty)
        let instancesFile = format.mergedFiles(run).first { $0.path == RefCOCOFormat.instancesPath }
        let instances = try JSONValue.parse(FormatFixtures.assemble(try #require(instancesFile), pieces: pieces))
        let images = instances["images"]?.arrayValue ?? []
        let annotations = instances["annotations"]?.arrayValue ?? []
        #expect(images.compactMap { $0["id"]?.intValue } == Array(1...6))
        let annIDs = annotations.compactMap { $0["id"]?.intValue }
        #expect(Set(annIDs).count == annIDs.count)
        #expect(annotations.count == samples.reduce(0) { $0 + $1.record.objects.count })
        var k = 0
        for sample in samples {
            for o in sample.record.objects {
                let a = annotations[k]
                k += 1
                #expect(a["id"]?.intValue == (Int(sample.record.index) + 1) * 1000 + o.object.id)
                #expect(a["area"]?.intValue == o.measurement.visiblePixels, "index \(sample.record.index)")
                #expect(a["category_id"]?.intValue == DatasetIDs.category(o.object.shape))
            }
        }
        #expect(instances["categories"]?.arrayValue?.count == ShapeKind.allCases.count)
    }

    @Test func expressionsOfOneObjectAreOneRef() throws {
        let sample = try FormatFixtures.samples(0..<1)[0]
        let run = try FormatFixtures.run(count: 1, samplesPerShard: 1)
        var images = JSONWriter()
        var annotations = JSONWriter()
        var refs: [JSONValue] = []
        try RefCOCOFormat.write(sample, run: run, images: &images, annotations: &annotations, refs: &refs)
        let items = sample.record.description.refs
        var objects: [Int] = []
        for item in items where !objects.contains(item.objectID) { objects.append(item.objectID) }
        #expect(refs.count == objects.count)
        let sentences = refs.flatMap { $0["sentences"]?.arrayValue ?? [] }
        #expect(sentences.count == items.count)
        #expect(Set(sentences.compactMap { $0["sent_id"]?.intValue }) == Set((0..<items.count).map { 1000 + $0 }))
        for ref in refs {
            #expect(ref["ref_id"] == ref["sent_ids"]?.arrayValue?.first)
            #expect(ref["split"]?.stringValue == "train")
        }
    }

    @Test func tokensFollowRefCOCO() {
        #expect(
            RefCOCOFormat.tokenize("The red circle, left of the Square.") == [
                "the", "red", "circle", "left", "of", "the", "square",
            ])
        #expect(RefCOCOFormat.tokenize("红色的圆。") == ["红", "色", "的", "圆"])
    }

    @Test func expressionAboutAMissingObjectIsAnError() throws {
        var sample = try FormatFixtures.samples(0..<1)[0]
        let run = try FormatFixtures.run(count: 1, samplesPerShard: 1)
        try #require(!sample.record.description.refs.isEmpty)
        sample.record.description.refs[0].objectID = 200
        #expect(throws: WriteError.self) { _ = try RefCOCOFormat().pieces(run.shards[0], [sample], run: run) }
        sample.ids = []
        #expect(throws: WriteError.self) { _ = try RefCOCOFormat().pieces(run.shards[0], [sample], run: run) }
    }

    /// Written as the sink would, then loaded the way REFER's `__init__` and `createIndex` do.
    @Test func referStyleLoading() throws { try Self.loadReferStyle(withPycocotools: false) }

    /// The same, and masks decoded with pycocotools as REFER's `getMask` does equal the id plane.
    @Test(.enabled(if: FormatFixtures.pythonHas("pycocotools"), "pycocotools missing: run scripts/setup.sh --python"))
    func referStyleMasks() throws { try Self.loadReferStyle(withPycocotools: true) }

    static func loadReferStyle(withPycocotools: Bool) throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let samples = try FormatFixtures.samples(0..<5)
        let run = try FormatFixtures.run(count: 5, samplesPerShard: 2)
        try FormatFixtures.write(RefCOCOFormat(images: true), samples, run: run, to: dir.url)
        for s in samples { try Data(s.ids).write(to: dir.file("\(s.record.index + 1).ids")) }
        let script = #"""
            import json, os, pickle, sys
            root = sys.argv[1]
            refs = pickle.load(open(os.path.join(root, "refcoco", "refs(scenewright).p"), "rb"))
            inst = json.load(open(os.path.join(root, "refcoco", "instances.json")))
            anns = {a["id"]: a for a in inst["annotations"]}
            imgs = {i["id"]: i for i in inst["images"]}
            cats = {c["id"]: c["name"] for c in inst["categories"]}
            assert len(anns) == len(inst["annotations"]) and len(imgs) == 5
            ref_ids, sent_ids, ann_to_ref = set(), set(), {}
            for ref in refs:
                assert ref["ann_id"] in anns and ref["image_id"] in imgs and ref["category_id"] in cats
                assert anns[ref["ann_id"]]["category_id"] == ref["category_id"]
                assert ref["split"] == "train" and ref["ref_id"] not in ref_ids
                assert ref["ann_id"] not in ann_to_ref, "REFER keeps one ref per annotation"
                ref_ids.add(ref["ref_id"]); ann_to_ref[ref["ann_id"]] = ref
                assert [s["sent_id"] for s in ref["sentences"]] == ref["sent_ids"]
                for s in ref["sentences"]:
                    assert s["sent_id"] not in sent_ids and s["raw"] and s["tokens"]
                    assert s["sent"] == " ".join(s["tokens"])
                    sent_ids.add(s["sent_id"])
                assert os.path.exists(os.path.join(root, "images/mscoco/images/train2014", ref["file_name"]))
            checked = 0
            if sys.argv[2] == "pycocotools":
                import numpy as np
                from pycocotools import mask
                for a in inst["annotations"]:
                    img = imgs[a["image_id"]]
                    w, h = img["width"], img["height"]
                    m = np.sum(mask.decode(a["segmentation"]), axis=2).astype(np.uint8)  # as getMask
                    plane = np.frombuffer(open(os.path.join(root, f"{a['image_id']}.ids"), "rb").read(),
                                          dtype=np.uint8).reshape(h, w)
                    assert (m == (plane == a["id"] % 1000)).all(), a["id"]
                    assert int(m.sum()) == a["area"] == int(sum(mask.area(a["segmentation"])))
                    ys, xs = np.nonzero(m)
                    assert a["bbox"] == [int(xs.min()), int(ys.min()), int(xs.max() - xs.min() + 1),
                                         int(ys.max() - ys.min() + 1)], (a["id"], a["bbox"])
                    checked += 1
            print("ok", len(refs), checked)
            """#
        let r = try FormatFixtures.python(script, [dir.path, withPycocotools ? "pycocotools" : "pure"])
        #expect(r.status == 0 && r.out.hasPrefix("ok"), "\(r.out) \(r.err)")
        let counts = r.out.split(separator: " ").compactMap { Int($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
        #expect(counts.first ?? 0 > 0, "no refs: \(r.out)")
        let masks = withPycocotools ? samples.reduce(0) { $0 + $1.record.objects.count } : 0
        #expect(counts.last == masks, "\(r.out)")
    }
}
