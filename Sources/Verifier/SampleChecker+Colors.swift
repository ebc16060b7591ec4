import SampleRecords
import SceneModel

/// The independent look at the decoded pixels: each palette color only where objects of that
/// color are.
extension SampleChecker {
    /// Palette colors outside the boxes of objects of that color, and objects whose visible
    /// region is not mostly their own color.
    ///
    /// Anti-aliasing blends colors at edges, and a blend can land exactly on another palette
    /// color (black over white at half coverage is gray), so a stray pixel counts only when its
    /// four neighbours have its color too: real paint, not an edge. A color is allowed inside
    /// the (one pixel grown) box of an object drawn with it, as fill or pattern tint.
    static func colorDefects(_ record: SampleRecord, _ rgb: [UInt8], ids: [UInt8], key: String) -> [Defect] {
        var out: [Defect] = []
        let width = record.width
        let height = record.height
        var colors: [(RGB, [PixelBox])] = []
        func allow(_ c: RGB, _ box: PixelBox) {
            if let i = colors.firstIndex(where: { $0.0 == c }) {
                colors[i].1.append(box)
            } else {
                colors.append((c, [box]))
            }
        }
        for o in record.objects {
            guard let box = o.measurement.bbox else { continue }
            let grown = PixelBox(x: box.x - 1, y: box.y - 1, width: box.width + 2, height: box.height + 2)
            allow(o.object.color.rgb, grown)
            allow(FillStyle.tint(of: o.object.color.rgb), grown)
        }
        // A chart's ink is also its axes' and ticks' color; its marks are held to their values.
        for t in record.chart == nil ? record.texts ?? [] : [] {
            if let box = t.measurement.inkBox { allow(t.item.color.rgb, box) }
        }
        func color(_ x: Int, _ y: Int) -> RGB {
            let p = 3 * (y * width + x)
            return RGB(rgb[p], rgb[p + 1], rgb[p + 2])
        }
        let table = ColorTable(colors.map(\.0))
        var strays: [(RGB, Int, Int, Int)] = []  // color, count, first x, first y
        for y in 1..<max(1, height - 1) {
            for x in 1..<max(1, width - 1) {
                let p = 3 * (y * width + x)
                guard let k = table.index(rgb[p], rgb[p + 1], rgb[p + 2]) else { continue }
                let c = colors[k].0
                let entry = colors[k]
                let inside = entry.1.contains { b in
                    let inX = x >= b.x && x < b.x + b.width
                    return inX && y >= b.y && y < b.y + b.height
                }
                if inside { continue }
                guard color(x - 1, y) == c, color(x + 1, y) == c, color(x, y - 1) == c, color(x, y + 1) == c else {
                    continue
                }
                if let i = strays.firstIndex(where: { $0.0 == c }) {
                    strays[i].1 += 1
                } else {
                    strays.append((c, 1, x, y))
                }
            }
        }
        for (c, n, x, y) in strays {
            let name = record.objects.first { $0.object.color.rgb == c }?.object.color.name ?? "a pattern tint"
            out.append(
                Defect(
                    key, "colors", "\(n) pixels of \(name) lie outside every \(name) object's box (first at \(x),\(y))")
            )
        }
        // Within each object's visible pixels, its own color (or tint) beats every other
        // color of the scene (other objects', the background's).
        // One pass: per object id, pixels of its own color or tint, and of each other scene color.
        let background = record.background.rgb
        var sceneColors = colors.map(\.0)
        if !sceneColors.contains(background) { sceneColors.append(background) }
        var ownColors = [(own: RGB, tint: RGB)?](repeating: nil, count: 256)
        for o in record.objects where (1...255).contains(o.object.id) {
            ownColors[o.object.id] = (o.object.color.rgb, FillStyle.tint(of: o.object.color.rgb))
        }
        let sceneTable = ColorTable(sceneColors)
        var mine = [Int](repeating: 0, count: 256)
        var others = [[Int]](repeating: [], count: 256)
        for i in 0..<(width * height) {
            let id = Int(ids[i])
            guard id > 0, let colors = ownColors[id] else { continue }
            let c = RGB(rgb[3 * i], rgb[3 * i + 1], rgb[3 * i + 2])
            if c == colors.own || c == colors.tint {
                mine[id] += 1
            } else if let k = sceneTable.index(c.r, c.g, c.b) {
                if others[id].isEmpty { others[id] = [Int](repeating: 0, count: sceneColors.count) }
                others[id][k] += 1
            }
        }
        for o in record.objects where o.measurement.visiblePixels > 0 {
            let id = o.object.id
            guard (1...255).contains(id), let top = others[id].max(), top > mine[id] else { continue }
            do {
                out.append(
                    Defect(
                        key, "colors",
                        "object \(o.object.id) (\(o.object.color.name)): its visible pixels are mostly another color (\(top) against \(mine[id]) of its own)"
                    ))
            }
        }
        return out
    }

    /// A few colors, looked up by value in a handful of instructions (the check visits every
    /// pixel): open addressing, at most half full.
    struct ColorTable {
        var keys: [UInt32]
        var values: [Int]
        let mask: Int
        let shift: UInt32

        init(_ colors: [RGB]) {
            var size = 64
            var shift: UInt32 = 26
            while size < 2 * colors.count {
                size *= 2
                shift -= 1
            }
            keys = [UInt32](repeating: .max, count: size)
            values = [Int](repeating: 0, count: size)
            mask = size - 1
            self.shift = shift
            for (i, c) in colors.enumerated() {
                var slot = self.slot(ColorTable.key(c.r, c.g, c.b))
                while keys[slot] != .max { slot = (slot + 1) & mask }
                keys[slot] = ColorTable.key(c.r, c.g, c.b)
                values[slot] = i
            }
        }

        static func key(_ r: UInt8, _ g: UInt8, _ b: UInt8) -> UInt32 {
            UInt32(r) << 16 | UInt32(g) << 8 | UInt32(b)
        }

        func slot(_ key: UInt32) -> Int { Int((key &* 2_654_435_761) >> shift) & mask }

        func index(_ r: UInt8, _ g: UInt8, _ b: UInt8) -> Int? {
            let k = ColorTable.key(r, g, b)
            var slot = slot(k)
            while keys[slot] != .max {
                if keys[slot] == k { return values[slot] }
                slot = (slot + 1) & mask
            }
            return nil
        }
    }
}
