import DatasetWriters
import Describer
import PNGCodec
import Rasterizer
import SampleRecords
import SceneModel
import SceneSampler

/// One finished sample: its record and its encoded image.
public struct GeneratedSample: Sendable {
    public var record: SampleRecord
    public var png: [UInt8]
    public var rendered: RenderedScene
    /// Layout attempts the sampler used.
    public var attempts: Int
}

/// Makes the sample of a global index. Reads as the pipeline's stages, each a pure function
/// of the previous stage's output, so sample `i` depends only on (plan, seed, i).
public struct SampleFactory: Sendable {
    public let sampler: Sampler
    public let describer: Describer
    public let png: PNGOptions
    /// What each sample's one caption file holds.
    public let caption: CaptionChoice
    /// Counterfactual twins made per sample (0: none, and records carry no `twin` field).
    public var twins: Int

    public init(
        plan: ScenePlan, seed: UInt64, lexicons: [Lexicon], text: TextOptions, png: PNGOptions,
        caption: CaptionChoice = .standard, twins: Int = 0
    ) {
        self.sampler = Sampler(plan: plan, seed: seed)
        self.describer = Describer(plan: plan, lexicons: lexicons, options: text)
        self.png = png
        self.caption = caption
        self.twins = twins
    }

    public var plan: ScenePlan { sampler.plan }
    public var seed: UInt64 { sampler.seed }

    public func make(index: UInt64) throws(PipelineError) -> GeneratedSample {
        // 1. Sample a scene the rasterizer has drawn and measured (rejecting what the plan forbids).
        let sampled: SampledScene
        do { sampled = try sampler.sample(index: index) } catch { throw .sampling(error) }
        return try make(sampled.rendered, index: index, attempts: sampled.attempts)
    }

    /// Stages 2 to 4 for a drawn scene (`facts`: its ``SceneFacts`` when made already).
    func make(
        _ rendered: RenderedScene, index: UInt64, attempts: Int, facts: SceneFacts? = nil
    ) throws(PipelineError) -> GeneratedSample {
        // 2. Describe it from the measured scene.
        let description = describer.describe(
            rendered.scene, measurements: rendered.measurements, runSeed: seed, index: index,
            marks: rendered.markMeasurements, texts: rendered.textMeasurements, facts: facts)
        // 3. Encode the pixels.
        let bytes: [UInt8]
        do { bytes = try SampleFactory.encode(rendered.canvas, png) } catch { throw .png(error) }
        // 4. Assemble the record, the contract with every writer.
        var record = SampleRecord(
            index: index, seed: seed, plan: plan.name, scene: rendered.scene, measurements: rendered.measurements,
            coverageLevels: rendered.coverageLevels, description: description,
            texts: plan.lettering == nil && plan.chart == nil ? nil : rendered.textMeasurements)
        if let chart = rendered.scene.chart {
            record.chart = ChartRecord(
                chart: chart, marks: rendered.scene.marks, markMeasurements: rendered.markMeasurements)
        }
        return GeneratedSample(record: record, png: bytes, rendered: rendered, attempts: attempts)
    }

    /// A drawn canvas as PNG: an indexed canvas as a palette image, an RGB one as `options` say.
    public static func encode(_ canvas: Canvas, _ options: PNGOptions) throws(PNGError) -> [UInt8] {
        let encoder = try PNGEncoder(options: options)
        guard let palette = canvas.palette else {
            return try encoder.encode(rgb: canvas.pixels, width: canvas.width, height: canvas.height)
        }
        var colors: [UInt8] = []
        colors.reserveCapacity(palette.count * 3)
        for c in palette { colors += [c.r, c.g, c.b] }
        return try encoder.encode(indices: canvas.pixels, palette: colors, width: canvas.width, height: canvas.height)
    }

    /// The sample as the writers take it: record JSON (and the mask PNG and relationships,
    /// when asked) made here, on the worker, and the id plane kept only when a format reads it
    /// (it is the largest part of a sample).
    public func output(index: UInt64, needs: OutputNeeds) throws(PipelineError) -> SampleOutput {
        try output(try make(index: index), needs: needs)
    }

    /// The samples of one index as the writers take them: the sample, then its twins.
    public func outputs(index: UInt64, needs: OutputNeeds) throws(PipelineError) -> [SampleOutput] {
        guard twins > 0 else { return [try output(index: index, needs: needs)] }
        var out: [SampleOutput] = []
        for sample in try makeWithTwins(index: index) { out.append(try output(sample, needs: needs)) }
        return out
    }

    func output(_ sample: GeneratedSample, needs: OutputNeeds) throws(PipelineError) -> SampleOutput {
        let canvas = sample.rendered.canvas
        var mask: [UInt8]?
        if needs.contains(.maskPNG) {
            do {
                mask = try PNGEncoder(options: png).encode(gray: canvas.ids, width: canvas.width, height: canvas.height)
            } catch { throw .png(error) }
        }
        var relationships: SceneRelationships?
        if needs.contains(.relationships) {
            relationships = SceneRelationships(
                SceneFacts(
                    scene: sample.rendered.scene, measurements: sample.rendered.measurements,
                    relations: describer.relations))
        }
        return SampleOutput(
            record: sample.record, recordJSON: sample.record.jsonBytes, png: sample.png,
            ids: needs.contains(.idPlane) ? canvas.ids : [], maskPNG: mask, relationships: relationships,
            caption: caption, keepingDescription: needs.contains(.description))
    }
}
