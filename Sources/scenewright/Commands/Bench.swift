import ArgumentParser
import DatasetWriters
import Describer
import Dispatch
import Foundation
import PNGCodec
import Pipeline
import SampleRecords
import SceneModel
import SceneSampler

#if canImport(Glibc)
    import Glibc
#endif

struct Bench: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Measure throughput: the full pipeline against libpng encoding alone, and a Pillow peer.",
        discussion: """
            On one thread, each round generates --count samples into a temporary folder (sample, \
            rasterize, describe, encode, write) and then encodes the same images again with \
            libpng alone, in memory. Rounds interleave the two so machine noise hits both; the \
            ratio of medians is the figure to read. With --peer, Pillow's script from \
            ../shared/peers runs on the same count. With --png-table, every zlib level and row \
            filter is timed on the same images.
            """)

    @OptionGroup var planOptions: PlanOptions
    @OptionGroup var png: PNGOptionGroup

    @Option(name: .long, help: "Samples per round.")
    var count: Int = 1000

    @Option(name: .long, help: "Rounds (medians are reported).")
    var rounds: Int = 3

    @Option(name: .long, help: "Worker threads for the pipeline (the targets are stated for 1).")
    var workers: Int = 1

    @Option(name: .long, help: "Path of pil_peer.py to run side by side (skipped when absent).")
    var peer: String?

    @Option(name: .long, help: "Python interpreter with Pillow for the peer.")
    var python: String?

    @Option(
        name: .long,
        help:
            "Folder the pipeline writes into (default: a RAM-backed folder under /dev/shm when there is one, so the figure measures Scenewright rather than the disk)."
    )
    var dir: String?

    @Option(
        name: .long,
        help:
            "Formats the pipeline writes, comma-separated (\(OutputFormats.names.joined(separator: ", "))); each round also runs the same pipeline writing nothing."
    )
    var format: String = "webdataset"

    @Option(name: .long, help: "Samples per shard.")
    var shardSize: Int = RunSetup.defaultShardSize

    @Flag(name: .customLong("text-breakdown"), help: "Also time describing with each kind of text alone.")
    var textBreakdown = false

    @Flag(name: .customLong("png-table"), help: "Also time every zlib level x row filter on the same images.")
    var pngTable = false

    func run() throws {
        let loaded = try planOptions.load()
        try CLIError.report {
            let factory = SampleFactory(
                plan: loaded.plan, seed: planOptions.seed, lexicons: loaded.lexicons, text: loaded.text,
                png: png.options)
            let base =
                dir.map { URL(fileURLWithPath: $0) }
                ?? (FileManager.default.isWritableFile(atPath: "/dev/shm")
                    ? URL(fileURLWithPath: "/dev/shm") : FileManager.default.temporaryDirectory)
            let temp = base.appendingPathComponent("scenewright-bench-\(getpid())")
            defer { try? FileManager.default.removeItem(at: temp) }
            let indices = UInt64(0)..<UInt64(count)
            print("writing into \(temp.path)")
            print(
                "plan \(loaded.plan.name), \(count) samples x \(rounds) rounds, png level \(png.level) filter \(png.filter.rawValue) color \(png.colorType.rawValue), workers \(workers)"
            )

            // The same pipeline saying captions only: the baseline the language engine's cost is
            // measured against.
            let captionsOnly = SampleFactory(
                plan: loaded.plan, seed: planOptions.seed, lexicons: loaded.lexicons, text: .captionsOnly,
                png: png.options)
            let names = format.split(separator: ",").map(String.init)
            let outputs = try OutputFormats(names: names, png: png.options)
            let run = RunInfo(
                plan: loaded.plan.name, seed: planOptions.seed, firstIndex: 0, count: count,
                samplesPerShard: shardSize, shardPrefix: RunSetup.defaultPrefix, languages: loaded.languages,
                categories: ShapeKind.allCases.map(\.rawValue), version: Scenewright.version)
            /// One timed run into a fresh folder; `formats` empty writes nothing but shard markers.
            func timed(_ factory: SampleFactory, _ formats: [any DatasetFormat], _ dir: String) throws -> Double {
                let sink = try DatasetSink(
                    directory: dir, run: run, formats: formats, manifest: [], overwrite: true, durable: false)
                let summary = try Generation.run(
                    factory: factory, shards: run.shards, sink: sink, workers: workers,
                    needs: formats.isEmpty ? [.description] : outputs.needs)
                let start = DispatchTime.now().uptimeNanoseconds
                try sink.finalize(metadata: .null)
                let seconds = summary.seconds + Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
                try? FileManager.default.removeItem(atPath: dir)
                return Double(summary.samples) / seconds
            }
            var captionRates: [Double] = []
            var pipelineRates: [Double] = []
            var nothingRates: [Double] = []
            var encodeRates: [Double] = []
            var peakAfterPipeline = 0
            var tableImages: [[UInt8]] = []
            for round in 0..<rounds {
                let dir = temp.appendingPathComponent("round\(round)").path
                // The three pipelines take turns going first, so that whatever the previous
                // step left behind (caches, the heap) does not always weigh on the same one.
                var rate = 0.0
                var captionRate = 0.0
                var nothingRate = 0.0
                for turn in 0..<3 {
                    switch (turn + round) % 3 {
                    case 0: rate = try timed(factory, outputs.formats, dir)
                    case 1: captionRate = try timed(captionsOnly, outputs.formats, dir)
                    default: nothingRate = try timed(factory, [], dir)
                    }
                    if round == 0 && turn == 0 { peakAfterPipeline = Bench.peakMemoryKiB() }
                }
                pipelineRates.append(rate)
                captionRates.append(captionRate)
                nothingRates.append(nothingRate)
                // The images for encoding alone are drawn after the pipelines and dropped after
                // the round: held across rounds (0.8 GB at 4,000 samples) they slowed whichever
                // pipeline allocated more.
                var images: [[UInt8]] = []
                images.reserveCapacity(count)
                for i in indices { images.append(try factory.sampler.sample(index: i).rendered.canvas.pixels) }
                let encoder = try PNGEncoder(options: png.options)
                let w = loaded.plan.width
                let h = loaded.plan.height
                let start = DispatchTime.now().uptimeNanoseconds
                var bytes = 0
                for image in images { bytes += try encoder.encode(rgb: image, width: w, height: h).count }
                let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
                encodeRates.append(Double(images.count) / seconds)
                print(
                    String(
                        format:
                            "round %d: pipeline %.0f samples/s (captions only %.0f), encoding alone %.0f images/s (%.0f B/image)",
                        round + 1, rate, captionRate,
                        Double(images.count) / seconds, Double(bytes) / Double(images.count)))
                if pngTable && tableImages.isEmpty { tableImages = Array(images.prefix(300)) }
            }
            let p = Bench.median(pipelineRates)
            let c = Bench.median(captionRates)
            let e = Bench.median(encodeRates)
            let z = Bench.median(nothingRates)
            print(
                "languages \(loaded.languages.joined(separator: ",")); per image \(loaded.text.questions) questions, "
                    + "\(loaded.text.refs) referring expressions, \(loaded.text.negatives) negatives")
            print(
                String(
                    format:
                        "median: captions-only pipeline %.0f samples/s, encoding alone %.0f images/s, ratio %.2f (target >= 0.70)",
                    c, e, c / e))
            print(
                String(
                    format: "median: full-text pipeline %.0f samples/s, %.2f of captions only (target >= 0.85)", p,
                    p / c))
            // Within a round the two run back to back; the median of the rounds' ratios shrugs off
            // a round in which only one of them was slowed by the machine.
            let roundRatios = zip(pipelineRates, captionRates).map { $0 / $1 }
            print(
                String(
                    format: "full text / captions only per round: median %.3f, range %.3f to %.3f",
                    Bench.median(roundRatios), roundRatios.min() ?? 0, roundRatios.max() ?? 0))
            print(
                String(
                    format:
                        "median: full-text pipeline writing %@ %.0f samples/s, writing nothing %.0f samples/s, ratio %.2f (target >= 0.90)",
                    names.joined(separator: ","), p, z, p / z))
            print(
                "peak memory of the pipeline: \(peakAfterPipeline / 1024) MiB (max RSS after the first full-text run)")
            let stages = try Bench.stageTimes(factory: factory, indices: indices)
            print(stages)

            if let peerPath = peer ?? Bench.defaultPeer(home: loaded.home) {
                try runPeer(path: peerPath, home: loaded.home, temp: temp, pipelineRate: p, captionsRate: c)
            }
            if textBreakdown {
                try Bench.textCosts(
                    plan: loaded.plan, lexicons: loaded.lexicons, text: loaded.text, seed: planOptions.seed,
                    count: count)
            }
            if pngTable {
                Bench.table(images: tableImages, width: loaded.plan.width, height: loaded.plan.height)
            }
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
        let encoder = try PNGEncoder(options: factory.png)
        for i in indices {
            let t0 = now()
            let s = try factory.sampler.sample(index: i)
            let t1 = now()
            attempts += s.attempts
            let d = factory.describer.describe(
                s.scene, measurements: s.rendered.measurements, runSeed: factory.seed, index: i)
            let t2 = now()
            _ = try encoder.encode(rgb: s.rendered.canvas.pixels, width: s.scene.width, height: s.scene.height)
            let t3 = now()
            _ =
                SampleRecord(
                    index: i, seed: factory.seed, plan: factory.plan.name, scene: s.scene,
                    measurements: s.rendered.measurements, description: d
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

    /// Microseconds per image of describing with captions only, then adding each kind of text.
    static func textCosts(plan: ScenePlan, lexicons: [Lexicon], text: TextOptions, seed: UInt64, count: Int) throws {
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
            print(String(format: "deciding, %@: %.1f us per image", name, us))
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
            print(String(format: "describe, %@: %.1f us per image", name, us))
        }
    }

    static func defaultPeer(home: URL) -> String? {
        let candidate = home.deletingLastPathComponent().appendingPathComponent("shared/peers/pil_peer.py").path
        return FileManager.default.fileExists(atPath: candidate) ? candidate : nil
    }

    func runPeer(path: String, home: URL, temp: URL, pipelineRate: Double, captionsRate: Double) throws {
        let venv = home.appendingPathComponent(".venv/bin/python").path
        let interpreter = python ?? (FileManager.default.isExecutableFile(atPath: venv) ? venv : "/usr/bin/env")
        var args = interpreter == "/usr/bin/env" ? ["python3"] : []
        args += [
            path, "--n", String(count), "--out", temp.appendingPathComponent("peer").path, "--level", String(png.level),
        ]
        let process = Process()
        process.executableURL = URL(fileURLWithPath: interpreter)
        process.arguments = args
        let err = Pipe()
        process.standardError = err
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let text = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0,
            let match = text.range(of: #"= ([0-9.]+) img/s"#, options: .regularExpression)
        else {
            print(
                "peer: skipped (\(path) did not run: \(text.split(separator: "\n").last ?? "no output"); install Pillow, e.g. `make venv`)"
            )
            return
        }
        let rate = Double(text[match].dropFirst(2).split(separator: " ")[0]) ?? 0
        print(
            String(
                format:
                    "peer (Pillow, 4x supersampled, level %d): %.0f images/s; Scenewright is %.1fx faster with captions only, %.1fx with full text",
                png.level, rate, captionsRate / max(rate, 1e-9), pipelineRate / max(rate, 1e-9)))
    }

    /// Encode speed and size for every zlib level x row filter on the same images.
    static func table(images: [[UInt8]], width: Int, height: Int) {
        print("\n| zlib level | filter | images/s | bytes/image |\n|---|---|---|---|")
        for level in [0, 1, 3, 6, 9] {
            for filter in PNGOptions.RowFilter.allCases {
                if level == 0 && filter != .none { continue }
                guard let encoder = try? PNGEncoder(options: PNGOptions(level: level, filter: filter)) else { continue }
                let start = DispatchTime.now().uptimeNanoseconds
                var bytes = 0
                for image in images {
                    bytes += (try? encoder.encode(rgb: image, width: width, height: height).count) ?? 0
                }
                let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
                print(
                    String(
                        format: "| %d | %@ | %.0f | %.0f |", level, filter.rawValue, Double(images.count) / seconds,
                        Double(bytes) / Double(images.count)))
            }
        }
        for (filter, strategy) in [(PNGOptions.RowFilter.sub, PNGOptions.Strategy.rle), (.up, .rle)] {
            guard let encoder = try? PNGEncoder(options: PNGOptions(level: 1, filter: filter, strategy: strategy))
            else { continue }
            let start = DispatchTime.now().uptimeNanoseconds
            var bytes = 0
            for image in images { bytes += (try? encoder.encode(rgb: image, width: width, height: height).count) ?? 0 }
            let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
            print(
                String(
                    format: "| 1 (rle) | %@ | %.0f | %.0f |", filter.rawValue, Double(images.count) / seconds,
                    Double(bytes) / Double(images.count)))
        }
    }
}
