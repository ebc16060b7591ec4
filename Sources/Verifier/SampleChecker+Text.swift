import DatasetWriters
import Describer
import Rasterizer
import SampleRecords
import SceneModel

/// Text against its pixels: the words the record states are the words its text sets into, each
/// word's and item's boxes are what the redrawn pixels measure, every word's box holds ink of
/// the item's color, and no ink of any text lies outside its item's box (the image against the
/// scene redrawn without its text: every pixel that differs lies in some item's box).
extension SampleChecker {
    static func letteringDefects(_ record: SampleRecord, _ rendered: RenderedScene, _ rgb: [UInt8], key: String)
        -> [Defect]
    {
        guard let texts = record.texts, !texts.isEmpty else { return [] }
        var out: [Defect] = []
        func defect(_ message: String) { out.append(Defect(key, "text", message)) }
        let width = record.width
        var bare = rendered.scene
        bare.texts = []
        let without = Rasterizer.render(bare, coverageLevels: rendered.coverageLevels).canvas.rgb
        for (i, (t, set)) in zip(texts, rendered.scene.texts).enumerated() {
            let name = "texts[\(i)] \"\(t.item.text)\""
            let recorded = t.item.words.map { "\($0.id):\($0.text)" }
            let again = set.words.map { "\($0.id):\($0.text)" }
            if recorded != again {
                defect("\(name): the record's words \(recorded) are not the words it sets into \(again)")
                continue
            }
            if set.words.map(\.text) != TextItem.words(of: t.item.text).map(String.init) {
                defect("\(name): its words do not spell its text")
            }
            guard i < rendered.textMeasurements.count else { continue }
            let measured = rendered.textMeasurements[i]
            if measured.inkBox != t.measurement.inkBox {
                defect("\(name): recorded box \(box(t.measurement.inkBox)), the pixels measure \(box(measured.inkBox))")
            }
            for (k, (word, m)) in zip(t.measurement.words, measured.words).enumerated()
            where word.bbox != m.bbox || word.visiblePixels != m.visiblePixels {
                defect(
                    "\(name) word \(k): recorded area \(word.visiblePixels) box \(box(word.bbox)), the pixels measure area \(m.visiblePixels) box \(box(m.bbox))"
                )
            }
            // Ink of the item's color in every word: each pixel the word owns (redrawn id plane)
            // is at least as near the item's color as to what lies beneath it (the image drawn
            // without text), as a blend of at least half the text color is (within the rounding
            // of a blend, one unit per channel).
            let color = t.item.color.rgb
            for (k, word) in zip(set.words.indices, set.words) {
                guard let b = t.measurement.words[k].bbox else {
                    defect("\(name) word \(k) '\(word.text)' has no pixels")
                    continue
                }
                var owned = 0
                var faint = 0
                for y in b.y..<(b.y + b.height) {
                    for x in b.x..<(b.x + b.width)
                    where rendered.canvas.ids[y * width + x] == UInt8(truncatingIfNeeded: word.id) {
                        let p = 3 * (y * width + x)
                        guard p + 2 < rgb.count, p + 2 < without.count else { continue }
                        owned += 1
                        let toText = distance(rgb, p, color)
                        let toBeneath = distance(rgb, p, RGB(without[p], without[p + 1], without[p + 2]))
                        if toText > toBeneath + 3 { faint += 1 }
                    }
                }
                if owned == 0 || faint > 0 {
                    defect(
                        "\(name) word \(k) '\(word.text)': \(faint) of its \(owned) pixels in \(box(b)) are nearer what lies beneath than \(t.item.color.name)"
                    )
                }
            }
        }
        // No ink outside the items' boxes.
        let boxes = texts.compactMap(\.measurement.inkBox)
        var outside = 0
        var first: (Int, Int)?
        for i in 0..<(min(without.count, rgb.count) / 3)
        where without[3 * i] != rgb[3 * i] || without[3 * i + 1] != rgb[3 * i + 1]
            || without[3 * i + 2] != rgb[3 * i + 2]
        {
            let x = i % width
            let y = i / width
            if !boxes.contains(where: { x >= $0.x && x < $0.x + $0.width && y >= $0.y && y < $0.y + $0.height }) {
                outside += 1
                if first == nil { first = (x, y) }
            }
        }
        if let first {
            defect("\(outside) pixels of text ink lie outside every text item's box (first at \(first.0),\(first.1))")
        }
        return out
    }

    /// Euclidean distance in sRGB between the pixel at byte offset `p` and `c`.
    static func distance(_ rgb: [UInt8], _ p: Int, _ c: RGB) -> Double {
        let dr = Double(rgb[p]) - Double(c.r)
        let dg = Double(rgb[p + 1]) - Double(c.g)
        let db = Double(rgb[p + 2]) - Double(c.b)
        return (dr * dr + dg * dg + db * db).squareRoot()
    }
}

extension SampleChecker {
    /// A referring expression whose program returns text item `t`: it must name the item's
    /// first word and give the union of its words' boxes as the pixels measured them.
    static func textReferenceDefects(_ record: SampleRecord, _ i: Int, _ r: ReferenceItem, text t: Int, key: String)
        -> [Defect]
    {
        guard let texts = record.texts, t < texts.count, let first = texts[t].item.words.first else {
            return [Defect(key, "refs", "refs[\(i)] \"\(r.text)\" picks text \(t), which the record does not hold")]
        }
        if first.id != r.objectID {
            return [
                Defect(
                    key, "refs", "refs[\(i)] \"\(r.text)\" picks text item of word \(first.id), recorded \(r.objectID)")
            ]
        }
        if TextReferences.box(texts[t].measurement) != r.bbox {
            return [Defect(key, "refs", "refs[\(i)] box \(box(r.bbox)) is not the union of its text's word boxes")]
        }
        return []
    }
}

extension SampleChecker {
    /// What the COCO file must annotate of this record: its objects, and for plans that draw
    /// text or charts (records with `texts` or `chart`) its text items and chart marks. A chart's
    /// text comes from the chart laid out again and measured (`rendered`), so the COCO file is
    /// held to the pixels.
    static func annotationDigest(_ record: SampleRecord, rendered: RenderedScene? = nil) -> UInt64 {
        var items = record.objects.compactMap { o in
            o.measurement.bbox.map { (o.object.id, o.measurement.visiblePixels, $0) }
        }
        if record.texts != nil || record.chart != nil {
            var r = record
            if let rendered, r.chart != nil {
                r.texts = zip(rendered.scene.texts, rendered.textMeasurements).map {
                    SampleRecord.Text(item: $0, measurement: $1)
                }
            }
            items += TextAndMarkAnnotation.of(r).map { ($0.id, $0.area, $0.bbox) }
        }
        return DatasetVerifier.objectDigest(items)
    }
}
