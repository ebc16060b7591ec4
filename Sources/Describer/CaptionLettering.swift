import SceneModel

/// What captions say about the text drawn in a scene (plans with `lettering:`), decided once for
/// every language: the signs' strings (reading order) with their colors, the labels' strings
/// (left to right by the objects they label), and, for the detailed caption, each labelled
/// object nameable alone by its attributes with its label ("the red square is labelled "7"").
/// Every string is a text item's own, so the clauses are true by construction; `verify` says
/// them again from the measured scene and compares.
public struct CaptionLettering: Hashable, Sendable {
    public struct Sign: Hashable, Sendable {
        public var text: String
        public var color: String
    }

    public struct Label: Hashable, Sendable {
        /// The object's index in the scene and the attributes that name it alone.
        public var object: Int
        public var filter: ObjectFilter
        public var text: String
    }

    public var signs: [Sign]
    /// Every label's string, left to right.
    public var labelTexts: [String]
    /// The labelled objects the detailed caption names, left to right.
    public var labels: [Label]

    /// Nil when the scene has no text item (a plan without lettering draws nothing from `rng`).
    public init?(_ facts: SceneFacts, rng: inout Xoshiro256) {
        guard !facts.texts.isEmpty else { return nil }
        signs = facts.texts.filter { $0.labels == nil }.sorted { $0.readingOrder < $1.readingOrder }.map {
            Sign(text: $0.text, color: $0.color.name)
        }
        let ordered = (0..<facts.count).filter { facts.labels[$0] != nil }.sorted {
            (facts.positions[$0].x, $0) < (facts.positions[$1].x, $1)
        }
        labelTexts = ordered.compactMap { facts.labels[$0] }
        labels = []
        guard facts.isDescribable else { return }
        for i in ordered {
            guard let f = ReferringExpressions.attributes(i, facts, &rng), let text = facts.labels[i] else { continue }
            labels.append(Label(object: i, filter: f, text: text))
        }
    }

    /// The short caption's sentence: the strings alone.
    func short(_ words: LetteringWords, _ lexicon: Lexicon) -> String {
        var sentences: [String] = []
        if !signs.isEmpty {
            let t = signs.count == 1 ? words.signsShort.one : words.signsShort.many
            sentences.append(LetteringWords.fill(t, [("W", list(signs.map(\.text), words, lexicon))]))
        }
        if !labelTexts.isEmpty {
            let t = labelTexts.count == 1 ? words.labelsShort.one : words.labelsShort.many
            sentences.append(LetteringWords.fill(t, [("W", list(labelTexts, words, lexicon))]))
        }
        return sentences.map(Self.capitalized).joined(separator: lexicon.grammar == .english ? " " : "")
    }

    /// The detailed caption's sentences: each sign with its color, each nameable labelled object
    /// with its label.
    func detailed(_ words: LetteringWords, _ lexicon: Lexicon) -> String {
        var sentences: [String] = []
        if !signs.isEmpty {
            let items = signs.map { s in
                LetteringWords.fill(
                    words.signItem, [("W", words.quoted(s.text)), ("A", lexicon.colors[s.color] ?? s.color)])
            }
            let t = signs.count == 1 ? words.signsDetailed.one : words.signsDetailed.many
            sentences.append(LetteringWords.fill(t, [("items", words.joined(items))]))
        }
        if !labels.isEmpty {
            let items = labels.map { l in
                LetteringWords.fill(
                    words.labelItem,
                    [("X", lexicon.describe(.filter(l.filter))), ("W", words.quoted(l.text))])
            }
            sentences.append(LetteringWords.fill(words.labelsDetailed, [("items", words.joined(items))]))
        }
        return sentences.map(Self.capitalized).joined(separator: lexicon.grammar == .english ? " " : "")
    }

    /// Quoted strings joined by the lexicon's list words.
    func list(_ strings: [String], _ words: LetteringWords, _ lexicon: Lexicon) -> String {
        var out = ""
        for (i, s) in strings.enumerated() {
            if i > 0 { out += lexicon.listWord(before: i, of: strings.count) }
            out += words.quoted(s)
        }
        return out
    }

    static func capitalized(_ s: String) -> String {
        var t = Array(s.utf8)
        t.capitalizeFirst()
        return String(decoding: t, as: UTF8.self)
    }
}

extension HardNegatives {
    /// A text negative: one string of the detailed caption's text clauses replaced by a text of
    /// the plan's word lists that the image does not show, in the same script (so the string
    /// gives nothing away). A sign's claim is that the new string is written; a label's, that
    /// its object is labelled with it.
    static func text(_ plan: CaptionPlan, _ facts: SceneFacts, _ vocabulary: Vocabulary, _ rng: inout Xoshiro256)
        -> NegativeSpec?
    {
        guard let lettering = plan.lettering else { return nil }
        let slots = lettering.signs.count + lettering.labels.count
        guard slots > 0 else { return nil }
        let k = rng.int(in: 0...(slots - 1))
        let old = k < lettering.signs.count ? lettering.signs[k].text : lettering.labels[k - lettering.signs.count].text
        let shown = Set(facts.texts.map(\.text))
        let candidates = vocabulary.texts.filter { !shown.contains($0) && isCJK($0) == isCJK(old) }
        guard let new = rng.pick(candidates) else { return nil }
        var changed = lettering
        var p = Program()
        let claimed: ProgramValue
        if k < lettering.signs.count {
            changed.signs[k].text = new
            p.add(.exist, [p.add(.filterText, [p.add(.sceneText)], new)])
            claimed = .boolean(true)
        } else {
            let label = lettering.labels[k - lettering.signs.count]
            changed.labels[k - lettering.signs.count].text = new
            p.add(.queryLabel, [Referent.filter(label.filter).addSteps(to: &p)])
            claimed = .string(new)
        }
        return NegativeSpec(
            kind: .text, groups: plan.detailed, total: plan.total, relation: plan.relation, program: p,
            claimed: claimed, lettering: changed)
    }

    static func isCJK(_ s: String) -> Bool { s.unicodeScalars.contains { $0.value >= 0x2E80 } }
}
