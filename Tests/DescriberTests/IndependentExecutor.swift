import DatasetWriters
import Foundation
import Rasterizer
import SceneModel

/// A second executor for question programs, written for the tests from the record alone: it
/// reads attributes from the record's objects and positions from their pixel boxes, and shares
/// no code with the engine's executor. Directional relations compare the centers of the whole
/// pixel boxes without a margin (the sampler keeps objects 8 px apart, so the margin never
/// decides); "nearest" is the smallest distance between those centers; sizes compare whole
/// pixel counts.
struct IndependentExecutor {
    struct Object {
        var id: Int
        var attributes: [String: String]
        var cx: Double
        var cy: Double
        var fullArea: Int
        var bbox: [Int]
    }

    enum Value: Equatable {
        case set([Int])
        case object(Int)
        case number(Int)
        case truth(Bool)
        case word(String)
    }

    let objects: [Object]
    /// Pairs of ids whose whole shapes share at least one pixel (both at least half covering
    /// it), from each shape's own coverage mask, not from the id plane's drawing history.
    let touching: Set<[Int]>

    init(record: JSONValue) {
        var touching = Set<[Int]>()
        if let scene = try? SampleRecord(json: record).scene {
            let masks = scene.objects.map {
                CoverageMask(
                    contours: Rasterizer.contours(of: $0), canvasWidth: scene.width, canvasHeight: scene.height)
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
        objects = (record["objects"]?.arrayValue ?? []).map { o in
            let full = (o["full_bbox"]?.arrayValue ?? []).compactMap(\.intValue)
            return Object(
                id: o["id"]?.intValue ?? -1,
                attributes: [
                    "color": o["color"]?.stringValue ?? "", "shape": o["shape"]?.stringValue ?? "",
                    "size": o["size"]?.stringValue ?? "", "fill": o["fill"]?.stringValue ?? "",
                ],
                cx: Double(full[0]) + Double(full[2]) / 2, cy: Double(full[1]) + Double(full[3]) / 2,
                fullArea: o["full_area"]?.intValue ?? 0, bbox: (o["bbox"]?.arrayValue ?? []).compactMap(\.intValue))
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
                case "left": others.filter { $0.cx < o.cx }
                case "right": others.filter { $0.cx > o.cx }
                case "above": others.filter { $0.cy < o.cy }
                case "below": others.filter { $0.cy > o.cy }
                case "overlapping": others.filter { touching.contains([$0.id, o.id].sorted()) }
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
}
