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
        let background = lexicon.background(of: scene)
        let template = lexicon.shortTemplates[choice.short]
        var shortText = [UInt8](reservingCapacity: 256)
        for part in template.parts {
            switch part {
            case .text(let range): shortText.append(contentsOf: template.literal[range])
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
        if let l = plan.lettering, let words = lexicon.lettering {
            let sentence = l.short(words, lexicon)
            if !sentence.isEmpty {
                if lexicon.grammar == .english { shortText.append(UInt8(ascii: " ")) }
                shortText.append(sentence)
            }
        }
        let short = String(decoding: shortText, as: UTF8.self)
        let detailed = detailedText(
            groups: plan.detailed, total: plan.total, relation: plan.relation, background: background, choice: choice,
            lettering: plan.lettering, memo: &memo)
        var dense: [DensePhrase] = []
        dense.reserveCapacity(scene.objects.count)
        var phrase = [UInt8](reservingCapacity: 96)
        for (o, m) in zip(scene.objects, measurements) {
            guard let box = m.bbox else { continue }
            phrase.removeAll(keepingCapacity: true)
            lexicon.nounPhrase(count: 1, PhraseParts(o), into: &phrase)
            dense.append(DensePhrase(objectID: o.id, text: String(decoding: phrase, as: UTF8.self), bbox: box))
        }
        return Captions(short: short, detailed: detailed, dense: dense)
    }

    /// Phrases already said for one image in this language: hard negatives repeat all but one
    /// part of the detailed caption, so each part is said once.
    public struct Memo {
        /// The detailed caption's groups, in order. Negatives change one group, so a group
        /// equal to the one at its position is said from `phrases`.
        var groups: [CaptionPlan.Group] = []
        /// The groups' phrases, one after another, and where each ends.
        var phrases: [UInt8] = []
        var phraseEnds: [Int] = []
        var totals: [(Int, String)] = []
        var statements: [(CaptionPlan.Statement, String)] = []

        public init() {}
    }

    /// The detailed caption for a list of groups and an optional relation (also used to say
    /// hard negatives, which change one of them).
    public func detailedText(
        groups: [CaptionPlan.Group], total: Int, relation: CaptionPlan.Statement?, background: String, choice: Choice
    ) -> String {
        var memo = Memo()
        return detailedText(
            groups: groups, total: total, relation: relation, background: background, choice: choice, memo: &memo)
    }

    public func detailedText(
        groups: [CaptionPlan.Group], total: Int, relation: CaptionPlan.Statement?, background: String, choice: Choice,
        lettering: CaptionLettering? = nil, memo: inout Memo
    ) -> String {
        var t = [UInt8](reservingCapacity: 256)
        writeDetailed(
            groups: groups, total: total, relation: relation, background: background, choice: choice,
            lettering: lettering, memo: &memo, into: &t)
        return String(decoding: t, as: UTF8.self)
    }

    /// Writes the detailed caption's text into `t` (emptied first), the text clauses last.
    func writeDetailed(
        groups: [CaptionPlan.Group], total: Int, relation: CaptionPlan.Statement?, background: String, choice: Choice,
        lettering: CaptionLettering? = nil, memo: inout Memo, into t: inout [UInt8]
    ) {
        writeDetailedShapes(
            groups: groups, total: total, relation: relation, background: background, choice: choice, memo: &memo,
            into: &t)
        if let lettering, let words = lexicon.lettering {
            let sentences = lettering.detailed(words, lexicon)
            if !sentences.isEmpty {
                if lexicon.grammar == .english { t.append(UInt8(ascii: " ")) }
                t.append(sentences)
            }
        }
    }

    func writeDetailedShapes(
        groups: [CaptionPlan.Group], total: Int, relation: CaptionPlan.Statement?, background: String, choice: Choice,
        memo: inout Memo, into t: inout [UInt8]
    ) {
        let template = lexicon.detailedTemplates[choice.detailed]
        t.removeAll(keepingCapacity: true)
        for part in template.parts {
            switch part {
            case .text(let range): t.append(contentsOf: template.literal[range])
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
            if lexicon.grammar == .english { t.append(UInt8(ascii: " ")) }
            if let known = memo.statements.first(where: { $0.0 == r }) {
                t.append(known.1)
            } else {
                let statement = lexicon.relationSentence(r, template: choice.statement)
                memo.statements.append((r, String(decoding: statement, as: UTF8.self)))
                t.append(contentsOf: statement)
            }
        }
    }

    func list(_ groups: [CaptionPlan.Group], into t: inout [UInt8]) {
        for (i, g) in groups.enumerated() {
            if i > 0 { t.append(lexicon.listWord(before: i, of: groups.count)) }
            lexicon.nounPhrase(count: g.count, g.parts, into: &t)
        }
    }

    /// The same, reusing phrases already said for this image (hard negatives repeat all but
    /// one group of the detailed caption).
    func list(_ groups: [CaptionPlan.Group], memo: inout Memo, into t: inout [UInt8]) {
        if memo.groups.isEmpty {
            memo.groups = groups
            memo.phraseEnds.reserveCapacity(groups.count)
            for g in groups {
                lexicon.nounPhrase(count: g.count, g.parts, into: &memo.phrases)
                memo.phraseEnds.append(memo.phrases.count)
            }
        }
        for i in groups.indices {
            if i > 0 { t.append(lexicon.listWord(before: i, of: groups.count)) }
            if i < memo.groups.count && memo.groups[i] == groups[i] {
                t.append(contentsOf: memo.phrases[(i == 0 ? 0 : memo.phraseEnds[i - 1])..<memo.phraseEnds[i]])
            } else {
                lexicon.nounPhrase(count: groups[i].count, groups[i].parts, into: &t)
            }
        }
    }
}

extension Lexicon {
    /// The detailed caption's relation sentence ("The red circle is left of the blue star."),
    /// in relation-statement template `template`, capitalized: what captions say and what a
    /// twin's flipped caption clauses quote.
    func relationSentence(_ r: CaptionPlan.Statement, template: Int) -> [UInt8] {
        let t = relationStatements[template]
        var sentence = [UInt8](reservingCapacity: 256)
        for part in t.parts {
            switch part {
            case .text(let range): sentence.append(contentsOf: t.literal[range])
            case .slot(.a, _): describe(r.subject, nested: false, into: &sentence)
            case .slot(.b, _): describe(r.anchor, nested: false, into: &sentence)
            case .slot(.rel, _): sentence.append(direction(r.direction))
            case .slot: break
            }
        }
        sentence.capitalizeFirst()
        return sentence
    }
}
