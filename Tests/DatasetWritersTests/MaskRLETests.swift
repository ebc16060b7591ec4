import Foundation
import SampleRecords
import ScenewrightTestSupport
import Testing

@testable import DatasetWriters

@Suite struct MaskRLETests {
    // Row-major 3 wide, 2 high:   1 1 0
    //                             0 1 2
    // Column-major: (1,0) (1,1) (0,2)
    static let plane: [UInt8] = [1, 1, 0, 0, 1, 2]

    @Test func handComputedMasks() {
        #expect(MaskRLE.counts(ids: MaskRLETests.plane, width: 3, height: 2, id: 1) == [0, 1, 1, 2, 2])
        #expect(MaskRLE.counts(ids: MaskRLETests.plane, width: 3, height: 2, id: 2) == [5, 1])
        #expect(MaskRLE.counts(ids: MaskRLETests.plane, width: 3, height: 2, id: 3) == [6])
        #expect(MaskRLE.counts(ids: [7, 7, 7, 7], width: 2, height: 2, id: 7) == [0, 4])
        #expect(MaskRLE.counts(ids: [], width: 0, height: 0, id: 1) == [])
        #expect(MaskRLE.string([0, 1, 1, 2, 2]) == "01111")
        #expect(MaskRLE.string([5, 1]) == "51")
        // Large values take continuation groups: 100 = 0b11_00100 -> (4 | 0x20) + 48, 3 + 48.
        #expect(MaskRLE.string([100]) == "T3")
        // From the fourth count on, the delta to the count two before: 3 - 100 = -97 =
        // ...11100_11111 -> (31 | 0x20) + 48 = "o", then 0b11100 (sign bit set, the rest is all
        // ones, so it ends) + 48 = "L".
        #expect(MaskRLE.string([0, 100, 5, 3]) == "0T35oL")
        #expect(MaskRLE.area([0, 1, 1, 2, 2]) == 3)
    }

    @Test func onePassEqualsOnePassPerObject() throws {
        for sample in try FormatFixtures.samples(0..<4) {
            let r = sample.record
            let ids = r.objects.map(\.object.id)
            let all = MaskRLE.counts(ids: sample.ids, width: r.width, height: r.height, ids: ids + [ids[0]])
            for (k, id) in ids.enumerated() {
                let one = MaskRLE.counts(ids: sample.ids, width: r.width, height: r.height, id: id)
                #expect(all[k] == one, "index \(r.index) object \(id)")
                #expect(one.reduce(0, +) == r.width * r.height)
                #expect(MaskRLE.area(one) == r.objects[k].measurement.visiblePixels, "index \(r.index) object \(id)")
            }
            #expect(all[ids.count] == all[0])
        }
    }

    /// Decodes the compact strings in pure Python, independent of pycocotools.
    @Test func pythonDecodersAgree() throws { try Self.decodeInPython(withPycocotools: false) }

    /// The same, and compared with pycocotools' own encoding and decoding of each mask.
    @Test(.enabled(if: FormatFixtures.pythonHas("pycocotools"), "pycocotools missing: run scripts/setup.sh --python"))
    func pycocotoolsAgrees() throws { try Self.decodeInPython(withPycocotools: true) }

    static func decodeInPython(withPycocotools: Bool) throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        var planes: [(key: String, ids: [UInt8], width: Int, height: Int, objects: [Int])] = []
        for sample in try FormatFixtures.samples(0..<3) {
            let r = sample.record
            planes.append((r.key, sample.ids, r.width, r.height, r.objects.map(\.object.id)))
        }
        planes.append(MaskRLETests.handPlane)
        var cases: [JSONValue] = []
        for p in planes {
            let planePath = dir.file("\(p.key).ids").path
            try Data(p.ids).write(to: URL(fileURLWithPath: planePath))
            for id in p.objects {
                let counts = MaskRLE.counts(ids: p.ids, width: p.width, height: p.height, id: id)
                cases.append(
                    .object([
                        "plane": .string(planePath), "width": .int(p.width), "height": .int(p.height),
                        "id": .int(id), "counts": .string(MaskRLE.string(counts)),
                        "raw": .array(counts.map { .int($0) }),
                    ]))
            }
        }
        let script = #"""
            import json, sys
            def decode_string(s):
                counts, p = [], 0
                while p < len(s):
                    x, k, more = 0, 0, True
                    while more:
                        c = ord(s[p]) - 48
                        x |= (c & 0x1f) << (5 * k)
                        more = bool(c & 0x20)
                        p += 1
                        k += 1
                        if not more and (c & 0x10):
                            x |= -1 << (5 * k)
                    if len(counts) > 2:
                        x += counts[-2]
                    counts.append(x)
                return counts
            cases = json.loads(sys.stdin.read())
            cocomask = None
            if sys.argv[1] == "pycocotools":
                import numpy as np
                from pycocotools import mask as cocomask
            checked = 0
            for c in cases:
                plane = open(c["plane"], "rb").read()
                w, h = c["width"], c["height"]
                counts = decode_string(c["counts"])
                assert counts == c["raw"], (c["id"], counts[:8], c["raw"][:8])
                flat = [0] * (w * h)  # column-major
                t, v = 0, 0
                for n in counts:
                    for i in range(t, t + n):
                        flat[i] = v
                    t, v = t + n, 1 - v
                assert t == w * h
                for y in range(h):
                    for x in range(w):
                        assert flat[x * h + y] == (plane[y * w + x] == c["id"]), (c["id"], x, y)
                if cocomask is not None:
                    m = (np.frombuffer(plane, dtype=np.uint8).reshape(h, w) == c["id"]).astype(np.uint8)
                    rle = cocomask.encode(np.asfortranarray(m))
                    assert rle["counts"].decode() == c["counts"], c["id"]
                    assert rle["size"] == [h, w]
                    back = cocomask.decode({"size": [h, w], "counts": c["counts"]})
                    assert (back == m).all()
                checked += 1
            print("pycocotools" if cocomask else "pure", checked)
            """#
        let mode = withPycocotools ? "pycocotools" : "pure"
        let r = try FormatFixtures.python(script, [mode], stdin: JSONValue.array(cases).bytes)
        #expect(r.status == 0, "\(r.err)")
        #expect(r.out == "\(mode) \(cases.count)\n", "\(r.out)")
    }

    /// A plane whose masks have runs that span columns and deltas that go negative.
    static var handPlane: (key: String, ids: [UInt8], width: Int, height: Int, objects: [Int]) {
        let (width, height) = (37, 23)
        var ids = [UInt8](repeating: 0, count: width * height)
        for y in 0..<height { for x in 0..<width where (x * 7 + y * 3) % 11 < 4 { ids[y * width + x] = 1 } }
        for y in 0..<height { ids[y * width + width - 1] = 2 }
        for x in 0..<width { ids[x] = 3 }
        return ("hand", ids, width, height, [1, 2, 3, 4])
    }
}

@Suite struct MaskRLEDecodingTests {
    /// The compact string reads back to the counts it was written from, over runs of every size
    /// the 5-bit groups and the differences against the count two before can produce.
    @Test func stringsReadBackToTheirCounts() {
        var rng = SplitMixForTest(seed: 7)
        for length in 1..<40 {
            let counts = (0..<length).map { i in i == 0 ? Int(rng.next() % 3) : 1 + Int(rng.next() % 70_000) }
            #expect(MaskRLE.counts(string: MaskRLE.string(counts)) == counts, "\(counts)")
        }
        #expect(MaskRLE.counts(string: "j") == nil)  // a continuation group with nothing after it
    }
}

/// A few random numbers for the test (SceneModel's generator is not a dependency here).
struct SplitMixForTest {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
