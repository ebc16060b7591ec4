import Describer
import SceneModel

/// What links a counterfactual twin to its anchor: the anchor's key, the edit, the anchor's
/// versions of the edited objects (so the anchor's scene can be redrawn from the twin's record
/// alone) and the anchor's statements whose truth the edit flips, each with its program.
public struct TwinLink: Sendable, Hashable {
    /// An anchor statement the edit makes false.
    public struct Flip: Sendable, Hashable {
        /// `qa`, `refs` or `captions`: the anchor record's list, and the item's position in it
        /// (for `captions`, the clause's position among the clauses of the caption `level`:
        /// ``CaptionClause``).
        public var list: String
        public var item: Int
        public var language: String
        /// `short` or `detailed` for a caption clause, nil otherwise.
        public var level: String?
        public var text: String
        public var program: Program
        /// What the program gives on the anchor and on the twin: answers for `qa` and
        /// `captions` (a clause's count, or `yes` for a relation statement); for `refs` the
        /// anchor's object id and the twin object the expression picks (`none` when it picks
        /// none or several, or a question's referent is gone or not alone).
        public var anchor: String
        public var twin: String

        public init(
            list: String, item: Int, language: String, level: String? = nil, text: String, program: Program,
            anchor: String, twin: String
        ) {
            self.list = list
            self.item = item
            self.language = language
            self.level = level
            self.text = text
            self.program = program
            self.anchor = anchor
            self.twin = twin
        }
    }

    public var anchor: String
    /// The twin's number among its anchor's twins, from 1.
    public var number: Int
    public var edit: TwinEdit
    public var before: [SceneObject]
    public var flips: [Flip]
    /// The Winoground-style caption pair in every language (empty when the two images'
    /// captions cannot tell them apart).
    public var captions: [TwinCaptions]

    public init(
        anchor: String, number: Int, edit: TwinEdit, before: [SceneObject], flips: [Flip],
        captions: [TwinCaptions] = []
    ) {
        self.anchor = anchor
        self.number = number
        self.edit = edit
        self.before = before
        self.flips = flips
        self.captions = captions
    }

    /// What a flip records when the statement's referent is gone from the twin or not alone.
    public static let none = "none"

    /// The key of twin `number` of the sample keyed `anchor`.
    public static func key(anchor: String, number: Int) -> String { anchor + "-t" + String(number) }
}

extension TwinLink {
    /// The edit as records and the image entries of the annotation formats state it:
    /// `{attribute, from, kind, object, other, to}` (object ids are the anchor's).
    public func writeEdit(_ w: inout JSONWriter) {
        w.beginObject()
        w.key("attribute")
        w.string(edit.attribute)
        w.key("from")
        w.string(edit.from)
        w.key("kind")
        w.string(edit.kind.rawValue)
        w.key("object")
        w.int(edit.object)
        w.key("other")
        if let other = edit.other { w.int(other) } else { w.null() }
        w.key("to")
        w.string(edit.to)
        w.endObject()
    }

    func write(_ w: inout JSONWriter) {
        w.beginObject()
        w.key("anchor")
        w.string(anchor)
        w.key("before")
        w.beginArray()
        for o in before {
            w.beginObject()
            w.key("center")
            w.beginArray()
            w.double(o.center.x)
            w.double(o.center.y)
            w.endArray()
            w.key("color")
            w.string(o.color.name)
            w.key("fill")
            w.string(o.fill.rawValue)
            w.key("id")
            w.int(o.id)
            w.key("radius")
            w.double(o.radius)
            w.key("rgb")
            SampleRecord.write(o.color.rgb, &w)
            w.key("rotation")
            w.double(o.rotation)
            w.key("shape")
            w.string(o.shape.rawValue)
            w.key("size")
            w.string(o.size)
            w.key("z")
            w.int(o.z)
            w.endObject()
        }
        w.endArray()
        w.key("captions")
        w.beginArray()
        for c in captions {
            w.beginObject()
            w.key("anchor")
            w.string(c.anchor)
            w.key("lang")
            w.string(c.language)
            w.key("twin")
            w.string(c.twin)
            w.endObject()
        }
        w.endArray()
        w.key("edit")
        writeEdit(&w)
        w.key("flips")
        w.beginArray()
        for f in flips {
            w.beginObject()
            w.key("anchor")
            w.string(f.anchor)
            w.key("item")
            w.int(f.item)
            w.key("lang")
            w.string(f.language)
            w.key("level")
            if let level = f.level { w.string(level) } else { w.null() }
            w.key("list")
            w.string(f.list)
            w.key("program")
            SampleRecord.write(f.program, &w)
            w.key("text")
            w.string(f.text)
            w.key("twin")
            w.string(f.twin)
            w.endObject()
        }
        w.endArray()
        w.key("number")
        w.int(number)
        w.endObject()
    }

    /// Reads the `twin` field back; errors name the field.
    init(json v: JSONValue) throws(RecordError) {
        func need(_ x: JSONValue?, _ field: String) throws(RecordError) -> JSONValue {
            guard let x else { throw RecordError(field: "twin.\(field)", message: "missing") }
            return x
        }
        func string(_ x: JSONValue?, _ field: String) throws(RecordError) -> String {
            guard let s = try need(x, field).stringValue else {
                throw RecordError(field: "twin.\(field)", message: "expected a string")
            }
            return s
        }
        func int(_ x: JSONValue?, _ field: String) throws(RecordError) -> Int {
            guard let i = try need(x, field).intValue else {
                throw RecordError(field: "twin.\(field)", message: "expected an integer")
            }
            return i
        }
        func double(_ x: JSONValue?, _ field: String) throws(RecordError) -> Double {
            guard let d = try need(x, field).doubleValue, d.isFinite else {
                throw RecordError(field: "twin.\(field)", message: "expected a finite number")
            }
            return d
        }
        let e = try need(v["edit"], "edit")
        let kindName = try string(e["kind"], "edit.kind")
        guard let kind = TwinEdit.Kind(rawValue: kindName) else {
            throw RecordError(
                field: "twin.edit.kind",
                message:
                    "unknown edit '\(kindName)'; valid: \(TwinEdit.Kind.allCases.map(\.rawValue).joined(separator: ", "))"
            )
        }
        edit = TwinEdit(
            kind: kind, object: try int(e["object"], "edit.object"), other: e["other"]?.intValue,
            attribute: try string(e["attribute"], "edit.attribute"), from: try string(e["from"], "edit.from"),
            to: try string(e["to"], "edit.to"))
        anchor = try string(v["anchor"], "anchor")
        number = try int(v["number"], "number")
        var before: [SceneObject] = []
        for (i, o) in (try need(v["before"], "before").arrayValue ?? []).enumerated() {
            let p = "before[\(i)]"
            guard let shape = ShapeKind(rawValue: try string(o["shape"], "\(p).shape")),
                let fill = Fill(rawValue: try string(o["fill"], "\(p).fill"))
            else { throw RecordError(field: "twin.\(p)", message: "unknown shape or fill") }
            let rgb = try need(o["rgb"], "\(p).rgb").arrayValue?.compactMap(\.intValue) ?? []
            guard rgb.count == 3, rgb.allSatisfy({ (0...255).contains($0) }) else {
                throw RecordError(field: "twin.\(p).rgb", message: "expected [r, g, b], 0-255")
            }
            let center = try need(o["center"], "\(p).center").arrayValue ?? []
            guard center.count == 2 else { throw RecordError(field: "twin.\(p).center", message: "expected [x, y]") }
            let radius = try double(o["radius"], "\(p).radius")
            guard radius > 0, radius <= 1_000_000 else {
                throw RecordError(field: "twin.\(p).radius", message: "expected a radius over 0 and at most 1000000")
            }
            before.append(
                SceneObject(
                    id: try int(o["id"], "\(p).id"), shape: shape,
                    color: NamedColor(
                        name: try string(o["color"], "\(p).color"),
                        rgb: RGB(UInt8(rgb[0]), UInt8(rgb[1]), UInt8(rgb[2]))),
                    size: try string(o["size"], "\(p).size"), radius: radius, fill: fill,
                    center: Point(
                        x: try double(center[0], "\(p).center[0]"), y: try double(center[1], "\(p).center[1]")),
                    rotation: try double(o["rotation"], "\(p).rotation"), z: try int(o["z"], "\(p).z")))
        }
        self.before = before
        var flips: [Flip] = []
        for (i, f) in (try need(v["flips"], "flips").arrayValue ?? []).enumerated() {
            let p = "flips[\(i)]"
            flips.append(
                Flip(
                    list: try string(f["list"], "\(p).list"), item: try int(f["item"], "\(p).item"),
                    language: try string(f["lang"], "\(p).lang"), level: f["level"]?.stringValue,
                    text: try string(f["text"], "\(p).text"),
                    program: try SampleRecord.program(f["program"], "twin.\(p).program"),
                    anchor: try string(f["anchor"], "\(p).anchor"), twin: try string(f["twin"], "\(p).twin")))
        }
        self.flips = flips
        var captions: [TwinCaptions] = []
        for (i, c) in (try need(v["captions"], "captions").arrayValue ?? []).enumerated() {
            captions.append(
                TwinCaptions(
                    language: try string(c["lang"], "captions[\(i)].lang"),
                    anchor: try string(c["anchor"], "captions[\(i)].anchor"),
                    twin: try string(c["twin"], "captions[\(i)].twin")))
        }
        self.captions = captions
    }
}
