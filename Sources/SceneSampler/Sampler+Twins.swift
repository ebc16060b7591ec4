import Rasterizer
import SceneModel

/// A counterfactual twin: the anchor's scene with one edit, drawn and measured.
public struct TwinScene: Sendable {
    public var rendered: RenderedScene
    public var edit: TwinEdit
    /// The anchor's versions of the objects the edit changed (anchor ids): with the twin's
    /// scene they give back the anchor's (``TwinEdit/restore(_:before:)``).
    public var before: [SceneObject]
}

/// Twins could not be made: the plan leaves no edit that keeps every rule.
public struct TwinError: Error, Sendable, CustomStringConvertible {
    public var plan: String
    public var index: UInt64
    public var made: Int
    public var wanted: Int
    public var description: String {
        "\(plan): sample \(index): only \(made) of \(wanted) twins found an edit that keeps every rule of the plan "
            + "(visibility, relation margins, overlap); ask for fewer twins or give the plan more colors, shapes, fills or sizes"
    }
}

extension Sampler {
    /// Candidate edits tried per twin before giving up on it.
    static let twinAttempts = 48

    /// `count` twins of `anchor`, each differing from it by one edit, all edits distinct. The
    /// edit kinds are taken in a shuffled order, one kind per twin in turn (so four twins have
    /// four kinds when four are possible), or with the plan's `twin_edits:` each candidate's
    /// kind is drawn by those weights; each candidate is drawn, measured and kept only when
    /// it keeps the plan's rules: no held-out combination in a train split, every object at
    /// least the minimum visible pixels and share,
    /// inside the padded canvas, every pair of objects decided by the relation margin and under
    /// the overlap limit when the anchor's was, and the stack's depth order decided. Draws come
    /// from the sample's own `twins` stream.
    public func twins(of anchor: SampledScene, count: Int) throws(TwinError) -> [TwinScene] {
        guard count > 0 else { return [] }
        var rng = SampleSeed.generator(runSeed: seed, index: anchor.index, stream: .twins)
        var kinds = TwinEdit.Kind.allCases
        rng.shuffle(&kinds)
        var out: [TwinScene] = []
        var turn = 0
        var attempts = 0
        while out.count < count {
            guard attempts < Sampler.twinAttempts * count else {
                throw TwinError(plan: plan.name, index: anchor.index, made: out.count, wanted: count)
            }
            attempts += 1
            let kind: TwinEdit.Kind
            if let weighted = plan.twinEdits {
                kind = weighted[rng.weightedIndex(weighted.map(\.weight))].value
            } else {
                kind = kinds[turn % kinds.count]
                turn += 1
            }
            // The rules a scene alone decides are checked before the candidate is drawn; drawing
            // takes nothing from `rng`, so the order of the checks changes no outcome.
            guard let candidate = edit(kind, anchor.rendered, &rng),
                !out.contains(where: { $0.edit == candidate.edit }),
                keepsLayoutRules(candidate.scene, candidate.edit, anchor: anchor.rendered.scene)
            else { continue }
            // Drawn at the anchor's coverage steps, so that only the edited objects' pixels differ.
            let twin = TwinScene(
                rendered: Rasterizer.render(candidate.scene, coverageLevels: anchor.rendered.coverageLevels),
                edit: candidate.edit, before: candidate.before)
            guard keepsDrawnRules(twin.rendered, anchor: anchor.rendered) else { continue }
            out.append(twin)
        }
        return out
    }

    /// A candidate twin before it is drawn.
    struct Candidate {
        var scene: Scene
        var edit: TwinEdit
        var before: [SceneObject]
    }

    /// One candidate edit of `kind`; nil when the scene offers none of that kind.
    func edit(_ kind: TwinEdit.Kind, _ anchor: RenderedScene, _ rng: inout Xoshiro256) -> Candidate? {
        let scene = anchor.scene
        guard let o = rng.pick(scene.objects) else { return nil }
        // Labels stand beside their objects: an object that moves, goes or comes would leave a
        // label naming the wrong place, no object, or none at all, so labelled scenes take only
        // the edits that keep every object where it is (signs, which label nothing, take all).
        if scene.texts.contains(where: { $0.labels != nil }),
            [.swap, .move, .remove, .add].contains(kind)
        {
            return nil
        }
        var replacements: [Int: SceneObject] = [:]
        var added: SceneObject?
        let edit: TwinEdit
        switch kind {
        case .recolor:
            guard let c = rng.pick(plan.colors.filter { $0.weight > 0 && $0.value.name != o.color.name })?.value
            else { return nil }
            replacements[o.id] = o.with(color: c)
            edit = TwinEdit(kind: kind, object: o.id, attribute: "color", from: o.color.name, to: c.name)
        case .reshape:
            guard let s = rng.pick(plan.shapes.filter { $0.weight > 0 && $0.value != o.shape })?.value else {
                return nil
            }
            replacements[o.id] = o.with(shape: s)
            edit = TwinEdit(kind: kind, object: o.id, attribute: "shape", from: o.shape.rawValue, to: s.rawValue)
        case .refill:
            guard let f = rng.pick(plan.fills.filter { $0.weight > 0 && $0.value != o.fill })?.value else { return nil }
            replacements[o.id] = o.with(fill: f)
            edit = TwinEdit(kind: kind, object: o.id, attribute: "fill", from: o.fill.rawValue, to: f.rawValue)
        case .resize:
            guard let s = rng.pick(plan.sizes.filter { $0.weight > 0 && $0.name != o.size }) else { return nil }
            replacements[o.id] = o.with(size: s.name, radius: Sampler.quantize(rng.uniform(s.radius), 1000))
            edit = TwinEdit(kind: kind, object: o.id, attribute: "size", from: o.size, to: s.name)
        case .swap:
            // Two objects that look different, so exchanging their places changes the image.
            guard
                let p = rng.pick(
                    scene.objects.filter {
                        $0.id != o.id
                            && ($0.shape != o.shape || $0.color.name != o.color.name || $0.fill != o.fill
                                || $0.size != o.size)
                    })
            else { return nil }
            let (a, b) = o.id < p.id ? (o, p) : (p, o)
            replacements[a.id] = a.with(center: b.center)
            replacements[b.id] = b.with(center: a.center)
            edit = TwinEdit(
                kind: kind, object: a.id, other: b.id, attribute: "position", from: "\(a.id),\(b.id)",
                to: "\(b.id),\(a.id)")
        case .remove:
            guard scene.objects.count - 1 >= max(1, plan.objectCount.lowerBound) else { return nil }
            edit = TwinEdit(kind: kind, object: o.id, attribute: "presence", from: "present", to: "absent")
        case .move:
            // Mirrored across another object on one axis: left of it becomes right of it.
            guard plan.layout == .scatter, let p = rng.pick(scene.objects.filter { $0.id != o.id }) else { return nil }
            let horizontal = rng.coin()
            let (po, pp) = (Relations.position(of: o), Relations.position(of: p))
            let options: [Relations.Direction] = horizontal ? [.left, .right] : [.above, .below]
            guard let d = options.first(where: { plan.relations.holds(po, $0, of: pp) }) else { return nil }
            let moved = o.with(
                center: horizontal
                    ? Point(x: o.center.x + 2 * (pp.x - po.x), y: o.center.y)
                    : Point(x: o.center.x, y: o.center.y + 2 * (pp.y - po.y)))
            guard plan.relations.holds(moved, d.opposite, of: p) else { return nil }
            replacements[o.id] = moved
            edit = TwinEdit(
                kind: kind, object: o.id, other: p.id, attribute: "position", from: d.rawValue, to: d.opposite.rawValue)
        case .add:
            guard plan.layout == .scatter, scene.objects.count < plan.objectCount.upperBound,
                let new = addedObject(scene, &rng)
            else { return nil }
            added = new
            edit = TwinEdit(
                kind: kind, object: scene.objects.count + 1, attribute: "presence", from: "absent", to: "present")
        }
        let twin = TwinEdit.apply(kind, to: scene, object: o.id, replacements: replacements, added: added)
        let before = scene.objects.filter { edit.objects.contains($0.id) }
        return Candidate(scene: twin, edit: edit, before: before)
    }

    /// Whether a drawn twin keeps the rules its anchor kept that need pixels: the anchor's
    /// coverage steps (an indexed twin that needed fewer would differ at every edge), every
    /// object's visible pixels and share, and a stack's depth order.
    func keepsDrawnRules(_ r: RenderedScene, anchor: RenderedScene) -> Bool {
        if r.coverageLevels != anchor.coverageLevels { return false }
        if r.measurements.contains(where: {
            $0.visiblePixels < plan.minVisiblePixels || $0.visibleFraction < plan.minVisibleFraction
        }) {
            return false
        }
        return plan.layout != .stack || depthDecided(r.scene, r.measurements)
    }

    /// Whether a twin's scene keeps the rules its anchor's kept that the scene alone decides:
    /// no held-out combination in a train split, the edited objects inside the padded canvas,
    /// and every pair with an edited object decided and under the overlap limit when the
    /// anchor's was.
    func keepsLayoutRules(_ twin: Scene, _ edit: TwinEdit, anchor: Scene) -> Bool {
        let (w, h, pad) = (Double(plan.width), Double(plan.height), plan.padding)
        let edited = Set(edit.objects.compactMap { edit.twinID($0) })
        // A train split never shows a held-out combination, in twins either.
        if plan.holdout?.split == .train,
            twin.objects.contains(where: { edited.contains($0.id) && plan.isHeldOut($0) })
        {
            return false
        }
        for o in twin.objects where edited.contains(o.id) {
            let e = o.extent
            if e.minX < pad || e.minY < pad || e.maxX > w - pad || e.maxY > h - pad { return false }
        }
        // Anchor objects by twin id, for the pair rules.
        var anchorOf: [Int: SceneObject] = [:]
        for a in anchor.objects { if let t = edit.twinID(a.id) { anchorOf[t] = a } }
        let relations = plan.relations
        let objects = twin.objects
        for i in objects.indices {
            for j in objects.indices where j > i {
                let (a, b) = (objects[i], objects[j])
                guard edited.contains(a.id) || edited.contains(b.id) else { continue }
                // An added object keeps the placement rules with every other object.
                guard let a0 = anchorOf[a.id], let b0 = anchorOf[b.id], edit.kind != .add else {
                    if !relations.isDecided(a.extent.center, b.extent.center)
                        || Sampler.overlapShare(a.extent, b.extent) > plan.maxOverlap
                    {
                        return false
                    }
                    continue
                }
                if relations.isDecided(a0.extent.center, b0.extent.center)
                    && !relations.isDecided(a.extent.center, b.extent.center)
                {
                    return false
                }
                if Sampler.overlapShare(a0.extent, b0.extent) <= plan.maxOverlap
                    && Sampler.overlapShare(a.extent, b.extent) > plan.maxOverlap
                {
                    return false
                }
            }
        }
        return true
    }

    /// A new object drawn from the plan's attributes, placed like the scatter layout places
    /// (inside the padding, decided against every object, under the overlap limit), on top.
    func addedObject(_ scene: Scene, _ rng: inout Xoshiro256) -> SceneObject? {
        guard let shape = rng.pick(plan.shapes.filter { $0.weight > 0 })?.value,
            let color = rng.pick(plan.colors.filter { $0.weight > 0 })?.value,
            let fill = rng.pick(plan.fills.filter { $0.weight > 0 })?.value,
            let size = rng.pick(plan.sizes.filter { $0.weight > 0 })
        else { return nil }
        let radius = Sampler.quantize(rng.uniform(size.radius), 1000)
        let rotation = Sampler.quantize(rng.uniform(plan.rotation), 100)
        let local = ShapeGeometry.bounds(
            of: ShapeGeometry.outline(shape, center: Point(x: 0, y: 0), radius: radius, rotation: rotation))
        // An object larger than the padded canvas has no place (checked before forming the
        // ranges: a range whose bounds cross traps).
        let (x0, x1) = (plan.padding - local.minX, Double(plan.width) - plan.padding - local.maxX)
        let (y0, y1) = (plan.padding - local.minY, Double(plan.height) - plan.padding - local.maxY)
        guard x0 <= x1, y0 <= y1 else { return nil }
        let xs = x0...x1
        let ys = y0...y1
        for _ in 0..<plan.placementRetries {
            let center = Point(x: Sampler.quantize(rng.uniform(xs), 1000), y: Sampler.quantize(rng.uniform(ys), 1000))
            let o = SceneObject(
                id: scene.objects.count + 1, shape: shape, color: color, size: size.name, radius: radius, fill: fill,
                center: center, rotation: rotation, z: (scene.objects.map(\.z).max() ?? -1) + 1)
            if scene.objects.allSatisfy({
                plan.relations.isDecided(o.extent.center, $0.extent.center)
                    && Sampler.overlapShare(o.extent, $0.extent) <= plan.maxOverlap
            }) {
                return o
            }
        }
        return nil
    }
}
