import Describer
import SceneModel
import Testing

@testable import DatasetWriters

@Suite struct COCOFormatTests {
    /// Decodes pycocotools' compact string back to run lengths (the inverse of rleToString).
    static func decode(_ s: String) -> [Int] {
        var counts: [Int] = []
        let bytes = Array(s.utf8)
        var p = 0
        while p < bytes.count {
            var x = 0
            var k = 0
            var more = true
            while more {
                let c = Int(bytes[p]) - 48
                x |= (c & 0x1f) << (5 * k)
                more = c & 0x20 != 0
                p += 1
                k += 1
                if !more && c & 0x10 != 0 { x |= -1 << (5 * k) }
            }
            if counts.count > 2 { x += counts[counts.count - 2] }
            counts.append(x)
        }
        return counts
    }

    @Test func rleOfAHandMask() {
        // 3 × 2, row-major: 0 1 1 / 0 1 0. Column-major: 0 0 | 1 1 | 1 0 → runs 2, 3, 1.
        let ids: [UInt8] = [0, 1, 1, 0, 1, 0]
        #expect(MaskRLE.counts(ids: ids, width: 3, height: 2, id: 1) == [2, 3, 1])
        #expect(MaskRLE.string([2, 3, 1]) == "231")  // pycocotools: mask.encode gives b'231'
        // A mask whose first pixel is set starts with an empty run of zeros.
        #expect(MaskRLE.counts(ids: [1, 1, 1, 1, 1, 1], width: 3, height: 2, id: 1) == [0, 6])
        #expect(MaskRLE.string([0, 6]) == "06")
        // Long runs and negative differences (value from pycocotools 2.0 on the same mask).
        var big = [UInt8](repeating: 0, count: 300 * 300)
        for y in 10..<290 { for x in 20..<25 { big[y * 300 + x] = 1 } }
        big[0 * 300 + 299] = 1
        let counts = MaskRLE.counts(ids: big, width: 300, height: 300, id: 1)
        #expect(counts.reduce(0, +) == 300 * 300)
        #expect(MaskRLE.string(counts) == "jk5h8d00000000^X`2YGYP`M")
        #expect(COCOFormatTests.decode(MaskRLE.string(counts)) == counts)
    }

    @Test func instancesAndCaptionsFromTwoShardsMergeToValidCOCO() throws {
        let (run, shards, _) = try FormatFixture.make()
        let files = try FormatFixture.merge(COCOFormat(), run: run, shards: shards)
        let instances = try FormatFixture.canonical(try #require(files["annotations/instances.json"]), "instances")
        #expect(FormatFixture.keys(instances) == ["annotations", "categories", "images", "info", "licenses"])
        let categories = try #require(instances["categories"]?.arrayValue)
        #expect(categories.count == ShapeKind.allCases.count)
        for (c, (id, kind)) in zip(categories, DatasetIDs.categories) {
            #expect(c["id"]?.intValue == id)
            #expect(c["name"]?.stringValue == kind.rawValue)
            #expect(c["supercategory"]?.stringValue == "shape")
        }
        let images = try #require(instances["images"]?.arrayValue)
        #expect(images.compactMap { $0["id"]?.intValue } == [1, 2, 3, 4, 5])
        let samples = shards.flatMap(\.1)
        var seen: [Int] = []
        let annotations = try #require(instances["annotations"]?.arrayValue)
        for s in samples {
            let r = s.record
            let imageID = Int(r.index) + 1
            let image = try #require(images.first { $0["id"]?.intValue == imageID })
            #expect(image["file_name"]?.stringValue == "images/\(r.key).png")
            #expect(image["width"]?.intValue == r.width && image["height"]?.intValue == r.height)
            for o in r.objects {
                let id = imageID * 1000 + o.object.id
                let a = try #require(
                    annotations.first { $0["id"]?.intValue == id }, "key \(r.key) object \(o.object.id)")
                seen.append(id)
                #expect(a["image_id"]?.intValue == imageID)
                #expect(a["iscrowd"]?.intValue == 0)
                #expect(
                    a["category_id"]?.intValue
                        == (ShapeKind.allCases.firstIndex(of: o.object.shape) ?? -1) + 1)
                #expect(a["area"]?.intValue == o.measurement.visiblePixels)
                let box = try #require(o.measurement.bbox)
                #expect(FormatFixture.ints(a["bbox"]) == [box.x, box.y, box.width, box.height])
                // The mask decodes to exactly the object's pixels of the id plane.
                let seg = try #require(a["segmentation"])
                #expect(FormatFixture.ints(seg["size"]) == [r.height, r.width])
                let counts = COCOFormatTests.decode(try #require(seg["counts"]?.stringValue))
                var mask = [Bool](repeating: false, count: r.width * r.height)
                var p = 0
                for (k, c) in counts.enumerated() {
                    for _ in 0..<c where p < mask.count {
                        let (x, y) = (p / r.height, p % r.height)
                        mask[y * r.width + x] = k % 2 == 1
                        p += 1
                    }
                }
                #expect(p == r.width * r.height)
                #expect(mask == s.ids.map { $0 == UInt8(o.object.id) }, "key \(r.key) object \(o.object.id)")
                #expect(mask.filter { $0 }.count == o.measurement.visiblePixels)
            }
        }
        #expect(seen.count == annotations.count)
        #expect(Set(seen).count == seen.count)

        let captions = try FormatFixture.canonical(try #require(files["annotations/captions.json"]), "captions")
        #expect(FormatFixture.keys(captions) == ["annotations", "images", "info", "licenses"])
        let caps = try #require(captions["annotations"]?.arrayValue)
        #expect(caps.count == samples.count * 2)
        for s in samples {
            let imageID = Int(s.record.index) + 1
            let en = try #require(s.record.description.captions.first { $0.language == "en" }?.captions)
            #expect(caps.first { $0["id"]?.intValue == imageID * 1000 }?["caption"]?.stringValue == en.short)
            #expect(caps.first { $0["id"]?.intValue == imageID * 1000 + 1 }?["caption"]?.stringValue == en.detailed)
        }
    }

    @Test func shardFilesAreTheImages() throws {
        let (run, shards, _) = try FormatFixture.make()
        let (info, samples) = shards[1]
        let files = try COCOFormat().shardFiles(info, samples, run: run)
        #expect(files.map(\.path) == samples.map { "images/\($0.record.key).png" })
        #expect(files.map(\.bytes) == samples.map(\.png))
    }

    @Test func aWrongIdPlaneIsAnError() throws {
        let (run, shards, _) = try FormatFixture.make()
        var (info, samples) = shards[0]
        samples[0].ids.removeLast()
        #expect(throws: WriteError.self) { _ = try COCOFormat().pieces(info, samples, run: run) }
    }

    @Test func captionsFallBackToTheFirstLanguage() {
        #expect(COCOFormat.captionLanguage(["zh", "en"]) == "en")
        #expect(COCOFormat.captionLanguage(["zh"]) == "zh")
        #expect(COCOFormat.captionLanguage([]) == nil)
    }
}
