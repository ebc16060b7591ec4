import Describer
import Foundation
import ParallelWork
import SceneModel
import SceneSampler
import Synchronization

/// A chart plan's answer weights (``ChartAnswerWeights``), estimated from the plan alone as
/// ``AnswerCalibration`` does for shape plans: `charts` of the plan's own charts, drawn with a
/// fixed seed that is no run's seed, each observed for the answers the chart families could
/// give. The same plan gives the same weights in every process (generate, verify), so sample
/// `i` still depends only on (plan, seed, i). Computed once per process for each plan, or read
/// from ``StoredAnswerWeights`` for the shipped plans.
public enum ChartCalibration {
    public static let charts = 1000
    /// The seed of the calibration charts ("charts" in ASCII).
    static let seed: UInt64 = 0x63_6861_7274_73
    static let cache = Mutex<[ScenePlan: ChartAnswerWeights]>([:])

    public static func weights(plan: ScenePlan, options: TextOptions) -> ChartAnswerWeights {
        guard plan.chart != nil, options.questions > 0 else { return .uniform }
        if let known = cache.withLock({ $0[plan] }) { return known }
        let fitted =
            StoredAnswerWeights.entry(key: StoredAnswerWeights.key(plan: plan, options: options))?.chart
            ?? fit(plan: plan)
        cache.withLock { $0[plan] = fitted }
        return fitted
    }

    public static func fit(plan: ScenePlan) -> ChartAnswerWeights {
        let sampler = Sampler(plan: plan, seed: seed)
        let observed = ParallelWork.map(count: charts, workers: ProcessInfo.processInfo.activeProcessorCount) { i in
            // A chart the plan cannot make within its retries is left out, as generate would fail on it.
            (try? sampler.sample(index: UInt64(i), drawing: false))?.rendered.scene.chart.map(
                ChartAnswerWeights.observe)
        }
        return ChartAnswerWeights.fit(observed.compactMap { $0 })
    }
}
