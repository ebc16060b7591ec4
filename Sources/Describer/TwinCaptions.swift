import SceneModel

/// A Winoground-style pair of captions for an anchor image and its counterfactual twin, in
/// one language: each true of its own image and false of the other, and worded alike except
/// for what the edit changed (the same wording choices, the groups in the same order).
public struct TwinCaptions: Sendable, Hashable {
    public var language: String
    /// True of the anchor, false of the twin.
    public var anchor: String
    /// True of the twin, false of the anchor.
    public var twin: String

    public init(language: String, anchor: String, twin: String) {
        self.language = language
        self.anchor = anchor
        self.twin = twin
    }
}

extension Describer {
    /// The pair of detailed captions for an anchor and its twin in every language, or none when
    /// the two images' captions would not tell them apart. Each caption lists its image's objects
    /// left to right in groups (the anchor's caption is the record's detailed caption) and keeps
    /// the anchor's relation statement when it holds in both images; a relation the edit turned
    /// around (a swap) is said turned around in the twin's caption, and one that holds in only one
    /// image otherwise is left out of both. Wording comes from the anchor's own streams, so the
    /// two differ only where the edit changed what is true. `anchorPlan`: the anchor's
    /// ``captionPlan(_:runSeed:index:)`` when made already.
    public func twinCaptions(
        anchor: SceneFacts, twin: SceneFacts, runSeed: UInt64, index: UInt64, anchorPlan: CaptionPlan? = nil
    ) -> [TwinCaptions] {
        let plan = anchorPlan ?? captionPlan(anchor, runSeed: runSeed, index: index)
        let twinPlan = CaptionPlan(groupsOf: twin)
        var anchorRelation = plan.relation
        var twinRelation = plan.relation
        if let r = plan.relation, !Self.holds(r, twin) {
            let turned = CaptionPlan.Statement(subject: r.subject, direction: r.direction.opposite, anchor: r.anchor)
            if Self.holds(turned, twin) {
                twinRelation = turned
            } else {
                anchorRelation = nil
                twinRelation = nil
            }
        }
        // Each caption must be false of the other image: a group count or the relation differs.
        let sameGroups = Self.sameCounts(plan.detailed, twinPlan.detailed) && plan.total == twinPlan.total
        guard !(sameGroups && anchorRelation == twinRelation) else { return [] }
        var out: [TwinCaptions] = []
        for lexicon in lexicons {
            var words = Xoshiro256(
                seed: SampleSeed.derive(runSeed: runSeed, index: index, stream: .text)
                    ^ SplitMix64.mix(Describer.languageSalt(lexicon.code)))
            let lexicon = lexicon.choosingSynonyms(&words)
            let captioner = Captioner(lexicon: lexicon)
            let choice = captioner.choose(&words)
            let background = lexicon.background(of: anchor.scene)
            // One memo for both: the twin's caption says the anchor's phrases again where its
            // groups, total or relation are the anchor's.
            var memo = Captioner.Memo()
            let anchorText = captioner.detailedText(
                groups: plan.detailed, total: plan.total, relation: anchorRelation, background: background,
                choice: choice, memo: &memo)
            let twinText = captioner.detailedText(
                groups: twinPlan.detailed, total: twinPlan.total, relation: twinRelation, background: background,
                choice: choice, memo: &memo)
            out.append(TwinCaptions(language: lexicon.code, anchor: anchorText, twin: twinText))
        }
        return out
    }

    /// Whether two lists of groups say each phrase the same number of times (whatever their order).
    static func sameCounts(_ a: [CaptionPlan.Group], _ b: [CaptionPlan.Group]) -> Bool {
        func count(_ parts: PhraseParts, _ groups: [CaptionPlan.Group]) -> Int {
            groups.reduce(0) { $1.parts == parts ? $0 + $1.count : $0 }
        }
        return a.allSatisfy { count($0.parts, a) == count($0.parts, b) }
            && b.allSatisfy { count($0.parts, a) == count($0.parts, b) }
    }

    /// Whether a relation statement is true of a scene: both referents pick out one object each
    /// and the subject stands in the stated direction from the anchor.
    static func holds(_ r: CaptionPlan.Statement, _ facts: SceneFacts) -> Bool {
        guard let s = r.subject.resolve(facts), let a = r.anchor.resolve(facts) else { return false }
        return facts.related(a, r.direction).contains(s)
    }
}
