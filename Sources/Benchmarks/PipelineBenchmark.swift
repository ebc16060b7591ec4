import DatasetWriters
import Describer
import Dispatch
import Foundation
import PNGCodec
import Pipeline
import Rasterizer
import SampleRecords
import SceneModel
import SceneSampler

#if canImport(Glibc)
    import Glibc
#endif

/// Throughput of the pipeline against libpng encoding alone, on one thread by default.
///
/// Each round generates `count` samples into a temporary folder (sample, rasterize, describe,
/// encode, write), the same with captions only and writing nothing, and then encodes the same
/// images again with libpng alone, in memory. Rounds interleave the pipelines so machine noise
/// hits all of them; the ratio of medians is the figure to read. Optionally a Pillow peer runs
/// on the same count, describing is timed kind of text by kind of text, and every zlib level
/// and row filter is timed on the same images. Every line of the report goes to `report`.
public struct PipelineBenchmark {
    public var setup: PlanSetup
    public var seed: UInt64
    public var png: PNGOptions
    /// Samples per round.
    public var count: Int
    /// Rounds (medians are reported).
    public var rounds: Int
    /// Worker threads for the pipeline.
    public var workers: Int
    /// pil_peer.py to run side by side; nil: ../shared/peers/pil_peer.py when present.
    public var peer: String?
    /// Python interpreter with Pillow; nil: the installation's .venv, else python3.
    public var python: String?
    /// Folder to write into; nil: /dev/shm when writable, else the temporary folder.
    public var dir: String?
    public var formats: [String]
    public var shardSize: Int
    public var textBreakdown: Bool
    public var pngTable: Bool
    /// Also time whole processes: both image kinds, the naive C and the Pillow peers.
    public var peers: Bool
    /// A second plan timed in the same rounds (e.g. scenes/occlusion.yaml).
    public var comparePlan: String?
    /// The tool's version, for the run's records.
    public var version: String
    /// When above 0, also time the full pipeline making this many counterfactual twins per
    /// sample (each round, after the others), against the pipeline without.
    public var twins = 0
    /// When set, the plan's text plus these conversations is timed too, against the plan's
    /// text alone (the plan must have no conversations of its own).
    public var conversations: ConversationOptions?

    public init(
        setup: PlanSetup, seed: UInt64, png: PNGOptions, count: Int, rounds: Int, workers: Int, peer: String?,
        python: String?, dir: String?, formats: [String], shardSize: Int, textBreakdown: Bool, pngTable: Bool,
        peers: Bool = true, comparePlan: String? = nil, version: String
    ) {
        self.peers = peers
        self.comparePlan = comparePlan
        self.setup = setup
        self.seed = seed
        self.png = png
        self.count = count
        self.rounds = rounds
        self.workers = workers
        self.peer = peer
        self.python = python
        self.dir = dir
        self.formats = formats
        self.shardSize = shardSize
        self.textBreakdown = textBreakdown
        self.pngTable = pngTable
        self.version = version
    }

    public func run(report: (String) -> Void) throws {
        let factory = setup.factory(seed: seed, png: png)
        let base =
            dir.map { URL(fileURLWithPath: $0) }
            ?? (FileManager.default.isWritableFile(atPath: "/dev/shm")
                ? URL(fileURLWithPath: "/dev/shm") : FileManager.default.temporaryDirectory)
        let temp = base.appendingPathComponent("scenewright-bench-\(getpid())")
        defer { try? FileManager.default.removeItem(at: temp) }
        let indices = UInt64(0)..<UInt64(count)
        report("writing into \(temp.path)")
        report(
            "plan \(setup.plan.name), \(count) samples x \(rounds) rounds, png level \(png.level) filter \(png.filter.rawValue) color \(png.colorType.rawValue), workers \(workers)"
        )

        // The same pipeline saying captions only: the baseline the language engine's cost is
        // measured against.
        let captionsOnly = setup.factory(seed: seed, text: .captionsOnly, png: png)
        let chat = conversations.map { c -> SampleFactory in
            var text = setup.text
            text.conversations = c
            return setup.factory(seed: seed, text: text, png: png)
        }
        let names = formats
        let outputs = try OutputFormats(names: names, png: png)
        let run = RunInfo(
            plan: setup.plan.name, seed: seed, firstIndex: 0, count: count,
            samplesPerShard: shardSize, shardPrefix: RunSetup.defaultPrefix, languages: setup.languages,
            version: version)
        /// One timed run into a fresh folder; `formats` empty writes nothing but shard markers.
        func timed(
            _ factory: SampleFactory, _ formats: [any DatasetFormat], _ dir: String, run: RunInfo = run
        ) throws -> Double {
            let sink = try DatasetSink(
                directory: dir, run: run, formats: formats, manifest: [], overwrite: true, durable: false)
            let summary = try Generation.run(
                factory: factory, shards: run.shards, sink: sink, workers: workers,
                needs: formats.isEmpty ? OutputNeeds() : outputs.needs)
            let start = DispatchTime.now().uptimeNanoseconds
            try sink.finalize(metadata: .null)
            let seconds = summary.seconds + Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
            try? FileManager.default.removeItem(atPath: dir)
            return Double(summary.samples) / seconds
        }
        // The other kind of image (indexed when this run draws RGB, and the reverse), a second
        // plan (`--compare-plan`), and the same samples streamed as one tar into /dev/null.
        var otherSetup = setup
        let otherPNG = otherSetup.draw(
            color: png.colorType == .indexed ? .rgb : .indexed, coverageLevels: nil, level: png.level,
            filter: png.filter)
        let other = otherSetup.factory(seed: seed, png: otherPNG)
        let compared = try comparePlan.map { path -> SampleFactory in
            var compareSetup = try PlanSetup(plan: path)
            let comparePNG = compareSetup.draw(
                color: png.colorType == .indexed ? .indexed : .rgb, coverageLevels: setup.plan.coverageLevels,
                level: png.level, filter: png.filter)
            return compareSetup.factory(seed: seed, png: comparePNG)
        }
        func streamed() throws -> Double {
            let job = StreamJob(
                plan: setup, seed: seed, png: png, firstIndex: 0, count: count, masks: false, workers: workers)
            let fd = open("/dev/null", O_WRONLY)
            defer { close(fd) }
            let start = DispatchTime.now().uptimeNanoseconds
            _ = try job.run(into: PipeOutput(fd: fd, name: "/dev/null"))
            return Double(count) / (Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
        }
        var captionRates: [Double] = []
        var pipelineRates: [Double] = []
        var nothingRates: [Double] = []
        var otherRates: [Double] = []
        var compareRates: [Double] = []
        var streamRates: [Double] = []
        var chatRates: [Double] = []
        var encodeRates: [Double] = []
        var otherEncodeRates: [Double] = []
        var imageBytes = (0.0, 0.0)
        var twinRates: [Double] = []
        var twinFactory = factory
        twinFactory.twins = twins
        var twinRun = run
        twinRun.samplesPerIndex = 1 + twins
        var peakAfterPipeline = 0
        var tableImages: [[UInt8]] = []
        for round in 0..<rounds {
            let dir = temp.appendingPathComponent("round\(round)").path
            // The three pipelines take turns going first, so that whatever the previous
            // step left behind (caches, the heap) does not always weigh on the same one.
            var rate = 0.0
            var captionRate = 0.0
            var nothingRate = 0.0
            var chatRate = 0.0
            var twinRate = 0.0

            // Optional turns after the five fixed ones (-1: not run).
            let compareTurn = compared == nil ? -1 : 5
            let chatTurn = chat == nil ? -1 : 5 + (compared == nil ? 0 : 1)
            let twinTurn = twins > 0 ? 5 + (compared == nil ? 0 : 1) + (chat == nil ? 0 : 1) : -1
            let turns = max(5, compareTurn + 1, chatTurn + 1, twinTurn + 1)
            for turn in 0..<turns {
                switch (turn + round) % turns {
                case 0: rate = try timed(factory, outputs.formats, dir)
                case 1: captionRate = try timed(captionsOnly, outputs.formats, dir)
                case 2: nothingRate = try timed(factory, [], dir)
                case 3: otherRates.append(try timed(other, outputs.formats, dir))
                case 4: streamRates.append(try streamed())
                case compareTurn:
                    if let compared { compareRates.append(try timed(compared, outputs.formats, dir)) }
                case chatTurn: if let chat { chatRate = try timed(chat, outputs.formats, dir) }
                case twinTurn: twinRate = try timed(twinFactory, outputs.formats, dir, run: twinRun)
                default: break
                }
                if round == 0 && turn == 0 { peakAfterPipeline = Self.peakMemoryKiB() }
            }
            pipelineRates.append(rate)
            if twins > 0 { twinRates.append(twinRate) }
            captionRates.append(captionRate)
            nothingRates.append(nothingRate)
            if chat != nil { chatRates.append(chatRate) }
            // The images for encoding alone are drawn after the pipelines and dropped after
            // the round: held across rounds (0.8 GB at 4,000 samples) they slowed whichever
            // pipeline allocated more.
            var images: [Canvas] = []
            images.reserveCapacity(count)
            for i in indices { images.append(try factory.sampler.sample(index: i).rendered.canvas) }
            let start = DispatchTime.now().uptimeNanoseconds
            var bytes = 0
            for image in images { bytes += try SampleFactory.encode(image, png).count }
            let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
            encodeRates.append(Double(images.count) / seconds)
            imageBytes.0 = Double(bytes) / Double(images.count)
            let otherImages = try indices.map { try other.sampler.sample(index: $0).rendered.canvas }
            let otherStart = DispatchTime.now().uptimeNanoseconds
            var otherBytes = 0
            for image in otherImages { otherBytes += try SampleFactory.encode(image, otherPNG).count }
            otherEncodeRates.append(
                Double(otherImages.count) / (Double(DispatchTime.now().uptimeNanoseconds - otherStart) / 1e9))
            imageBytes.1 = Double(otherBytes) / Double(otherImages.count)
            report(
                String(
                    format:
                        "round %d: pipeline %.0f samples/s (captions only %.0f), encoding alone %.0f images/s (%.0f B/image)",
                    round + 1, rate, captionRate,
                    Double(images.count) / seconds, Double(bytes) / Double(images.count)))
            if pngTable && tableImages.isEmpty { tableImages = images.prefix(300).map(\.rgb) }
        }
        let p = Self.median(pipelineRates)
        let c = Self.median(captionRates)
        let e = Self.median(encodeRates)
        let z = Self.median(nothingRates)
        let kinds = png.colorType == .indexed ? ("indexed", "RGB") : ("RGB", "indexed")
        let o = Self.median(otherRates)
        let (ix, rgb) = png.colorType == .indexed ? (p, o) : (o, p)
        report(
            String(
                format:
                    "median: full-text pipeline, %@ images %.0f samples/s, %@ images %.0f samples/s: indexed / RGB %.2f (target >= 1.5)",
                kinds.0, p, kinds.1, o, ix / rgb))
        report(
            String(
                format:
                    "median: libpng encoding alone, %@ %.0f images/s (%.0f B/image), %@ %.0f images/s (%.0f B/image), zlib level %d",
                kinds.0, Self.median(encodeRates), imageBytes.0, kinds.1, Self.median(otherEncodeRates), imageBytes.1,
                png.level))
        report(
            String(
                format: "median: stream into /dev/null %.0f samples/s, %.2f of generate (target >= 0.95)",
                Self.median(streamRates), Self.median(streamRates) / p))
        if let comparePlan {
            let r = Self.median(compareRates)
            report(
                String(
                    format: "median: %@ %.0f samples/s, %.2f of this plan's rate (target >= 0.70 for stacked plans)",
                    comparePlan, r, r / p))
        }
        report(
            "languages \(setup.languages.joined(separator: ",")); per image \(setup.text.questions) questions, "
                + "\(setup.text.refs) referring expressions, \(setup.text.negatives) negatives")
        report(
            String(
                format:
                    "median: captions-only pipeline %.0f samples/s, encoding alone %.0f images/s, ratio %.2f (target >= 0.70)",
                c, e, c / e))
        report(
            String(
                format: "median: full-text pipeline %.0f samples/s, %.2f of captions only (target >= 0.85)", p,
                p / c))
        // Within a round the two run back to back; the median of the rounds' ratios shrugs off
        // a round in which only one of them was slowed by the machine.
        let roundRatios = zip(pipelineRates, captionRates).map { $0 / $1 }
        report(
            String(
                format: "full text / captions only per round: median %.3f, range %.3f to %.3f",
                Self.median(roundRatios), roundRatios.min() ?? 0, roundRatios.max() ?? 0))
        report(
            String(
                format:
                    "median: full-text pipeline writing %@ %.0f samples/s, writing nothing %.0f samples/s, ratio %.2f (target >= 0.90)",
                names.joined(separator: ","), p, z, p / z))
        if twins > 0 {
            let t = Self.median(twinRates)
            // Within a round the two take turns with the others; the median of the rounds'
            // ratios shrugs off a round in which only one of them was slowed by the machine.
            let ratios = zip(pipelineRates, twinRates).map { $1 / $0 }
            report(
                String(
                    format:
                        "median: full-text pipeline with %d twins per sample %.0f samples/s (%.0f images/s), %.2f of the pipeline without; per round: median %.3f, range %.3f to %.3f (target >= 0.45 with 1 twin)",
                    twins, t, t * Double(1 + twins), t / p, Self.median(ratios), ratios.min() ?? 0, ratios.max() ?? 0))
        }
        if let c = conversations, !chatRates.isEmpty {
            // Time per sample with conversations over time per sample without, per round.
            let costs = zip(pipelineRates, chatRates).map { $0 / $1 }
            report(
                String(
                    format:
                        "median: with %d conversations x %d turns %.0f samples/s; time per sample %.3f of without (per round %.3f to %.3f; target <= 1.20)",
                    c.count, c.turns, Self.median(chatRates), Self.median(costs), costs.min() ?? 0, costs.max() ?? 0))
        }
        report(
            "peak memory of the pipeline: \(peakAfterPipeline / 1024) MiB (max RSS after the first full-text run)")
        let stages = try Self.stageTimes(factory: factory, indices: indices)
        report(stages)

        if peers { try runWholeProcesses(temp: temp, report: report) }
        report(edgeQuality(indices: indices))
        if textBreakdown {
            try Self.textCosts(
                plan: setup.plan, lexicons: setup.lexicons, text: setup.text, seed: seed, count: count,
                report: report)
        }
        if pngTable {
            Self.table(images: tableImages, width: setup.plan.width, height: setup.plan.height, report: report)
        }
    }

    static func median(_ xs: [Double]) -> Double {
        let s = xs.sorted()
        return s.isEmpty ? 0 : s[s.count / 2]
    }

    static func peakMemoryKiB() -> Int {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return usage.ru_maxrss
    }

    /// Per-stage cost in microseconds per sample, one thread.
    static func stageTimes(factory: SampleFactory, indices: Range<UInt64>) throws -> String {
        func now() -> UInt64 { DispatchTime.now().uptimeNanoseconds }
        var sample: UInt64 = 0, describe: UInt64 = 0, encode: UInt64 = 0, record: UInt64 = 0
        var attempts = 0
        for i in indices {
            let t0 = now()
            let s = try factory.sampler.sample(index: i)
            let t1 = now()
            attempts += s.attempts
            let d = factory.describer.describe(
                s.scene, measurements: s.rendered.measurements, runSeed: factory.seed, index: i)
            let t2 = now()
            _ = try SampleFactory.encode(s.rendered.canvas, factory.png)
            let t3 = now()
            _ =
                SampleRecord(
                    index: i, seed: factory.seed, plan: factory.plan.name, scene: s.scene,
                    measurements: s.rendered.measurements, coverageLevels: s.rendered.coverageLevels, description: d
                ).jsonBytes
            let t4 = now()
            sample += t1 - t0
            describe += t2 - t1
            encode += t3 - t2
            record += t4 - t3
        }
        let n = Double(indices.count) * 1000
        return String(
            format:
                "per sample: sample+rasterize %.1f us (%.2f layout attempts), describe %.1f us, encode %.1f us, record JSON %.1f us",
            Double(sample) / n, Double(attempts) / Double(indices.count), Double(describe) / n, Double(encode) / n,
            Double(record) / n)
    }
}
