import Foundation
import Rasterizer
import SceneModel
import Typesetting

/// Text placed into a laid-out scene (the plan's `lettering:`). Each layout attempt draws its
/// texts from a stream of its own, so a text that cannot fit is drawn again (another text,
/// size or place) up to `textTries` times; a sign or label that still does not fit is left out,
/// never drawn clipped, and a scene with fewer signs than the plan's least count is rejected.
/// Texts keep `gap` pixels from the canvas border, from every object they do not label and from
/// each other, and stand out from everything beneath them by `minContrast` (CIEDE2000).
extension Sampler {
    /// Draws of one text before it is left out.
    static let textTries = 24

    /// The texts of one layout attempt, typeset (words numbered after the objects) and in
    /// reading order; nil when the plan's least count of signs does not fit. `backdrop`: the
    /// colors of the canvas background (its shade too when patterned), which free-standing text
    /// must stand out from.
    func letter(_ objects: [SceneObject], backdrop: [RGB], _ lettering: Lettering, rng: inout Xoshiro256)
        -> [TextItem]?
    {
        var placed: [(item: TextItem, extent: Rect)] = []
        var used: Set<String> = []
        switch lettering.kind {
        case .signs:
            let wanted = rng.int(in: lettering.count)
            for _ in 0..<wanted {
                for _ in 0..<Sampler.textTries {
                    guard let (item, layout) = drawText(lettering, beneath: backdrop, used: used, rng: &rng)
                    else { continue }
                    let extent = layout.inkExtent(at: Point(x: 0, y: 0), anchor: .center, rotation: item.rotation)
                    guard let extent else { continue }
                    let g = lettering.gap + plan.padding
                    let (x0, x1) = (g - extent.minX, Double(plan.width) - g - extent.maxX)
                    let (y0, y1) = (g - extent.minY, Double(plan.height) - g - extent.maxY)
                    guard x0 <= x1, y0 <= y1 else { continue }
                    let xs = x0...x1
                    let ys = y0...y1
                    let p = Point(x: Sampler.quantize(rng.uniform(xs), 100), y: Sampler.quantize(rng.uniform(ys), 100))
                    let at = Sampler.moved(extent, by: p)
                    guard xs.contains(p.x), ys.contains(p.y), clear(at, of: objects, except: nil, placed, lettering.gap)
                    else { continue }
                    var sign = item
                    sign.position = p
                    placed.append((sign, at))
                    used.insert(item.text)
                    break
                }
            }
            if placed.count < lettering.count.lowerBound { return nil }
        case .labels:
            for object in objects {
                guard rng.unit() < lettering.share else { continue }
                for _ in 0..<Sampler.textTries {
                    let placement = lettering.placements[rng.weightedIndex(lettering.placements.map(\.weight))].value
                    if let label = self.label(
                        object, placement, objects, backdrop: backdrop, lettering, placed, used, rng: &rng)
                    {
                        placed.append(label)
                        used.insert(label.item.text)
                        break
                    }
                }
            }
        }
        // Reading order: top to bottom, then left to right, by the ink's top-left corner.
        let order = placed.indices.sorted {
            let a = placed[$0].extent
            let b = placed[$1].extent
            return (a.minY, a.minX) < (b.minY, b.minX)
        }
        var texts: [TextItem] = []
        var next = objects.count + 1
        for (rank, i) in order.enumerated() {
            var item = placed[i].item
            item.readingOrder = rank
            guard let set = try? Typesetter.shared.typeset(item, firstID: next) else { return nil }
            next += set.words.count
            texts.append(set)
        }
        guard next - 1 <= Scene.maxObjects else { return nil }
        return texts
    }

    /// One label for `object`, placed and checked; nil when this draw does not fit.
    func label(
        _ object: SceneObject, _ placement: Lettering.Placement, _ objects: [SceneObject], backdrop: [RGB],
        _ lettering: Lettering, _ placed: [(item: TextItem, extent: Rect)], _ used: Set<String>,
        rng: inout Xoshiro256
    ) -> (item: TextItem, extent: Rect)? {
        switch placement {
        case .inside:
            let beneath: [RGB] =
                switch object.fill {
                case .solid: [object.color.rgb]
                case .outline: backdrop
                case .striped, .dotted: [object.color.rgb, FillStyle.tint(of: object.color.rgb)]
                }
            guard case (var item, let layout)? = drawText(lettering, beneath: beneath, used: used, rng: &rng) else {
                return nil
            }
            item.position = object.center
            item.labels = object.id
            let corners = layout.inkCorners(at: item.position, anchor: .center, rotation: item.rotation, grownBy: 1.5)
            guard let corners,
                let extent = layout.inkExtent(at: item.position, anchor: .center, rotation: item.rotation)
            else { return nil }
            // The face the label sits on: the whole shape, or an outline's hollow.
            let contours = Rasterizer.contours(of: object)
            let face = object.fill == .outline ? contours[contours.count - 1] : contours[0]
            guard Sampler.polygon(face, holds: corners) else { return nil }
            guard clear(extent, of: objects, except: object.id, placed, lettering.gap) else { return nil }
            return (item, extent)
        case .beside:
            guard case (var item, let layout)? = drawText(lettering, beneath: backdrop, used: used, rng: &rng) else {
                return nil
            }
            item.rotation = 0
            item.labels = object.id
            let e = object.extent
            let g = lettering.gap
            let sides: [(TextAnchor, Point)] = [
                (TextAnchor(.middle, .left), Point(x: e.maxX + g, y: object.center.y)),
                (TextAnchor(.middle, .right), Point(x: e.minX - g, y: object.center.y)),
                (TextAnchor(.top, .center), Point(x: object.center.x, y: e.maxY + g)),
                (TextAnchor(.bottom, .center), Point(x: object.center.x, y: e.minY - g)),
            ]
            let (anchor, position) = sides[rng.int(in: 0...3)]
            item.anchor = anchor
            item.position = Point(x: Sampler.quantize(position.x, 100), y: Sampler.quantize(position.y, 100))
            guard let extent = layout.inkExtent(at: item.position, anchor: anchor, rotation: 0) else { return nil }
            let p = plan.padding + g
            guard extent.minX >= p, extent.minY >= p, extent.maxX <= Double(plan.width) - p,
                extent.maxY <= Double(plan.height) - p, !extent.intersects(Sampler.grown(e, by: 1)),
                clear(extent, of: objects, except: object.id, placed, g)
            else { return nil }
            return (item, extent)
        }
    }

    /// A text's content and style drawn from the plan, its position not yet set; nil when no
    /// color stands out from `beneath`.
    func drawText(_ lettering: Lettering, beneath: [RGB], used: Set<String>, rng: inout Xoshiro256) -> (
        TextItem, TextLayout
    )? {
        let list = lettering.languages[rng.weightedIndex(lettering.languages.map(\.weight))].value
        let text = list.texts[rng.int(in: 0...(list.texts.count - 1))]
        let fonts = lettering.fonts.filter { (lettering.fontLanguages[$0.value] ?? []).contains(list.language) }
        let family = fonts[rng.weightedIndex(fonts.map(\.weight))].value
        let available = lettering.fontWeights[family] ?? []
        let weights = lettering.weights.filter { available.contains($0.value) }
        let weight =
            weights.contains(where: { $0.weight > 0 })
            ? weights[rng.weightedIndex(weights.map(\.weight))].value : "regular"
        let size = (rng.uniform(lettering.size) * 2).rounded() / 2
        let rotation = Sampler.quantize(rng.uniform(lettering.rotation), 100)
        let colors = lettering.colors.filter { c in
            beneath.allSatisfy { ColorDifference.ciede2000(c.value.rgb, $0) >= lettering.minContrast }
        }
        let colorIndex = colors.isEmpty ? nil : rng.weightedIndex(colors.map(\.weight))
        guard !used.contains(text), let colorIndex else { return nil }
        let item = TextItem(
            text: text, language: list.language, font: family, weight: weight, size: size, rotation: rotation,
            color: colors[colorIndex].value, position: Point(x: 0, y: 0), anchor: .center, readingOrder: 0,
            role: lettering.kind == .signs ? "sign" : "label")
        guard let layout = try? Typesetter.shared.layout(item) else { return nil }
        return (item, layout)
    }

    /// Whether `extent`, grown by `gap`, meets no object (but `except`) and no placed text.
    func clear(
        _ extent: Rect, of objects: [SceneObject], except: Int?, _ placed: [(item: TextItem, extent: Rect)],
        _ gap: Double
    ) -> Bool {
        let grown = Sampler.grown(extent, by: gap)
        for o in objects where o.id != except && grown.intersects(o.extent) { return false }
        return !placed.contains { grown.intersects($0.extent) }
    }

    static func grown(_ r: Rect, by d: Double) -> Rect {
        Rect(minX: r.minX - d, minY: r.minY - d, maxX: r.maxX + d, maxY: r.maxY + d)
    }

    static func moved(_ r: Rect, by p: Point) -> Rect {
        Rect(minX: r.minX + p.x, minY: r.minY + p.y, maxX: r.maxX + p.x, maxY: r.maxY + p.y)
    }

    /// Whether the closed polygon `outline` holds the quadrilateral `corners` (clockwise): every
    /// point along its edges, one pixel apart at most, lies inside, and no outline vertex lies
    /// inside the quadrilateral (a concave outline could cut in between the sampled points).
    static func polygon(_ outline: [Point], holds corners: [Point]) -> Bool {
        for k in 0..<corners.count {
            let a = corners[k]
            let b = corners[(k + 1) % corners.count]
            let n = max(1, Int((hypot(b.x - a.x, b.y - a.y)).rounded(.up)))
            for i in 0..<n {
                let t = Double(i) / Double(n)
                if !ShapeGeometry.contains(outline, Point(x: a.x + (b.x - a.x) * t, y: a.y + (b.y - a.y) * t)) {
                    return false
                }
            }
        }
        return !outline.contains { ShapeGeometry.contains(corners, $0) }
    }
}
