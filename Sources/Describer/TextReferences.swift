import SceneModel

/// A referring expression for drawn text, built once and said in every language: a text item
/// by its string ("the text "OPEN"", program `scene_text → filter_text → unique`) or an object
/// by its label ("the shape labelled "7"", program `scene → filter_label → unique`).
public struct TextReferenceSpec: Hashable, Sendable {
    public enum Target: Hashable, Sendable {
        /// A text item, by its index in the scene's texts.
        case item(Int)
        /// An object, by its index in the scene, named by its label.
        case labelled(Int)
    }

    public var target: Target
    /// The string the expression quotes.
    public var text: String
    public var program: Program
}

/// Text references for plans with `lettering:`: every text item and every labelled object is a
/// candidate; up to `count` of them, in an order drawn from `rng`, each kept only when its
/// program returns exactly its target. Texts of one scene are distinct strings (the sampler
/// draws them so), so a string names its item alone.
public enum TextReferences {
    public static func choose(_ facts: SceneFacts, count: Int, rng: inout Xoshiro256) -> [TextReferenceSpec] {
        guard count > 0, !facts.texts.isEmpty else { return [] }
        var candidates: [TextReferenceSpec] = []
        for (i, t) in facts.texts.enumerated() where !t.words.isEmpty {
            var p = Program()
            p.add(.unique, [p.add(.filterText, [p.add(.sceneText)], t.text)])
            candidates.append(TextReferenceSpec(target: .item(i), text: t.text, program: p))
        }
        for o in 0..<facts.count {
            guard let label = facts.labels[o] else { continue }
            var p = Program()
            p.add(.unique, [p.add(.filterLabel, [p.add(.scene)], label)])
            candidates.append(TextReferenceSpec(target: .labelled(o), text: label, program: p))
        }
        rng.shuffle(&candidates)
        var out: [TextReferenceSpec] = []
        for c in candidates where out.count < count {
            switch (ProgramExecutor.run(c.program, on: facts), c.target) {
            case (.text(let t)?, .item(let i)) where t == i: out.append(c)
            case (.object(let o)?, .labelled(let i)) where o == i: out.append(c)
            default: continue
            }
        }
        return out
    }

    /// The box of a text item as the id plane measures it: the union of its words' boxes (nil
    /// when none owns a pixel).
    public static func box(_ measurement: TextMeasurement) -> PixelBox? {
        var r: (Int, Int, Int, Int)?
        for w in measurement.words {
            guard let b = w.bbox else { continue }
            if let e = r {
                r = (min(e.0, b.x), min(e.1, b.y), max(e.2, b.x + b.width), max(e.3, b.y + b.height))
            } else {
                r = (b.x, b.y, b.x + b.width, b.y + b.height)
            }
        }
        return r.map { PixelBox(x: $0.0, y: $0.1, width: $0.2 - $0.0, height: $0.3 - $0.1) }
    }
}
