import DatasetWriters
import Describer
import SampleRecords
import SceneModel

/// What the page shows of one sample, as one JSON object in a page file.
///
/// It is a projection of the sample record, not the record: programs and measurements the
/// page does not show are left out, so that a page of 50 samples stays a few hundred
/// kilobytes. Every box is copied from the record unchanged (`[x, y, w, h]`, pixel edges).
struct SampleCard: Sendable {
    var key: String
    var location: String
    var image: String?
    var mask: String?
    var record: SampleRecord?
    var problems: [String]

    /// Appends the card's JSON object (fields in a fixed order: the output is deterministic).
    func write(into w: inout JSONWriter) {
        w.beginObject()
        w.key("key")
        w.string(key)
        w.key("location")
        w.string(location)
        w.key("src")
        if let image { w.string(image) } else { w.null() }
        w.key("mask")
        if let mask { w.string(mask) } else { w.null() }
        w.key("problems")
        w.beginArray()
        for p in problems { w.string(p) }
        w.endArray()
        guard let r = record else {
            w.endObject()
            return
        }
        w.key("index")
        w.int(Int(truncatingIfNeeded: r.index))
        w.key("plan")
        w.string(r.plan)
        w.key("width")
        w.int(r.width)
        w.key("height")
        w.int(r.height)
        w.key("background")
        w.string(r.background.name)
        w.key("objects")
        w.beginArray()
        for o in r.objects {
            let s = o.object
            w.beginObject()
            w.key("id")
            w.int(s.id)
            w.key("shape")
            w.string(s.shape.rawValue)
            w.key("color")
            w.string(s.color.name)
            w.key("rgb")
            w.ints(Int(s.color.rgb.r), Int(s.color.rgb.g), Int(s.color.rgb.b))
            w.key("size")
            w.string(s.size)
            w.key("fill")
            w.string(s.fill.rawValue)
            w.key("bbox")
            SampleCard.write(o.measurement.bbox, &w)
            w.key("area")
            w.int(o.measurement.visiblePixels)
            w.key("mask_rgb")
            let c = MaskOverlay.color(of: s.id)
            w.ints(Int(c.0), Int(c.1), Int(c.2))
            w.endObject()
        }
        w.endArray()
        w.key("captions")
        w.beginArray()
        for (language, c) in r.description.captions {
            w.beginObject()
            w.key("lang")
            w.string(language)
            w.key("short")
            w.string(c.short)
            w.key("detailed")
            w.string(c.detailed)
            w.key("dense")
            w.beginArray()
            for d in c.dense {
                w.beginObject()
                w.key("object")
                w.int(d.objectID)
                w.key("text")
                w.string(d.text)
                w.key("bbox")
                SampleCard.write(d.bbox, &w)
                w.endObject()
            }
            w.endArray()
            w.endObject()
        }
        w.endArray()
        w.key("qa")
        w.beginArray()
        for q in r.description.qa {
            w.beginObject()
            w.key("lang")
            w.string(q.language)
            w.key("question")
            w.string(q.question)
            w.key("answer")
            w.string(q.answer)
            w.key("family")
            w.string(q.family)
            w.key("answer_type")
            w.string(q.answerType.rawValue)
            w.key("level")
            w.string(q.level)
            w.endObject()
        }
        w.endArray()
        w.key("refs")
        w.beginArray()
        for ref in r.description.refs {
            w.beginObject()
            w.key("lang")
            w.string(ref.language)
            w.key("text")
            w.string(ref.text)
            w.key("object")
            w.int(ref.objectID)
            w.key("bbox")
            SampleCard.write(ref.bbox, &w)
            w.endObject()
        }
        w.endArray()
        w.key("negatives")
        w.beginArray()
        for n in r.description.negatives {
            w.beginObject()
            w.key("lang")
            w.string(n.language)
            w.key("text")
            w.string(n.text)
            w.key("kind")
            w.string(n.kind)
            w.key("of")
            w.string(n.of)
            w.endObject()
        }
        w.endArray()
        // Only records with conversations have them, so other pages keep their bytes.
        if !r.description.conversations.isEmpty {
            w.key("conversations")
            w.beginArray()
            for c in r.description.conversations {
                w.beginObject()
                w.key("lang")
                w.string(c.language)
                w.key("shortfall")
                w.int(c.shortfall)
                w.key("turns")
                w.beginArray()
                for t in c.turns {
                    w.beginObject()
                    w.key("kind")
                    w.string(t.kind)
                    w.key("question")
                    w.string(t.question)
                    w.key("answer")
                    w.string(t.answer)
                    w.endObject()
                }
                w.endArray()
                w.endObject()
            }
            w.endArray()
        }
        w.endObject()
    }

    static func write(_ b: PixelBox?, _ w: inout JSONWriter) {
        if let b { w.ints(b.x, b.y, b.width, b.height) } else { w.null() }
    }
}

/// Makes JSON safe to embed in a script: `<`, `>` and `&` become `\u003c`, `\u003e` and
/// `\u0026`, and the line separators U+2028 and U+2029 become escapes. JSON has those bytes only
/// inside strings, where the escapes mean the same characters, so the data is unchanged while
/// no text from a record can ever close a script element or start markup.
func scriptSafe(_ json: [UInt8]) -> [UInt8] {
    var out: [UInt8] = []
    out.reserveCapacity(json.count + json.count / 16)
    var i = 0
    while i < json.count {
        let b = json[i]
        switch b {
        case UInt8(ascii: "<"): out.append(contentsOf: Array("\\u003c".utf8))
        case UInt8(ascii: ">"): out.append(contentsOf: Array("\\u003e".utf8))
        case UInt8(ascii: "&"): out.append(contentsOf: Array("\\u0026".utf8))
        case 0xE2 where i + 2 < json.count && json[i + 1] == 0x80 && (json[i + 2] == 0xA8 || json[i + 2] == 0xA9):
            out.append(contentsOf: Array((json[i + 2] == 0xA8 ? "\\u2028" : "\\u2029").utf8))
            i += 2
        default: out.append(b)
        }
        i += 1
    }
    return out
}

/// Escapes text for HTML element content and quoted attribute values.
func htmlEscaped(_ text: String) -> String {
    var out = ""
    out.reserveCapacity(text.utf8.count)
    for c in text.unicodeScalars {
        switch c {
        case "&": out += "&amp;"
        case "<": out += "&lt;"
        case ">": out += "&gt;"
        case "\"": out += "&quot;"
        case "'": out += "&#39;"
        default: out.unicodeScalars.append(c)
        }
    }
    return out
}
