import Pipeline
import Rasterizer

/// What indexed images cost in edge quality: each sample drawn indexed and with full
/// anti-aliasing, compared pixel by pixel.
extension PipelineBenchmark {
    func edgeQuality(indices: Range<UInt64>) -> String {
        var setup = self.setup
        _ = setup.draw(color: .indexed, coverageLevels: nil, level: png.level, filter: png.filter)
        let levels = setup.plan.coverageLevels ?? 16
        let factory = setup.factory(seed: seed, png: png)
        var largest = 0
        var differing = 0
        var pixels = 0
        var sumOfDifferences = 0
        var used: [Int: Int] = [:]
        var samples = 0
        for i in indices.prefix(500) {
            guard let sampled = try? factory.sampler.sample(index: i) else { continue }
            samples += 1
            let indexed = sampled.rendered
            used[indexed.coverageLevels ?? 0, default: 0] += 1
            let full = Rasterizer.render(indexed.scene).canvas.rgb
            let mine = indexed.canvas.rgb
            pixels += full.count / 3
            for p in 0..<(full.count / 3) {
                var worst = 0
                for c in 0..<3 { worst = max(worst, abs(Int(full[3 * p + c]) - Int(mine[3 * p + c]))) }
                if worst > 0 {
                    differing += 1
                    sumOfDifferences += worst
                    largest = max(largest, worst)
                }
            }
        }
        let steps = used.keys.sorted(by: >).map { "\($0): \(used[$0] ?? 0)" }.joined(separator: ", ")
        return
            "indexed edges at \(levels) coverage steps, \(samples) samples: images by steps used {\(steps)}; "
            + "pixels differing from full anti-aliasing \(String(format: "%.2f", 100 * Double(differing) / Double(max(pixels, 1))))%, "
            + "by \(String(format: "%.1f", Double(sumOfDifferences) / Double(max(differing, 1)))) on average (largest channel difference), largest \(largest) of 255"
    }
}
