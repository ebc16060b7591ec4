import Describer
import SceneModel

/// The record's `conversations` field: present only when the run's plan asks for
/// conversations, so records of plans without them keep their bytes. Every turn has the same
/// fields with the same types (a turn without a box has `bbox: []`, without a program
/// `program: []`), so readers that infer a schema from the first rows see one.
extension SampleRecord {
    static func write(conversations: [Conversation], _ w: inout JSONWriter) {
        w.beginArray()
        for c in conversations {
            w.beginObject()
            w.key("lang")
            w.string(c.language)
            w.key("shortfall")
            w.int(c.shortfall)
            w.key("turns")
            w.beginArray()
            for t in c.turns { write(turn: t, &w) }
            w.endArray()
            w.endObject()
        }
        w.endArray()
    }

    static func write(turn t: ConversationTurn, _ w: inout JSONWriter) {
        w.beginObject()
        w.key("answer")
        w.string(t.answer)
        w.key("bbox")
        if let b = t.bbox { w.ints(b.x, b.y, b.width, b.height) } else { w.ints([]) }
        w.key("claimed")
        w.string(t.claimed)
        w.key("family")
        w.string(t.family)
        w.key("kind")
        w.string(t.kind)
        w.key("program")
        write(t.program, &w)
        w.key("question")
        w.string(t.question)
        w.key("reasoning")
        w.beginArray()
        for s in t.reasoning {
            w.beginObject()
            w.key("objects")
            w.ints(s.objects)
            w.key("step")
            w.int(s.step)
            w.key("value")
            w.string(s.value)
            w.endObject()
        }
        w.endArray()
        w.key("referent")
        w.ints(t.referent)
        w.key("referent_step")
        w.int(t.referentStep)
        w.key("value")
        w.string(t.value)
        w.endObject()
    }

    /// Reads `conversations` back (absent: none).
    static func conversations(_ json: JSONValue) throws(RecordError) -> [Conversation] {
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
        func string(_ v: JSONValue?, _ field: String) throws(RecordError) -> String {
            guard let s = try need(v, field).stringValue else {
                throw RecordError(field: field, message: "expected a string")
            }
            return s
        }
        func list(_ v: JSONValue?, _ field: String) throws(RecordError) -> [JSONValue] {
            guard let a = try need(v, field).arrayValue else {
                throw RecordError(field: field, message: "expected a list")
            }
            return a
        }
        func ints(_ v: JSONValue?, _ field: String) throws(RecordError) -> [Int] {
            var out: [Int] = []
            for (i, x) in try list(v, field).enumerated() { out.append(try int(x, "\(field)[\(i)]")) }
            return out
        }
        guard let items = json["conversations"] else { return [] }
        var out: [Conversation] = []
        for (i, c) in try list(items, "conversations").enumerated() {
            let p = "conversations[\(i)]"
            var turns: [ConversationTurn] = []
            for (k, t) in try list(c["turns"], "\(p).turns").enumerated() {
                let q = "\(p).turns[\(k)]"
                let b = try ints(t["bbox"], "\(q).bbox")
                guard b.isEmpty || b.count == 4 else {
                    throw RecordError(field: "\(q).bbox", message: "expected [] or [x, y, w, h]")
                }
                var reasoning: [StatedStep] = []
                for (j, s) in try list(t["reasoning"], "\(q).reasoning").enumerated() {
                    let r = "\(q).reasoning[\(j)]"
                    reasoning.append(
                        StatedStep(
                            step: try int(s["step"], "\(r).step"), objects: try ints(s["objects"], "\(r).objects"),
                            value: try string(s["value"], "\(r).value")))
                }
                turns.append(
                    ConversationTurn(
                        kind: try string(t["kind"], "\(q).kind"), question: try string(t["question"], "\(q).question"),
                        answer: try string(t["answer"], "\(q).answer"), value: try string(t["value"], "\(q).value"),
                        family: try string(t["family"], "\(q).family"),
                        program: try program(t["program"], "\(q).program"), reasoning: reasoning,
                        referentStep: try int(t["referent_step"], "\(q).referent_step"),
                        referent: try ints(t["referent"], "\(q).referent"),
                        bbox: b.isEmpty ? nil : PixelBox(x: b[0], y: b[1], width: b[2], height: b[3]),
                        claimed: try string(t["claimed"], "\(q).claimed")))
            }
            out.append(
                Conversation(
                    language: try string(c["lang"], "\(p).lang"), turns: turns,
                    shortfall: try int(c["shortfall"], "\(p).shortfall")))
        }
        return out
    }
}
