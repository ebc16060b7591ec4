import Describer
import SceneModel

/// A record that does not match the schema, with the field's path.
public struct RecordError: Error, Sendable, CustomStringConvertible {
    public var field: String
    public var message: String
    public var description: String { "record field '\(field)': \(message)" }
}

extension SampleRecord {
    /// The record as one line of JSON (no newline): keys sorted, every field always present.
    /// Parts of the schema a run does not produce are empty lists, so every record of a run has
    /// the same fields with the same types.
    public var jsonBytes: [UInt8] {
        // A full record is 15-25 KiB: start big enough that it is written without regrowing.
        var w = JSONWriter(capacity: 32768)
        write(into: &w)
        return w.bytes
    }

    /// Writes the record; fields in ascending key order at every level.
    ///
    /// Every language says the same items in the same order with the same programs: an item
    /// whose program (and, for a question, answer type, difficulty and family) equals that of
    /// the item at its position in the list's first language gets that item's bytes copied.
    public func write(into w: inout JSONWriter) {
        w.beginObject()
        w.key("captions")
        w.beginObject()
        for (language, c) in description.captions.sorted(by: { $0.language < $1.language }) {
            w.key(string: language)
            w.beginObject()
            w.key("dense")
            w.beginArray()
            for d in c.dense {
                w.beginObject()
                w.key("bbox")
                SampleRecord.write(d.bbox, &w)
                w.key("object")
                w.int(d.objectID)
                w.key("text")
                w.string(d.text)
                w.endObject()
            }
            w.endArray()
            w.key("detailed")
            w.string(c.detailed)
            w.key("short")
            w.string(c.short)
            w.endObject()
        }
        w.endObject()
        if let chart {
            w.key("chart")
            w.value(chart.json)
        }
        if !description.conversations.isEmpty {
            w.key("conversations")
            SampleRecord.write(conversations: description.conversations, &w)
        }
        w.key("image")
        w.beginObject()
        w.key("background")
        w.string(background.name)
        if let backgroundPattern {
            w.key("background_pattern")
            w.string(backgroundPattern.rawValue)
        }
        w.key("background_rgb")
        SampleRecord.write(background.rgb, &w)
        if let coverageLevels {
            w.key("coverage_levels")
            w.int(coverageLevels)
        }
        w.key("height")
        w.int(height)
        w.key("width")
        w.int(width)
        w.endObject()
        w.key("index")
        w.int(Int(truncatingIfNeeded: index))
        w.key("key")
        w.string(key)
        w.key("negatives")
        w.beginArray()
        var programs = Counterparts(description.negatives.map(\.language))
        for (i, n) in description.negatives.enumerated() {
            w.beginObject()
            w.key("claimed")
            w.string(n.claimed)
            w.key("kind")
            w.string(n.kind)
            w.key("lang")
            w.string(n.language)
            w.key("of")
            w.string(n.of)
            w.key("program")
            programs.write(i, &w, same: { description.negatives[$0].program == n.program }) {
                SampleRecord.write(n.program, &$0)
            }
            w.key("text")
            w.string(utf8: n.itemText)
            w.endObject()
        }
        w.endArray()
        w.key("objects")
        w.beginArray()
        for o in objects { SampleRecord.write(o, &w) }
        w.endArray()
        w.key("plan")
        w.string(plan)
        w.key("qa")
        w.beginArray()
        let languages = description.qa.map(\.language)
        var details = Counterparts(languages)
        programs = Counterparts(languages)
        for (i, q) in description.qa.enumerated() {
            w.beginObject()
            w.key("answer")
            w.string(q.answer)
            // Answer type, difficulty and family: a run of fields, copied as it is.
            details.writeFields(i, &w, same: { SampleRecord.sameDetails(description.qa[$0], q) }) {
                $0.key("answer_type")
                $0.string(q.answerType.rawValue)
                $0.key("difficulty")
                $0.beginObject()
                $0.key("hops")
                $0.int(q.hops)
                $0.key("level")
                $0.string(q.level)
                $0.key("steps")
                $0.int(q.steps)
                $0.endObject()
                $0.key("family")
                $0.string(q.family)
            }
            w.key("lang")
            w.string(q.language)
            w.key("program")
            programs.write(i, &w, same: { description.qa[$0].program == q.program }) {
                SampleRecord.write(q.program, &$0)
            }
            w.key("question")
            w.string(utf8: q.questionText)
            w.endObject()
        }
        w.endArray()
        w.key("refs")
        w.beginArray()
        programs = Counterparts(description.refs.map(\.language))
        for (i, r) in description.refs.enumerated() {
            w.beginObject()
            w.key("bbox")
            SampleRecord.write(r.bbox, &w)
            w.key("lang")
            w.string(r.language)
            w.key("object")
            w.int(r.objectID)
            w.key("program")
            programs.write(i, &w, same: { description.refs[$0].program == r.program }) {
                SampleRecord.write(r.program, &$0)
            }
            w.key("text")
            w.string(utf8: r.itemText)
            w.endObject()
        }
        w.endArray()
        w.key("seed")
        w.int(Int(truncatingIfNeeded: seed))
        if let texts {
            w.key("texts")
            SampleRecord.write(texts: texts, &w)
        }
        if inTwinRun {
            w.key("twin")
            if let twin { twin.write(&w) } else { w.null() }
        }
        w.endObject()
    }

    /// Whether two questions agree on answer type, difficulty and family.
    static func sameDetails(_ a: QAItem, _ b: QAItem) -> Bool {
        a.answerType == b.answerType && a.hops == b.hops && a.steps == b.steps && a.level == b.level
            && a.family == b.family
    }

    static func write(_ o: Object, _ w: inout JSONWriter) {
        let s = o.object
        let m = o.measurement
        w.beginObject()
        w.key("area")
        w.int(m.visiblePixels)
        w.key("bbox")
        write(m.bbox, &w)
        w.key("center")
        w.beginArray()
        w.double(s.center.x)
        w.double(s.center.y)
        w.endArray()
        w.key("color")
        w.string(s.color.name)
        w.key("fill")
        w.string(s.fill.rawValue)
        w.key("full_area")
        w.int(m.fullPixels)
        w.key("full_bbox")
        write(m.fullBox, &w)
        w.key("id")
        w.int(s.id)
        w.key("overlaps")
        w.beginArray()
        for o in m.overlaps {
            w.beginObject()
            w.key("id")
            w.int(o.id)
            w.key("pixels")
            w.int(o.pixels)
            w.endObject()
        }
        w.endArray()
        w.key("radius")
        w.double(s.radius)
        w.key("rgb")
        write(s.color.rgb, &w)
        w.key("rotation")
        w.double(s.rotation)
        w.key("shape")
        w.string(s.shape.rawValue)
        w.key("size")
        w.string(s.size)
        w.key("visible_fraction")
        w.double((m.visibleFraction * 1_000_000).rounded() / 1_000_000)
        w.key("z")
        w.int(s.z)
        w.endObject()
    }

    /// A program in CLEVR's node form: `{"inputs": [...], "type": "...", "value_inputs": [...]}`.
    /// Nodes are written as fragments: every node has the same three keys, and programs are
    /// the largest share of a record's structure.
    public static func write(_ p: Program, _ w: inout JSONWriter) {
        w.beginArray()
        let nodes = p.nodes
        for k in nodes.indices {
            w.fragment(k == 0 ? "{\"inputs\":[" : ",{\"inputs\":[")
            let inputs = nodes[k].inputs
            for j in inputs.indices {
                if j > 0 { w.fragment(",") }
                w.fragment(int: inputs[j])
            }
            w.fragment("],\"type\":\"")
            w.fragment(text: nodes[k].function.rawValue)
            w.fragment("\",\"value_inputs\":[")
            if let v = nodes[k].value { w.fragment(string: v) }
            w.fragment("]}")
        }
        w.endArray()
    }

    public static func write(_ c: RGB, _ w: inout JSONWriter) { w.ints(Int(c.r), Int(c.g), Int(c.b)) }

    public static func write(_ b: PixelBox?, _ w: inout JSONWriter) {
        let b = b ?? PixelBox(x: 0, y: 0, width: 0, height: 0)
        w.ints(b.x, b.y, b.width, b.height)
    }

    /// Reads a record back (what `render` and the verifier use). Only the fields needed to
    /// redraw and re-measure are required; captions are read when present.
    public init(json: JSONValue) throws(RecordError) {
        func need(_ v: JSONValue?, _ field: String) throws(RecordError) -> JSONValue {
            guard let v else { throw RecordError(field: field, message: "missing") }
            return v
        }
        func int(_ v: JSONValue?, _ field: String) throws(RecordError) -> Int {
            guard let i = try need(v, field).intValue else {
                throw RecordError(field: field, message: "expected an integer")
            }
            return i
        }
        func double(_ v: JSONValue?, _ field: String) throws(RecordError) -> Double {
            guard let d = try need(v, field).doubleValue else {
                throw RecordError(field: field, message: "expected a number")
            }
            guard d.isFinite else { throw RecordError(field: field, message: "expected a finite number") }
            return d
        }
        /// Radii are pixels: a record whose radius no image could hold is damaged, not drawn.
        func radius(_ v: JSONValue?, _ field: String) throws(RecordError) -> Double {
            let r = try double(v, field)
            guard r > 0, r <= 1_000_000 else {
                throw RecordError(field: field, message: "expected a radius in pixels, over 0 and at most 1000000")
            }
            return r
        }
        func string(_ v: JSONValue?, _ field: String) throws(RecordError) -> String {
            guard let s = try need(v, field).stringValue else {
                throw RecordError(field: field, message: "expected a string")
            }
            return s
        }
        func ints(_ v: JSONValue?, _ field: String, count: Int) throws(RecordError) -> [Int] {
            guard let a = try need(v, field).arrayValue, a.count == count else {
                throw RecordError(field: field, message: "expected a list of \(count) integers")
            }
            var out: [Int] = []
            for (i, item) in a.enumerated() { out.append(try int(item, "\(field)[\(i)]")) }
            return out
        }
        func rgb(_ v: JSONValue?, _ field: String) throws(RecordError) -> RGB {
            let c = try ints(v, field, count: 3)
            guard c.allSatisfy({ (0...255).contains($0) }) else {
                throw RecordError(field: field, message: "channels must be 0-255")
            }
            return RGB(UInt8(c[0]), UInt8(c[1]), UInt8(c[2]))
        }
        func box(_ v: JSONValue?, _ field: String) throws(RecordError) -> PixelBox {
            let b = try ints(v, field, count: 4)
            return PixelBox(x: b[0], y: b[1], width: b[2], height: b[3])
        }

        let index = try int(json["index"], "index")
        guard index >= 0 else { throw RecordError(field: "index", message: "must not be negative") }
        let image = try need(json["image"], "image")
        let background = NamedColor(
            name: try string(image["background"], "image.background"),
            rgb: try rgb(image["background_rgb"], "image.background_rgb"))
        guard let objectList = try need(json["objects"], "objects").arrayValue else {
            throw RecordError(field: "objects", message: "expected a list")
        }
        var objects: [Object] = []
        for (i, o) in objectList.enumerated() {
            let p = "objects[\(i)]"
            let shapeName = try string(o["shape"], "\(p).shape")
            guard let shape = ShapeKind(rawValue: shapeName) else {
                throw RecordError(
                    field: "\(p).shape",
                    message:
                        "unknown shape '\(shapeName)'; valid: \(ShapeKind.allCases.map(\.rawValue).joined(separator: ", "))"
                )
            }
            let fillName = try string(o["fill"], "\(p).fill")
            guard let fill = Fill(rawValue: fillName) else {
                throw RecordError(field: "\(p).fill", message: "unknown fill '\(fillName)'")
            }
            guard let center = try need(o["center"], "\(p).center").arrayValue, center.count == 2 else {
                throw RecordError(field: "\(p).center", message: "expected [x, y]")
            }
            let object = SceneObject(
                id: try int(o["id"], "\(p).id"), shape: shape,
                color: NamedColor(name: try string(o["color"], "\(p).color"), rgb: try rgb(o["rgb"], "\(p).rgb")),
                size: try string(o["size"], "\(p).size"), radius: try radius(o["radius"], "\(p).radius"), fill: fill,
                center: Point(x: try double(center[0], "\(p).center[0]"), y: try double(center[1], "\(p).center[1]")),
                rotation: try double(o["rotation"], "\(p).rotation"), z: try int(o["z"], "\(p).z"))
            var overlaps: [ObjectMeasurement.Overlap] = []
            for (k, v) in (o["overlaps"]?.arrayValue ?? []).enumerated() {
                overlaps.append(
                    ObjectMeasurement.Overlap(
                        id: try int(v["id"], "\(p).overlaps[\(k)].id"),
                        pixels: try int(v["pixels"], "\(p).overlaps[\(k)].pixels")))
            }
            let measurement = ObjectMeasurement(
                visiblePixels: try int(o["area"], "\(p).area"), fullPixels: try int(o["full_area"], "\(p).full_area"),
                bbox: try box(o["bbox"], "\(p).bbox"), fullBox: try box(o["full_bbox"], "\(p).full_bbox"),
                overlaps: overlaps)
            objects.append(Object(object: object, measurement: measurement))
        }
        var captions: [(language: String, captions: Captions)] = []
        if case .object(let byLanguage)? = json["captions"] {
            for language in byLanguage.keys.sorted() {
                let c = byLanguage[language] ?? .null
                var dense: [DensePhrase] = []
                for (i, d) in (c["dense"]?.arrayValue ?? []).enumerated() {
                    let p = "captions.\(language).dense[\(i)]"
                    dense.append(
                        DensePhrase(
                            objectID: try int(d["object"], "\(p).object"), text: try string(d["text"], "\(p).text"),
                            bbox: try box(d["bbox"], "\(p).bbox")))
                }
                captions.append(
                    (
                        language,
                        Captions(
                            short: try string(c["short"], "captions.\(language).short"),
                            detailed: try string(c["detailed"], "captions.\(language).detailed"), dense: dense)
                    ))
            }
        }
        func program(_ v: JSONValue?, _ field: String) throws(RecordError) -> Program {
            try SampleRecord.program(v, field)
        }
        var qa: [QAItem] = []
        for (i, q) in (json["qa"]?.arrayValue ?? []).enumerated() {
            let p = "qa[\(i)]"
            guard let type = AnswerType(rawValue: try string(q["answer_type"], "\(p).answer_type")) else {
                throw RecordError(field: "\(p).answer_type", message: "expected yes/no, number or other")
            }
            let d = try need(q["difficulty"], "\(p).difficulty")
            qa.append(
                QAItem(
                    question: try string(q["question"], "\(p).question"),
                    answer: try string(q["answer"], "\(p).answer"),
                    family: try string(q["family"], "\(p).family"), program: try program(q["program"], "\(p).program"),
                    language: try string(q["lang"], "\(p).lang"), answerType: type,
                    steps: try int(d["steps"], "\(p).difficulty.steps"),
                    hops: try int(d["hops"], "\(p).difficulty.hops"),
                    level: try string(d["level"], "\(p).difficulty.level")))
        }
        var refs: [ReferenceItem] = []
        for (i, r) in (json["refs"]?.arrayValue ?? []).enumerated() {
            let p = "refs[\(i)]"
            refs.append(
                ReferenceItem(
                    text: try string(r["text"], "\(p).text"), language: try string(r["lang"], "\(p).lang"),
                    objectID: try int(r["object"], "\(p).object"), bbox: try box(r["bbox"], "\(p).bbox"),
                    program: try program(r["program"], "\(p).program")))
        }
        var negatives: [NegativeItem] = []
        for (i, n) in (json["negatives"]?.arrayValue ?? []).enumerated() {
            let p = "negatives[\(i)]"
            negatives.append(
                NegativeItem(
                    text: try string(n["text"], "\(p).text"), language: try string(n["lang"], "\(p).lang"),
                    kind: try string(n["kind"], "\(p).kind"), of: try string(n["of"], "\(p).of"),
                    program: try program(n["program"], "\(p).program"),
                    claimed: try string(n["claimed"], "\(p).claimed")))
        }
        self.key = try string(json["key"], "key")
        self.index = UInt64(index)
        self.seed = UInt64(bitPattern: Int64(try int(json["seed"], "seed")))
        self.plan = try string(json["plan"], "plan")
        self.width = try int(image["width"], "image.width")
        self.height = try int(image["height"], "image.height")
        self.background = background
        if let pattern = image["background_pattern"] {
            let name = try string(pattern, "image.background_pattern")
            guard let known = BackgroundPattern(rawValue: name) else {
                throw RecordError(
                    field: "image.background_pattern",
                    message:
                        "unknown pattern '\(name)'; valid: \(BackgroundPattern.allCases.map(\.rawValue).joined(separator: ", "))"
                )
            }
            self.backgroundPattern = known
        }
        if let levels = image["coverage_levels"] {
            let n = try int(levels, "image.coverage_levels")
            guard (1...64).contains(n) else {
                throw RecordError(field: "image.coverage_levels", message: "expected 1 to 64 coverage steps, got \(n)")
            }
            self.coverageLevels = n
        } else {
            self.coverageLevels = nil
        }
        self.objects = objects
        self.texts = try SampleRecord.texts(json)
        self.description = Description(
            captions: captions, qa: qa, refs: refs, negatives: negatives,
            conversations: try SampleRecord.conversations(json))
        if let c = json["chart"] { chart = try ChartRecord(json: c) }
        if let t = json["twin"] {
            inTwinRun = true
            if t != .null { twin = try TwinLink(json: t) }
        }
    }
}

extension JSONWriter {
    /// An item's text as a JSON string, from its UTF-8 bytes.
    mutating func string(utf8 text: ItemText) {
        string(utf8: text.utf8)
    }
}
