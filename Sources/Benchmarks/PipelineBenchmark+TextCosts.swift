import Describer
import Dispatch
import Pipeline
import SceneModel
import SceneSampler

extension PipelineBenchmark {
    /// Microseconds per image of describing with captions only, then adding each kind of text.
    static func textCosts(
        plan: ScenePlan, lexicons: [Lexicon], text: TextOptions, seed: UInt64, count: Int, report: (String) -> Void
    ) throws {
        let sampler = Sampler(plan: plan, seed: seed)
        let scenes = try (0..<UInt64(count)).map { try sampler.sample(index: $0).rendered }
        var variants: [(String, TextOptions)] = [("captions only", .captionsOnly)]
        var q = TextOptions.captionsOnly
        q.questions = text.questions
        q.families = text.families
        q.difficulty = text.difficulty
        variants.append(("+ \(text.questions) questions", q))
        var r = TextOptions.captionsOnly
        r.refs = text.refs
        variants.append(("+ \(text.refs) references", r))
        var n = TextOptions.captionsOnly
        n.negatives = text.negatives
        variants.append(("+ \(text.negatives) negatives", n))
        variants.append(("everything", text))
        for family in QuestionFamily.allCases {
            var f = q
            f.families = [(family, 1)]
            f.difficulty = Difficulty.allCases.map { ($0, 1) }
            variants.append(("  \(text.questions) \(family.rawValue) questions", f))
        }
        // The parts that decide what to say, without saying it.
        let vocabulary = Vocabulary(plan: plan)
        let engine = QuestionEngine(vocabulary: vocabulary, families: text.families, difficulty: text.difficulty)
        func timed(_ name: String, _ body: (SceneFacts, inout Xoshiro256) -> Void) {
            let start = DispatchTime.now().uptimeNanoseconds
            for (i, s) in scenes.enumerated() {
                let facts = SceneFacts(scene: s.scene, measurements: s.measurements, relations: plan.relations)
                var rng = SampleSeed.generator(runSeed: seed, index: UInt64(i), stream: .questions)
                body(facts, &rng)
            }
            let us = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e3 / Double(scenes.count)
            report(String(format: "deciding, %@: %.1f us per image", name, us))
        }
        timed("scene facts") { _, _ in }
        timed("caption plan") { facts, rng in _ = CaptionPlan(facts, rng: &rng) }
        timed("\(text.questions) questions") { facts, rng in
            _ = engine.questions(facts, count: text.questions, rng: &rng)
        }
        timed("\(text.refs) references") { facts, rng in
            _ = ReferringExpressions.choose(facts, count: text.refs, rng: &rng)
        }
        timed("\(text.negatives) negatives") { facts, rng in
            let plan = CaptionPlan(facts, rng: &rng)
            _ = HardNegatives.make(plan, facts, vocabulary: vocabulary, count: text.negatives, rng: &rng)
        }
        for (name, options) in variants {
            let describer = Describer(plan: plan, lexicons: lexicons, options: options)
            let start = DispatchTime.now().uptimeNanoseconds
            for (i, s) in scenes.enumerated() {
                _ = describer.describe(s.scene, measurements: s.measurements, runSeed: seed, index: UInt64(i))
            }
            let us = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e3 / Double(scenes.count)
            report(String(format: "describe, %@: %.1f us per image", name, us))
        }
    }
}
