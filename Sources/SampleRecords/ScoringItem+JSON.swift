import SceneModel

extension ScoringItem {
    /// The item as a line of a held-out answer key: everything `score` needs to score it,
    /// `{"id", "index", "key", "lang", "task", ...}` plus per task
    /// - `vqa`: `answer`, `answer_type`, `family`, `hops`, `level`, `question`, `relations`, `values`;
    /// - `ref`: `bbox` [x, y, w, h], `candidates` (every object's box), `height`, `kind`, `relations`,
    ///   `text`, `values`, `width`;
    /// - `negative`: `caption` (the true text), `kind`, `negative`, `texts` (the pair as shown);
    /// - `group`: `anchor` (the anchor's key), `captions` [anchor's, twin's], `kind` (the edit).
    public var keyJSON: JSONValue {
        var o: JSONObject = [
            "id": .string(id), "index": .int(Int(truncatingIfNeeded: index)), "key": .string(key),
            "lang": .string(language), "task": .string(task.rawValue),
        ]
        switch truth {
        case .vqa(let q):
            o["answer"] = .string(q.answer)
            o["answer_type"] = .string(q.answerType)
            o["family"] = .string(q.family)
            o["hops"] = .int(q.hops)
            o["level"] = .string(q.level)
            o["question"] = .string(q.question)
            o["relations"] = .array(q.relations.map { .string($0) })
            o["values"] = .array(q.values.map { .string($0) })
        case .ref(let r):
            o["bbox"] = Self.json(r.bbox)
            o["candidates"] = .array(r.candidates.map(Self.json))
            o["height"] = .int(r.height)
            o["kind"] = .string(r.kind)
            o["relations"] = .array(r.relations.map { .string($0) })
            o["text"] = .string(r.text)
            o["values"] = .array(r.values.map { .string($0) })
            o["width"] = .int(r.width)
        case .negative(let p):
            o["caption"] = .string(p.caption)
            o["kind"] = .string(p.kind)
            o["negative"] = .string(p.negative)
            o["texts"] = .array(p.texts(id: id).map { .string($0) })
        case .group(let g):
            o["anchor"] = .string(g.anchorKey)
            o["captions"] = .array(g.captions.map { .string($0) })
            o["kind"] = .string(g.kind)
        }
        return .object(o)
    }

    /// The item as a line of a held-out test file: what a model is shown, without the answer.
    /// `{"id", "image", "key", "lang", "task"}` plus `question` (vqa), `text`, `width`, `height`
    /// (ref: the expression to ground), `texts` (negative: the two texts, in the order a
    /// prediction's `choice` counts) or `images` and `captions` (group: image 0 the anchor's,
    /// image 1 the twin's; caption 0 true of image 0, caption 1 of image 1).
    public var publicJSON: JSONValue {
        var o: JSONObject = [
            "id": .string(id), "image": .string("images/" + key + ".png"), "key": .string(key),
            "lang": .string(language), "task": .string(task.rawValue),
        ]
        switch truth {
        case .vqa(let q): o["question"] = .string(q.question)
        case .ref(let r):
            o["text"] = .string(r.text)
            o["width"] = .int(r.width)
            o["height"] = .int(r.height)
        case .negative(let p): o["texts"] = .array(p.texts(id: id).map { .string($0) })
        case .group(let g):
            o["captions"] = .array(g.captions.map { .string($0) })
            o["images"] = .array([.string("images/" + g.anchorKey + ".png"), .string("images/" + key + ".png")])
        }
        return .object(o)
    }

    static func json(_ b: PixelBox) -> JSONValue { .array([.int(b.x), .int(b.y), .int(b.width), .int(b.height)]) }

    /// Reads a key line back (``keyJSON``); the error names the field and what was expected.
    public init(keyJSON v: JSONValue) throws(RecordError) {
        func string(_ field: String) throws(RecordError) -> String {
            guard let s = v[field]?.stringValue else { throw RecordError(field: field, message: "expected a string") }
            return s
        }
        func int(_ field: String) throws(RecordError) -> Int {
            guard let i = v[field]?.intValue else { throw RecordError(field: field, message: "expected an integer") }
            return i
        }
        func box(_ value: JSONValue?, _ field: String) throws(RecordError) -> PixelBox {
            guard let a = value?.arrayValue, a.count == 4, let x = a[0].intValue, let y = a[1].intValue,
                let w = a[2].intValue, let h = a[3].intValue, w >= 0, h >= 0
            else { throw RecordError(field: field, message: "expected [x, y, width, height], integers, sizes >= 0") }
            return PixelBox(x: x, y: y, width: w, height: h)
        }
        /// Optional lists of strings (keys written before they existed have none).
        func strings(_ field: String) throws(RecordError) -> [String] {
            guard let value = v[field] else { return [] }
            guard let list = value.arrayValue else {
                throw RecordError(field: field, message: "expected a list of strings")
            }
            var out: [String] = []
            for item in list {
                guard let s = item.stringValue else {
                    throw RecordError(field: field, message: "expected a list of strings")
                }
                out.append(s)
            }
            return out
        }
        let taskName = try string("task")
        guard let task = Task(rawValue: taskName) else {
            throw RecordError(field: "task", message: "expected vqa, ref, negative or group, found '\(taskName)'")
        }
        let index = try int("index")
        guard index >= 0 else { throw RecordError(field: "index", message: "must not be negative") }
        id = try string("id")
        key = try string("key")
        self.index = UInt64(index)
        language = try string("lang")
        switch task {
        case .vqa:
            truth = .vqa(
                Question(
                    question: try string("question"), answer: try string("answer"), family: try string("family"),
                    level: try string("level"), hops: try int("hops"), answerType: try string("answer_type"),
                    values: try strings("values"), relations: try strings("relations")))
        case .ref:
            guard let list = v["candidates"]?.arrayValue else {
                throw RecordError(field: "candidates", message: "expected a list of boxes")
            }
            var candidates: [PixelBox] = []
            for (i, c) in list.enumerated() { candidates.append(try box(c, "candidates[\(i)]")) }
            let width = try int("width")
            let height = try int("height")
            guard width > 0, height > 0 else {
                throw RecordError(field: "width", message: "expected a positive image size")
            }
            truth = .ref(
                Reference(
                    text: try string("text"), bbox: try box(v["bbox"], "bbox"), kind: try string("kind"), width: width,
                    height: height, candidates: candidates, values: try strings("values"),
                    relations: try strings("relations")))
        case .negative:
            truth = .negative(
                Pair(caption: try string("caption"), negative: try string("negative"), kind: try string("kind")))
        case .group:
            let captions = v["captions"]?.arrayValue?.compactMap(\.stringValue) ?? []
            guard captions.count == 2 else {
                throw RecordError(field: "captions", message: "expected the two captions [anchor's, twin's]")
            }
            truth = .group(Group(anchorKey: try string("anchor"), captions: captions, kind: try string("kind")))
        }
    }
}
