import Describer
import Rasterizer
import SampleRecords
import SceneModel
import SceneSampler

extension SampleFactory {
    /// The sample of `index` and its ``twins`` counterfactual twins, in that order. Each twin is
    /// a whole sample, described on its own (from the same index's streams) and keyed
    /// `<key>-t<k>`; its record links it to the anchor with the edit, the anchor's versions of
    /// the edited objects and the anchor's questions and references whose truth the edit flips.
    public func makeWithTwins(index: UInt64) throws(PipelineError) -> [GeneratedSample] {
        let sampled: SampledScene
        do { sampled = try sampler.sample(index: index) } catch { throw .sampling(error) }
        // Each scene's facts are made once, for its description and for the twin statements.
        let anchorFacts = SceneFacts(
            scene: sampled.rendered.scene, measurements: sampled.rendered.measurements, relations: describer.relations)
        var anchor = try make(sampled.rendered, index: index, attempts: sampled.attempts, facts: anchorFacts)
        anchor.record.inTwinRun = true
        let made: [TwinScene]
        do { made = try sampler.twins(of: sampled, count: twins) } catch { throw .twins(error) }
        let captionPlan = describer.captionPlan(anchorFacts, runSeed: seed, index: index)
        let clauses = describer.captionClauses(anchorFacts, runSeed: seed, index: index, plan: captionPlan)
        var out = [anchor]
        for (k, t) in made.enumerated() {
            let facts = SceneFacts(
                scene: t.rendered.scene, measurements: t.rendered.measurements, relations: describer.relations)
            var twin = try make(t.rendered, index: index, attempts: sampled.attempts, facts: facts)
            twin.record.key = TwinLink.key(anchor: anchor.record.key, number: k + 1)
            twin.record.inTwinRun = true
            twin.record.twin = TwinLink(
                anchor: anchor.record.key, number: k + 1, edit: t.edit, before: t.before,
                flips: Self.flips(anchor.record, facts, t.edit, lexicons: describer.lexicons, clauses: clauses),
                captions: describer.twinCaptions(
                    anchor: anchorFacts, twin: facts, runSeed: seed, index: index, anchorPlan: captionPlan))
            out.append(twin)
        }
        return out
    }

    /// The anchor's questions whose program gives another answer on the twin, or whose
    /// referent is gone or no longer alone there (`none`), its references that pick out
    /// another object or none, and its caption clauses (`clauses`, ``Describer/captionClauses``
    /// of the anchor) that the twin makes false. Statements the twin leaves undecided (a
    /// superlative or nearest object within the margins) are not listed: they are not false of it.
    public static func flips(
        _ anchor: SampleRecord, _ twinFacts: SceneFacts, _ edit: TwinEdit, lexicons: [Lexicon],
        clauses: [CaptionClause] = []
    ) -> [TwinLink.Flip] {
        var outcomes = TwinLink.Outcomes(twinFacts)
        let qa = anchor.description.qa
        var out = TwinLink.judged(qa.map(\.language), lexicons: lexicons) { i, lexicon in
            let q = qa[i]
            let now: String
            switch outcomes.of(q.program) {
            case .value(let v): now = Describer.answerWords(v, lexicon)
            case .referentFails: now = TwinLink.none
            case .undecided: return nil
            }
            guard now != q.answer else { return nil }
            return TwinLink.Flip(
                list: "qa", item: i, language: q.language, text: q.question, program: q.program, anchor: q.answer,
                twin: now)
        }
        for (i, r) in anchor.description.refs.enumerated() {
            let now: String
            switch outcomes.of(r.program) {
            case .value(.object(let o)):
                let id = twinFacts.scene.objects[o].id
                if id == edit.twinID(r.objectID) { continue }
                now = String(id)
            case .referentFails: now = TwinLink.none
            default: continue
            }
            out.append(
                TwinLink.Flip(
                    list: "refs", item: i, language: r.language, text: r.text, program: r.program,
                    anchor: String(r.objectID), twin: now))
        }
        return out + TwinLink.captionFlips(clauses, twinFacts, lexicons: lexicons)
    }

    /// The id of the one object a reference program picks out, nil when none or several.
    public static func referent(_ program: Program, _ facts: SceneFacts) -> Int? {
        guard case .object(let o)? = ProgramExecutor.run(program, on: facts) else { return nil }
        return facts.scene.objects[o].id
    }
}
