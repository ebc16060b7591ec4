import Describer
import Rasterizer
import SampleRecords
import SceneModel

extension SampleChecker {
    /// A counterfactual twin against its anchor, redrawn from the twin's record alone (the
    /// twin's scene with the anchor's versions of the edited objects put back): the edit is
    /// what the record states (the edited objects differ from their anchor versions in the
    /// stated attribute only, or swapped places, or the object is gone), some pixel changed and
    /// every changed pixel lies inside an edited object's region in the anchor or the twin (its
    /// whole extent, one pixel wider for antialiasing), and every statement the record says the
    /// edit flips gives the recorded value on the anchor and a different one on the twin.
    /// `anchorDigest` receives ``exactDigest(_:)`` of the restored anchor scene, which the
    /// dataset check compares with the anchor's own record.
    func twinDefects(
        _ record: SampleRecord, _ link: TwinLink, twin: RenderedScene, facts: SceneFacts, key: String,
        anchorDigest: inout UInt64?
    ) -> [Defect] {
        var out: [Defect] = []
        func defect(_ message: String) { out.append(Defect(key, "twins", message)) }
        let edit = link.edit
        let expected = edit.kind == .add ? [] : edit.objects
        guard Set(link.before.map(\.id)) == Set(expected), expected.count == link.before.count else {
            defect(
                "the anchor's versions of the edited objects (\(link.before.map(\.id))) are not objects \(edit.objects)"
            )
            return out
        }
        let anchorScene = edit.restore(twin.scene, before: link.before)
        do { try anchorScene.checkInvariants() } catch {
            defect("the anchor's scene, restored from the twin, is not a valid scene: \(error)")
            return out
        }
        out += editDefects(edit, link.before, twin.scene, key: key)
        anchorDigest = Self.exactDigest(anchorScene)
        let anchor = Rasterizer.render(anchorScene, coverageLevels: record.coverageLevels)
        // Pixels: the regions the edited objects cover in either image.
        var regions: [Rect] = link.before.map(\.extent)
        for id in edit.objects {
            if let t = edit.twinID(id), t >= 1, t <= twin.scene.objects.count {
                regions.append(twin.scene.objects[t - 1].extent)
            }
        }
        let w = record.width
        var changed = 0
        var outside = 0
        var first: (Int, Int)?
        let a = anchor.canvas.rgb
        let b = twin.canvas.rgb
        for p in 0..<(min(a.count, b.count) / 3)
        where a[3 * p] != b[3 * p] || a[3 * p + 1] != b[3 * p + 1] || a[3 * p + 2] != b[3 * p + 2] {
            changed += 1
            let (x, y) = (Double(p % w), Double(p / w))
            let inside = regions.contains {
                x + 1 >= $0.minX - 1 && x <= $0.maxX + 1 && y + 1 >= $0.minY - 1 && y <= $0.maxY + 1
            }
            if !inside {
                outside += 1
                if first == nil { first = (p % w, p / w) }
            }
        }
        if changed == 0 { defect("the \(edit.kind.rawValue) edit changes no pixel of the anchor") }
        if let first {
            defect(
                "\(outside) pixels differ from the anchor outside the edited objects' regions (first at \(first.0),\(first.1))"
            )
        }
        // Flipped statements: as recorded on the anchor, otherwise on the twin.
        let anchorFacts = SceneFacts(scene: anchorScene, measurements: anchor.measurements, relations: relations)
        for (i, f) in link.flips.enumerated() {
            let before = ProgramExecutor.outcome(f.program, on: anchorFacts)
            let after = ProgramExecutor.outcome(f.program, on: facts)
            /// A reference's object id, or a question's answer in its language.
            func said(_ o: ProgramExecutor.Outcome, _ scene: SceneFacts) -> String? {
                switch o {
                case .value(.object(let k)) where f.list == "refs": String(scene.scene.objects[k].id)
                case .value(let v): lexicons[f.language].map { Describer.answerWords(v, $0) }
                case .referentFails: TwinLink.none
                case .undecided: nil
                }
            }
            let was = said(before, anchorFacts)
            let now = said(after, facts)
            if was != f.anchor {
                defect("flips[\(i)] \"\(f.text)\": the anchor gives \(was ?? "no clear answer"), recorded \(f.anchor)")
            }
            if now == nil || now != f.twin {
                defect("flips[\(i)] \"\(f.text)\": the twin gives \(now ?? "no clear answer"), recorded \(f.twin)")
            }
            let unchanged =
                f.list == "refs" ? now == Int(f.anchor).flatMap { edit.twinID($0) }.map { String($0) } : now == was
            if unchanged { defect("flips[\(i)] \"\(f.text)\": the edit does not change it") }
            if f.list != "qa" && f.list != "refs" && f.list != "captions" {
                defect("flips[\(i)]: unknown list '\(f.list)'; expected qa, refs or captions")
            }
            if (f.list == "captions") != (f.level == "short" || f.level == "detailed") {
                defect("flips[\(i)]: level '\(f.level ?? "null")' does not fit list \(f.list)")
            }
        }
        if let describer {
            // Caption clauses: the flips listed are exactly the anchor's clauses the twin makes false.
            let clauses = describer.captionClauses(anchorFacts, runSeed: record.seed, index: record.index)
            let recomputed = TwinLink.captionFlips(clauses, facts, lexicons: describer.lexicons)
            if recomputed != link.flips.filter({ $0.list == "captions" }) {
                defect(
                    "the flipped caption clauses are not those the two scenes give (\(recomputed.count) found again)")
            }
            let again = describer.twinCaptions(
                anchor: anchorFacts, twin: facts, runSeed: record.seed, index: record.index)
            if again != link.captions {
                defect("the caption pair is not the one the two scenes give (\(again.count) languages described again)")
            }
        }
        return out
    }

    /// Every drawn property of every object and the canvas, exactly: equal digests mean the
    /// same picture.
    static func exactDigest(_ scene: Scene) -> UInt64 {
        var text =
            "\(scene.width)x\(scene.height)/\(scene.background.name)/\(scene.background.rgb.r),\(scene.background.rgb.g),\(scene.background.rgb.b)"
        for o in scene.objects {
            text +=
                ";\(o.id)/\(o.shape.rawValue)/\(o.color.name)/\(o.color.rgb.r),\(o.color.rgb.g),\(o.color.rgb.b)/\(o.size)/\(o.radius)"
                + "/\(o.fill.rawValue)/\(o.center.x),\(o.center.y)/\(o.rotation)/\(o.z)"
        }
        return DatasetVerifier.digest(Array(text.utf8))
    }

    static func referent(_ program: Program, _ facts: SceneFacts) -> Int? {
        guard case .object(let o)? = ProgramExecutor.run(program, on: facts) else { return nil }
        return facts.scene.objects[o].id
    }

    /// The edited objects differ from their anchor versions exactly as the edit states.
    func editDefects(_ edit: TwinEdit, _ before: [SceneObject], _ twin: Scene, key: String) -> [Defect] {
        func object(_ anchorID: Int) -> SceneObject? {
            guard let t = edit.twinID(anchorID), t >= 1, t <= twin.objects.count else { return nil }
            return twin.objects[t - 1]
        }
        var problems: [String] = []
        let o = before.first { $0.id == edit.object }
        let now = object(edit.object)
        func same(_ a: SceneObject?, _ b: SceneObject?, except: String) -> Bool {
            guard let a, let b else { return false }
            return (except == "color" || a.color == b.color) && (except == "shape" || a.shape == b.shape)
                && (except == "fill" || a.fill == b.fill)
                && (except == "size" || (a.size == b.size && a.radius == b.radius))
                && (except == "position" || a.center == b.center) && a.rotation == b.rotation && a.z == b.z
        }
        switch edit.kind {
        case .recolor:
            if o?.color.name != edit.from || now?.color.name != edit.to || !same(o, now, except: "color") {
                problems.append("object \(edit.object) is not recolored from \(edit.from) to \(edit.to) alone")
            }
        case .reshape:
            if o?.shape.rawValue != edit.from || now?.shape.rawValue != edit.to || !same(o, now, except: "shape") {
                problems.append("object \(edit.object) is not reshaped from \(edit.from) to \(edit.to) alone")
            }
        case .refill:
            if o?.fill.rawValue != edit.from || now?.fill.rawValue != edit.to || !same(o, now, except: "fill") {
                problems.append("object \(edit.object) is not refilled from \(edit.from) to \(edit.to) alone")
            }
        case .resize:
            if o?.size != edit.from || now?.size != edit.to || !same(o, now, except: "size") {
                problems.append("object \(edit.object) is not resized from \(edit.from) to \(edit.to) alone")
            }
        case .swap:
            let p = before.first { $0.id == edit.other }
            let pNow = edit.other.flatMap { object($0) }
            if o?.center != pNow?.center || p?.center != now?.center || !same(o, now, except: "position")
                || !same(p, pNow, except: "position")
            {
                problems.append("objects \(edit.object) and \(edit.other ?? 0) did not exchange places alone")
            }
        case .remove:
            if o == nil || now != nil { problems.append("object \(edit.object) is not removed") }
        case .move:
            let p = edit.other.flatMap { id in twin.objects.first { $0.id == id } }
            guard let o, let now, let p, let from = Relations.Direction(rawValue: edit.from),
                let to = Relations.Direction(rawValue: edit.to), to == from.opposite,
                relations.holds(o, from, of: p), relations.holds(now, to, of: p), same(o, now, except: "position")
            else {
                problems.append(
                    "object \(edit.object) did not move from \(edit.from) to \(edit.to) of object \(edit.other ?? 0) alone"
                )
                break
            }
        case .add:
            if o != nil || now == nil || edit.object != twin.objects.count {
                problems.append("object \(edit.object) is not an object added on top")
            }
        }
        return problems.map { Defect(key, "twins", $0) }
    }
}
