import DatasetWriters
import Foundation
import Rasterizer
import SampleRecords
import SceneModel

/// A second executor for question programs, written for the tests from the record alone: it
/// reads attributes from the record's objects and positions from their pixel boxes, and shares
/// no code with the engine's executor. Directional relations compare the centers of the whole
/// pixel boxes, ignoring differences under half the relation margin (scatter keeps objects 8 px
/// apart, so that never decides there; in grid, row and column layouts it is what makes objects
/// of one line neither left nor right of each other); "nearest" is the smallest distance between
/// those centers; sizes compare whole pixel counts. Rows (columns) chain centers less than one
/// margin apart in y (x), numbered from the top (left); groups chain whole pixel boxes less
/// than 3.5 margins apart (halfway between what the engine calls together and apart). An object
/// is inside an outline object when every pixel it covers lies in the outline's hollow: the
/// pixels of the outline's box that its band does not cover and that cannot be reached from
/// outside the box without crossing the band (a flood fill). An object is in front of another
/// when their shapes touch and it was drawn later (the record's `z`).
struct IndependentExecutor {
    struct Object {
        var id: Int
        var attributes: [String: String]
        var cx: Double
        var cy: Double
        var fullArea: Int
        var bbox: [Int]
        /// The whole shape's pixel box [x, y, w, h].
        var full: [Int]
        var z: Int
    }

    enum Value: Equatable {
        case set([Int])
        case object(Int)
        case number(Int)
        case truth(Bool)
        case word(String)
        /// Text items by their position in the record's `texts`, one of them, a written string.
        case texts([Int])
        case text(Int)
        case written(String)
    }

    /// The record's text items: what each says, its color name and the object it labels.
    var texts: [(text: String, color: String, labels: Int?)] = []

    let objects: [Object]
    /// The plan's relation margin in pixels.
    var margin = 8.0
    /// Pairs of ids whose whole shapes share at least one pixel (both at least half covering
    /// it), from each shape's own coverage mask, not from the id plane's drawing history.
    let touching: Set<[Int]>
    /// Pairs [inner id, outer id] where the inner object lies in the outer one's hollow.
    let held: Set<[Int]>

    init(record: JSONValue, margin: Double = 8) {
        self.margin = margin
        var touching = Set<[Int]>()
        var held = Set<[Int]>()
        if let scene = try? SampleRecord(json: record).scene {
            let masks = scene.objects.map {
                CoverageMask(
                    contours: Rasterizer.contours(of: $0), canvasWidth: scene.width, canvasHeight: scene.height)
            }
            for (j, outer) in scene.objects.enumerated() where outer.fill == .outline {
                let hollow = IndependentExecutor.hollow(masks[j])
                for (i, inner) in scene.objects.enumerated() where i != j {
                    let m = masks[i]
                    var any = false
                    var all = true
                    for y in m.originY..<(m.originY + m.height) where all {
                        for x in m.originX..<(m.originX + m.width) where m.coverage(x: x, y: y) >= 0.5 {
                            any = true
                            if !hollow(x, y) {
                                all = false
                                break
                            }
                        }
                    }
                    if any && all { held.insert([inner.id, outer.id]) }
                }
            }
            for (i, a) in masks.enumerated() {
                for (j, b) in masks.enumerated() where i < j {
                    var shared = false
                    let (y0, y1) = (max(a.originY, b.originY), min(a.originY + a.height, b.originY + b.height))
                    let (x0, x1) = (max(a.originX, b.originX), min(a.originX + a.width, b.originX + b.width))
                    guard y0 < y1, x0 < x1 else { continue }
                    for y in y0..<y1 where !shared {
                        for x in x0..<x1
                        where a.coverage(x: x, y: y) >= 0.5 && b.coverage(x: x, y: y) >= 0.5 {
                            shared = true
                            break
                        }
                    }
                    if shared { touching.insert([scene.objects[i].id, scene.objects[j].id].sorted()) }
                }
            }
        }
        self.touching = touching
        self.held = held
        texts = (record["texts"]?.arrayValue ?? []).map {
            ($0["text"]?.stringValue ?? "", $0["color"]?.stringValue ?? "", $0["labels"]?.intValue)
        }
        objects = (record["objects"]?.arrayValue ?? []).map { o in
            let full = (o["full_bbox"]?.arrayValue ?? []).compactMap(\.intValue)
            return Object(
                id: o["id"]?.intValue ?? -1,
                attributes: [
                    "color": o["color"]?.stringValue ?? "", "shape": o["shape"]?.stringValue ?? "",
                    "size": o["size"]?.stringValue ?? "", "fill": o["fill"]?.stringValue ?? "",
                ],
                cx: Double(full[0]) + Double(full[2]) / 2, cy: Double(full[1]) + Double(full[3]) / 2,
                fullArea: o["full_area"]?.intValue ?? 0, bbox: (o["bbox"]?.arrayValue ?? []).compactMap(\.intValue),
                full: full, z: o["z"]?.intValue ?? 0)
        }
    }

    func object(_ id: Int) -> Object? { objects.first { $0.id == id } }

    /// nil when the program is invalid (wrong types, `unique` of zero or several objects).
    func run(_ program: JSONValue) -> Value? {
        var values: [Value] = []
        for node in program.arrayValue ?? [] {
            let type = node["type"]?.stringValue ?? ""
            let inputs = (node["inputs"]?.arrayValue ?? []).compactMap(\.intValue).map { values[$0] }
            let arg = node["value_inputs"]?.arrayValue?.first?.stringValue
            guard let v = step(type, inputs, arg) else { return nil }
            values.append(v)
        }
        return values.last
    }

    func step(_ type: String, _ inputs: [Value], _ arg: String?) -> Value? {
        if let v = textStep(type, inputs, arg) { return v }
        func set(_ i: Int) -> [Int]? {
            if case .set(let s)? = inputs.indices.contains(i) ? inputs[i] : nil { s } else { nil }
        }
        func obj(_ i: Int) -> Object? {
            if case .object(let id)? = inputs.indices.contains(i) ? inputs[i] : nil { return object(id) }
            return nil
        }
        switch type {
        case "scene": return .set(objects.map(\.id))
        case "filter_color", "filter_shape", "filter_size", "filter_fill":
            let attribute = String(type.dropFirst("filter_".count))
            return set(0).map { s in .set(s.filter { object($0)?.attributes[attribute] == arg }) }
        case "unique":
            guard let s = set(0), s.count == 1 else { return nil }
            return .object(s[0])
        case "relate":
            guard let o = obj(0) else { return nil }
            let others = objects.filter { $0.id != o.id }
            let related: [Object] =
                switch arg {
                case "left": others.filter { $0.cx < o.cx - margin / 2 }
                case "right": others.filter { $0.cx > o.cx + margin / 2 }
                case "above": others.filter { $0.cy < o.cy - margin / 2 }
                case "below": others.filter { $0.cy > o.cy + margin / 2 }
                case "overlapping": others.filter { touching.contains([$0.id, o.id].sorted()) }
                case "inside": others.filter { held.contains([$0.id, o.id]) }
                case "contains": others.filter { held.contains([o.id, $0.id]) }
                case "front": others.filter { touching.contains([$0.id, o.id].sorted()) && $0.z > o.z }
                case "behind": others.filter { touching.contains([$0.id, o.id].sorted()) && $0.z < o.z }
                case "nearest":
                    others.min {
                        ($0.cx - o.cx) * ($0.cx - o.cx) + ($0.cy - o.cy) * ($0.cy - o.cy) < ($1.cx - o.cx)
                            * ($1.cx - o.cx) + ($1.cy - o.cy) * ($1.cy - o.cy)
                    }.map { [$0] } ?? []
                default: []
                }
            return .set(related.map(\.id))
        case "extreme":
            guard let s = set(0)?.compactMap(object), !s.isEmpty else { return nil }
            let chosen: Object? =
                switch arg {
                case "leftmost": s.min { $0.cx < $1.cx }
                case "rightmost": s.max { $0.cx < $1.cx }
                case "topmost": s.min { $0.cy < $1.cy }
                case "bottommost": s.max { $0.cy < $1.cy }
                case "largest": s.max { $0.fullArea < $1.fullArea }
                case "smallest": s.min { $0.fullArea < $1.fullArea }
                default: nil
                }
            return chosen.map { .object($0.id) }
        case "filter_row", "filter_column":
            guard let s = set(0) else { return nil }
            let line = lineNumbers(row: type == "filter_row")
            let k = arg == "last" ? (line.values.max() ?? 0) : Int(arg ?? "") ?? -1
            return .set(s.filter { line[$0] == k })
        case "count_groups":
            guard let s = set(0) else { return nil }
            let group = groupNumbers()
            return .number(Set(s.compactMap { group[$0] }).count)
        case "count": return set(0).map { .number($0.count) }
        case "exist": return set(0).map { .truth(!$0.isEmpty) }
        case "union":
            guard let a = set(0), let b = set(1) else { return nil }
            return .set(Array(Set(a).union(b)).sorted())
        case "intersect":
            guard let a = set(0), let b = set(1) else { return nil }
            return .set(Array(Set(a).intersection(b)).sorted())
        case "query_color", "query_shape", "query_size", "query_fill":
            return obj(0).flatMap { $0.attributes[String(type.dropFirst("query_".count))] }.map { .word($0) }
        case "equal_color", "equal_shape", "equal_size", "equal_fill":
            guard case .word(let a)? = inputs.first, case .word(let b)? = inputs.last, inputs.count == 2 else {
                return nil
            }
            return .truth(a == b)
        case "equal_integer", "greater_than", "less_than":
            guard case .number(let a)? = inputs.first, case .number(let b)? = inputs.last, inputs.count == 2 else {
                return nil
            }
            return .truth(type == "equal_integer" ? a == b : type == "greater_than" ? a > b : a < b)
        default: return nil
        }
    }

    /// The hollow of an outline's coverage mask: whether a canvas pixel lies in its box, is not
    /// covered by the band, and is never reached by a flood fill from just outside the box.
    static func hollow(_ m: CoverageMask) -> (Int, Int) -> Bool {
        let (w, h) = (m.width + 2, m.height + 2)
        var open = [Bool](repeating: true, count: w * h)
        for y in 0..<m.height {
            for x in 0..<m.width where m.coverage(x: m.originX + x, y: m.originY + y) >= 0.5 {
                open[(y + 1) * w + x + 1] = false
            }
        }
        var reached = [Bool](repeating: false, count: w * h)
        var stack = [0]
        reached[0] = true
        while let p = stack.popLast() {
            let (x, y) = (p % w, p / w)
            for (nx, ny) in [(x - 1, y), (x + 1, y), (x, y - 1), (x, y + 1)]
            where nx >= 0 && ny >= 0 && nx < w && ny < h {
                let q = ny * w + nx
                if open[q] && !reached[q] {
                    reached[q] = true
                    stack.append(q)
                }
            }
        }
        return { x, y in
            let (gx, gy) = (x - m.originX + 1, y - m.originY + 1)
            guard gx >= 1, gy >= 1, gx < w - 1, gy < h - 1 else { return false }
            return open[gy * w + gx] && !reached[gy * w + gx]
        }
    }

    /// Each object's row (or column), 1-based: sorted centers chained while less than a margin
    /// apart.
    func lineNumbers(row: Bool) -> [Int: Int] {
        let sorted = objects.sorted { row ? $0.cy < $1.cy : $0.cx < $1.cx }
        var out: [Int: Int] = [:]
        var line = 0
        var previous = -Double.infinity
        for o in sorted {
            let c = row ? o.cy : o.cx
            if c - previous >= margin { line += 1 }
            out[o.id] = line
            previous = c
        }
        return out
    }

    /// Each object's group: whole pixel boxes chained while less than 3.5 margins apart.
    func groupNumbers() -> [Int: Int] {
        var out: [Int: Int] = [:]
        var next = 0
        func gap(_ a: Object, _ b: Object) -> Double {
            let (ax, ay, aw, ah) = (Double(a.full[0]), Double(a.full[1]), Double(a.full[2]), Double(a.full[3]))
            let (bx, by, bw, bh) = (Double(b.full[0]), Double(b.full[1]), Double(b.full[2]), Double(b.full[3]))
            return max(ax - (bx + bw), bx - (ax + aw), ay - (by + bh), by - (ay + ah))
        }
        for start in objects where out[start.id] == nil {
            out[start.id] = next
            var stack = [start]
            while let o = stack.popLast() {
                for p in objects where out[p.id] == nil && gap(o, p) < 3.5 * margin {
                    out[p.id] = next
                    stack.append(p)
                }
            }
            next += 1
        }
        return out
    }
}

extension IndependentExecutor {
    /// The text functions, read from the record's `texts` alone; nil for other steps (and for
    /// text steps whose inputs are wrong, which then fail as the generic step does).
    func textStep(_ type: String, _ inputs: [Value], _ arg: String?) -> Value? {
        let first = inputs.first
        switch (type, first) {
        case ("scene_text", _): return .texts(Array(texts.indices))
        case ("filter_text_color", .texts(let s)?): return .texts(s.filter { texts[$0].color == arg })
        case ("filter_text", .texts(let s)?): return .texts(s.filter { texts[$0].text == arg })
        case ("unique", .texts(let s)?): return s.count == 1 ? .text(s[0]) : nil
        case ("count", .texts(let s)?): return .number(s.count)
        case ("exist", .texts(let s)?): return .truth(!s.isEmpty)
        case ("query_color", .text(let t)?): return .word(texts[t].color)
        case ("query_text", .text(let t)?): return .written(texts[t].text)
        case ("filter_label", .set(let s)?):
            return .set(s.filter { id in texts.contains { $0.labels == id && $0.text == arg } })
        case ("query_label", .object(let id)?): return texts.first { $0.labels == id }.map { .written($0.text) }
        default: return nil
        }
    }
}
