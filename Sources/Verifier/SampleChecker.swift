import DatasetWriters
import Describer
import PNGCodec
import Rasterizer
import SampleRecords
import SceneModel
import Typesetting

/// Checks one stored sample against its own pixels: the image decodes to the recorded size,
/// redrawing the recorded scene gives exactly those pixels, every measurement is what the pixels
/// measure, palette colors appear only where objects of that color are, and every statement
/// (answers, referring expressions, negatives, captions) holds on the scene.
public struct SampleChecker: Sendable {
    /// Says the text again from the redrawn scene, for comparing every string; nil when the
    /// run's plan is not at hand (then programs are still executed, wording is not compared).
    public let describer: Describer?
    /// Relations for executing programs (the plan's margin).
    public let relations: Relations
    /// Lexicons by language code, for the words answers are given in.
    public let lexicons: [String: Lexicon]

    /// For the train split of a plan with held-out combinations: the combination an object
    /// must not have, said in words (nil when the object is allowed).
    public let heldOut: (@Sendable (SceneObject) -> String?)?
    /// What the run's `<key>.txt` holds (run.json's `txt`).
    public let caption: CaptionChoice

    public init(
        describer: Describer?, relations: Relations, lexicons: [String: Lexicon],
        heldOut: (@Sendable (SceneObject) -> String?)? = nil, caption: CaptionChoice = .standard
    ) {
        self.caption = caption
        self.describer = describer
        self.relations = relations
        self.lexicons = lexicons
        self.heldOut = heldOut
    }

    /// What one sample yields besides defects: a digest of its pixels (exact duplicates) and of
    /// its scene's content (near duplicates).
    public struct Result: Sendable {
        public var defects: [Defect] = []
        public var pixelDigest: UInt64?
        public var sceneDigest: UInt64?
        /// The sample's index (and twin number, 0 for an anchor), and digests of its objects (id,
        /// area, box) and of its questions and answers per language, for checking the whole-run
        /// files against it.
        public var index: Int?
        public var twinNumber = 0
        public var objectDigest: UInt64?
        public var answerDigests: [(String, UInt64)] = []
        /// A counterfactual twin's anchor key and the digest of the anchor scene its record
        /// restores; an anchor's own scene digest (``exactDigest(_:)``). The dataset check
        /// requires the two to agree.
        public var twinOf: (anchor: String, digest: UInt64)?
        public var anchorDigest: UInt64?
        /// Conversations checked (the `conversations` check is listed once a sample has one).
        public var conversations = 0
        /// Whether the sample's chart was checked (the `chart` check is listed once one was).
        public var chart = false
    }

    public func check(_ sample: DatasetReader.Sample) -> Result {
        var result = checkContent(sample)
        // Image defects name the image's file; the rest the record's (a shard, a jsonl line).
        for i in result.defects.indices where result.defects[i].file.isEmpty {
            let image = ["png", "pixels", "mask", "colors"].contains(result.defects[i].check)
            result.defects[i].file = image && !sample.imageFile.isEmpty ? sample.imageFile : sample.location
        }
        return result
    }

    func checkContent(_ sample: DatasetReader.Sample) -> Result {
        var result = Result()
        let key = sample.key
        func defect(_ check: String, _ message: String) { result.defects.append(Defect(key, check, message)) }
        for problem in sample.problems { defect("files", problem) }
        guard !sample.recordJSON.isEmpty else {
            if sample.problems.isEmpty { defect("files", "no record (json) stored") }
            return result
        }
        let record: SampleRecord
        do {
            record = try SampleRecord(json: try JSONValue.parse(sample.recordJSON))
        } catch {
            defect("record", "unreadable: \(error)")
            return result
        }
        if record.key != key { defect("record", "record key \(record.key) is stored under key \(key)") }
        result.index = Int(truncatingIfNeeded: record.index)
        result.twinNumber = record.twin?.number ?? 0
        result.objectDigest = SampleChecker.annotationDigest(record)
        var languages: [String] = []
        var pairs: [[(String, String)]] = []
        for q in record.description.qa {
            if let i = languages.firstIndex(of: q.language) {
                pairs[i].append((q.question, q.answer))
            } else {
                languages.append(q.language)
                pairs.append([(q.question, q.answer)])
            }
        }
        result.answerDigests = zip(languages, pairs).map { ($0, DatasetVerifier.answerDigest($1)) }
        if let txt = sample.caption, txt != WebDatasetFormat.caption(record, caption) {
            defect("text", "txt is not the caption the run chose (\(caption))")
        }
        // 1. The image.
        guard let png = sample.png else { return result }
        let decoded: DecodedPNG
        do {
            decoded = try PNGDecoder.decode(png)
        } catch {
            defect("png", "does not decode: \(error)")
            return result
        }
        guard decoded.width == record.width, decoded.height == record.height else {
            defect(
                "png", "is \(decoded.width)x\(decoded.height), the record says \(record.width)x\(record.height)")
            return result
        }
        result.pixelDigest = DatasetVerifier.digest(decoded.rgb)
        result.sceneDigest = SampleChecker.sceneDigest(record)
        if let heldOut {
            for o in record.objects {
                if let combination = heldOut(o.object) {
                    defect(
                        "holdout", "object \(o.object.id) has the held-out combination \(combination) in a train split")
                }
            }
        }
        // 2. The recorded scene redrawn (its text set again from the record's fields, a chart
        // laid out again from its table).
        var scene: Scene
        do { scene = try Typesetter.shared.typeset(record.scene) } catch {
            defect("text", "the record's text cannot be set again: \(error)")
            return result
        }
        if record.chart != nil {
            result.chart = true
            let (drawn, problem) = SampleChecker.chartScene(record, key: key)
            if let problem { result.defects.append(problem) }
            scene = drawn
        }
        let rendered = Rasterizer.render(scene, coverageLevels: record.coverageLevels)
        let redrawn = rendered.canvas.rgb
        if rendered.coverageLevels != record.coverageLevels {
            defect(
                "pixels",
                "the record says \(record.coverageLevels.map { "\($0) coverage steps" } ?? "RGB"), the scene redrawn needs \(rendered.coverageLevels.map { "\($0) steps" } ?? "RGB")"
            )
        }
        if redrawn != decoded.rgb {
            let (count, first) = SampleChecker.differences(redrawn, decoded.rgb, width: record.width)
            defect("pixels", "\(count) pixels differ from the recorded scene redrawn (first at \(first))")
        }
        for (o, measured) in zip(record.objects, rendered.measurements) where o.measurement != measured {
            defect(
                "measure",
                "object \(o.object.id): recorded area \(o.measurement.visiblePixels) box \(SampleChecker.box(o.measurement.bbox)), the pixels measure area \(measured.visiblePixels) box \(SampleChecker.box(measured.bbox))"
            )
        }
        if let maskPNG = sample.maskPNG {
            if let mask = try? PNGDecoder.decode(maskPNG), mask.width == record.width, mask.height == record.height {
                let plane = stride(from: 0, to: mask.rgb.count, by: 3).map { mask.rgb[$0] }
                if plane != rendered.canvas.ids { defect("mask", "mask.png is not the scene's id plane") }
            } else {
                defect("mask", "mask.png does not decode to a \(record.width)x\(record.height) plane")
            }
        }
        if record.chart != nil { result.objectDigest = SampleChecker.annotationDigest(record, rendered: rendered) }
        result.defects += SampleChecker.letteringDefects(record, rendered, decoded.rgb, key: key)
        // 3. An independent look at the decoded pixels: colors only where their objects are.
        result.defects += SampleChecker.colorDefects(record, decoded.rgb, ids: rendered.canvas.ids, key: key)
        // 4. Every statement, executed on the scene as measured from the pixels.
        let facts = SceneFacts(scene: scene, measurements: rendered.measurements, relations: relations)
        result.defects += textDefects(record, facts, key: key)
        result.defects += SampleChecker.chartDefects(record, rendered, facts, key: key)
        if let link = record.twin {
            var digest: UInt64?
            result.defects += twinDefects(record, link, twin: rendered, facts: facts, key: key, anchorDigest: &digest)
            result.twinOf = digest.map { (link.anchor, $0) }
        } else if record.inTwinRun {
            result.anchorDigest = Self.exactDigest(scene)
        }
        result.conversations = record.description.conversations.count
        result.defects += ConversationChecker(
            record: record, facts: facts, measurements: rendered.measurements, lexicons: lexicons, key: key
        ).defects()
        if let describer {
            let again = describer.describe(
                scene, measurements: rendered.measurements, runSeed: record.seed, index: record.index,
                marks: rendered.markMeasurements, texts: rendered.textMeasurements)
            result.defects += SampleChecker.wordingDefects(record.description, again, key: key)
        }
        return result
    }

    func textDefects(_ record: SampleRecord, _ facts: SceneFacts, key: String) -> [Defect] {
        var out: [Defect] = []
        func words(_ value: ProgramValue, _ language: String) -> String? {
            guard let lexicon = lexicons[language] else { return nil }
            return Describer.answerWords(value, lexicon)
        }
        for (i, q) in record.description.qa.enumerated() {
            guard let value = ProgramExecutor.run(q.program, on: facts) else {
                out.append(Defect(key, "qa", "qa[\(i)] (\(q.language)): its program does not run on the scene"))
                continue
            }
            if let expected = words(value, q.language), expected != q.answer {
                out.append(
                    Defect(
                        key, "qa",
                        "qa[\(i)] (\(q.language)) \"\(q.question)\": recorded answer \"\(q.answer)\", the scene gives \"\(expected)\""
                    ))
            }
        }
        for (i, r) in record.description.refs.enumerated() where record.chart == nil {
            let value = ProgramExecutor.run(r.program, on: facts)
            if case .text(let t)? = value {
                out += SampleChecker.textReferenceDefects(record, i, r, text: t, key: key)
                continue
            }
            guard case .object(let o)? = value else {
                out.append(
                    Defect(key, "refs", "refs[\(i)] \"\(r.text)\" does not pick out exactly one object"))
                continue
            }
            let object = record.objects[o]
            if object.object.id != r.objectID {
                out.append(
                    Defect(
                        key, "refs", "refs[\(i)] \"\(r.text)\" picks object \(object.object.id), recorded \(r.objectID)"
                    ))
            } else if object.measurement.bbox != r.bbox {
                out.append(Defect(key, "refs", "refs[\(i)] box \(SampleChecker.box(r.bbox)) is not its object's box"))
            }
        }
        for (i, n) in record.description.negatives.enumerated() {
            guard let value = ProgramExecutor.run(n.program, on: facts) else {
                out.append(Defect(key, "negatives", "negatives[\(i)]: its program does not run on the scene"))
                continue
            }
            if let said = words(value, n.language), said == n.claimed {
                out.append(
                    Defect(key, "negatives", "negatives[\(i)] (\(n.kind)) \"\(n.text)\" is true of the scene"))
            }
        }
        for (language, captions) in record.description.captions where record.chart == nil {
            let visible = record.objects.filter { $0.measurement.bbox != nil }
            if captions.dense.count != visible.count {
                out.append(
                    Defect(
                        key, "captions",
                        "\(language) dense caption has \(captions.dense.count) phrases for \(visible.count) visible objects"
                    ))
            }
            for d in captions.dense {
                guard let o = record.objects.first(where: { $0.object.id == d.objectID }) else {
                    out.append(Defect(key, "captions", "\(language) dense phrase names object \(d.objectID), absent"))
                    continue
                }
                if o.measurement.bbox != d.bbox {
                    out.append(
                        Defect(
                            key, "captions", "\(language) dense phrase \"\(d.text)\" has a box that is not its object's"
                        ))
                }
            }
        }
        return out
    }

    /// Every string compared with what the scene gives when described again.
    static func wordingDefects(_ stored: Description, _ again: Description, key: String) -> [Defect] {
        var out: [Defect] = []
        func say(_ field: String, _ a: String, _ b: String) {
            if a != b { out.append(Defect(key, "text", "\(field) is \"\(a)\"; the scene gives \"\(b)\"")) }
        }
        let storedCaptions = Dictionary(
            stored.captions.map { ($0.language, $0.captions) }, uniquingKeysWith: { a, _ in a })
        for (language, c) in again.captions {
            guard let s = storedCaptions[language] else {
                out.append(Defect(key, "text", "no \(language) captions"))
                continue
            }
            say("captions.\(language).short", s.short, c.short)
            say("captions.\(language).detailed", s.detailed, c.detailed)
            if s.dense.map(\.text) != c.dense.map(\.text) {
                out.append(Defect(key, "text", "captions.\(language).dense differs from the scene's"))
            }
        }
        if stored.qa.count != again.qa.count {
            out.append(Defect(key, "text", "\(stored.qa.count) questions; the scene gives \(again.qa.count)"))
        } else {
            for (i, (a, b)) in zip(stored.qa, again.qa).enumerated() {
                say("qa[\(i)].question", a.question, b.question)
                if a.program != b.program {
                    out.append(Defect(key, "text", "qa[\(i)].program differs from the scene's"))
                }
            }
        }
        if stored.refs.count != again.refs.count {
            out.append(
                Defect(key, "text", "\(stored.refs.count) referring expressions; the scene gives \(again.refs.count)"))
        } else {
            for (i, (a, b)) in zip(stored.refs, again.refs).enumerated() { say("refs[\(i)].text", a.text, b.text) }
        }
        if stored.negatives.count != again.negatives.count {
            out.append(
                Defect(key, "text", "\(stored.negatives.count) negatives; the scene gives \(again.negatives.count)"))
        } else {
            for (i, (a, b)) in zip(stored.negatives, again.negatives).enumerated() {
                say("negatives[\(i)].text", a.text, b.text)
            }
        }
        if stored.conversations.map(\.turns.count) != again.conversations.map(\.turns.count) {
            out.append(Defect(key, "text", "conversations differ in number or length from the scene's"))
        } else {
            for (i, (a, b)) in zip(stored.conversations, again.conversations).enumerated() {
                for (k, (s, t)) in zip(a.turns, b.turns).enumerated() where s != t {
                    say("conversations[\(i)].turns[\(k)].question", s.question, t.question)
                    say("conversations[\(i)].turns[\(k)].answer", s.answer, t.answer)
                    if s.program != t.program || s.reasoning != t.reasoning || s.referent != t.referent {
                        out.append(Defect(key, "text", "conversations[\(i)].turns[\(k)] differs from the scene's"))
                    }
                }
            }
        }
        return out
    }

    static func differences(_ a: [UInt8], _ b: [UInt8], width: Int) -> (Int, String) {
        var count = 0
        var first = ""
        for p in 0..<(min(a.count, b.count) / 3) {
            let k = 3 * p
            guard a[k] != b[k] || a[k + 1] != b[k + 1] || a[k + 2] != b[k + 2] else { continue }
            if count == 0 { first = "\(p % width),\(p / width)" }
            count += 1
        }
        return (count, first)
    }

    static func box(_ b: PixelBox?) -> String {
        b.map { "[\($0.x),\($0.y),\($0.width),\($0.height)]" } ?? "none"
    }

    /// What a scene contains, ignoring exact placement: shapes, colors, sizes, fills and
    /// positions on a coarse 8x8 grid. Two samples with the same digest are near duplicates.
    static func sceneDigest(_ record: SampleRecord) -> UInt64 {
        var items: [String] = []
        for o in record.objects {
            let s = o.object
            let gx = Int(s.center.x * 8 / Double(max(record.width, 1)))
            let gy = Int(s.center.y * 8 / Double(max(record.height, 1)))
            items.append("\(s.shape.rawValue)/\(s.color.name)/\(s.size)/\(s.fill.rawValue)/\(gx),\(gy)")
        }
        items.sort()
        // A chart's content is its data table.
        if let chart = record.chart { items.append(chart.csv) }
        return DatasetVerifier.digest(Array(items.joined(separator: ";").utf8))
    }
}
