import SceneModel

/// One object's phrase in a dense caption, with the pixel box it refers to.
public struct DensePhrase: Sendable, Hashable {
    public var objectID: Int
    public var text: String
    public var bbox: PixelBox

    public init(objectID: Int, text: String, bbox: PixelBox) {
        self.objectID = objectID
        self.text = text
        self.bbox = bbox
    }
}

/// The captions of one image in one language.
public struct Captions: Sendable, Hashable {
    /// One sentence.
    public var short: String
    /// Every visible object with its size, fill, color and shape, counts aggregated.
    public var detailed: String
    /// One phrase per object, in id order.
    public var dense: [DensePhrase]

    public init(short: String, detailed: String, dense: [DensePhrase]) {
        self.short = short
        self.detailed = detailed
        self.dense = dense
    }
}

/// Writes captions from a scene and its measurements. Every statement is built from the
/// scene's facts (which objects exist, with which attributes), so it is true by construction;
/// tests check it back against the scene.
public struct Captioner: Sendable {
    public let lexicon: Lexicon

    public init(lexicon: Lexicon) { self.lexicon = lexicon }

    public func captions(
        for scene: Scene, measurements: [ObjectMeasurement], rng: inout Xoshiro256
    ) -> Captions {
        let ordered = Relations.ordered(scene.objects, toward: .right)
        let background = lexicon.backgrounds[scene.background.name] ?? scene.background.name
        func groups(_ key: (SceneObject) -> PhraseParts) -> String {
            var keys: [PhraseParts] = []
            var counts: [PhraseParts: Int] = [:]
            for o in ordered {
                let k = key(o)
                if counts[k] == nil { keys.append(k) }
                counts[k, default: 0] += 1
            }
            return lexicon.joinList(keys.map { lexicon.nounPhrase(count: counts[$0] ?? 0, $0) })
        }
        func fill(_ slot: String) -> String {
            switch slot {
            case "background": return background
            case "count_shapes": return lexicon.nounPhrase(count: scene.objects.count, PhraseParts())
            case "groups": return groups { PhraseParts(color: $0.color.name, shape: $0.shape) }
            case "shape_groups": return groups { PhraseParts(shape: $0.shape) }
            case "detailed_groups": return groups { PhraseParts($0) }
            case "largest":
                var best = 0
                for i in measurements.indices where measurements[i].visiblePixels > measurements[best].visiblePixels {
                    best = i
                }
                return scene.objects.isEmpty ? "" : lexicon.nounPhrase(count: 1, PhraseParts(scene.objects[best]))
            default: return ""
            }
        }
        let short = lexicon.shortTemplates[rng.int(in: 0...(lexicon.shortTemplates.count - 1))].render(fill)
        let detailed = lexicon.detailedTemplates[rng.int(in: 0...(lexicon.detailedTemplates.count - 1))].render(fill)
        var dense: [DensePhrase] = []
        for (o, m) in zip(scene.objects, measurements) {
            guard let box = m.bbox else { continue }
            dense.append(DensePhrase(objectID: o.id, text: lexicon.nounPhrase(count: 1, PhraseParts(o)), bbox: box))
        }
        return Captions(short: short, detailed: detailed, dense: dense)
    }
}
