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
        let template = lexicon.shortTemplates[choice.short]
        var shortText = TextBuffer(capacity: 192)
        for part in template.parts {
            switch part {
            case .text(let range): template.write(range, into: shortText)
            case .slot(.background, _): shortText.append(background)
            case .slot(.countShapes, _): lexicon.nounPhrase(count: plan.total, PhraseParts(), into: &shortText)
            case .slot(.groups, _): list(plan.byColorAndShape, into: &shortText)
            case .slot(.shapeGroups, _): list(plan.byShape, into: &shortText)
            case .slot(.detailedGroups, _): list(plan.detailed, memo: &memo, into: &shortText)
            case .slot(.largest, _):
                if let l = plan.largest {
                    lexicon.nounPhrase(count: 1, PhraseParts(scene.objects[l]), into: &shortText)
                }
            case .slot: break
            }
        }
        shortText.capitalizeFirst()
        let short = shortText.string
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
        /// The groups' phrases, one after another in one buffer, and where each ends (reading
        /// a kept `String` back cost a retain and a release per use).
        var phrases = TextBuffer(capacity: 256)
        var phraseEnds: [Int] = []
        var totals: [(Int, String)] = []
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
        detailedText(
            groups: groups, total: total, relation: relation, background: background, choice: choice, memo: &memo,
            into: TextBuffer(capacity: 384))
    }

    /// The same, assembled in `buffer` (emptied first; a describer reuses one per image).
    func detailedText(
        groups: [CaptionPlan.Group], total: Int, relation: CaptionPlan.Statement?, background: String, choice: Choice,
        memo: inout Memo, into buffer: TextBuffer
    ) -> String {
        writeDetailed(
            groups: groups, total: total, relation: relation, background: background, choice: choice, memo: &memo,
            into: buffer
        ).string
    }

    /// The detailed caption's text left in `buffer` (emptied first), which is returned.
    func writeDetailed(
        groups: [CaptionPlan.Group], total: Int, relation: CaptionPlan.Statement?, background: String, choice: Choice,
        memo: inout Memo, into buffer: TextBuffer
    ) -> TextBuffer {
        // Loops rather than closures per slot: a closure's context copied the captioner.
        let template = lexicon.detailedTemplates[choice.detailed]
        var t = buffer
        t.removeAll()
        for part in template.parts {
            switch part {
            case .text(let range): template.write(range, into: t)
            case .slot(.background, _): t.append(background)
            case .slot(.countShapes, _):
                if let known = memo.totals.first(where: { $0.0 == total }) {
                    t.append(known.1)
                } else {
                    let c = lexicon.nounPhrase(count: total, PhraseParts())
                    memo.totals.append((total, c))
                    t.append(c)
                }
            case .slot(.groups, _), .slot(.shapeGroups, _), .slot(.detailedGroups, _):
                list(groups, memo: &memo, into: &t)
            case .slot: break
            }
        }
        t.capitalizeFirst()
        if let r = relation {
            if lexicon.grammar == .english { t.append(" ") }
            // Looked up in place (iterating the list copied each statement's referents).
            let known = memo.statements.withUnsafeBufferPointer { b in b.firstIndex { $0.0 == r } }
            if let known {
                memo.statements.withUnsafeBufferPointer { t.append($0[known].1) }
            } else {
                let statementTemplate = lexicon.relationStatements[choice.statement]
                var statement = TextBuffer(capacity: 128)
                for part in statementTemplate.parts {
                    switch part {
                    case .text(let range): statementTemplate.write(range, into: statement)
                    case .slot(.a, _): lexicon.describe(r.subject, nested: false, into: &statement)
                    case .slot(.b, _): lexicon.describe(r.anchor, nested: false, into: &statement)
                    case .slot(.rel, _): statement.append(lexicon.direction(r.direction))
                    case .slot: break
                    }
                }
                statement.capitalizeFirst()
                memo.statements.append((r, statement.string))
                t.append(statement)
            }
        }
        return t
    }

    func list(_ groups: [CaptionPlan.Group], into t: inout TextBuffer) {
        for (i, g) in groups.enumerated() {
            if i > 0 { t.append(lexicon.listWord(before: i, of: groups.count)) }
            lexicon.nounPhrase(count: g.count, g.parts, into: &t)
        }
    }

    /// The same, reusing phrases already said for this image (hard negatives repeat all but
    /// one group of the detailed caption).
    /// Whether two lists hold equal groups at `i`, compared in place (reading `a[i]` copied
    /// the group, a retain and a release per name in it).
    @inline(__always)
    static func same(_ a: [CaptionPlan.Group], _ b: [CaptionPlan.Group], at i: Int) -> Bool {
        a.withUnsafeBufferPointer { x in b.withUnsafeBufferPointer { y in x[i] == y[i] } }
    }

    func list(_ groups: [CaptionPlan.Group], memo: inout Memo, into t: inout TextBuffer) {
        if memo.groups.isEmpty {
            memo.groups = groups
            memo.phraseEnds.reserveCapacity(groups.count)
            for g in groups {
                lexicon.nounPhrase(count: g.count, g.parts, into: &memo.phrases)
                memo.phraseEnds.append(memo.phrases.byteCount)
            }
        }
        for i in groups.indices {
            if i > 0 { t.append(lexicon.listWord(before: i, of: groups.count)) }
            if i < memo.groups.count && Captioner.same(memo.groups, groups, at: i) {
                t.append(memo.phrases, (i == 0 ? 0 : memo.phraseEnds[i - 1])..<memo.phraseEnds[i])
            } else {
                lexicon.nounPhrase(count: groups[i].count, groups[i].parts, into: &t)
            }
        }
    }
}
