import Describer
import Foundation
import ParallelWork
import SceneModel
import SceneSampler
import Synchronization

/// The plan's answer weights (``AnswerWeights``), estimated from the plan alone: `scenes` of
/// the plan's own scenes, drawn with a fixed seed that is no run's seed, are asked by every
/// family the text options ask, `probes` times each, which answers they could give; the
/// weights are fitted from those observations. The same plan and options give the same
/// weights on every machine and in every process (generate, verify), so sample `i` still
/// depends only on (plan, seed, i). Computed once per process for each plan and options, or
/// read from ``StoredAnswerWeights`` for the shipped plans.
public enum AnswerCalibration {
    /// Scenes drawn and probes per family and scene.
    public static let scenes = 2000
    public static let probes = 1
    /// The seed of the calibration scenes ("answers" in ASCII).
    static let seed: UInt64 = 0x616E_7377_6572_73

    struct Key: Hashable {
        var plan: ScenePlan
        var families: [String]
        var weights: [Double]
    }
    static let cache = Mutex<[Key: AnswerWeights]>([:])

    public static func weights(plan: ScenePlan, options: TextOptions) -> AnswerWeights {
        let asked = options.families.filter { $0.1 > 0 }
        let key = Key(plan: plan, families: asked.map(\.0.rawValue), weights: asked.map(\.1))
        if let known = cache.withLock({ $0[key] }) { return known }
        let stored = StoredAnswerWeights.entry(key: StoredAnswerWeights.key(plan: plan, options: options))?.answers
        let fitted = stored ?? fit(plan: plan, options: options)
        cache.withLock { $0[key] = fitted }
        return fitted
    }

    public static func fit(plan: ScenePlan, options: TextOptions) -> AnswerWeights {
        guard options.questions > 0, options.families.contains(where: { $0.1 > 0 }) else { return .uniform }
        let sampler = Sampler(plan: plan, seed: seed)
        let engine = QuestionEngine(
            vocabulary: Vocabulary(plan: plan), families: options.families, difficulty: options.difficulty)
        let relations = plan.relations
        let perScene = ParallelWork.map(count: scenes, workers: ProcessInfo.processInfo.activeProcessorCount) { i in
            // A scene the plan cannot make within its retries is left out, as generate would fail on it.
            guard let sampled = try? sampler.sample(index: UInt64(i), drawing: false) else {
                return [(QuestionFamily, [AnswerWeights.Observation])]()
            }
            let facts = SceneFacts(
                scene: sampled.rendered.scene, measurements: sampled.rendered.measurements, relations: relations)
            var rng = SampleSeed.generator(runSeed: seed, index: UInt64(i), stream: .questions)
            return engine.possibleAnswers(facts, probes: probes, rng: &rng)
        }
        var byFamily: [(QuestionFamily, [AnswerWeights.Observation])] = options.families.filter { $0.1 > 0 }.map {
            ($0.0, [])
        }
        for scene in perScene {
            for (family, seen) in scene {
                if let slot = byFamily.firstIndex(where: { $0.0 == family }) { byFamily[slot].1 += seen }
            }
        }
        return AnswerWeights.fit(byFamily)
    }
}
