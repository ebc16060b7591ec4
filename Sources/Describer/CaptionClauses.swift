import SceneModel

/// One checkable statement of an image's short or detailed caption, in one language: the words
/// the caption says for it and a program whose value on the image is what the caption claims.
/// A group ("two large solid red circles") claims exactly that many objects with those
/// attributes (`count` of the group's filter; captions list every object, so counts are exact);
/// the object total ("five things") claims `count` of the scene; the relation statement ("The red
/// circle is to the left of the blue star.") claims that both named objects are alone of their
/// kind and stand in that direction (`unique` of each, then `exist` of the subject among the
/// objects in that direction from the other). The short caption's `{largest}` (the object with
/// the most pixels, said without a margin) and dense phrases (which name objects by their box)
/// are not clauses.
public struct CaptionClause: Sendable, Hashable {
    public var language: String
    /// `short` or `detailed`: the caption the clause belongs to.
    public var level: String
    /// The clause's position among its caption's clauses, in the order the caption says them.
    public var item: Int
    public var text: String
    public var program: Program
    /// What the caption claims the program gives: a count, or true for a relation statement.
    public var claim: ProgramValue

    public init(language: String, level: String, item: Int, text: String, program: Program, claim: ProgramValue) {
        self.language = language
        self.level = level
        self.item = item
        self.text = text
        self.program = program
        self.claim = claim
    }

    /// `count` of the objects a filter selects (every object for an empty filter).
    static func count(_ filter: ObjectFilter) -> Program {
        var p = Program()
        p.add(.count, [p.addFilter(filter)])
        return p
    }

    /// Both objects alone of their kind, and the subject in `direction` from the anchor.
    static func relation(_ r: CaptionPlan.Statement) -> Program {
        var p = Program()
        _ = r.subject.addSteps(to: &p)
        let anchor = r.anchor.addSteps(to: &p)
        let related = p.add(.relate, [anchor], r.direction.rawValue)
        p.add(.exist, [p.addFilter(r.subject.ownFilter, from: related)])
        return p
    }
}

extension Describer {
    /// The caption plan `describe` makes for an image: the first draws of its questions stream.
    public func captionPlan(_ facts: SceneFacts, runSeed: UInt64, index: UInt64) -> CaptionPlan {
        var rng = SampleSeed.generator(runSeed: runSeed, index: index, stream: .questions)
        return CaptionPlan(facts, rng: &rng)
    }

    /// The clauses of the short and detailed captions `describe` writes for this image in every
    /// language (the same caption plan and wording choices, from the sample's own streams), each
    /// true of the image. Charts have none. `plan`: the image's ``captionPlan(_:runSeed:index:)``
    /// when made already.
    public func captionClauses(
        _ facts: SceneFacts, runSeed: UInt64, index: UInt64, plan: CaptionPlan? = nil
    ) -> [CaptionClause] {
        guard facts.scene.chart == nil else { return [] }
        let plan = plan ?? captionPlan(facts, runSeed: runSeed, index: index)
        // The programs are the same in every language and caption: made once and shared.
        let everything = CaptionClause.count(ObjectFilter())
        let detailed = plan.detailed.map { CaptionClause.count($0.parts) }
        let byColorAndShape = plan.byColorAndShape.map { CaptionClause.count($0.parts) }
        let byShape = plan.byShape.map { CaptionClause.count($0.parts) }
        let relationProgram = plan.relation.map(CaptionClause.relation)
        var out: [CaptionClause] = []
        for lexicon in lexicons {
            var words = Xoshiro256(
                seed: SampleSeed.derive(runSeed: runSeed, index: index, stream: .text)
                    ^ SplitMix64.mix(Describer.languageSalt(lexicon.code)))
            let lexicon = lexicon.choosingSynonyms(&words)
            let choice = Captioner(lexicon: lexicon).choose(&words)
            func add(_ level: String, _ template: Template, relation: CaptionPlan.Statement?) {
                var item = 0
                func clause(_ text: String, _ program: Program, _ claim: ProgramValue) {
                    out.append(
                        CaptionClause(
                            language: lexicon.code, level: level, item: item, text: text, program: program,
                            claim: claim))
                    item += 1
                }
                func groups(_ list: [CaptionPlan.Group], _ programs: [Program]) {
                    for (g, program) in zip(list, programs) {
                        clause(lexicon.nounPhrase(count: g.count, g.parts), program, .integer(g.count))
                    }
                }
                for case .slot(let slot, _) in template.parts {
                    switch slot {
                    case .countShapes:
                        clause(lexicon.nounPhrase(count: plan.total, PhraseParts()), everything, .integer(plan.total))
                    // The detailed caption says its groups at full detail whatever the slot.
                    case .groups where level == "detailed", .shapeGroups where level == "detailed", .detailedGroups:
                        groups(plan.detailed, detailed)
                    case .groups: groups(plan.byColorAndShape, byColorAndShape)
                    case .shapeGroups: groups(plan.byShape, byShape)
                    default: break
                    }
                }
                if let r = relation, let program = relationProgram {
                    let statement = lexicon.relationSentence(r, template: choice.statement)
                    clause(String(decoding: statement, as: UTF8.self), program, .boolean(true))
                }
            }
            add("short", lexicon.shortTemplates[choice.short], relation: nil)
            add("detailed", lexicon.detailedTemplates[choice.detailed], relation: plan.relation)
        }
        return out
    }
}
