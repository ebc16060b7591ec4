/// COCO run-length encoding of object masks, computed from the id plane: the same encoding
/// pycocotools' `mask.encode` produces, so COCO, RefCOCO and LVIS readers decode our masks with
/// `mask.decode` and get exactly the rasterizer's pixels.
///
/// COCO RLE runs over the mask in column-major (Fortran) order, alternating runs of 0s and 1s
/// and starting with 0s (a first count of 0 when the top-left pixel is set). The annotation's
/// `size` is `[height, width]`. ``string(_:)`` is pycocotools' compact form (`rleToString`).
public enum MaskRLE {
    /// The counts of the mask `ids == id` over a row-major `width * height` plane.
    /// O(width * height).
    public static func counts(ids: [UInt8], width: Int, height: Int, id: Int) -> [Int] {
        counts(ids: ids, width: width, height: height, ids: [id])[0]
    }

    /// The counts of every object in `objectIDs` (in that order) in one pass over the plane.
    /// Ids outside 1...255 get an all-zero mask, and so does every id when the plane is shorter
    /// than `width * height` (the formats check the plane's size first and report it).
    /// O(width * height + runs).
    public static func counts(ids plane: [UInt8], width: Int, height: Int, ids objectIDs: [Int]) -> [[Int]] {
        var counts = counts(ids: plane, width: width, height: height, groups: objectIDs.map { [$0] })
        // Duplicate ids in `objectIDs` share the first one's runs.
        var first = [Int](repeating: -1, count: 256)
        for (k, id) in objectIDs.enumerated() where (1...255).contains(id) {
            if first[id] < 0 { first[id] = k } else { counts[k] = counts[first[id]] }
        }
        return counts
    }

    /// The counts of each group's united mask (a pixel is set when its id is any of the
    /// group's), in one pass over the plane; an id in several groups feeds the first. A text
    /// item's mask unites its words'.
    public static func counts(ids plane: [UInt8], width: Int, height: Int, groups: [[Int]]) -> [[Int]] {
        let n = width * height
        // slot[id]: which output an id's pixels feed, or -1 for untracked ids (background too).
        var slot = [Int](repeating: -1, count: 256)
        for (k, group) in groups.enumerated() {
            for id in group where (1...255).contains(id) && slot[id] < 0 { slot[id] = k }
        }
        var counts = [[Int]](repeating: [], count: groups.count)
        // end[k]: column-major position just after the last set pixel of group k.
        var end = [Int](repeating: 0, count: groups.count)
        guard n > 0, plane.count >= n else { return counts.map { _ in n > 0 ? [n] : [] } }
        // Column by column, in runs of one id: `start..<t` is a run in column-major position.
        for x in 0..<width {
            var offset = x
            var t = x * height
            let columnEnd = t + height
            while t < columnEnd {
                let id = plane[offset]
                let start = t
                repeat {
                    offset += width
                    t += 1
                } while t < columnEnd && plane[offset] == id
                let k = slot[Int(id)]
                guard k >= 0 else { continue }
                if end[k] == start, !counts[k].isEmpty {
                    counts[k][counts[k].count - 1] += t - start
                } else {
                    counts[k].append(start - end[k])
                    counts[k].append(t - start)
                }
                end[k] = t
            }
        }
        for k in counts.indices where end[k] < n || counts[k].isEmpty {
            counts[k].append(n - end[k])
        }
        return counts
    }

    /// pycocotools' compact string (`rleToString`): each count, minus the count two before it
    /// from the fourth on (index 3 and up), as little-endian 5-bit groups with 0x20 marking continuation, sign
    /// taken from bit 0x10 of the last group, each group plus 48.
    public static func string(_ counts: [Int]) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(counts.count * 2)
        for i in counts.indices {
            var x = counts[i]
            if i > 2 { x -= counts[i - 2] }
            var more = true
            while more {
                var c = UInt8(truncatingIfNeeded: x & 0x1f)
                x >>= 5  // arithmetic shift, as in C for negative values
                more = (c & 0x10) != 0 ? x != -1 : x != 0
                if more { c |= 0x20 }
                out.append(c + 48)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The number of set pixels of a mask given by its counts.
    /// The counts of a compact string (pycocotools' `rleFrString`), or nil when it is cut
    /// short: the inverse of ``string(_:)``, for readers that check what was written.
    public static func counts(string: String) -> [Int]? {
        var counts: [Int] = []
        let bytes = Array(string.utf8)
        var p = 0
        while p < bytes.count {
            var x = 0
            var k = 0
            var more = true
            while more {
                guard p < bytes.count else { return nil }
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

    public static func area(_ counts: [Int]) -> Int {
        stride(from: 1, to: counts.count, by: 2).reduce(0) { $0 + counts[$1] }
    }
}
