import Describer
import SceneModel

/// A record that does not match the schema, with the field's path.
public struct RecordError: Error, Sendable, CustomStringConvertible {
    public var field: String
    public var message: String
    public var description: String { "record field '\(field)': \(message)" }
}

extension SampleRecord {
    /// The record as a JSON object (keys sorted on output). Empty lists for parts of the
    /// schema not produced by this run keep every record's fields and types the same.
    public var json: JSONValue {
        var captions = JSONObject()
        for (language, c) in description.captions {
            captions[language] = .object([
                "short": .string(c.short),
                "detailed": .string(c.detailed),
                "dense": .array(
                    c.dense.map {
                        .object([
                            "object": .int($0.objectID), "text": .string($0.text), "bbox": SampleRecord.box($0.bbox),
                        ])
                    }),
            ])
        }
        return .object([
            "key": .string(key),
            "index": .int(Int(truncatingIfNeeded: index)),
            "seed": .int(Int(truncatingIfNeeded: seed)),
            "plan": .string(plan),
            "image": .object([
                "width": .int(width), "height": .int(height), "background": .string(background.name),
                "background_rgb": SampleRecord.rgb(background.rgb),
            ]),
            "objects": .array(objects.map(SampleRecord.objectJSON)),
            "captions": .object(captions),
            "qa": .array(description.qa.map(SampleRecord.qaJSON)),
            "refs": .array(description.refs.map(SampleRecord.refJSON)),
            "negatives": .array(description.negatives.map(SampleRecord.negativeJSON)),
        ])
    }

    /// A program in CLEVR's node form.
    public static func programJSON(_ p: Program) -> JSONValue {
        .array(
            p.nodes.map { n in
                .object([
                    "type": .string(n.function.rawValue), "inputs": .array(n.inputs.map { .int($0) }),
                    "value_inputs": .array(n.value.map { [.string($0)] } ?? []),
                ])
            })
    }

    static func qaJSON(_ q: QAItem) -> JSONValue {
        .object([
            "question": .string(q.question), "answer": .string(q.answer), "family": .string(q.family),
            "program": programJSON(q.program), "lang": .string(q.language), "answer_type": .string(q.answerType.rawValue),
            "difficulty": .object(["level": .string(q.level), "steps": .int(q.steps), "hops": .int(q.hops)]),
        ])
    }

    static func refJSON(_ r: ReferenceItem) -> JSONValue {
        .object([
            "text": .string(r.text), "lang": .string(r.language), "object": .int(r.objectID), "bbox": box(r.bbox),
            "program": programJSON(r.program),
        ])
    }

    static func negativeJSON(_ n: NegativeItem) -> JSONValue {
        .object([
            "text": .string(n.text), "lang": .string(n.language), "kind": .string(n.kind), "of": .string(n.of),
            "program": programJSON(n.program), "claimed": .string(n.claimed),
        ])
    }

    static func objectJSON(_ o: Object) -> JSONValue {
        let s = o.object
        let m = o.measurement
        return .object([
            "id": .int(s.id),
            "shape": .string(s.shape.rawValue),
            "color": .string(s.color.name),
            "rgb": rgb(s.color.rgb),
            "size": .string(s.size),
            "radius": .double(s.radius),
            "fill": .string(s.fill.rawValue),
            "center": .array([.double(s.center.x), .double(s.center.y)]),
            "rotation": .double(s.rotation),
            "z": .int(s.z),
            "bbox": box(m.bbox),
            "full_bbox": box(m.fullBox),
            "area": .int(m.visiblePixels),
            "full_area": .int(m.fullPixels),
            "visible_fraction": .double((m.visibleFraction * 1_000_000).rounded() / 1_000_000),
        ])
    }

    static func rgb(_ c: RGB) -> JSONValue { .array([.int(Int(c.r)), .int(Int(c.g)), .int(Int(c.b))]) }

    static func box(_ b: PixelBox?) -> JSONValue {
        let b = b ?? PixelBox(x: 0, y: 0, width: 0, height: 0)
        return .array([.int(b.x), .int(b.y), .int(b.width), .int(b.height)])
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
            return d
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
                size: try string(o["size"], "\(p).size"), radius: try double(o["radius"], "\(p).radius"), fill: fill,
                center: Point(x: try double(center[0], "\(p).center[0]"), y: try double(center[1], "\(p).center[1]")),
                rotation: try double(o["rotation"], "\(p).rotation"), z: try int(o["z"], "\(p).z"))
            let measurement = ObjectMeasurement(
                visiblePixels: try int(o["area"], "\(p).area"), fullPixels: try int(o["full_area"], "\(p).full_area"),
                bbox: try box(o["bbox"], "\(p).bbox"), fullBox: try box(o["full_bbox"], "\(p).full_bbox"))
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
            guard let nodes = try need(v, field).arrayValue else { throw RecordError(field: field, message: "expected a list") }
            var out: [ProgramNode] = []
            for (i, n) in nodes.enumerated() {
                let name = try string(n["type"], "\(field)[\(i)].type")
                guard let f = ProgramFunction(rawValue: name) else {
                    throw RecordError(field: "\(field)[\(i)].type", message: "unknown function '\(name)'")
                }
                var inputs: [Int] = []
                for (k, x) in (n["inputs"]?.arrayValue ?? []).enumerated() { inputs.append(try int(x, "\(field)[\(i)].inputs[\(k)]")) }
                let value = n["value_inputs"]?.arrayValue?.first?.stringValue
                out.append(ProgramNode(f, inputs, value))
            }
            return Program(nodes: out)
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
                    question: try string(q["question"], "\(p).question"), answer: try string(q["answer"], "\(p).answer"),
                    family: try string(q["family"], "\(p).family"), program: try program(q["program"], "\(p).program"),
                    language: try string(q["lang"], "\(p).lang"), answerType: type,
                    steps: try int(d["steps"], "\(p).difficulty.steps"), hops: try int(d["hops"], "\(p).difficulty.hops"),
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
                    program: try program(n["program"], "\(p).program"), claimed: try string(n["claimed"], "\(p).claimed")))
        }
        self.key = try string(json["key"], "key")
        self.index = UInt64(index)
        self.seed = UInt64(bitPattern: Int64(try int(json["seed"], "seed")))
        self.plan = try string(json["plan"], "plan")
        self.width = try int(image["width"], "image.width")
        self.height = try int(image["height"], "image.height")
        self.background = background
        self.objects = objects
        self.description = Description(captions: captions, qa: qa, refs: refs, negatives: negatives)
    }
}
