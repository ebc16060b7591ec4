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
            // Ink of the item's color inside every word's box.
            let color = t.item.color.rgb
            for (k, word) in t.measurement.words.enumerated() {
                guard let b = word.bbox else {
                    defect("\(name) word \(k) '\(set.words[k].text)' has no pixels")
                    continue
                }
                var found = false
                for y in b.y..<(b.y + b.height) where !found {
                    for x in b.x..<(b.x + b.width) {
                        let p = 3 * (y * width + x)
                        guard p + 2 < rgb.count else { continue }
                        if rgb[p] == color.r && rgb[p + 1] == color.g && rgb[p + 2] == color.b {
                            found = true
                            break
                        }
                    }
                }
                if !found {
                    defect(
                        "\(name) word \(k) '\(set.words[k].text)': its box \(box(b)) holds no \(t.item.color.name) pixel"
                    )
                }
            }
        }
        // No ink outside the items' boxes.
        var bare = rendered.scene
        bare.texts = []
        let without = Rasterizer.render(bare, coverageLevels: rendered.coverageLevels).canvas.rgb
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
}
