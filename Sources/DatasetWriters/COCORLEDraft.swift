// TEMPORARY: replace with MaskRLE when merging
//
// A private stand-in for `MaskRLE` (owned by another branch) with exactly its API, so the COCO
// format can be written and tested before the two branches meet. When merging: delete this file
// and replace `COCORLEDraft` with `MaskRLE` in COCOFormat.swift and the tests.

/// COCO's run-length encoding of one object's mask, as pycocotools computes it: runs over the
/// pixels in column-major (Fortran) order, the first run counting zeros (0 when the first pixel
/// is set), and the compact string form of `rleToString`.
public enum COCORLEDraft {
    /// Run lengths of `id`'s pixels in the row-major id plane `ids` (`width * height`), read
    /// column by column. The runs alternate zeros and ones, starting with zeros, and sum to
    /// `width * height`. O(width × height).
    public static func counts(ids: [UInt8], width: Int, height: Int, id: UInt8) -> [Int] {
        guard width > 0, height > 0, ids.count >= width * height else { return [] }
        var counts: [Int] = []
        var current = false
        var run = 0
        for x in 0..<width {
            var i = x
            for _ in 0..<height {
                let set = ids[i] == id
                if set != current {
                    counts.append(run)
                    run = 0
                    current = set
                }
                run += 1
                i += width
            }
        }
        counts.append(run)
        return counts
    }

    /// pycocotools' compact string: each count (after the third, as the difference from the
    /// count two before) in little-endian groups of 5 bits, 0x20 marking a continuation, each
    /// group offset by 48 to a printable character.
    public static func string(_ counts: [Int]) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(counts.count * 2)
        for (i, c) in counts.enumerated() {
            var x = c
            if i > 2 { x -= counts[i - 2] }
            var more = true
            while more {
                var c = UInt8(truncatingIfNeeded: x & 0x1f)
                x >>= 5  // arithmetic shift: negative differences end at -1
                more = (c & 0x10) != 0 ? x != -1 : x != 0
                if more { c |= 0x20 }
                out.append(c + 48)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
