import PlanFiles
import SceneModel

/// Checks of the plan as a whole, once every section is read: whether its layout can hold its
/// objects and whether its objects fit the canvas.
extension ScenePlan {
    /// Rejects layouts that cannot hold the plan's objects with their words decided: a grid
    /// with fewer cells than objects, slots narrower than the relation margin needs, or jitter
    /// large enough to blur rows. Rows must stay within half a margin (jitter at most a quarter)
    /// and be at least two margins apart (see ``Relations/lines(_:)``).
    func checkLayoutFeasible(_ node: YAMLValue, countNode: YAMLValue) throws(PlanError) {
        let n = objectCount.upperBound
        let usableW = Double(width) - 2 * padding
        let usableH = Double(height) - 2 * padding
        switch layout {
        case .scatter, .ring: return
        case .nested:
            if holdout != nil {
                throw node.error(
                    "layout nested draws its containers apart from the other objects, so it cannot keep a holdout; use another layout for compositional splits"
                )
            }
            guard sizes.filter({ $0.weight > 0 }).count >= 2 else {
                throw node.error(
                    "layout nested needs at least two size classes: containers take the largest, the other objects the rest"
                )
            }
            if objectCount.upperBound + containerCount.upperBound > Scene.maxObjects {
                throw countNode.error("objects.count plus containers exceeds \(Scene.maxObjects) objects")
            }
            return
        case .stack:
            if stackOverlap.upperBound > 1 - minVisibleFraction + 0.05 {
                throw node.error(
                    "overlap up to \(stackOverlap.upperBound) would hide more than visibility.min_fraction (\(minVisibleFraction)) allows; lower the overlap or the minimum"
                )
            }
            if stackCount.upperBound > objectCount.lowerBound {
                throw node.error(
                    "\(stackCount.upperBound) stacks need at least as many objects, but objects.count allows \(objectCount.lowerBound)"
                )
            }
            return
        case .clusters:
            if clusterCount.upperBound > objectCount.lowerBound {
                throw node.error(
                    "\(clusterCount.upperBound) clusters need at least as many objects, but objects.count allows \(objectCount.lowerBound)"
                )
            }
            return
        case .grid, .row, .column:
            break
        }
        guard jitter <= relationMargin / 4 else {
            throw node.error(
                "jitter \(jitter) px would blur rows: at most a quarter of the relation margin (\(relationMargin / 4) px)"
            )
        }
        let lines: [(String, Int, Double)] =
            switch layout {
            case .grid: [("rows", gridRows, usableH), ("columns", gridColumns, usableW)]
            case .row: [("slots", n, usableW)]
            default: [("slots", n, usableH)]
            }
        if layout == .grid, gridRows * gridColumns < n {
            throw countNode.error(
                "a \(gridRows)x\(gridColumns) grid has \(gridRows * gridColumns) cells, too few for \(n) objects; use more rows or columns or fewer objects"
            )
        }
        if layout != .grid, n > 12 {
            throw countNode.error("a \(layout.rawValue) layout holds at most 12 objects (ordinal words), got \(n)")
        }
        for (what, k, length) in lines {
            let slot = length / Double(k)
            if slot < 2 * relationMargin + 2 * jitter {
                throw node.error(
                    "\(k) \(what) leave \(Int(slot)) px each, but distinct \(what) must be \(Int(2 * relationMargin + 2 * jitter)) px apart (twice the relation margin plus jitter); use fewer, a larger canvas or a smaller margin"
                )
            }
        }
    }

    /// Rejects plans that cannot produce a scene, before any sampling: objects larger than the
    /// canvas, or more objects than distinct positions the relation margin allows.
    func checkFeasible(root: YAMLValue, sizesNode: YAMLValue, countNode: YAMLValue) throws(PlanError) {
        let usable = Double(min(width, height)) - 2 * padding
        let drawnShapes = shapes.filter { $0.weight > 0 }.map(\.value)
        for size in sizes where size.weight > 0 {
            // The smallest extent any allowed shape reaches at this size's smallest radius.
            let smallest =
                drawnShapes.map { kind -> Double in
                    let r = ShapeGeometry.bounds(
                        of: ShapeGeometry.outline(
                            kind, center: Point(x: 0, y: 0), radius: size.radius.lowerBound, rotation: 0))
                    return max(r.width, r.height)
                }.min() ?? 0
            if smallest > usable {
                throw sizesNode.error(
                    "size '\(size.name)' (radius \(size.radius.lowerBound)-\(size.radius.upperBound) px) does not fit a \(width)x\(height) canvas with padding \(padding); use smaller radii or a larger canvas"
                )
            }
        }
        let needed = Double(objectCount.upperBound - 1) * relationMargin
        if needed >= usable {
            throw countNode.error(
                "\(objectCount.upperBound) objects need \(Int(needed)) px of distinct positions on each axis (relation margin \(relationMargin) px), but the canvas offers \(Int(usable)); use fewer objects, a smaller margin or a larger canvas"
            )
        }
        let minArea = Double(minVisiblePixels) * Double(objectCount.upperBound)
        if minArea > Double(width * height) {
            throw countNode.error(
                "\(objectCount.upperBound) objects of at least \(minVisiblePixels) visible pixels cannot fit \(width * height) pixels"
            )
        }
    }

    /// Colors an image of this plan can take without blending: backgrounds, object colors and
    /// the tints of striped and dotted fills, each RGB value once.
    public var unblendedColors: [RGB] {
        var seen = Set<RGB>()
        var out: [RGB] = []
        let patterned = fills.contains { $0.weight > 0 && ($0.value == .striped || $0.value == .dotted) }
        let drawn = colors.filter { $0.weight > 0 }.map(\.value.rgb)
        for c in backgrounds.filter({ $0.weight > 0 }).map(\.value.rgb) + drawn
            + (patterned ? drawn.map(FillStyle.tint(of:)) : [])
        where seen.insert(c).inserted {
            out.append(c)
        }
        return out
    }

    /// An indexed image holds 256 colors. The rasterizer halves the coverage steps until an
    /// image fits, so a plan fits whenever its unblended colors do (one step: no blending).
    func checkIndexedColors(at node: YAMLValue) throws(PlanError) {
        guard coverageLevels != nil else { return }
        let n = unblendedColors.count
        guard n <= 256 else {
            throw node.error(
                "an indexed image holds 256 colors, but this plan's backgrounds, object colors and fill tints are \(n) distinct colors even without blending; use fewer colors or canvas color: rgb"
            )
        }
    }
}
