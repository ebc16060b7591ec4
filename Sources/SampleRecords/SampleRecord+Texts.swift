import SceneModel

/// The record's `texts` field, written only for plans that draw text (every record of such a run
/// has it, possibly empty): per text item what it says and how it is set (enough to set it
/// again and redraw the image), its ink box and each word's box measured from the id plane.
extension SampleRecord {
    /// One text item with what its pixels measure.
    public struct Text: Sendable, Hashable {
        public var item: TextItem
        public var measurement: TextMeasurement

        public init(item: TextItem, measurement: TextMeasurement) {
            self.item = item
            self.measurement = measurement
        }
    }

    static func write(texts: [Text], _ w: inout JSONWriter) {
        w.beginArray()
        for t in texts {
            let item = t.item
            w.beginObject()
            w.key("anchor")
            w.string(item.anchor.description)
            w.key("bbox")
            write(t.measurement.inkBox, &w)
            w.key("color")
            w.string(item.color.name)
            w.key("font")
            w.string(item.font)
            w.key("labels")
            if let l = item.labels { w.int(l) } else { w.null() }
            w.key("lang")
            w.string(item.language)
            w.key("position")
            w.beginArray()
            w.double(item.position.x)
            w.double(item.position.y)
            w.endArray()
            w.key("reading_order")
            w.int(item.readingOrder)
            w.key("rgb")
            write(item.color.rgb, &w)
            w.key("role")
            w.string(item.role)
            w.key("rotation")
            w.double(item.rotation)
            w.key("size")
            w.double(item.size)
            w.key("text")
            w.string(item.text)
            w.key("weight")
            w.string(item.weight)
            w.key("words")
            w.beginArray()
            for (word, m) in zip(item.words, t.measurement.words) {
                w.beginObject()
                w.key("area")
                w.int(m.visiblePixels)
                w.key("bbox")
                write(m.bbox, &w)
                w.key("id")
                w.int(word.id)
                w.key("text")
                w.string(word.text)
                w.endObject()
            }
            w.endArray()
            w.endObject()
        }
        w.endArray()
    }

    /// The `texts` field read back: nil when the record has none (a plan without text). Words
    /// come back without outlines; the typesetter sets them again from the recorded fields.
    static func texts(_ json: JSONValue) throws(RecordError) -> [Text]? {
        guard let list = json["texts"] else { return nil }
        guard let items = list.arrayValue else { throw RecordError(field: "texts", message: "expected a list") }
        var out: [Text] = []
        for (i, t) in items.enumerated() {
            let p = "texts[\(i)]"
            func string(_ key: String) throws(RecordError) -> String {
                guard let s = t[key]?.stringValue else {
                    throw RecordError(field: "\(p).\(key)", message: "expected a string")
                }
                return s
            }
            func number(_ v: JSONValue?, _ field: String) throws(RecordError) -> Double {
                guard let d = v?.doubleValue, d.isFinite else {
                    throw RecordError(field: field, message: "expected a finite number")
                }
                return d
            }
            func integer(_ v: JSONValue?, _ field: String) throws(RecordError) -> Int {
                guard let n = v?.intValue else { throw RecordError(field: field, message: "expected an integer") }
                return n
            }
            func box(_ v: JSONValue?, _ field: String) throws(RecordError) -> PixelBox? {
                guard let a = v?.arrayValue, a.count == 4 else {
                    throw RecordError(field: field, message: "expected [x, y, width, height]")
                }
                var n: [Int] = []
                for (k, x) in a.enumerated() { n.append(try integer(x, "\(field)[\(k)]")) }
                return n[2] == 0 && n[3] == 0 ? nil : PixelBox(x: n[0], y: n[1], width: n[2], height: n[3])
            }
            guard let anchor = TextAnchor(name: try string("anchor")) else {
                throw RecordError(
                    field: "\(p).anchor", message: "expected center or <top|middle|baseline|bottom>_<left|center|right>"
                )
            }
            guard let position = t["position"]?.arrayValue, position.count == 2 else {
                throw RecordError(field: "\(p).position", message: "expected [x, y]")
            }
            guard let rgb = t["rgb"]?.arrayValue, rgb.count == 3 else {
                throw RecordError(field: "\(p).rgb", message: "expected [r, g, b]")
            }
            var channels: [UInt8] = []
            for (k, c) in rgb.enumerated() {
                let v = try integer(c, "\(p).rgb[\(k)]")
                guard (0...255).contains(v) else {
                    throw RecordError(field: "\(p).rgb", message: "channels must be 0-255")
                }
                channels.append(UInt8(v))
            }
            var labels: Int?
            if let l = t["labels"], l != .null { labels = try integer(l, "\(p).labels") }
            var words: [TextWord] = []
            var measured: [ObjectMeasurement] = []
            for (k, word) in (t["words"]?.arrayValue ?? []).enumerated() {
                let q = "\(p).words[\(k)]"
                guard let text = word["text"]?.stringValue else {
                    throw RecordError(field: "\(q).text", message: "expected a string")
                }
                words.append(TextWord(id: try integer(word["id"], "\(q).id"), text: text, contours: []))
                let area = try integer(word["area"], "\(q).area")
                let b = try box(word["bbox"], "\(q).bbox")
                measured.append(ObjectMeasurement(visiblePixels: area, fullPixels: area, bbox: b, fullBox: b))
            }
            let item = TextItem(
                text: try string("text"), language: try string("lang"), font: try string("font"),
                weight: try string("weight"), size: try number(t["size"], "\(p).size"),
                rotation: try number(t["rotation"], "\(p).rotation"),
                color: NamedColor(name: try string("color"), rgb: RGB(channels[0], channels[1], channels[2])),
                position: Point(
                    x: try number(position[0], "\(p).position[0]"), y: try number(position[1], "\(p).position[1]")),
                anchor: anchor, readingOrder: try integer(t["reading_order"], "\(p).reading_order"),
                role: try string("role"), labels: labels, words: words)
            out.append(
                Text(item: item, measurement: TextMeasurement(inkBox: try box(t["bbox"], "\(p).bbox"), words: measured))
            )
        }
        return out
    }
}
