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
    /// Every visible object with its size, fill, color and shape, counts aggregated; then one
    /// relation between two nameable objects when the scene has one.
    public var detailed: String
    /// One phrase per object, in id order.
    public var dense: [DensePhrase]

    public init(short: String, detailed: String, dense: [DensePhrase]) {
        self.short = short
        self.detailed = detailed
        self.dense = dense
    }
}

/// Says a ``CaptionPlan`` in one language. Every statement comes from the plan's facts (which
/// objects exist, with which attributes, where), so it is true by construction; tests check it
/// back against the scene.
public struct Captioner: Sendable {
    public let lexicon: Lexicon

    public init(lexicon: Lexicon) { self.lexicon = lexicon }

    /// Template choices for one image in this language.
    public struct Choice: Sendable {
        public var short: Int
        public var detailed: Int
        public var statement: Int
    }

    public func choose(_ rng: inout Xoshiro256) -> Choice {
        Choice(
            short: rng.int(in: 0...(lexicon.shortTemplates.count - 1)),
            detailed: rng.int(in: 0...(lexicon.detailedTemplates.count - 1)),
            statement: rng.int(in: 0...(lexicon.relationStatements.count - 1)))
    }

    public func captions(
        _ plan: CaptionPlan, scene: Scene, measurements: [ObjectMeasurement], choice: Choice
    ) -> Captions {
        var memo = Memo()
        return captions(plan, scene: scene, measurements: measurements, choice: choice, memo: &memo)
    }

    /// The captions, remembering what was said in `memo` for the hard negatives that follow.
    public func captions(
        _ plan: CaptionPlan, scene: Scene, measurements: [ObjectMeasurement], choice: Choice, memo: inout Memo
    ) -> Captions {
        let background = lexicon.backgrounds[scene.background.name] ?? scene.background.name
        let short = lexicon.shortTemplates[choice.short].render { slot in
            switch slot {
            case "background": background
            case "count_shapes": lexicon.nounPhrase(count: plan.total, PhraseParts())
            case "groups": list(plan.byColorAndShape)
            case "shape_groups": list(plan.byShape)
            case "detailed_groups": list(plan.detailed, memo: &memo)
            case "largest": plan.largest.map { lexicon.nounPhrase(count: 1, PhraseParts(scene.objects[$0])) } ?? ""
            default: ""
            }
        }
        let detailed = detailedText(
            groups: plan.detailed, total: plan.total, relation: plan.relation, background: background, choice: choice,
            memo: &memo)
        var dense: [DensePhrase] = []
        for (o, m) in zip(scene.objects, measurements) {
            guard let box = m.bbox else { continue }
            dense.append(DensePhrase(objectID: o.id, text: lexicon.nounPhrase(count: 1, PhraseParts(o)), bbox: box))
        }
        return Captions(short: short, detailed: detailed, dense: dense)
    }

    /// The detailed caption for a list of groups and an optional relation (also used to say
    /// hard negatives, which change one of them).
    /// Phrases already said for one image in this language: hard negatives repeat all but one
    /// part of the detailed caption, so each part is said once.
    public struct Memo {
        /// The detailed caption's groups and their phrases, in order. Negatives change one
        /// group, so a group equal to the one at its position is said from here; comparing is
        /// much cheaper than hashing the group.
        var groups: [CaptionPlan.Group] = []
        var phrases: [String] = []
        var totals: [Int: String] = [:]
        var statements: [(CaptionPlan.Statement, String)] = []

        public init() {}
    }

    public func detailedText(
        groups: [CaptionPlan.Group], total: Int, relation: CaptionPlan.Statement?, background: String, choice: Choice
    ) -> String {
        var memo = Memo()
        return detailedText(
            groups: groups, total: total, relation: relation, background: background, choice: choice, memo: &memo)
    }

    public func detailedText(
        groups: [CaptionPlan.Group], total: Int, relation: CaptionPlan.Statement?, background: String, choice: Choice,
        memo: inout Memo
    ) -> String {
        let listed = list(groups, memo: &memo)
        let count: String
        if let c = memo.totals[total] {
            count = c
        } else {
            count = lexicon.nounPhrase(count: total, PhraseParts())
            memo.totals[total] = count
        }
        var text = lexicon.detailedTemplates[choice.detailed].render { slot in
            switch slot {
            case "background": background
            case "count_shapes": count
            case "groups", "shape_groups", "detailed_groups": listed
            default: ""
            }
        }
        if let r = relation {
            let statement: String
            if let known = memo.statements.first(where: { $0.0 == r }) {
                statement = known.1
            } else {
                statement = lexicon.relationStatements[choice.statement].render { slot in
                    switch slot {
                    case "A": lexicon.describe(r.subject)
                    case "B": lexicon.describe(r.anchor)
                    case "rel": lexicon.direction(r.direction)
                    default: ""
                    }
                }
                memo.statements.append((r, statement))
            }
            if lexicon.grammar == .english { text += " " }
            text += statement
        }
        return text
    }

    func list(_ groups: [CaptionPlan.Group]) -> String {
        lexicon.joinList(groups.map { lexicon.nounPhrase(count: $0.count, $0.parts) })
    }

    /// The same, reusing phrases already said for this image (hard negatives repeat all but
    /// one group of the detailed caption).
    func list(_ groups: [CaptionPlan.Group], memo: inout Memo) -> String {
        if memo.groups.isEmpty {
            memo.groups = groups
            memo.phrases = groups.map { lexicon.nounPhrase(count: $0.count, $0.parts) }
            return lexicon.joinList(memo.phrases)
        }
        var phrases: [String] = []
        phrases.reserveCapacity(groups.count)
        for (i, g) in groups.enumerated() {
            phrases.append(
                i < memo.groups.count && memo.groups[i] == g
                    ? memo.phrases[i] : lexicon.nounPhrase(count: g.count, g.parts))
        }
        return lexicon.joinList(phrases)
    }
}
